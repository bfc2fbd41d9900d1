"""Fit kcqa's sentence-ranking weights and its answerability model on question sets.

Usage: python tools/fit_answer_model.py SOURCES:QUESTIONS [SOURCES:QUESTIONS ...] [--check SOURCES:QUESTIONS]

For every question the candidates and their features are collected with the real model and the
index of SOURCES (built under a temp folder). The ranking weights are fitted with a listwise
softmax (the gold sentence against the other candidates); the answerability model is a logistic
regression on the best candidate's features, in-scope questions against out-of-scope ones.
Both are plain numpy. Prints the arrays to copy into src/kcqa/answer.py and the metrics, with a
cross-check in which each set is scored by weights fitted on the others.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from kcqa import answer as A
from kcqa.config import get_settings
from kcqa.evaluation import contains_gold, load_questions
from kcqa.pipeline import Engine, clean_question


def collect(sources: str, questions: str, tmp: Path) -> list[dict]:
    engine = Engine(get_settings(sources=sources, index_dir=tmp / Path(sources).name, refresh="auto"))
    data, _ = engine.index()
    rows = []
    for q in load_questions(questions):
        text = clean_question(q["question"], 2000)
        cand = engine.candidates(data, text)
        F = A.rank_features(data, cand, text)
        gold = np.array(
            [
                bool(q["answers"]) and contains_gold(A.make_passage(data, int(i), 0).text, q["answers"])
                for i in cand.ids
            ],
            dtype=bool,
        )
        rows.append(
            {
                "q": q,
                "cand": cand,
                "F": F,
                "gold": gold,
                "in_scope": bool(q["answers"]),
                "cannot": A.cannot_answer(data, cand, text, F),
            }
        )
    return rows


def descend(loss_grad, w: np.ndarray, lr: float, steps: int, tol: float = 1e-12) -> np.ndarray:
    """Gradient descent that halves its step whenever a step would raise the loss (a fixed step
    too long for the data oscillates instead of converging), until the loss stops falling."""
    loss, grad = loss_grad(w)
    for _ in range(steps):
        step = w - lr * grad
        new_loss, new_grad = loss_grad(step)
        if new_loss > loss:
            lr /= 2
            continue
        w, done = step, loss - new_loss < tol
        loss, grad = new_loss, new_grad
        if done:
            break
    return w


def fit_rank(rows: list[dict], l2: float = 0.2, steps: int = 5000, lr: float = 0.3) -> np.ndarray:
    """Ranking weights: a listwise softmax over each question's candidates (temperature 1/8), the
    gold sentences sharing the target, with an L2 penalty."""
    usable = [r for r in rows if r["in_scope"] and r["gold"].any()]
    # the questions' candidates padded into one (questions, candidates, features) array
    size = max(len(r["gold"]) for r in usable)
    F = np.zeros((len(usable), size, len(A.RANK_W)))
    mask = np.zeros((len(usable), size), dtype=bool)
    gold = np.zeros((len(usable), size))
    for n, r in enumerate(usable):
        k = len(r["gold"])
        F[n, :k], mask[n, :k], gold[n, :k] = r["F"], True, r["gold"] / r["gold"].sum()

    def loss_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = np.where(mask, F @ w * 8.0, -np.inf)
        z -= z.max(axis=1, keepdims=True)
        log_p = np.where(mask, z - np.log(np.exp(z).sum(axis=1, keepdims=True)), 0.0)
        loss = -(gold * log_p).sum() / len(F) + l2 / 2 * w @ w
        return loss, l2 * w + 8.0 * np.einsum("qcf,qc->f", F, np.exp(log_p) * mask - gold) / len(F)

    return descend(loss_grad, A.RANK_W.astype(np.float64), lr, steps).astype(np.float32)


def _scored(r: dict, w: np.ndarray) -> A.Scored:
    """The candidates of a question ranked as answer.score() ranks them, with weights w."""
    return A.scored(r["cand"], r["q"]["question"], r["F"], r["cannot"], w)


def _ruled(r: dict, w: np.ndarray) -> bool:
    """Questions the rules decide (answer.ruled_out), not the logistic model."""
    if not len(r["cand"].ids):
        return False
    return A.ruled_out(_scored(r, w))


def modelled(rows: list[dict], w: np.ndarray) -> list[dict]:
    """The questions the answerability model decides: with candidates, and decided by no rule."""
    return [r for r in rows if len(r["cand"].ids) and not _ruled(r, w)]


def abstain_matrix(rows: list[dict], w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One row of answerability features per question of ``modelled(rows, w)``, and its label."""
    rows = modelled(rows, w)
    X = [A.abstain_features(_scored(r, w)) for r in rows]
    y = [1.0 if r["in_scope"] else 0.0 for r in rows]
    return np.array(X, dtype=np.float64), np.array(y)


