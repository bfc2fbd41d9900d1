"""The web UI: a Gradio Blocks app over one Engine (gradio is imported only here).

Every piece of document text is HTML-escaped before it reaches the page, and the chat shows
messages as sanitised HTML, never as Markdown, so a document cannot inject markup or scripts.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

# A local app: no usage reports or version checks leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from .config import Settings, get_settings  # noqa: E402
from .errors import ConfigError, KcqaError, QuestionError, UploadError  # noqa: E402
from .pipeline import Engine, clean_question, get_engine  # noqa: E402
from .schema import no_sentences_note, skipped_notes  # noqa: E402
from .sources import SUFFIXES, add_source, safe_name  # noqa: E402
from .ui_render import CSS, HEAD, SCROLL_JS, esc, note, render_answer  # noqa: E402

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]

GENERIC_ERROR = "Something went wrong; the details are in the server log."
# Example questions for the bundled seeds corpus, offered only when its files are the sources.
SEED_FILES = ("000_c4f3c2872cd10720.txt", "003_c5b686a9497d3da5.txt")
SEED_EXAMPLES = (
    "When did South Korea and Cuba establish diplomatic relations?",
    "How many people of Korean descent live in Cuba?",
    "Which Cuban president visited North Korea in 2018?",
    "What is the capital of France?",
)


def _message(exc: Exception, action: str) -> str:
    """What the user reads about a failure: a KcqaError's message, else a generic line."""
    if isinstance(exc, KcqaError):
        return str(exc)
    log.error("%s failed", action, exc_info=exc)
    return GENERIC_ERROR


def _capital(message: str) -> str:
    """A message shown on its own, as a sentence: "The question is too long ..." (a message that
    starts with a file name keeps it as it is)."""
    return "The" + message[3:] if message.startswith("the ") else message


