"""The `kcqa` command: index, ask, serve, status, eval. Errors become one line on stderr and exit 1."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from .errors import KcqaError


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--sources", metavar="DIR", help="folder of .txt/.md documents (KCQA_SOURCES; default: seeds)"
    )
    common.add_argument("--index-dir", metavar="DIR", help="index folder (KCQA_INDEX_DIR; default: index)")
    common.add_argument(
        "--model",
        metavar="DIR",
        help="local sentence-transformers model folder (KCQA_MODEL; default: packaged all-MiniLM-L6-v2)",
    )

    parser = argparse.ArgumentParser(
        prog="kcqa",
        description="Ask questions about a folder of documents; every answer is a verbatim, cited passage.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", parents=[common], help="build or update the index")
    p.add_argument("--full", action="store_true", help="rebuild everything instead of updating")
    p.add_argument("--strict", action="store_true", help="fail on a bad source file instead of skipping it")
    p.add_argument(
        "--watch", action="store_true", help="keep running and update the index when sources change"
    )

    p = sub.add_parser("ask", parents=[common], help="answer a question")
    p.add_argument("question", help="the question, in quotes")
    p.add_argument("-k", type=int, default=3, metavar="N", help="number of passages (default 3)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")

    p = sub.add_parser("status", parents=[common], help="show the state of the index")
    p.add_argument("--json", action="store_true", help="print the status as JSON")

    p = sub.add_parser("serve", parents=[common], help="start the web UI")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)"
    )
    p.add_argument("--port", type=_port, default=None, help="port (GRADIO_SERVER_PORT; default 7860)")

    p = sub.add_parser(
        "eval", parents=[common], help="measure answer quality on a question set, against two peers"
    )
    p.add_argument("questions", help="JSON question set (the format of dev.json)")
    p.add_argument("--no-peers", action="store_true", help="measure kcqa only")
    p.add_argument("--json", action="store_true", help="print all metrics and per-question rows as JSON")
    return parser


def _port(text: str) -> int:
    """argparse type of --port: a usage error (exit 2) unless a port number."""
    from .ui import port_number

    try:
        return port_number(text)
    except KcqaError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _settings(args: argparse.Namespace, **extra: object):
    from .config import get_settings

    return get_settings(sources=args.sources, index_dir=args.index_dir, model=args.model, **extra)


def _progress_bar(*, announce: bool = False):
    """A tqdm bar per build stage on stderr; with ``announce``, a one-line notice where no bar can
    show (stderr is not a terminal), so that a first question does not seem to hang."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if announce and bar is None and not sys.stderr.isatty():
            if stage == "embedding":
                print(f"kcqa: building the index: embedding {total} texts...", file=sys.stderr, flush=True)
            elif stage == "vocabulary":  # once per model, into the cache
                print(f"kcqa: reading the model's {total} words, once...", file=sys.stderr, flush=True)
        if bar is None:
            bar = bars[stage] = tqdm(
                total=total,
                desc=stage,
                unit=" texts" if stage == "embedding" else "",
                file=sys.stderr,
                leave=False,
                disable=None,
            )
        bar.total = total
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return progress


def cmd_index(args: argparse.Namespace) -> int:
    from .pipeline import Engine
    from .sources import SourceWarning

    engine = Engine(_settings(args, strict=args.strict or None))
    with warnings.catch_warnings():  # the report lists the skipped files: no warning for each as well
        warnings.simplefilter("ignore", SourceWarning)
        report = engine.build(full=args.full, progress=_progress_bar(announce=True))
        print(report.summary())
        if args.watch:
            from .watch import watch

            print(f"Watching {engine.settings.sources} for changes (Ctrl-C to stop)...", flush=True)
            watch(engine, on_report=lambda r: print(r.summary(), flush=True))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .pipeline import Engine, check_k, clean_question

    settings = _settings(args)
    clean_question(args.question, settings.max_question_chars)  # a bad question fails before any build
    check_k(args.k)
    engine = Engine(settings)
    engine.index(progress=_progress_bar(announce=True))  # build or refresh first, showing progress
    answer = engine.ask(args.question, k=args.k)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        if answer.notice:
            print(f"Note: {answer.notice}\n")
        print(answer.text)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .pipeline import Engine
    from .schema import n_of, no_sentences_note, skipped_notes

    status = Engine(_settings(args)).status()
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=2))
        return 0
    if not status["built"]:
        print(f"No index in {status['index_dir']} yet: run `kcqa index` (or just ask a question).")
        return 0
    state = "STALE: the sources changed since the build" if status["stale"] else "up to date"
    print(f"Index {status['index_dir']} ({status['version']}), {state}")
    stories = status.get("stories")
    told = f" ({stories} {'story' if stories == 1 else 'stories'})" if stories else ""
    print(
        f"  sources:   {status['sources']}: {n_of(status['documents'], 'document')}{told}, "
        f"{n_of(status['chunks'], 'chunk')}, {n_of(status['sentences'], 'sentence')}"
    )
    print(f"  model:     {status['model']}")
    print(f"  built at:  {status['built_at']}")
    for key in ("added", "changed", "removed"):
        if status[key]:
            print(f"  {key}: {', '.join(status[key])}")
    for line in skipped_notes(status["skipped"]):
        print(f"  {line}")
    if status["no_sentences"]:
        print(f"  {no_sentences_note(status['no_sentences'])}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .ui import launch

    launch(_settings(args), host=args.host, port=args.port)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import run

    print(run(_settings(args), Path(args.questions), peers=not args.no_peers, as_json=args.json))
    return 0


COMMANDS = {"index": cmd_index, "ask": cmd_ask, "status": cmd_status, "serve": cmd_serve, "eval": cmd_eval}


def _format_warning(message, category, filename, lineno, line=None) -> str:
    """A warning as one line ("kcqa: warning: skipped a.txt: empty file; ..."), without Python's
    file name and source line."""
    return f"kcqa: warning: {message}\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 a kcqa error, 2 bad usage)."""
    args = _parser().parse_args(argv)
    # Undecodable bytes in a question or a file name print as "?" instead of failing the output.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    plain, warnings.formatwarning = warnings.formatwarning, _format_warning
    try:
        return COMMANDS[args.command](args)
    except KcqaError as exc:
        print(f"kcqa: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kcqa: interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.formatwarning = plain


def command() -> None:
    """The ``kcqa`` command: main(), then exit at once. Once torch is loaded, Python's own shutdown
    spends about a second tearing its modules down, after the answer is printed and every file kcqa
    wrote is closed; so the output is flushed and the process ends without it."""
    try:
        code = main()
    except BrokenPipeError:  # the reader has gone ("kcqa ask ... | head -3"): nothing left to say
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the same, found when flushing
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    command()
