"""index.py and indexer.py, with the fake embedder: what a build writes, that updates embed only
what changed and give the same index as a full rebuild, recovery from damage, the build lock,
and pruning of old versions."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from kcqa import index as store
from kcqa.chunking import masked_text
from kcqa.config import get_settings
from kcqa.errors import IndexBusyError, IndexStateError, SourcesError
from kcqa.indexer import build
from kcqa.pipeline import Engine
from kcqa.sources import SourceWarning, load_documents, scan

S000 = "000_c4f3c2872cd10720.txt"
S003 = "003_c5b686a9497d3da5.txt"
S004 = "004_7416878517ef4877.txt"
NEW_DOC = (
    "Ferry Link to Havana Announced\n\n"
    "A weekly ferry between Havana and the Isle of Youth will start in March, the transport "
    "ministry said on Monday. The crossing takes about three hours.\n"
)


@pytest.fixture
def settings(kcqa_env):
    return get_settings()


@pytest.fixture
def built(settings, fake_embedder):
    """An index of the seeds built with the fake embedder; the embedder's record is cleared."""
    report = build(settings, fake_embedder)
    assert report.full and len(report.added) == 5
    fake_embedder.calls.clear()
    return settings


def squash(text: str) -> str:
    return " ".join(text.split())


def tables(index_dir: Path) -> dict:
    """What a reader of the index sees: documents, chunk and sentence rows (as text), vectors."""
    data = store.load_index(index_dir)
    texts = [d["text"] for d in data.docs]
    names = [d["name"] for d in data.docs]

    def rows(table, extra=()):
        return [
            (names[d], texts[d][a:b], *extra_cols)
            for d, a, b, *extra_cols in zip(
                table["doc"], table["start"], table["end"], *(table[k] for k in extra), strict=True
            )
        ]

    return {
        "docs": [(d["name"], d["sha256"], d["title"]) for d in data.docs],
        "chunks": rows(data.chunks),
        "sentences": rows(data.sentences, ("fragment", "leans_back")),
        # a sentence's chunk, as text: catches ids that were not renumbered on an update
        "sentence_chunks": [
            (names[data.chunks["doc"][c]], int(data.chunks["start"][c])) for c in data.sentences["chunk"]
        ],
        "chunk_vectors": store.vectors(data.chunk_index).copy(),
        "sentence_vectors": store.vectors(data.sentence_index).copy(),
    }


def assert_same_index(a: Path, b: Path, atol: float = 1e-6) -> None:
    ta, tb = tables(a), tables(b)
    for key in ("docs", "chunks", "sentences", "sentence_chunks"):
        assert ta[key] == tb[key], key
    for key in ("chunk_vectors", "sentence_vectors"):
        assert np.allclose(ta[key], tb[key], atol=atol), key


def fresh_build(settings, embedder_cls, tmp_path) -> Path:
    """A full build of the same sources into another folder, to compare with."""
    other = settings.with_(index_dir=tmp_path / "reference-index")
    build(other, embedder_cls())
    return other.index_dir


# What a build writes


def test_build_writes_a_manifest_that_describes_the_index(settings, fake_embedder):
    report = build(settings, fake_embedder)
    manifest = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == store.FORMAT
    assert manifest["model"] == {"name": "fake-embedder", "fingerprint": "fake:1", "dim": 64}
    assert manifest["chunking"] == {"chunk_size": 800, "chunk_overlap": 120}
    assert datetime.fromisoformat(manifest["built_at"]).tzinfo is not None
    assert manifest["counts"] == {
        "documents": 5,
        "chunks": report.chunks,
        "sentences": report.sentences,
        "stories": 1,  # five reports of one event
    }
    assert report.chunks > 5 and report.sentences > 50
    assert sorted(manifest["documents"]) == sorted(p.name for p in settings.sources.glob("*.txt"))
    for name, entry in manifest["documents"].items():
        path = settings.sources / name
        assert entry == {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "size": path.stat().st_size,
            "mtime_ns": path.stat().st_mtime_ns,
        }
    assert (settings.index_dir / manifest["version"] / "manifest.json").is_file()


def test_first_build_embeds_every_chunk_and_sentence_once(settings, fake_embedder):
    report = build(settings, fake_embedder)
    assert len(fake_embedder.calls) == report.chunks + report.sentences
    assert report.full and report.reason == "no index yet"
    assert sorted(report.added) == sorted(p.name for p in settings.sources.glob("*.txt"))


