"""The index folder on disk.

Layout (``index_dir``)::

    manifest.json        the current manifest; it names the version folder in use
    .lock                held by the one process that builds
    v-<time>-<id>/       one complete, immutable index version
        manifest.json    a copy of the manifest that published it
        documents.jsonl  one line per document: name, title, date, sha256, size, mtime, furniture, text
        chunks.json      chunk table (columns: doc, start, end)
        sentences.json   sentence table (doc, start, end, para_start, para_end, chunk, flags, kinds)
        values.json      per sentence, its typed values: [kind, value, unit, start, end]
        chunks.faiss     chunk vectors      (row i = chunk i)
        sentences.faiss  sentence vectors   (row i = sentence i)
        bm25/            BM25 over the sentences (bm25s format, no pickle)

A build writes a new version folder next to the current one, then replaces ``manifest.json`` with
an atomic rename: readers see either the old index or the new one, never a mix, and a build killed
at any point leaves the old one in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .errors import IndexBusyError, IndexStateError
from .furniture import unmarked
from .lexical import LexicalIndex

FORMAT = 4
MANIFEST = "manifest.json"
SENTENCE_COLUMNS = (
    "doc",
    "start",
    "end",
    "para_start",
    "para_end",
    "chunk",
    "fragment",
    "leans_back",
    "kinds",
)
CHUNK_COLUMNS = ("doc", "start", "end")
KEEP_OLD_VERSIONS = 1  # a reader that is still loading the previous version can finish


@dataclass
class IndexData:
    """One loaded index version. Tables are numpy columns; row i of a table is vector i."""

    path: Path
    manifest: dict[str, Any]
    docs: list[dict[str, Any]]
    chunks: dict[str, np.ndarray]
    sentences: dict[str, np.ndarray]
    chunk_index: Any
    sentence_index: Any
    lexical: LexicalIndex
    values: list[list[list]]
    cache: dict[str, Any] = field(default_factory=dict)  # per-version memo of derived data

    @property
    def version(self) -> str:
        return self.manifest["version"]


def text_around(docs: list[dict[str, Any]], sentences: dict[str, np.ndarray]) -> list[str]:
    """Per document, its text outside the sentences: the writer's name, what comes before its
    first sentence (headline, byline, masthead) and its page furniture (captions, link lines)."""
    first = np.searchsorted(sentences["doc"], np.arange(len(docs)))  # each document's first sentence
    out = []
    for k, doc in enumerate(docs):
        own = first[k] < len(sentences["doc"]) and sentences["doc"][first[k]] == k
        start = int(sentences["start"][first[k]]) if own else 0
        furniture = (doc["text"][a:b] for a, b in doc.get("boilerplate") or ())
        out.append(" ".join((doc.get("author") or "", doc["text"][:start], *furniture)))
    return out


def lexical_index(docs: list[dict[str, Any]], sentences: dict[str, np.ndarray]) -> LexicalIndex:
    """BM25 over the sentences of the documents, with the names their pages sign outside them."""
    spans = zip(sentences["doc"], sentences["start"], sentences["end"], strict=True)
    texts = [unmarked(docs[int(d)]["text"][int(a) : int(b)]) for d, a, b in spans]
    return LexicalIndex.build(texts, around=text_around(docs, sentences))


def flat_view(index) -> np.ndarray:
    """The float32 vectors of an exact (flat) index, without a copy."""
    import faiss

    n, d = index.ntotal, index.d
    if n == 0:
        return np.zeros((0, d), dtype=np.float32)
    return faiss.rev_swig_ptr(index.get_xb(), n * d).reshape(n, d)


def _flat_storage(index):
    """The exact (float32) index that holds the vectors of ``index``, or None (HNSW with float16)."""
    import faiss

    storage = faiss.downcast_index(index.storage) if hasattr(index, "storage") else index
    return storage if isinstance(storage, faiss.IndexFlat) else None


class DecodedRows:
    """Row access (``rows[i]``, ``rows[a:b]``, ``rows[ids]``) to the vectors of an index that does
    not keep them as float32, decoding only the rows asked for."""

    def __init__(self, index) -> None:
        self.index = index

    def __len__(self) -> int:
        return self.index.ntotal

    def __getitem__(self, key) -> np.ndarray:
        if np.isscalar(key):
            return self[np.array([key])][0]
        if isinstance(key, slice):
            key = np.arange(*key.indices(self.index.ntotal))
        ids = np.ascontiguousarray(key, dtype=np.int64)
        if ids.size == 0:
            return np.zeros((*ids.shape, self.index.d), dtype=np.float32)
        return self.index.reconstruct_batch(ids.reshape(-1)).reshape(*ids.shape, self.index.d)


Rows = np.ndarray | DecodedRows


def rows(index) -> Rows:
    """The vectors of ``index`` for row access: a float32 view when it has one, else DecodedRows."""
    flat = _flat_storage(index)
    return flat_view(flat) if flat is not None else DecodedRows(index)


def vectors(index) -> np.ndarray:
    """All stored vectors as float32: a view of an exact index, a decoded copy of an HNSW one."""
    found = rows(index)
    return found if isinstance(found, np.ndarray) else found[:]


def search_kind(n_vectors: int, ann_threshold: int) -> str:
    """ "flat" (exact) up to ``ann_threshold`` vectors, "hnsw" (approximate) above."""
    return "hnsw" if n_vectors > ann_threshold else "flat"


def make_faiss(vecs: np.ndarray, *, dim: int, ann_threshold: int):
    """Exact inner-product search, or HNSW once there are more than ``ann_threshold`` vectors.

    HNSW keeps its vectors as float16: half the memory of a large index, and unit vectors lose
    nothing a cosine ranking notices (recall against exact search: benchmarks/results.md).
    """
    import faiss

    vecs = np.ascontiguousarray(vecs, dtype=np.float32).reshape(-1, dim)
    if search_kind(len(vecs), ann_threshold) == "hnsw":
        index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_fp16, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 128
        if not index.is_trained:
            index.train(vecs)
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vecs):
        index.add(vecs)
    return index


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The current manifest, or None when there is no index yet."""
    path = Path(index_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise IndexStateError(
            f"{path} is damaged ({exc}); run `kcqa index --full` to rebuild the index."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or "version" not in manifest:
        raise IndexStateError(
            f"{path} is not a kcqa index manifest of format {FORMAT}; run `kcqa index --full`."
        )
    return manifest


def damage(index_dir: Path, manifest: dict[str, Any]) -> str | None:
    """What is wrong with the files of the manifest's version (missing, wrong size), or None."""
    folder = Path(index_dir) / manifest["version"]
    for name, size in manifest.get("files", {}).items():
        try:
            actual = (folder / name).stat().st_size
        except OSError:
            return f"{manifest['version']}/{name} is missing"
        if actual != size:
            return f"{manifest['version']}/{name} has {actual} bytes instead of {size}"
    if not manifest.get("files"):
        return "the manifest lists no files"
    return None


# The metadata files are checksummed: a same-size edit of a text or an offset must not go unnoticed.
CHECKSUMMED = ("documents.jsonl", "chunks.json", "sentences.json", "values.json")


def _read_checked(folder: Path, name: str, manifest: dict[str, Any]) -> str:
    """A metadata file's text, after checking its sha256 against the manifest."""
    data = (folder / name).read_bytes()
    expected = manifest.get("checksums", {}).get(name)
    if expected is None or hashlib.sha256(data).hexdigest() != expected:
        raise ValueError(f"{name} does not match its checksum")
    return data.decode("utf-8")


def _columns(text: str, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    table = json.loads(text)
    cols = {name: np.asarray(table[name], dtype=np.int64) for name in names}
    if len({len(c) for c in cols.values()}) > 1:
        raise ValueError("a table has columns of different lengths")
    return cols


def load_index(index_dir: Path, manifest: dict[str, Any] | None = None) -> IndexData:
    """Load and verify the current index version. Raises IndexStateError when it is damaged."""
    import faiss

    manifest = manifest or read_manifest(index_dir)
    if manifest is None:
        raise IndexStateError(f"no index in {index_dir}; run `kcqa index` to build it.")
    folder = Path(index_dir) / manifest["version"]
    try:
        problem = damage(index_dir, manifest)
        if problem:
            raise ValueError(problem)
        text = {name: _read_checked(folder, name, manifest) for name in CHECKSUMMED}
        # split on newlines only: splitlines() would also cut a record at a U+2028 in a document
        docs = [json.loads(line) for line in text["documents.jsonl"].split("\n") if line.strip()]
        chunks = _columns(text["chunks.json"], CHUNK_COLUMNS)
        sentences = _columns(text["sentences.json"], SENTENCE_COLUMNS)
        chunk_index = faiss.read_index(str(folder / "chunks.faiss"))
        sentence_index = faiss.read_index(str(folder / "sentences.faiss"))
        lexical = LexicalIndex.load(folder / "bm25")
        values = json.loads(text["values.json"])
        counts, dim = manifest["counts"], manifest["model"]["dim"]
        problems = []
        if len(docs) != counts["documents"]:
            problems.append(f"{len(docs)} documents, manifest says {counts['documents']}")
        for label, table, index in (
            ("chunks", chunks, chunk_index),
            ("sentences", sentences, sentence_index),
        ):
            rows = len(table["doc"])
            if rows != counts[label] or index.ntotal != rows:
                problems.append(
                    f"{index.ntotal} {label} vectors for {rows} rows ({counts[label]} in manifest)"
                )
            if index.d != dim:
                problems.append(f"{label} vectors have {index.d} dimensions, the model {dim}")
        if len(values) != len(sentences["doc"]):
            problems.append("values table does not match the sentences")
        if lexical.n_docs != max(len(sentences["doc"]), 1):  # no sentences: one placeholder text
            problems.append("BM25 table does not match the sentences")
        if len(docs) and (
            sentences["doc"].max(initial=0) >= len(docs) or chunks["doc"].max(initial=0) >= len(docs)
        ):
            problems.append("rows point at documents that are not there")
        lengths = np.array([len(d["text"]) for d in docs] or [0], dtype=np.int64)
        for label, table, pairs in (
            ("chunk", chunks, [("start", "end")]),
            ("sentence", sentences, [("start", "end"), ("para_start", "para_end")]),
        ):
            for lo, hi in pairs:
                a, b = table[lo], table[hi]
                if (
                    len(a)
                    and ((a < 0) | (a > b) | (b > lengths[np.minimum(table["doc"], len(lengths) - 1)])).any()
                ):
                    problems.append(f"{label} offsets fall outside their documents")
        if problems:
            raise ValueError("; ".join(problems))
    except IndexStateError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage is reported the same way
        raise IndexStateError(
            f"the index in {index_dir} is damaged ({exc}); run `kcqa index --full` to rebuild it."
        ) from None
    if hasattr(sentence_index, "hnsw"):
        sentence_index.hnsw.efSearch = 256
    if hasattr(chunk_index, "hnsw"):
        chunk_index.hnsw.efSearch = 256
    return IndexData(folder, manifest, docs, chunks, sentences, chunk_index, sentence_index, lexical, values)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def write_version(
    index_dir: Path,
    manifest: dict[str, Any],
    docs: list[dict[str, Any]],
    chunks: dict[str, np.ndarray],
    sentences: dict[str, np.ndarray],
    chunk_index,
    sentence_index,
    lexical: LexicalIndex,
    values: list[list[list]],
) -> dict[str, Any]:
    """Write a complete new version, then publish it by atomically replacing manifest.json.

    Returns the published manifest (with its ``version`` filled in).
    """
    import faiss

    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    version = time.strftime("v-%Y%m%dT%H%M%S-") + secrets.token_hex(3)
    manifest = dict(manifest, version=version, format=FORMAT)
    tmp = index_dir / f"{version}.tmp"
    tmp.mkdir()
    with open(tmp / "documents.jsonl", "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    for name, table in (("chunks.json", chunks), ("sentences.json", sentences)):
        _write(tmp / name, json.dumps({k: np.asarray(v).tolist() for k, v in table.items()}))
    _write(tmp / "values.json", json.dumps(values))
    faiss.write_index(chunk_index, str(tmp / "chunks.faiss"))
    faiss.write_index(sentence_index, str(tmp / "sentences.faiss"))
    lexical.save(tmp / "bm25")
    # Sizes of every file, so that a damaged version is noticed without loading it.
    manifest["files"] = {
        p.relative_to(tmp).as_posix(): p.stat().st_size for p in sorted(tmp.rglob("*")) if p.is_file()
    }
    manifest["checksums"] = {
        name: hashlib.sha256((tmp / name).read_bytes()).hexdigest() for name in CHECKSUMMED
    }
    body = json.dumps(manifest, indent=1, ensure_ascii=False)
    _write(tmp / MANIFEST, body)
    for path in [*tmp.iterdir(), *(tmp / "bm25").iterdir()]:
        if path.is_file():
            _fsync(path)
    final = index_dir / version
    os.replace(tmp, final)
    publish_manifest(index_dir, manifest)
    return manifest


def publish_manifest(index_dir: Path, manifest: dict[str, Any]) -> None:
    """Atomically make ``manifest`` the current one (write a temp file, fsync, rename)."""
    index_dir = Path(index_dir)
    tmp = index_dir / f".{MANIFEST}.{secrets.token_hex(4)}.tmp"
    _write(tmp, json.dumps(manifest, indent=1, ensure_ascii=False))
    os.replace(tmp, index_dir / MANIFEST)
    _fsync(index_dir)


def prune(index_dir: Path, current: str) -> None:
    """Remove unfinished builds and all but the newest old versions. Call with the lock held."""
    index_dir = Path(index_dir)
    versions = sorted(p for p in index_dir.glob("v-*") if p.is_dir() and p.name != current)
    finished = [p for p in versions if not p.name.endswith(".tmp")]
    stale = [p for p in versions if p.name.endswith(".tmp")] + finished[
        : max(0, len(finished) - KEEP_OLD_VERSIONS)
    ]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(f".{MANIFEST}.*.tmp"):
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def build_lock(index_dir: Path, *, timeout: float) -> Iterator[None]:
    """Hold the index's build lock; a second builder waits ``timeout`` seconds, then gives up."""
    from filelock import FileLock, Timeout

    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / ".lock"))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise IndexBusyError(
            f"another kcqa process is building the index in {index_dir}; wait for it to finish and try again."
        ) from None
    try:
        yield
    finally:
        lock.release()
