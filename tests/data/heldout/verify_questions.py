"""Check questions.json against the held-out articles: ``python verify_questions.py [FOLDER]``
(FOLDER holds questions.json and articles/; default: this script's folder).

Checks: valid JSON, unique ids, allowed kinds and counts, every gold string found
(case-insensitively) in a body line of at least one listed source, gold strings not
already in the question, out-of-scope entries empty, article sizes 2,000-4,000 chars.
Also prints, as warnings to review, articles whose body contains a gold string but
which are not listed as sources.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
ART = HERE / "articles"
EXPECTED = {
    "factoid": 20,
    "paraphrase": 20,
    "multi_source": 10,
    "conflicting": 5,
    "why": 8,
    "numeric": 10,
    "typo": 8,
    "short": 6,
    "out_of_scope": 25,
}
FURNITURE = re.compile(
    r"newsletter|subscribe|sign up|©|copyright|log in|photo:|^by |^posted by|"
    r"^title:|^date:|^\*|^#|^this article was amended",
    re.I,
)


def body_lines(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    counts = Counter(lines)
    out = []
    for i, ln in enumerate(lines):
        if i == 0 or counts[ln] > 1 or len(ln) < 80 or FURNITURE.search(ln):
            continue  # title, repeated caption, nav/short lines, furniture
        if not ln.rstrip('"”').endswith((".", "?", "!")):
            continue
        out.append(ln.lower())
    return out


def main() -> int:
    errors, warnings = [], []
    arts = {p.name: p.read_text(encoding="utf-8") for p in sorted(ART.glob("*.txt"))}
    for name, text in arts.items():
        if not 2000 <= len(text) <= 4000:
            errors.append(f"{name}: {len(text)} chars")
    bodies = {n: body_lines(t) for n, t in arts.items()}
    data = json.loads((HERE / "questions.json").read_text(encoding="utf-8"))
    qs = data["questions"]
    ids = [q["id"] for q in qs]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    kinds = Counter(q["kind"] for q in qs)
    for k, n in EXPECTED.items():
        if kinds.get(k, 0) < n:
            errors.append(f"kind {k}: {kinds.get(k, 0)} < {n}")
    extra = set(kinds) - set(EXPECTED)
    if extra:
        errors.append(f"unknown kinds {extra}")
    for q in qs:
        qid, answers, sources = q["id"], q["answers"], q["sources"]
        if set(q) != {"id", "question", "answers", "sources", "kind"}:
            errors.append(f"{qid}: keys {sorted(q)}")
        if q["kind"] == "out_of_scope":
            if answers or sources:
                errors.append(f"{qid}: out_of_scope must have empty answers and sources")
            continue
        if not answers or not sources:
            errors.append(f"{qid}: missing answers or sources")
        for s in sources:
            if s not in arts:
                errors.append(f"{qid}: unknown source {s}")
        for a in answers:
            al = a.lower()
            if len(a.split()) > 6:
                errors.append(f"{qid}: gold too long {a!r}")
            if al in q["question"].lower():
                errors.append(f"{qid}: gold {a!r} appears in the question")
            if not any(al in ln for s in sources for ln in bodies.get(s, [])):
                where = [s for s in sources if al in arts.get(s, "").lower()]
                errors.append(
                    f"{qid}: gold {a!r} not in a body line of {sources}"
                    + (f" (only in furniture of {where})" if where else "")
                )
            others = [n for n in arts if n not in sources and any(al in ln for ln in bodies[n])]
            if others:
                warnings.append(f"{qid}: gold {a!r} also in body of unlisted {others}")
    print("counts by kind:", dict(kinds), "total:", len(qs))
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