def test_load_verifies_and_returns_every_row(built):
    data = store.load_index(built.index_dir)
    counts = data.manifest["counts"]
    assert len(data.docs) == counts["documents"] == 5
    assert len(data.chunks["doc"]) == data.chunk_index.ntotal == counts["chunks"]
    assert len(data.sentences["doc"]) == data.sentence_index.ntotal == counts["sentences"]
    assert data.lexical.n_docs == counts["sentences"]
    for doc in data.docs:  # the stored text is the file's text, so offsets can be checked
        assert doc["text"] == (built.sources / doc["name"]).read_text(encoding="utf-8")


def test_stored_sentences_never_include_furniture(built):
    data = store.load_index(built.index_dir)
    s = data.sentences
    for d, a, b in zip(s["doc"], s["start"], s["end"], strict=True):
        furniture = data.docs[d]["boilerplate"]
        assert not any(s < b and a < e for s, e in furniture)


def test_missing_index_says_to_run_kcqa_index(settings):
    with pytest.raises(IndexStateError, match="kcqa index"):
        store.load_index(settings.index_dir)


# Updates


def test_second_build_is_a_no_op(built, fake_embedder):
    version = store.read_manifest(built.index_dir)["version"]
    report = build(built, fake_embedder)
    assert report.up_to_date and not report.full
    assert fake_embedder.calls == []
    assert len(report.unchanged) == 5
    assert store.read_manifest(built.index_dir)["version"] == version
    assert "up to date" in report.summary()


def edit(sources: Path, name: str) -> None:
    path = sources / name
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Feb. 14", "February 14", 1) + "\n\nThe embassy opened in June.\n",
        encoding="utf-8",
    )


def test_changing_one_document_embeds_only_its_chunks_and_sentences(built, fake_embedder, tmp_path):
    edit(built.sources, S003)
    report = build(built, fake_embedder)
    assert (report.changed, report.added, report.removed, report.full) == ([S003], [], [], False)
    assert sorted(report.unchanged) == sorted(n for n in os.listdir(built.sources) if n != S003)

    data = store.load_index(built.index_dir)
    i = [d["name"] for d in data.docs].index(S003)
    doc = data.docs[i]
    n_chunks = int((data.chunks["doc"] == i).sum())
    sentences = [
        doc["text"][a:b]
        for d, a, b in zip(data.sentences["doc"], data.sentences["start"], data.sentences["end"], strict=True)
        if d == i
    ]
    assert len(fake_embedder.calls) == n_chunks + len(sentences)
    assert Counter(squash(s) for s in sentences) <= Counter(fake_embedder.calls)
    assert "The embassy opened in June." in sentences
    documents, _ = load_documents(scan(built.sources, max_bytes=10**8)[0])
    own_text = squash(masked_text(next(d for d in documents if d.name == S003)))
    assert all(call in own_text for call in fake_embedder.calls)

    assert_same_index(built.index_dir, fresh_build(built, type(fake_embedder), tmp_path))


def test_adding_a_document_embeds_only_it(built, fake_embedder, tmp_path):
    (built.sources / "sub").mkdir()
    (built.sources / "sub" / "ferry.md").write_text(NEW_DOC, encoding="utf-8")
    report = build(built, fake_embedder)
    assert (report.added, report.changed, report.removed) == (["sub/ferry.md"], [], [])
    assert fake_embedder.calls and all(c in squash(NEW_DOC) for c in fake_embedder.calls)
    assert_same_index(built.index_dir, fresh_build(built, type(fake_embedder), tmp_path))


def test_removed_document_is_dropped_and_never_cited_again(built, fake_embedder, tmp_path):
    (built.sources / S003).unlink()
    report = build(built, fake_embedder)
    assert (report.removed, report.added, report.changed) == ([S003], [], [])
    assert fake_embedder.calls == []
    data = store.load_index(built.index_dir)
    assert S003 not in [d["name"] for d in data.docs]
    assert S003 not in store.read_manifest(built.index_dir)["documents"]
    assert_same_index(built.index_dir, fresh_build(built, type(fake_embedder), tmp_path))

    engine = Engine(built, embedder=fake_embedder)
    for question in (
        "permanent missions in each other's capitals",
        "South Korea Cuba Feb. 14 UN",
        "Hallyu influence",
        "temporary office in Havana",
    ):
        answer = engine.ask(question, k=5)
        cited = [p for p in answer.passages + answer.related for p in (p, *p.also)]
        cited += [c.passage for conflict in answer.conflicts for c in conflict.claims]
        assert cited
        assert S003 not in {p.source for p in cited}


