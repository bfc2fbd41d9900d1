"""embedding.py: the packaged model is the official one, a damaged cache is never loaded,
KCQA_MODEL must name a real model folder, and vectors are normalised float32 of dimension 384."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import numpy as np
import pytest

import kcqa
from kcqa.embedding import get_embedder, packaged_model_dir
from kcqa.errors import KcqaError, ModelError

# sha256 of model.safetensors of sentence-transformers/all-MiniLM-L6-v2 on the Hugging Face Hub.
OFFICIAL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def test_packaged_model_holds_the_official_weights(model_cache):
    folder = packaged_model_dir(model_cache)
    assert (folder / "modules.json").is_file()
    assert sha256(folder / "model.safetensors") == OFFICIAL_SHA256


def _other_bytes_same_size(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    return bytes(data)


@pytest.mark.parametrize(
    "tamper",
    [lambda p: b"not the weights", _other_bytes_same_size],
    ids=["other-size", "same-size"],
)
def test_tampered_cache_is_never_loaded_silently(model_cache, tmp_path, tamper):
    good = packaged_model_dir(model_cache)
    cache = tmp_path / "cache"
    copy = cache / good.relative_to(model_cache)
    shutil.copytree(good, copy)  # with its verification marker
    weights = copy / "model.safetensors"
    weights.write_bytes(tamper(weights))
    try:
        folder = packaged_model_dir(cache)
    except ModelError:
        return  # refused: fine
    assert sha256(folder / "model.safetensors") == OFFICIAL_SHA256  # re-extracted: fine


def test_model_folder_without_model_files_is_refused(tmp_path):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "README.md").write_text("weights go here\n", encoding="utf-8")
    with pytest.raises(ModelError, match="my-model") as err:
        get_embedder(str(folder), tmp_path / "cache")
    assert isinstance(err.value, KcqaError)
    assert "never downloads" in str(err.value)
    assert "--model or KCQA_MODEL" in str(err.value)  # set by either: the flag was named as the variable


@pytest.mark.parametrize("kind", ["empty-folder", "missing-folder", "hub-name"])
def test_kcqa_model_that_is_not_a_local_model_folder_fails_ask(tmp_path, monkeypatch, kind):
    target = {
        "empty-folder": tmp_path / "empty",
        "missing-folder": tmp_path / "missing",
        "hub-name": "sentence-transformers/all-mpnet-base-v2",
    }[kind]
    if kind == "empty-folder":
        target.mkdir()
    monkeypatch.setenv("KCQA_MODEL", str(target))
    with pytest.raises(ModelError):
        kcqa.ask("When did South Korea and Cuba establish diplomatic relations?")


def test_broken_model_folder_fails_with_a_model_error(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "no-such-architecture"}), encoding="utf-8")
    (folder / "modules.json").write_text("[{broken", encoding="utf-8")
    embedder = get_embedder(str(folder), tmp_path / "cache")
    with pytest.raises(ModelError, match="broken"):
        embedder.embed(["a question"])


@pytest.fixture(scope="module")
def embedder(real_engine):
    return real_engine.embedder


def test_vectors_are_normalised_float32_of_dimension_384(embedder):
    texts = [
        "When did South Korea and Cuba establish diplomatic relations?",
        "Havana",
        "x" * 5000,
        "",
    ]
    vecs = embedder.embed(texts)
    assert embedder.dim == 384
    assert vecs.shape == (4, 384)
    assert vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    "text", ["When did South Korea and Cuba establish diplomatic relations?", "Havana", "x" * 5000, ""]
)
def test_one_text_gives_the_vector_of_a_batch(embedder, text):
    """A single text (a question) takes a shorter path through the model: same vector, unit length."""
    one = embedder.embed([text])
    batch = embedder.embed([text, "another text in the same batch"])[:1]
    assert one.shape == (1, 384) and one.dtype == np.float32 and one.flags["C_CONTIGUOUS"]
    assert np.allclose(one, batch, atol=1e-5)
    assert np.allclose(np.linalg.norm(one), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(embedder):
    vecs = embedder.embed([])
    assert vecs.shape == (0, 384) and vecs.dtype == np.float32


def test_vectors_carry_meaning_and_are_repeatable(embedder):
    q, answer, other = embedder.embed(
        [
            "When did the two countries establish diplomatic relations?",
            "South Korea and Cuba established diplomatic relations on Feb. 14.",
            "Bake the sourdough bread for forty minutes in a hot oven.",
        ]
    )
    assert q @ answer > q @ other + 0.2
    assert np.allclose(embedder.embed(["Havana"])[0], embedder.embed(["Havana"])[0], atol=1e-6)


def test_progress_is_reported_up_to_the_total(embedder):
    seen = []
    embedder.embed([f"sentence number {i}" for i in range(5)], progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (5, 5)


def test_model_is_loaded_without_network(embedder):
    # the packaged model sets the Hugging Face libraries offline before loading
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert embedder.name == "sentence-transformers/all-MiniLM-L6-v2"


def _cos(words, a: str, b: str) -> float:
    return float(words.of([words.row(a)])[0] @ words.of([words.row(b)])[0])


def test_word_vectors_tell_words_of_one_meaning_from_others(real_engine):
    words = real_engine.word_vectors()
    assert words is not None and words.row("kids") is not None
    assert _cos(words, "kids", "children") > 0.8 > 0.4 > _cos(words, "kids", "bridge")
    assert _cos(words, "buy", "bought") > 0.7  # a form no stemmer joins
    assert words.row("zzzqx") is None  # not a word of the model's vocabulary


def test_word_vectors_are_encoded_once_and_then_read_from_the_cache(real_engine, monkeypatch):
    from kcqa import embedding

    first = real_engine.word_vectors()
    monkeypatch.setattr(embedding, "_word_vectors", {})  # a new process: nothing in memory
    monkeypatch.setattr(
        type(real_engine.embedder), "embed", lambda *a, **k: pytest.fail("encoded the vocabulary again")
    )
    again = real_engine.word_vectors()
    assert again.words == first.words and np.array_equal(again.vectors, first.vectors)


def test_a_damaged_word_vector_cache_is_encoded_again(real_engine, tmp_path, monkeypatch):
    from kcqa import embedding

    first = real_engine.word_vectors()
    monkeypatch.setattr(embedding, "_word_vectors", {})
    embedding.word_vectors(real_engine.embedder, tmp_path)  # writes the cache under tmp_path
    (cached,) = (tmp_path / "word-vectors").iterdir()
    cached.write_bytes(b"not an array")
    monkeypatch.setattr(embedding, "_word_vectors", {})
    again = embedding.word_vectors(real_engine.embedder, tmp_path)
    assert np.array_equal(again.vectors, first.vectors)
    assert np.load(cached).shape == first.vectors.shape  # and written whole again


def test_an_embedder_without_a_vocabulary_has_no_word_vectors(fake_embedder, tmp_path):
    from kcqa.embedding import word_vectors

    assert word_vectors(fake_embedder, tmp_path) is None