def _printable(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


class Activity:
    """What the engine is busy with, shared by every browser tab and shown on the page."""

    def __init__(self) -> None:
        self.label: str | None = None
        self.stage, self.done, self.total = "", 0, 0
        self.error: str | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total

    @contextmanager
    def running(self, label: str) -> Iterator[None]:
        self.label, self.stage, self.done, self.total, self.error = label, "", 0, 0, None
        try:
            yield
        except Exception as exc:
            self.error = _message(exc, label)
            raise
        finally:
            self.label = None


class App:
    """The page's handlers over one Engine; they return HTML, or plain values for the API."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.settings: Settings = engine.settings
        self.activity = Activity()
        self._warm_lock = threading.Lock()
        self._warmed = False

    def warm_up(self) -> None:
        """Load the model and index in the background (building the index if needed), once."""
        with self._warm_lock:
            if self._warmed:
                return
            self._warmed = True
        try:
            built = self.engine.status()["built"]
        except Exception:
            built = False
        label = "Loading the model and index" if built else "Building the index (first start)"
        self.activity.label = label  # before the thread starts, so the page shows it at once

        def run() -> None:
            try:
                with self.activity.running(label):
                    self.engine.index(progress=self.activity.progress)
            except KcqaError as exc:  # shown on the page too
                log.warning("the index is not ready: %s", exc)
            except Exception:  # logged by Activity.running, shown on the page
                pass

        threading.Thread(target=run, name="kcqa-warm-up", daemon=True).start()

    def busy(self) -> bool:
        return self.activity.label is not None

    def banner_html(self) -> str:
        """A line above the chat while the index is being built or loaded."""
        label = self.activity.label
        return (
            (f'<p class="kc-banner">{esc(label)}… Questions are answered as soon as it is ready.</p>')
            if label
            else ""
        )

    def status_html(self) -> str:
        """The index panel: counts, model, build time, stale or not, or the build in progress."""
        return f'<div class="kc-status"><h3>Index</h3>{self._status_body()}</div>'

    def _status_body(self) -> str:
        act = self.activity
        if act.label:
            bar = f'<progress max="{act.total}" value="{act.done}"></progress>' if act.total else ""
            count = f"{act.done:,}/{act.total:,}" if act.total else ""
            return (
                f'<p class="kc-badge kc-busy">{esc(act.label)}…</p>{bar}'
                f'<p class="kc-small">{esc(act.stage)} {count}</p>'
            )
        error = f'<p class="kc-note kc-bad">{esc(act.error)}</p>' if act.error else ""
        try:
            s = self.engine.status()
        except Exception as exc:
            return error + note(_message(exc, "status"), "kc-bad")
        if not s["built"]:
            return f'{error}<p class="kc-badge kc-stale">No index yet</p>' + note(
                f"It is built on the first question, or with Rebuild. Sources: {s['sources']}", "kc-small"
            )
        if not s["stale"]:  # a usable, current index: an earlier failure no longer matters
            act.error, error = None, ""
        n = len(s["added"]) + len(s["changed"]) + len(s["removed"])
        files = f"{n} file{'s' * (n != 1)}"
        badge = (
            f'<p class="kc-badge kc-stale">Sources changed since the build ({files})</p>'
            if s["stale"]
            else '<p class="kc-badge kc-ok">Up to date</p>'
        )
        stories = s.get("stories") or 0
        rows = {
            "Documents": f"{s['documents']:,}" + (f" in {stories:,} stories" if stories > 1 else ""),
            "Chunks": f"{s['chunks']:,}",
            "Model": s["model"].rsplit("/", 1)[-1],
            "Built": s["built_at"].replace("T", " ")[:16] + " UTC",
            "Sources": s["sources"],
        }
        dl = "".join(f"<dt>{k}</dt><dd>{esc(str(v))}</dd>" for k, v in rows.items())
        skipped = "".join(note(line, "kc-small") for line in skipped_notes(s["skipped"]))
        if s["no_sentences"]:
            skipped += note(no_sentences_note(s["no_sentences"]), "kc-small")
        return f"{error}{badge}<dl>{dl}</dl>{skipped}"

    def rebuild(self, progress: Progress) -> str:
        """Rebuild the whole index; a message for the page."""
        try:
            with self.activity.running("Rebuilding the index"):
                report = self.engine.build(full=True, progress=_tee(self.activity, progress))
            return note(report.summary())
        except Exception as exc:
            return note(_message(exc, "rebuild"), "kc-bad")

    def upload(self, paths: list[str], progress: Progress) -> str:
        """Save uploaded .txt/.md files into the sources folder, then update the index."""
        folder, limit = Path(self.settings.sources), self.settings.max_upload_bytes
        notes, saved = [], 0
        for path in paths:
            name = Path(path).name
            try:
                size = os.path.getsize(path)
                if size > limit:  # refused before it is read
                    raise UploadError(f"{name} is too large ({size:,} bytes; the limit is {limit:,}).")
                before = set(os.listdir(folder)) if folder.is_dir() else set()
                target = add_source(folder, name, Path(path).read_bytes(), max_bytes=limit)
            except Exception as exc:
                notes.append(note(f"Not saved: {_message(exc, 'upload')}", "kc-bad"))
                continue
            if target in before:
                notes.append(note(f"{name} is already in the sources as {target}."))
            else:
                saved += 1
                notes.append(note(_saved_as(name, target)))
        if saved:
            try:
                with self.activity.running("Adding to the index"):
                    report = self.engine.build(progress=_tee(self.activity, progress))
                notes.append(note(f"{report.summary()} You can ask about it now."))
            except Exception as exc:
                notes.append(note(f"The index was not updated: {_message(exc, 'update')}", "kc-bad"))
        return "".join(notes)

    def ask_dict(self, question: str) -> dict[str, Any]:
        """The /ask API: ``Answer.to_dict()``, or a gr.Error whose message is for people."""
        try:
            answer = self.engine.ask(question)
            # lone surrogates (undecodable input) cannot travel in JSON: show them as U+FFFD
            return replace(answer, question=_printable(answer.question)).to_dict()
        except Exception as exc:
            raise gr.Error(_message(exc, "ask"), print_exception=False) from None

    def reply_html(self, question: str) -> str:
        """The chat reply to a question, as safe HTML; a failure becomes a short message."""
        try:
            answer = self.engine.ask(question)
        except Exception as exc:
            return f'<div class="kc-reply">{note(_capital(_message(exc, "ask")), "kc-bad")}</div>'
        return render_answer(answer, Path(self.settings.sources))

    def examples(self) -> list[dict[str, str]]:
        folder = Path(self.settings.sources)
        if all((folder / name).is_file() for name in SEED_FILES):
            return [{"text": q} for q in SEED_EXAMPLES]
        return []


def _saved_as(name: str, target: str) -> str:
    if target == name:
        return f"Saved as {target} in the sources folder."
    if target == safe_name(name):
        return f"{name} was saved as {target} (a safe file name)."
    return f"{name} was saved as {target}: a different file of that name is already there."


def _tee(activity: Activity, progress: Progress) -> Progress:
    def both(stage: str, done: int, total: int) -> None:
        activity.progress(stage, done, total)
        progress(stage, done, total)

    return both


STATUS_POLL_SECONDS = 5.0


def build_app(settings: Settings | None = None) -> gr.Blocks:
    """The kcqa Blocks app over the process-wide Engine for ``settings``.

    The Blocks carries ``.kcqa``, the App with its handlers; ``launch()`` serves it.
    """
    app = App(get_engine(settings or get_settings()))

    def add_question(question: str, history: list) -> tuple:
        if not isinstance(question, str) or not question.strip():
            return gr.skip(), history, None
        try:
            clean_question(question, app.settings.max_question_chars)
        except QuestionError as exc:  # left in the box to be put right, not posted; said in a toast
            return gr.skip(), history, {"refused": _capital(str(exc))}
        return "", [*history, {"role": "user", "content": esc(question)}], question

    def answer(question: str | dict | None, history: list) -> tuple:
        if question is None:
            gr.Warning("Type a question about your documents first.")
            return gr.skip(), gr.skip(), gr.skip()
        if isinstance(question, dict):
            gr.Warning(question["refused"])
            return gr.skip(), gr.skip(), gr.skip()
        reply = {"role": "assistant", "content": app.reply_html(question)}
        return [*history, reply], *refresh()[:2]

    def pick_example(evt: gr.SelectData, history: list) -> tuple:
        value = evt.value if isinstance(evt.value, dict) else {}
        return add_question(value.get("text", ""), history)

    def refresh() -> tuple:
        banner = app.banner_html()
        return app.status_html(), gr.HTML(banner, visible=bool(banner)), gr.Timer(active=app.busy())

    def on_load() -> tuple:
        app.warm_up()
        return refresh()

    def rebuild(progress=gr.Progress()) -> tuple:  # noqa: B008 - Gradio injects the tracker
        return app.rebuild(lambda s, d, t: progress((d, t), desc=s)), app.status_html()

    def upload(files: list[str] | None, progress=gr.Progress()) -> tuple:  # noqa: B008
        return app.upload(files or [], lambda s, d, t: progress((d, t), desc=s)), app.status_html()

    with gr.Blocks(title="kcqa: ask your documents") as demo:
        gr.HTML(
            "<h1>kcqa</h1><p>Ask questions about your documents. Every answer is a verbatim "
            "passage, with its source.</p>",
            elem_id="kc-head",
        )
        banner = gr.HTML(elem_id="kc-banner", visible=False)
        pending = gr.State(None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chat = gr.Chatbot(
                    show_label=False,
                    height="max(420px, calc(100vh - 250px))",
                    layout="panel",
                    autoscroll=False,
                    render_markdown=False,
                    sanitize_html=True,
                    latex_delimiters=[],
                    allow_tags=False,
                    buttons=[],
                    feedback_options=None,
                    examples=app.examples() or None,
                    elem_id="kc-chat",
                    placeholder="<b>Ask a question about your documents.</b><br>The answer is "
                    "quoted from them, with each passage highlighted in its article. Each question "
                    "is read on its own (a follow-up such as \u201cand the year before?\u201d is "
                    "not understood yet): name what you ask about.",
                )
                box = gr.Textbox(
                    label="Question",  # its accessible name; shown by the placeholder
                    placeholder="Ask a question…",
                    show_label=False,
                    autofocus=True,
                    max_lines=4,
                    elem_id="kc-q",
                    submit_btn="Ask",
                )
            with gr.Column(scale=1, min_width=280, elem_id="kc-side"):
                status = gr.HTML(
                    '<h3>Index</h3><p class="kc-small">Checking the index…</p>', elem_id="kc-status"
                )
                rebuild_btn = gr.Button("Rebuild index")
                upload_btn = gr.UploadButton(
                    "Add documents", file_types=list(SUFFIXES), file_count="multiple", elem_id="kc-upload"
                )
                limit_mb = app.settings.max_upload_bytes / 1_000_000
                gr.HTML(
                    f'<p class="kc-small">Plain text (.txt, .md, UTF-8), up to {limit_mb:g} MB '
                    "each: saved into the sources folder, then indexed.</p>"
                )
                message = gr.HTML(elem_id="kc-message")
        timer = gr.Timer(1.0, active=False)
        poll = gr.Timer(STATUS_POLL_SECONDS)  # the panel follows files edited, added or removed on disk

        hidden: dict[str, Any] = {"api_visibility": "private"}
        asking = {"concurrency_id": "ask", "concurrency_limit": 2, **hidden}
        indexing = {"concurrency_id": "index", "concurrency_limit": 1, **hidden}

        def ask_on(trigger: Callable, fn: Callable, inputs: list) -> None:
            trigger(fn, inputs, [box, chat, pending], queue=False, **hidden).then(
                None, js=SCROLL_JS, **hidden
            ).then(answer, [pending, chat], [chat, status, banner], **asking).then(
                None, js=SCROLL_JS, **hidden
            )

        ask_on(box.submit, add_question, [box, chat])
        ask_on(chat.example_select, pick_example, [chat])
        chat.clear(lambda: None, None, pending, queue=False, **hidden)
        rebuild_btn.click(rebuild, None, [message, status], **indexing)
        # a new choice of files clears the last upload's message (a file the browser refuses, too
        # large or of another type, is said in a toast, and no older message may stand beside it)
        upload_btn.click(lambda: "", None, message, queue=False, **hidden)
        upload_btn.upload(upload, upload_btn, [message, status], **indexing)
        timer.tick(refresh, None, [status, banner, timer], concurrency_limit=None, **hidden)
        poll.tick(app.status_html, None, status, concurrency_limit=None, show_progress="hidden", **hidden)
        demo.load(on_load, None, [status, banner, timer], concurrency_limit=None, **hidden)
        gr.api(app.ask_dict, api_name="ask", concurrency_id="ask", concurrency_limit=2)
    demo.kcqa = app  # type: ignore[attr-defined]
    return demo


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def launch(
    settings: Settings | None = None,
    *,
    host: str | None = None,
    port: int | None = None,
    demo: gr.Blocks | None = None,
    block: bool = True,
) -> str:
    """Serve the UI; the model and index load (the index is built on first start) meanwhile.

    Args:
        settings: Sources, index and model (default: from the environment).
        host: Address to bind (default 127.0.0.1, or GRADIO_SERVER_NAME); never a share link.
        port: Port (default 7860, or GRADIO_SERVER_PORT).
        demo: An app from ``build_app()`` (built here when not given).
        block: Serve until interrupted; False returns once serving (stop with ``demo.close()``).

    Returns:
        The local URL.
    """
    host = host or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    port = port or port_number(os.environ.get("GRADIO_SERVER_PORT") or "7860")
    if not _is_loopback(host):
        log.warning(
            "serving on %s: anyone who can reach it can read the documents and add "
            "files to the sources folder",
            host,
        )
    demo = demo or build_app(settings)
    app: App = demo.kcqa  # type: ignore[attr-defined]
    app.warm_up()
    font = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"]
    theme = gr.themes.Soft(primary_hue="indigo", font=font, font_mono=["ui-monospace", "monospace"]).set(
        # secondary text (notes, labels, "Also reported by") readable: neutral-400 on white is 2.4:1
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_400",
    )
    try:
        _, url, _ = demo.queue(default_concurrency_limit=1).launch(
            server_name=host,
            server_port=port,
            share=False,
            show_error=False,
            ssr_mode=False,
            max_file_size=2 * app.settings.max_upload_bytes + 1_000_000,
            theme=theme,
            css=CSS,
            head=HEAD,
            footer_links=["api"],
            mcp_server=False,
            run_history=False,
            prevent_thread_lock=not block,
        )
    except OSError as exc:
        if "empty port" not in str(exc):
            raise
        raise ConfigError(
            f"port {port} on {host} is in use (by another kcqa, or another program): serve on "
            f"another, as in `kcqa serve --port {port % 65535 + 1}` or, for app.py and `make run`, "
            f"GRADIO_SERVER_PORT={port % 65535 + 1}."
        ) from None
    return url


def port_number(text: str) -> int:
    """A TCP port number from text; ConfigError unless it is one (1-65535)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise ConfigError(f"{text!r} is no port number: give one from 1 to 65535, as in 7860.")
    return port