def test_change_add_and_remove_together_match_a_full_rebuild(built, fake_embedder, tmp_path):
    edit(built.sources, S000)
    (built.sources / S004).unlink()
    (built.sources / "ferry.txt").write_text(NEW_DOC, encoding="utf-8")
    report = build(built, fake_embedder)
    assert (report.added, report.changed, report.removed) == (["ferry.txt"], [S000], [S004])
    assert_same_index(built.index_dir, fresh_build(built, type(fake_embedder), tmp_path))


def test_touching_a_file_does_not_re_embed_it(built, fake_embedder):
    path = built.sources / S003
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))
    report = build(built, fake_embedder)
    assert report.up_to_date
    assert fake_embedder.calls == []
    assert store.read_manifest(built.index_dir)["documents"][S003]["mtime_ns"] == later
    store.load_index(built.index_dir)


def test_same_size_different_bytes_is_a_change(built, fake_embedder):
    path = built.sources / S003
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Feb. 14", b"Feb. 15"))
    os.utime(
        path,
        ns=(
            path.stat().st_atime_ns,
            store.read_manifest(built.index_dir)["documents"][S003]["mtime_ns"] + 1,
        ),
    )
    report = build(built, fake_embedder)
    assert report.changed == [S003]
    data = store.load_index(built.index_dir)
    assert any("Feb. 15" in d["text"] for d in data.docs)


@pytest.mark.parametrize(
    ("change", "words"),
    [({"chunk_size": 400}, "chunk"), ({"chunk_overlap": 50}, "chunk")],
)
def test_changing_chunk_settings_rebuilds_everything(built, fake_embedder, change, words):
    report = build(built.with_(**change), fake_embedder)
    assert report.full and words in report.reason
    assert len(fake_embedder.calls) == report.chunks + report.sentences
    assert store.read_manifest(built.index_dir)["chunking"] == built.with_(**change).chunking()


def test_another_embedder_rebuilds_everything(built, fake_embedder):
    class OtherFake(type(fake_embedder)):
        fingerprint = "fake:2"

    other = OtherFake()
    report = build(built, other)
    assert report.full and "model" in report.reason
    assert len(other.calls) == report.chunks + report.sentences
    assert store.read_manifest(built.index_dir)["model"]["fingerprint"] == "fake:2"


def test_index_from_an_older_text_analysis_is_rebuilt(built, fake_embedder):
    """Sentence kinds and values are derived at build time: an index made before the analysis
    changed (say, before times of day were recognised) is rebuilt, not silently half-used."""
    from kcqa.indexer import ANALYSIS

    manifest = store.read_manifest(built.index_dir)
    assert manifest["analysis"] == ANALYSIS
    store.publish_manifest(built.index_dir, dict(manifest, analysis=ANALYSIS - 1))
    report = build(built, fake_embedder)
    assert report.full and "analysis" in report.reason
    assert store.read_manifest(built.index_dir)["analysis"] == ANALYSIS


def test_full_build_on_request(built, fake_embedder):
    report = build(built, fake_embedder, full=True)
    assert report.full and report.reason
    assert len(fake_embedder.calls) == report.chunks + report.sentences


def test_bad_source_file_is_reported_and_the_rest_indexed(built, fake_embedder):
    (built.sources / "latin1.txt").write_bytes("Caf\u00e9 at the harbour.".encode("latin-1"))
    with pytest.warns(SourceWarning, match="latin1.txt"):
        report = build(built, fake_embedder)
    assert [s["name"] for s in report.skipped] == ["latin1.txt"]
    assert "latin1.txt" in report.summary()
    assert store.load_index(built.index_dir).manifest["counts"]["documents"] == 5


