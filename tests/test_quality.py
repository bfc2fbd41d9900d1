"""Answer quality with the real model, as floors: a gold string of each question should be in
the top 3 passages, and questions the seeds do not answer should get "not found".

The floors are the issue's targets (the figures measured are printed with ``-s``); raise them
as quality improves, never lower them to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev.json"  # shared with the team; never copied into tests/data
DATA = Path(__file__).resolve().parent / "data"
SEEDS_SET = DATA / "questions_seeds.json"
HELDOUT = DATA / "heldout"  # other articles (rail line)
HELDOUT2 = DATA / "heldout2"  # other articles (shipwreck), never tuned on
HELDOUT3 = DATA / "heldout3"  # (volcanic eruption), never tuned on
AIRLINE = DATA / "train_airline"  # (airline merger), for diagnosis
TRIAL = DATA / "train_trial"  # (vaccine trial), for diagnosis
PORT = DATA / "train_port"  # (dock strike), for diagnosis
MUSEUM = DATA / "train_museum"  # (museum theft), for diagnosis
FIRE = DATA / "train_fire"  # (wildfire), for diagnosis
BREACH = DATA / "train_breach"  # (bank data breach), for diagnosis
STADIUM = DATA / "train_stadium"  # (stadium takeover), for diagnosis
BRIDGE = DATA / "train_bridge"  # (a bridge closed), for diagnosis
ELECTION = DATA / "train_election"  # (a recount), for diagnosis

DEV_HIT3_FLOOR = 0.75
SEEDS_HIT3_FLOOR = 0.88
SEEDS_ABSTAIN_FLOOR = 0.62
# folder: (hit@3 floor, abstain floor), a little under the figures measured
HELDOUT_FLOORS = {
    HELDOUT: (0.90, 0.64),
    HELDOUT2: (0.80, 0.53),
    HELDOUT3: (0.83, 0.55),
    AIRLINE: (0.90, 0.62),
    TRIAL: (0.80, 0.55),
    PORT: (0.84, 0.58),
    MUSEUM: (0.86, 0.80),
    FIRE: (0.90, 0.84),
    BREACH: (0.90, 0.58),
    STADIUM: (0.88, 0.73),
    BRIDGE: (0.87, 0.64),
    ELECTION: (0.82, 0.76),
}


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").casefold().split())


def has_gold(texts: list[str], answers: list[str]) -> bool:
    return any(_norm(a) in _norm(t) for t in texts for a in answers)


def report(head: str, lines: list[str]) -> None:
    """Show the measured figure and the questions behind it (visible with ``pytest -s``)."""
    print("\n" + "\n".join([head, *lines]))  # noqa: T201


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


def hit_at_3(engine, questions: list[dict]) -> tuple[float, list[str]]:
    scoped = [q for q in questions if q["answers"]]
    misses = []
    for q in scoped:
        answer = engine.ask(q["question"])
        if not has_gold([p.text for p in answer.passages[:3]], q["answers"]):
            first = answer.passages[0].text[:90] if answer.passages else "(not answered)"
            misses.append(f"{q['id']} {q['question']!r}: wanted {q['answers']}, first: {first!r}")
    return 1 - len(misses) / len(scoped), misses


@pytest.fixture(scope="module")
def dev_questions():
    if not DEV.is_file():
        pytest.skip(f"{DEV} not found: the shared dev set lives next to the repository")
    return load(DEV)


def test_gold_check_is_sound():
    assert has_gold(["Relations began on Feb. 14 in New York."], ["February 14", "Feb. 14"])
    assert has_gold(["It took place on Valentine’s Day."], ["Valentine's Day"])
    assert not has_gold(["Relations began in February."], ["February 14", "Feb. 14"])


def test_dev_gold_in_top_three(real_engine, dev_questions):
    rate, misses = hit_at_3(real_engine, dev_questions)
    report(f"dev.json hit@3 = {rate:.3f}; misses:", misses)
    assert rate >= DEV_HIT3_FLOOR, "\n".join(misses)


def test_dev_out_of_scope_questions_are_not_answered(real_engine, dev_questions):
    out = [q for q in dev_questions if not q["answers"]]
    assert len(out) == 3
    answered = [q["question"] for q in out if real_engine.ask(q["question"]).answered]
    report(f"dev.json out of scope: {3 - len(answered)}/3 not answered; answered anyway:", answered)
    assert answered == []


def test_seed_questions_gold_in_top_three(real_engine):
    rate, misses = hit_at_3(real_engine, load(SEEDS_SET))
    report(f"questions_seeds.json hit@3 = {rate:.3f}; {len(misses)} misses:", misses)
    assert rate >= SEEDS_HIT3_FLOOR, "\n".join(misses)


def test_seed_out_of_scope_questions_are_mostly_not_answered(real_engine):
    out = [q for q in load(SEEDS_SET) if not q["answers"]]
    answered = [q["question"] for q in out if real_engine.ask(q["question"]).answered]
    rate = 1 - len(answered) / len(out)
    report(f"questions_seeds.json abstain = {rate:.3f} over {len(out)}; answered anyway:", answered)
    assert rate >= SEEDS_ABSTAIN_FLOOR, "\n".join(answered)


def _engine(folder: Path, base: Path, model_cache: Path):
    from kcqa.config import get_settings
    from kcqa.pipeline import Engine

    engine = Engine(
        get_settings(
            sources=folder / "articles", index_dir=base / "index", cache_dir=model_cache, refresh="auto"
        )
    )
    engine.index()
    return engine


@pytest.fixture(scope="module")
def heldout_engine(tmp_path_factory, model_cache):
    return _engine(HELDOUT, tmp_path_factory.mktemp("heldout"), model_cache)


@pytest.fixture(scope="module", params=list(HELDOUT_FLOORS), ids=lambda p: p.name)
def heldout_set(request, tmp_path_factory, model_cache):
    """(folder, engine) for each held-out set of other articles."""
    if request.param == HELDOUT:
        return request.param, request.getfixturevalue("heldout_engine")
    return request.param, _engine(request.param, tmp_path_factory.mktemp(request.param.name), model_cache)


def test_heldout_questions_gold_in_top_three(heldout_set):
    folder, engine = heldout_set
    rate, misses = hit_at_3(engine, load(folder / "questions.json"))
    report(f"{folder.name} hit@3 = {rate:.3f}; {len(misses)} misses:", misses)
    assert rate >= HELDOUT_FLOORS[folder][0], "\n".join(misses)


def test_heldout_out_of_scope_questions_are_partly_not_answered(heldout_set):
    folder, engine = heldout_set
    out = [q for q in load(folder / "questions.json") if not q["answers"]]
    answered = [q["question"] for q in out if engine.ask(q["question"]).answered]
    rate = 1 - len(answered) / len(out)
    report(f"{folder.name} abstain = {rate:.3f} over {len(out)}; answered anyway:", answered)
    assert rate >= HELDOUT_FLOORS[folder][1], "\n".join(answered)


def test_a_time_of_day_question_gets_the_sentence_with_the_time(heldout_engine):
    answer = heldout_engine.ask("At what time did the first paying passenger train leave Lisbon?")
    assert answer.answered and "6:40 a.m." in answer.passages[0].text


def test_a_cost_question_is_not_answered_by_a_sentence_without_a_sum_of_money(heldout_engine):
    # the tunnel's length is given, its cost is not
    assert not heldout_engine.ask("How much did the Alvaiázere tunnel cost to build?").answered
    answer = heldout_engine.ask("How much is the introductory off-peak fare?")
    assert answer.answered and "€19" in answer.passages[0].text


def test_a_weight_question_is_not_answered_by_a_sentence_without_a_weight(heldout_engine):
    # the trainsets' price and number are given, their weight is not
    assert not heldout_engine.ask("How much does an Ibertren trainset weigh?").answered
    answer = heldout_engine.ask("What maximum speed were the rails engineered for?")
    assert answer.answered and "350 km/h" in answer.passages[0].text
