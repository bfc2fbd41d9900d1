"""Shared fixtures. No test touches the real index/ or the user's cache: every KCQA_* setting
points at temp folders; the packaged model is extracted once per session into a temp cache."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """One model cache for the whole session (the packaged weights are extracted once)."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(autouse=True)
def kcqa_env(monkeypatch, tmp_path, model_cache) -> Path:
    """Point every KCQA_* setting at temp folders; sources default to a copy of the seeds."""
    sources = tmp_path / "sources"
    shutil.copytree(SEEDS, sources)
    monkeypatch.setenv("KCQA_SOURCES", str(sources))
    monkeypatch.setenv("KCQA_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("KCQA_CACHE_DIR", str(model_cache))
    monkeypatch.delenv("KCQA_MODEL", raising=False)
    monkeypatch.delenv("KCQA_REFRESH", raising=False)
    return sources


class FakeEmbedder:
    """Deterministic bag-of-words vectors (hashing trick); counts every text it is asked to embed."""

    name = "fake-embedder"
    fingerprint = "fake:1"
    dim = 64

    def __init__(self) -> None:
        self.calls: list[str] = []

    def embed(self, texts, *, progress=None):
        texts = list(texts)
        self.calls.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                h = int(hashlib.md5(word.encode()).hexdigest()[:8], 16)
                out[row, h % self.dim] += 1.0
            out[row, 0] += 1e-3
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        if progress:
            progress(len(texts), len(texts))
        return out


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_engine(tmp_path_factory, model_cache):
    """An Engine with the real packaged model over a session copy of the seeds (built once)."""
    from kcqa.config import get_settings
    from kcqa.pipeline import Engine

    base = tmp_path_factory.mktemp("real")
    shutil.copytree(SEEDS, base / "sources")
    engine = Engine(
        get_settings(
            sources=base / "sources", index_dir=base / "index", cache_dir=model_cache, refresh="auto"
        )
    )
    engine.index()
    return engine
