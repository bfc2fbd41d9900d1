"""How answers hold up when questions are typed the way people type them: in lower case, without
the question mark, and with typos.

Usage: python tools/typed_questions.py SET [SET ...] [--typos 2] [--seed 7]

SET is ``seeds`` or a folder under tests/data (as in compare_runs.py); the unseen sets are refused.
From each set, the factoid, numeric, multi-source and conflicting questions whose first passage
holds a gold answer as written are asked again: in lower case without "?"; the same with
``--typos`` content words of five letters or more misspelt (a letter dropped, doubled, swapped with
the next or replaced by a key beside it; seeded); in capitals; and wrapped in a request ("Can you
tell me who ..."). Prints hit@1 and the answered rate
of each way; ``--show`` lists the typed questions that lose their answer. Indexes are kept under
``$KCQA_RUNS`` as compare_runs.py keeps them.
"""

from __future__ import annotations

import argparse
import random
import sys

from compare_runs import RUNS, paths, unseen

from kcqa.config import Settings
from kcqa.evaluation import contains_gold, load_questions
from kcqa.pipeline import Engine

KINDS = ("factoid", "numeric", "multi_source", "conflicting")
ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def misspelt(word: str, rng: random.Random) -> str:
    """The word with one typo, never in its first or last letter."""
    i = rng.randrange(1, len(word) - 1)
    row = next((r for r in ROWS if word[i] in r), "")
    at = row.find(word[i])
    near = [row[j] for j in (at - 1, at + 1) if row and 0 <= j < len(row)]
    return rng.choice(
        [
            word[:i] + word[i + 1 :],
            word[:i] + word[i] + word[i:],
            word[:i] + word[i + 1] + word[i] + word[i + 2 :],
            word[:i] + (rng.choice(near) if near else word[i]) + word[i + 1 :],
        ]
    )


def typed(question: str, typos: int, rng: random.Random) -> tuple[str, str]:
    """The question in lower case without its question mark, and that with typos."""
    words = question.rstrip(" ?").lower().split()
    plain = " ".join(words)
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(long, min(typos, len(long))):
        words[i] = misspelt(words[i], rng)
    return plain, " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--typos", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if any(unseen(s) for s in args.sets):
        sys.exit("the unseen sets are never tuned on: leave them out")
    rng = random.Random(args.seed)
    hits = {
        "as written": 0,
        "lower case, no '?'": 0,
        f"... and {args.typos} typos": 0,
        "in capitals": 0,
        "'Can you tell me ...'": 0,
    }
    answered = dict.fromkeys(hits, 0)
    lost: list[str] = []
    for name in args.sets:
        sources, questions = paths(name)
        engine = Engine(Settings(sources=sources, index_dir=RUNS / "index" / name, refresh="auto"))
        for q in load_questions(questions):
            if q["kind"] not in KINDS or not q["answers"]:
                continue
            first = engine.ask(q["question"])
            if not (first.answered and contains_gold(first.passages[0].text, q["answers"])):
                continue
            asked = q["question"]
            wrapped = "Can you tell me " + asked[0].lower() + asked[1:]
            ways = (asked, *typed(asked, args.typos, rng), asked.upper(), wrapped)
            for way, text in zip(hits, ways, strict=True):
                got = first if text == q["question"] else engine.ask(text)
                ok = got.answered and contains_gold(got.passages[0].text, q["answers"])
                hits[way] += ok
                answered[way] += got.answered
                if not ok and args.show:
                    lost.append(f"[{name}] {text}  ({'answered' if got.answered else 'not found'})")
    n = hits["as written"]
    print(f"{n} questions answered right as written")
    for way in hits:
        print(f"{way:24s} hit@1 {hits[way] / max(n, 1):.3f}  answered {answered[way] / max(n, 1):.3f}")
    print("\n".join(lost))


if __name__ == "__main__":
    main()
