"""A folder holding several stories: documents grouped by story, and questions read within the
story of their best answer, as if it were alone in its folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kcqa.stories import group

ROOT = Path(__file__).resolve().parents[1]
MUSEUM = ROOT / "tests" / "data" / "train_museum" / "articles"


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]


@pytest.fixture(scope="module")
def ranks(real_engine) -> dict[str, int]:
    return real_engine.word_ranks


def _two_stories(base: Path, model_cache: Path, **options):
    """An engine over the seeds (Seoul and Havana) and the museum theft's articles in one folder."""
    from kcqa.config import get_settings
    from kcqa.pipeline import Engine

    shutil.copytree(ROOT / "seeds", base / "sources")
    for path in MUSEUM.iterdir():
        shutil.copy(path, base / "sources" / path.name)
    settings = get_settings(
        sources=base / "sources", index_dir=base / "index", cache_dir=model_cache, refresh="auto", **options
    )
    engine = Engine(settings)
    engine.index()
    return engine


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory, model_cache):
    return _two_stories(tmp_path_factory.mktemp("two-stories"), model_cache)


def test_the_build_records_each_documents_story(two_stories, capsys):
    from kcqa.cli import main

    status = two_stories.status()
    assert status["documents"] == 11 and status["stories"] == 2
    data, _ = two_stories.index()
    seeds = {d["story"] for d in data.docs if not d["name"].startswith("m0")}
    museum = {d["story"] for d in data.docs if d["name"].startswith("m0")}
    assert len(seeds) == len(museum) == 1 and seeds != museum
    settings = two_stories.settings
    assert main(["status", "--sources", str(settings.sources), "--index-dir", str(settings.index_dir)]) == 0
    assert "11 documents (2 stories)" in capsys.readouterr().out


def test_documents_of_one_story_are_grouped_apart_from_another(ranks):
    seeds, museum = _texts(ROOT / "seeds"), _texts(MUSEUM)
    labels = list(group(seeds + museum, ranks))
    assert len(set(labels[: len(seeds)])) == 1
    assert len(set(labels[len(seeds) :])) == 1
    assert labels[0] != labels[-1]


def test_a_folder_of_one_story_is_one_story(ranks):
    assert set(group(_texts(MUSEUM), ranks)) == {0}
    assert set(group(_texts(ROOT / "seeds"), ranks)) == {0}


@pytest.mark.parametrize(
    "question",
    [
        "When did Mexico and South Korea establish diplomatic relations?",
        "Who designed the Almsley City Museum building?",
    ],
)
def test_a_word_another_story_uses_does_not_make_a_question_answerable(two_stories, question):
    answer = two_stories.ask(question)
    assert not answer.answered, answer.passages[0].text
    assert "none of the 11 documents" in answer.text


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("In what year did the Almsley City Museum open?", "1893"),
        ("How many days were the paintings missing?", "24 days"),
    ],
)
def test_a_story_among_others_is_answered_as_if_alone(two_stories, question, gold):
    answer = two_stories.ask(question)
    assert answer.answered
    first = answer.passages[0]
    assert gold in first.text
    source = two_stories.settings.sources / first.source
    assert source.read_text(encoding="utf-8")[first.start : first.end] == first.text


def test_a_story_is_answered_from_an_approximate_index_too(tmp_path, model_cache):
    # above ann_threshold vectors the index is HNSW with float16 vectors: a view decodes its rows
    engine = _two_stories(tmp_path / "hnsw", model_cache, ann_threshold=50)
    assert engine.status()["search"]["sentences"] == "hnsw"
    answer = engine.ask("In what year did the Almsley City Museum open?")
    assert answer.answered and "1893" in answer.passages[0].text