def test_a_document_that_can_answer_nothing_is_named_at_every_build_and_in_the_status(built, fake_embedder):
    # a title alone, and notes without sentence punctuation: indexed, but never an answer
    (built.sources / "headline.txt").write_text("Seoul and Havana\n", encoding="utf-8")
    (built.sources / "notes.txt").write_text(
        "Ambassadors by March\nEmbassies in both capitals\n", encoding="utf-8"
    )
    for report in (build(built, fake_embedder), build(built, fake_embedder)):  # the update, then a no-op
        assert report.no_sentences == ["headline.txt", "notes.txt"]
        assert "No sentence to answer from in headline.txt, notes.txt" in report.summary()
    status = Engine(built, embedder=fake_embedder).status()
    assert status["documents"] == 7 and status["no_sentences"] == ["headline.txt", "notes.txt"]
    (built.sources / "notes.txt").write_text("Ambassadors will be named by March.\n", encoding="utf-8")
    assert build(built, fake_embedder).no_sentences == ["headline.txt"]


def test_a_web_page_saved_as_txt_is_named_with_what_to_do(built, fake_embedder):
    # each line ends in a tag, not in sentence punctuation: the note must not say the file has none
    (built.sources / "council.txt").write_text(
        "<html><body>\n<p>The Ardley town council approved a budget on Tuesday.</p>\n</body></html>\n",
        encoding="utf-8",
    )
    summary = build(built, fake_embedder).summary()
    assert "No sentence to answer from in council.txt" in summary
    assert "HTML" in summary and "save a web page as text" in summary


def test_bad_source_file_fails_a_strict_build_and_keeps_the_old_index(built, fake_embedder):
    version = store.read_manifest(built.index_dir)["version"]
    (built.sources / "latin1.txt").write_bytes("Caf\u00e9 at the harbour.".encode("latin-1"))
    with pytest.raises(SourcesError, match="latin1.txt"):
        build(built.with_(strict=True), fake_embedder)
    assert store.read_manifest(built.index_dir)["version"] == version
    store.load_index(built.index_dir)


# Damage


def _current(index_dir: Path) -> Path:
    return index_dir / store.read_manifest(index_dir)["version"]


def _truncate_faiss(index_dir):
    path = _current(index_dir) / "sentences.faiss"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _bad_documents(index_dir):
    path = _current(index_dir) / "documents.jsonl"
    path.write_text(path.read_text(encoding="utf-8")[:-200] + "\n{not json\n", encoding="utf-8")


def _bad_sentences(index_dir):
    (_current(index_dir) / "sentences.json").write_text('{"doc": [0, 1', encoding="utf-8")


def _bad_manifest(index_dir):
    (index_dir / "manifest.json").write_bytes(b"\x00garbage{")


def _row_missing(index_dir):
    path = _current(index_dir) / "sentences.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({k: v[:-1] for k, v in table.items()}), encoding="utf-8")


def _chunks_missing(index_dir):
    (_current(index_dir) / "chunks.faiss").unlink()