OOS_WEIGHT = 2.5  # an out-of-scope question answered costs this many in-scope ones not answered


def fit_logistic(
    X: np.ndarray,
    y: np.ndarray,
    l2: float = 0.01,
    steps: int = 20000,
    lr: float = 0.5,
    oos_weight: float = OOS_WEIGHT,
):
    mu, sd = X.mean(0), X.std(0) + 1e-6
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])  # the last weight is the bias
    # weight the out-of-scope class up: a wrong answer costs more than a missed one
    cw = np.where(y == 1, 1.0, oos_weight)
    keep = np.ones(Z.shape[1])
    keep[-1] = 0.0  # no penalty on the bias

    def loss_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = Z @ w
        loss = (cw * (np.logaddexp(0.0, z) - y * z)).mean() + l2 / 2 * (keep * w) @ w
        return loss, Z.T @ ((1 / (1 + np.exp(-z)) - y) * cw) / len(y) + l2 * keep * w

    w = descend(loss_grad, np.zeros(Z.shape[1]), lr, steps)
    w, b = w[:-1], w[-1]
    return (w / sd).astype(np.float32), float(b - (w * mu / sd).sum())


def metrics(rows, w, aw, ab) -> dict:
    X, y = abstain_matrix(rows, w)
    conf = 1 / (1 + np.exp(-(X @ aw + ab)))
    ruled = [r for r in rows if _ruled(r, w)]
    answered = np.concatenate([conf >= A.THRESHOLD, np.zeros(len(ruled), bool)])
    y = np.concatenate([y, [1.0 if r["in_scope"] else 0.0 for r in ruled]])
    hit1 = [
        bool(r["gold"][_scored(r, w).order[0]]) if len(r["gold"]) else False for r in rows if r["in_scope"]
    ]
    return {
        "hit@1": np.mean(hit1),
        "answered": answered[y == 1].mean(),
        "abstain": (~answered[y == 0]).mean(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("sets", nargs="+", help="SOURCES:QUESTIONS pairs to fit on")
    parser.add_argument("--check", action="append", default=[], help="SOURCES:QUESTIONS to score only")
    parser.add_argument(
        "--keep-rank", action="store_true", help="keep answer.RANK_W; fit only the answerability model"
    )
    parser.add_argument("--oos-weight", type=float, default=OOS_WEIGHT, help="see OOS_WEIGHT")
    parser.add_argument("--show", action="store_true", help="list the questions the fitted model gets wrong")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kcqa-fit-"))
    sets = {s: collect(*s.split(":"), tmp) for s in args.sets}
    checks = {s: collect(*s.split(":"), tmp) for s in args.check}
    if len(sets) > 1:
        for name, rows in sets.items():
            rest = [r for other, rr in sets.items() if other != name for r in rr]
            w = A.RANK_W if args.keep_rank else fit_rank(rest)
            aw, ab = fit_logistic(*abstain_matrix(rest, w), oos_weight=args.oos_weight)
            print(f"held out {name}: {metrics(rows, w, aw, ab)}")
    every = [r for rows in sets.values() for r in rows]
    w = A.RANK_W if args.keep_rank else fit_rank(every)
    aw, ab = fit_logistic(*abstain_matrix(every, w), oos_weight=args.oos_weight)
    for name, rows in {**sets, **checks}.items():
        print(f"fitted on all, {name}: {metrics(rows, w, aw, ab)}")
    np.set_printoptions(precision=4, suppress=True)
    if args.show:
        X, y = abstain_matrix(every, w)
        conf = 1 / (1 + np.exp(-(X @ aw + ab)))
        for r, x, c in zip(modelled(every, w), X, conf, strict=True):
            wrong = (c >= A.THRESHOLD) != r["in_scope"]
            if wrong:
                print(
                    f"{'OOS answered' if not r['in_scope'] else 'abstained  '} {c:.2f} "
                    f"{np.round(x, 2)} {r['q']['question']}"
                )
    print("RANK_W =", repr(w))
    print("ABSTAIN_W =", repr(aw), " ABSTAIN_B =", round(ab, 4))


if __name__ == "__main__":
    main()
