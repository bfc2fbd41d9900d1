"""`kcqa eval`: answer quality on a question set (the format of dev.json), for kcqa and its peers."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .schema import Answer, n_of

CONCISE_CHARS = 300
METRICS = ("hit@1", "hit@3", "concise@1", "answered", "abstain", "provenance", "p50 ms", "p95 ms")


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    """Questions from a JSON file ``{"questions": [{id, question, answers, sources, kind}]}``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))  # Notepad writes a BOM
        questions = data["questions"] if isinstance(data, dict) else data
        seen: set[object] = set()
        for q in questions:
            if not isinstance(q["question"], str) or not isinstance(q["answers"], list):
                raise ValueError("question must be text and answers a list")
            name = q.get("id", q["question"])
            if not all(isinstance(a, str) for a in q["answers"]):
                raise ValueError(f'the answers of {name!r} must be text, as in "5"')
            if not q["question"].strip():
                raise ValueError(f"the question of {name!r} is empty")
            if not re.search(r"\w", q["question"]):
                raise ValueError(f"the question of {name!r} has no words")
            sources = q.get("sources") or []
            if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
                raise ValueError(f'the sources of {name!r} must be a list of file names, as in ["a.txt"]')
            if "id" in q and q["id"] in seen:  # its rows could not be told apart
                raise ValueError(f"the id {q['id']!r} is given to two questions: each needs its own")
            seen.add(q.get("id"))
        if not questions:
            raise ValueError("it holds no questions")
    except FileNotFoundError:
        raise ConfigError(f"question file {str(path)!r} not found.") from None
    except IsADirectoryError:
        raise ConfigError(f"{str(path)!r} is a folder: give the question file (JSON) inside it.") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{str(path)!r} is not UTF-8 text: save the question set as UTF-8 JSON.") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f'{path} is not a question set: expected {{"questions": [{{"id", "question", '
            f'"answers", "sources", "kind"}}]}} ({exc}).'
        ) from None
    return questions


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").casefold().split())


def contains_gold(text: str, answers: list[str]) -> bool:
    """True when one of the gold strings occurs in the text (case and spacing ignored)."""
    t = _norm(text)
    return any(_norm(a) in t for a in answers)


def provenance_ok(answer: Answer, sources: Path, cache: dict[str, str]) -> bool:
    """Every passage of the answer reads back verbatim from its source at its offsets."""
    for p in answer.every_passage():
        if p.source not in cache:
            cache[p.source] = Path(sources, p.source).read_text(encoding="utf-8")
        if cache[p.source][p.start : p.end] != p.text:
            return False
    return True


def evaluate(questions: list[dict[str, Any]], ask: Callable[[str], Answer], sources: Path) -> dict[str, Any]:
    """Run every question through ``ask`` and compute the metrics of METRICS, plus per-question rows."""
    rows, times, cache = [], [], {}
    for q in questions:
        t0 = time.perf_counter()
        answer = ask(q["question"])
        times.append((time.perf_counter() - t0) * 1000)
        texts = [p.text for p in answer.passages]
        in_scope = bool(q["answers"])
        rows.append(
            {
                "id": q.get("id"),
                "kind": q.get("kind"),
                "question": q["question"],
                "in_scope": in_scope,
                "answered": answer.answered,
                "hit1": in_scope and bool(texts) and contains_gold(texts[0], q["answers"]),
                "hit3": in_scope and any(contains_gold(t, q["answers"]) for t in texts[:3]),
                "len1": len(texts[0]) if texts else 0,
                "provenance": provenance_ok(answer, sources, cache),
                "first": texts[0] if texts else "",
            }
        )
    scoped = [r for r in rows if r["in_scope"]]
    oos = [r for r in rows if not r["in_scope"]]

    def rate(items, pred):
        return sum(1 for r in items if pred(r)) / len(items) if items else None  # no such question

    times.sort()
    metrics = {
        "hit@1": rate(scoped, lambda r: r["hit1"]),
        "hit@3": rate(scoped, lambda r: r["hit3"]),
        "concise@1": rate(scoped, lambda r: r["hit1"] and r["len1"] <= CONCISE_CHARS),
        "answered": rate(scoped, lambda r: r["answered"]),
        "abstain": rate(oos, lambda r: not r["answered"]),
        "provenance": rate(rows, lambda r: r["provenance"]),
        "p50 ms": statistics.median(times) if times else None,
        "p95 ms": times[min(len(times) - 1, int(0.95 * len(times)))] if times else None,
    }
    return {
        "metrics": metrics,
        "rows": rows,
        "questions": len(rows),
        "in_scope": len(scoped),
        "out_of_scope": len(oos),
    }


def table(results: dict[str, dict[str, Any]]) -> str:
    """A Markdown table: one row per system, one column per metric."""
    head = "| system | " + " | ".join(METRICS) + " |"
    lines = [head, "|" + "---|" * (len(METRICS) + 1)]
    for name, res in results.items():
        m = res["metrics"]
        cells = [
            "n/a" if m[k] is None else f"{m[k]:.0f}" if k.endswith("ms") else f"{m[k]:.2f}" for k in METRICS
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def check_sources(questions: list[dict[str, Any]], sources: Path, questions_path: Path) -> None:
    """Refuse to score a question set over a folder holding none of the files its questions cite
    (every answer would be wrong, and the table would say so without saying why)."""
    cited = sorted({s for q in questions for s in q.get("sources") or () if isinstance(s, str)})
    if not cited or any((sources / s).is_file() for s in cited):
        return
    beside = questions_path.parent / "articles"
    fix = (
        f"pass --sources {beside}"
        if any((beside / s).is_file() for s in cited)
        else "pass --sources with the folder the questions were written over"
    )
    raise ConfigError(
        f"none of the {len(cited)} files the questions cite (such as {cited[0]!r}) is in the sources "
        f"folder {sources}: {fix}."
    )


def run(settings, questions_path: Path, *, peers: bool = True, as_json: bool = False) -> str:
    """Evaluate kcqa (and, unless ``peers`` is False, the two peers) on a question set."""
    from .peers import BM25Peer, TutorialPeer
    from .pipeline import Engine

    questions = load_questions(questions_path)
    check_sources(questions, Path(settings.sources), Path(questions_path))
    engine = Engine(settings)
    engine.index()
    engine.ask("warm-up")  # load the model before timing
    results = {"kcqa": evaluate(questions, engine.ask, settings.sources)}
    if peers:
        tutorial = TutorialPeer(settings.sources, engine.embedder, max_bytes=settings.max_file_bytes)
        bm25 = BM25Peer(settings.sources, max_bytes=settings.max_file_bytes)
        results[tutorial.name] = evaluate(questions, tutorial.ask, settings.sources)
        results[bm25.name] = evaluate(questions, bm25.ask, settings.sources)
    if as_json:
        return json.dumps(results, indent=2, ensure_ascii=False, default=float, allow_nan=False)
    counts = results["kcqa"]
    return (
        f"{questions_path}: {n_of(counts['questions'], 'question')} ({counts['in_scope']} answerable, "
        f"{counts['out_of_scope']} out of scope), sources {settings.sources}\n\n" + table(results)
    )