DAMAGE = {
    "truncated-faiss": _truncate_faiss,
    "documents-jsonl": _bad_documents,
    "sentences-json": _bad_sentences,
    "manifest-garbage": _bad_manifest,
    "row-count-mismatch": _row_missing,
    "faiss-file-missing": _chunks_missing,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_index_is_reported_with_what_to_do(built, damage):
    DAMAGE[damage](built.index_dir)
    with pytest.raises(IndexStateError, match="kcqa index"):
        store.load_index(built.index_dir)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_build_recovers_from_a_damaged_index(built, fake_embedder, tmp_path, damage):
    DAMAGE[damage](built.index_dir)
    report = build(built, fake_embedder)
    assert report.full and report.reason
    assert_same_index(built.index_dir, fresh_build(built, type(fake_embedder), tmp_path))


# Concurrency and housekeeping


def test_second_builder_gets_index_busy_while_the_lock_is_held(built, fake_embedder):
    edit(built.sources, S003)
    with store.build_lock(built.index_dir, timeout=1):
        with pytest.raises(IndexBusyError, match="another kcqa process"):
            build(built, fake_embedder, lock_timeout=0.2)
    assert fake_embedder.calls == []
    assert build(built, fake_embedder).changed == [S003]  # the lock is free again


def test_old_versions_are_pruned(built, fake_embedder):
    for n in range(4):
        (built.sources / f"note-{n}.txt").write_text(
            f"Note {n}: the ferry sailed {n + 2} times this week, the harbour office said.\n",
            encoding="utf-8",
        )
        build(built, fake_embedder)
    folders = sorted(p.name for p in built.index_dir.iterdir() if p.is_dir())
    current = store.read_manifest(built.index_dir)["version"]
    assert current in folders
    assert len(folders) <= 2 and all(not f.endswith(".tmp") for f in folders)
    assert not list(built.index_dir.glob(".manifest.json.*"))
    assert store.load_index(built.index_dir).manifest["counts"]["documents"] == 9


def test_interrupted_build_leaves_the_previous_index_readable(built, fake_embedder, monkeypatch):
    version = store.read_manifest(built.index_dir)["version"]
    edit(built.sources, S003)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # killed right before the new version is published

    publish = store.publish_manifest
    monkeypatch.setattr(store, "publish_manifest", crash)
    with pytest.raises(KeyboardInterrupt):
        build(built, fake_embedder)
    monkeypatch.setattr(store, "publish_manifest", publish)
    assert store.read_manifest(built.index_dir)["version"] == version
    assert S003 in [d["name"] for d in store.load_index(built.index_dir).docs]
    assert build(built, fake_embedder).changed == [S003]


def test_bad_source_file_does_not_make_every_later_build_rewrite_the_index(built, fake_embedder):
    (built.sources / "latin1.txt").write_bytes("Caf\u00e9 at the harbour.".encode("latin-1"))
    with pytest.warns(SourceWarning):
        build(built, fake_embedder)
    version = store.read_manifest(built.index_dir)["version"]
    with pytest.warns(SourceWarning):  # still reported...
        report = build(built, fake_embedder)
    assert report.up_to_date  # ...but nothing to do: no new version on every build or question
    assert store.read_manifest(built.index_dir)["version"] == version
    assert [s["name"] for s in report.skipped] == ["latin1.txt"]


# Approximate search above the size threshold


QUESTIONS = (
    "permanent missions in each other's capitals",
    "South Korea Cuba Feb. 14 UN",
    "Hallyu influence",
    "temporary office in Havana",
)


def top_passages(settings, embedder) -> list[tuple[str, ...]]:
    """Per question, its answer passage and the sources of the passages after it (half-precision
    vectors may tip a near tie on whether a neighbour sentence joins a later passage)."""
    engine = Engine(settings, embedder=embedder)
    out = []
    for q in QUESTIONS:
        passages = engine.ask(q, k=3).passages
        out.append((passages[0].source, passages[0].text, *(p.source for p in passages[1:])))
    return out


def test_above_the_threshold_the_index_is_hnsw_and_answers_the_same(built, fake_embedder, tmp_path):
    exact = top_passages(built, fake_embedder)
    small = built.with_(index_dir=tmp_path / "hnsw-index", ann_threshold=10)
    build(small, fake_embedder)
    data = store.load_index(small.index_dir)
    assert data.manifest["search"] == {"chunks": "hnsw", "sentences": "hnsw"}
    assert hasattr(data.sentence_index, "hnsw") and hasattr(data.chunk_index, "hnsw")
    # float16 storage: the stored vectors are the embedder's, to half precision
    assert np.allclose(
        store.vectors(data.sentence_index), tables(built.index_dir)["sentence_vectors"], atol=1e-3
    )
    assert top_passages(small, fake_embedder) == exact


def test_changing_the_threshold_switches_search_without_re_embedding(built, fake_embedder, tmp_path):
    switched = built.with_(ann_threshold=10)
    report = build(switched, fake_embedder)
    assert fake_embedder.calls == [] and not report.full
    assert store.read_manifest(built.index_dir)["search"] == {"chunks": "hnsw", "sentences": "hnsw"}

    edit(built.sources, S003)  # an update of an HNSW index embeds only the changed document
    build(switched, fake_embedder)
    data = store.load_index(built.index_dir)
    i = [d["name"] for d in data.docs].index(S003)
    assert "The embassy opened in June." in fake_embedder.calls
    assert len(fake_embedder.calls) == (data.chunks["doc"] == i).sum() + (data.sentences["doc"] == i).sum()
    reference = fresh_build(switched, type(fake_embedder), tmp_path)
    assert_same_index(built.index_dir, reference, atol=1e-3)

    fake_embedder.calls.clear()
    build(built, fake_embedder)  # and back to exact search, still without embedding
    assert fake_embedder.calls == []
    assert store.read_manifest(built.index_dir)["search"] == {"chunks": "flat", "sentences": "flat"}
