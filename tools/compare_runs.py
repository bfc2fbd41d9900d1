"""Answer quality question by question, to compare two versions of the code on kcqa's question sets.

Usage:
    python tools/compare_runs.py run TAG SET [SET ...]   # rows of every question -> runs/TAG.json
    python tools/compare_runs.py diff TAG_A TAG_B        # what changed, question by question
    python tools/compare_runs.py pooled TAG [TAG ...]    # metrics pooled over a run's sets

SET is ``seeds`` or a folder name under tests/data (``train_fire``, ``heldout3`` ...). Runs are
written under ``$KCQA_RUNS`` (default: a ``kcqa-runs`` folder in the temp directory), and indexes
under it too, never into the project's ``index/``. To measure older code, check it out in a git
worktree and put its ``src`` first on PYTHONPATH.

The unseen sets (``heldout2`` and later) are never tuned on: ``diff`` prints only their counts,
never their questions.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
RUNS = Path(os.environ.get("KCQA_RUNS", Path(tempfile.gettempdir()) / "kcqa-runs"))
CHANGES = ("hit1", "hit3", "answered")


def unseen(name: str) -> bool:
    """Sets nothing is tuned on: their questions are not shown."""
    return name.startswith("heldout") and name != "heldout"


def paths(name: str) -> tuple[Path, Path]:
    if name == "seeds":
        return ROOT / "seeds", DATA / "questions_seeds.json"
    return DATA / name / "articles", DATA / name / "questions.json"


def run(tag: str, sets: list[str]) -> None:
    from kcqa.config import Settings
    from kcqa.evaluation import evaluate, load_questions
    from kcqa.pipeline import Engine

    out = {}
    for name in sets:
        sources, questions = paths(name)
        engine = Engine(Settings(sources=sources, index_dir=RUNS / "index" / name, refresh="auto"))
        engine.index()
        out[name] = evaluate(load_questions(questions), engine.ask, sources)
        m = out[name]["metrics"]
        print(
            f"{name:16s}",
            " ".join(f"{k} {m[k]:.3f}" for k in ("hit@1", "hit@3", "concise@1", "answered", "abstain")),
        )
    RUNS.mkdir(parents=True, exist_ok=True)
    (RUNS / f"{tag}.json").write_text(json.dumps(out), encoding="utf-8")


def load(tag: str) -> dict:
    return json.loads((RUNS / f"{tag}.json").read_text(encoding="utf-8"))


def diff(a_tag: str, b_tag: str) -> None:
    a, b = load(a_tag), load(b_tag)
    total: Counter[str] = Counter()
    for name in b.keys() & a.keys():
        before = {r["id"]: r for r in a[name]["rows"]}
        for r in b[name]["rows"]:
            old = before[r["id"]]
            if r["in_scope"]:
                changed = [(k, r[k]) for k in CHANGES if old[k] != r[k]]
            else:
                changed = (
                    [("out_of_scope_answered", r["answered"])] if old["answered"] != r["answered"] else []
                )
            for key, now in changed:
                total[f"{key} {'+' if now else '-'}"] += 1
                if not unseen(name):
                    print(f"{name} {r['id']} {key} -> {now}: {r['question']}")
    print(dict(sorted(total.items())))


def pooled(tags: list[str]) -> None:
    for tag in tags:
        rows = [r for res in load(tag).values() for r in res["rows"]]
        scoped = [r for r in rows if r["in_scope"]]
        oos = [r for r in rows if not r["in_scope"]]

        def rate(items, pred):
            return sum(map(pred, items)) / len(items) if items else float("nan")

        print(
            f"{tag}: {len(scoped)} in scope, {len(oos)} out of scope:",
            f"hit@1 {rate(scoped, lambda r: r['hit1']):.3f}",
            f"hit@3 {rate(scoped, lambda r: r['hit3']):.3f}",
            f"concise@1 {rate(scoped, lambda r: r['hit1'] and r['len1'] <= 300):.3f}",
            f"answered {rate(scoped, lambda r: r['answered']):.3f}",
            f"abstain {rate(oos, lambda r: not r['answered']):.3f}",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="answer every question of the sets; save the rows as TAG")
    p.add_argument("tag")
    p.add_argument("sets", nargs="+")
    p = sub.add_parser("diff", help="questions whose outcome changed from run A to run B")
    p.add_argument("a")
    p.add_argument("b")
    p = sub.add_parser("pooled", help="metrics over all sets of each run")
    p.add_argument("tags", nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        run(args.tag, args.sets)
    elif args.command == "diff":
        diff(args.a, args.b)
    else:
        pooled(args.tags)


if __name__ == "__main__":
    main()
