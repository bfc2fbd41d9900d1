"""Build and update the index from the sources: only added and changed documents are embedded,
removed ones dropped, unchanged ones keep their vectors."""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from . import index as store
from .chunking import masked_text, split_document
from .config import Settings
from .embedding import Embedder, word_ranks
from .errors import ConfigError, IndexStateError, IndexWriteError, SourcesError
from .furniture import unmarked
from .schema import BuildReport, Document, other_format
from .sources import SourceFile, SourceWarning, check_folder, file_sha256, load_documents, scan
from .stories import group

Progress = Callable[[str, int, int], None]
LOCK_TIMEOUT = 10.0
# Version of what a build derives from the text besides vectors (boilerplate, sentences, typed
# values): an index made by another version is rebuilt, as for a change of chunk settings.
ANALYSIS = 40


@dataclass
class SourceDiff:
    """How the sources differ from what the manifest recorded."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    touched: dict[str, dict[str, int]] = field(default_factory=dict)  # same bytes, new mtime
    files: dict[str, SourceFile] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def settings_mismatch(manifest: dict[str, Any], settings: Settings, embedder: Embedder) -> str | None:
    """Why an index cannot be reused with these settings, or None when it can."""
    model = manifest.get("model", {})
    if model.get("name") != embedder.name or model.get("fingerprint") != embedder.fingerprint:
        return f"the model changed (index: {model.get('name')}, now: {embedder.name})"
    if manifest.get("chunking") != settings.chunking():
        return f"chunk settings changed (index: {manifest.get('chunking')}, now: {settings.chunking()})"
    if manifest.get("analysis", 1) != ANALYSIS:
        return f"the text analysis changed (index: version {manifest.get('analysis', 1)}, now: {ANALYSIS})"
    return None


def diff_sources(
    settings: Settings, manifest: dict[str, Any] | None, recheck: frozenset[str] = frozenset()
) -> SourceDiff:
    """Compare the sources folder with a manifest: size and mtime first, sha256 only when those
    differ, or for the files in ``recheck`` (found edited with their size and mtime kept)."""
    files, skipped = scan(settings.sources, max_bytes=settings.max_file_bytes)
    known: dict[str, dict[str, Any]] = (manifest or {}).get("documents", {})
    unreadable: dict[str, dict[str, Any]] = (manifest or {}).get("skipped", {})
    diff = SourceDiff(files={f.name: f for f in files}, skipped=skipped)
    for f in files:
        entry = known.get(f.name)
        bad = unreadable.get(f.name)
        if bad and bad["size"] == f.size and bad["mtime_ns"] == f.mtime_ns:
            diff.skipped.append({"name": f.name, "reason": bad["reason"]})  # still the same bad file
        elif entry is None:
            diff.added.append(f.name)
        elif entry["size"] == f.size and entry["mtime_ns"] == f.mtime_ns:
            same = f.name not in recheck or _same_bytes(f, entry["sha256"])
            (diff.unchanged if same else diff.changed).append(f.name)
        elif entry["size"] == f.size and _same_bytes(f, entry["sha256"]):
            diff.unchanged.append(f.name)
            diff.touched[f.name] = {"size": f.size, "mtime_ns": f.mtime_ns}
        else:
            diff.changed.append(f.name)
    diff.removed = sorted(set(known) - set(diff.files))
    return diff


def _same_bytes(f: SourceFile, sha256: str) -> bool:
    try:
        return file_sha256(f.path) == sha256
    except OSError:
        return False


def _doc_record(doc: Document) -> dict[str, Any]:
    return {
        "name": doc.name,
        "title": doc.title,
        "date": doc.date,
        "author": doc.author,
        "sha256": doc.sha256,
        "size": doc.size,
        "mtime_ns": doc.mtime_ns,
        "boilerplate": [list(s) for s in doc.boilerplate],
        "text": doc.text,
    }


def _embed_text(text: str) -> str:
    return " ".join(unmarked(text).split())


@contextlib.contextmanager
def _index_writes(index_dir: object) -> Iterator[None]:
    """IndexWriteError, saying what to do, for a build the index folder cannot take (read-only,
    no permission, disk full); the published index stays as it was."""
    try:
        yield
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise IndexWriteError(
            f"cannot write the index in {index_dir}: {exc.strerror or exc}{where}. Free some space, "
            "or give a folder you can write with --index-dir or KCQA_INDEX_DIR; the sources and "
            "the last index were left as they were."
        ) from None


def build(
    settings: Settings,
    embedder: Embedder,
    *,
    full: bool = False,
    progress: Progress | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
    recheck: frozenset[str] = frozenset(),
) -> BuildReport:
    """Bring the index in ``settings.index_dir`` up to date with ``settings.sources``; the files in
    ``recheck`` are compared by their bytes even when their size and mtime are unchanged."""
    t0 = time.perf_counter()
    check_folder(settings.sources)  # before the lock creates the index folder
    if Path(settings.index_dir).resolve() == Path(settings.sources).resolve():
        raise ConfigError(  # its manifest.json and version folders would land among the documents
            f"the index folder is the sources folder ({settings.sources}): give the index a folder "
            "of its own with --index-dir or KCQA_INDEX_DIR."
        )
    with _index_writes(settings.index_dir), store.build_lock(settings.index_dir, timeout=lock_timeout):
        try:
            manifest = store.read_manifest(settings.index_dir)
            damaged = None
        except IndexStateError as exc:
            manifest, damaged = None, str(exc)
        reason = None
        if full:
            reason = "full rebuild requested"
        elif manifest is None:
            full, reason = True, ("the index was damaged" if damaged else "no index yet")
        else:
            reason = settings_mismatch(manifest, settings, embedder)
            problem = None if reason else store.damage(settings.index_dir, manifest)
            if problem:
                reason = f"the index was damaged ({problem})"
            full = reason is not None
        diff = diff_sources(settings, None if full else manifest, recheck)
        broken = [s for s in diff.skipped if not other_format(s)]  # a PDF or a picture is no broken file
        if settings.strict and broken:
            bad = broken[0]
            raise SourcesError(
                f"{bad['name']}: {bad['reason']} (strict mode: fix or remove it; the index was left as it "
                "was)"
            )
        for skipped in broken:  # files left out by scanning or remembered as unreadable
            warnings.warn(f"skipped {skipped['name']}: {skipped['reason']}", SourceWarning, stacklevel=2)
        counts = (manifest or {}).get("counts", {})
        wanted_search = {
            key: store.search_kind(counts.get(key, 0), settings.ann_threshold)
            for key in ("chunks", "sentences")
        }
        if manifest is not None and not full and not diff.stale and manifest.get("search") == wanted_search:
            if diff.touched:  # same content, new mtimes: remember them so the next check is cheap
                docs_meta = dict(manifest["documents"])
                for name, stat in diff.touched.items():
                    docs_meta[name] = dict(docs_meta[name], **stat)
                store.publish_manifest(settings.index_dir, dict(manifest, documents=docs_meta))
            return BuildReport(
                added=[],
                changed=[],
                removed=[],
                unchanged=diff.unchanged,
                chunks=manifest["counts"]["chunks"],
                sentences=manifest["counts"]["sentences"],
                seconds=time.perf_counter() - t0,
                skipped=diff.skipped,
                index_dir=str(settings.index_dir),
                no_sentences=manifest.get("no_sentences", []),
            )
        old = None
        if not full:
            try:
                old = store.load_index(settings.index_dir, manifest)
            except Exception:  # noqa: BLE001 - a damaged index is rebuilt from the sources
                full, reason = True, "the previous index could not be read"
                diff = diff_sources(settings, None)
        published = _write_new_version(settings, embedder, diff, old, progress)
        store.prune(settings.index_dir, published["version"])
        counts = published["counts"]
        return BuildReport(
            added=diff.added,
            changed=diff.changed,
            removed=diff.removed,
            unchanged=diff.unchanged,
            chunks=counts["chunks"],
            sentences=counts["sentences"],
            seconds=time.perf_counter() - t0,
            full=full,
            reason=reason if full else None,
            skipped=diff.skipped,
            index_dir=str(settings.index_dir),
            no_sentences=published.get("no_sentences", []),
        )


def _write_new_version(settings, embedder, diff: SourceDiff, old, progress) -> dict[str, Any]:
    fresh, bad = load_documents([diff.files[n] for n in (*diff.added, *diff.changed)], strict=settings.strict)
    diff.skipped.extend(bad)
    bad_names = {b["name"] for b in bad}
    unreadable = {
        b["name"]: {
            "size": diff.files[b["name"]].size,
            "mtime_ns": diff.files[b["name"]].mtime_ns,
            "reason": b["reason"],
        }
        for b in diff.skipped
        if b["name"] in diff.files
    }
    diff.added = [n for n in diff.added if n not in bad_names]
    diff.changed = [n for n in diff.changed if n not in bad_names]
    fresh_by_name = {d.name: d for d in fresh}

    # Pieces of the new index, per document, in name order.
    old_pos = {d["name"]: i for i, d in enumerate(old.docs)} if old is not None else {}
    names = sorted([*fresh_by_name, *(n for n in diff.unchanged if n in old_pos)])
    docs, new_texts_chunks, new_texts_sents = [], [], []
    chunk_rows: list[dict[str, np.ndarray]] = []
    sent_rows: list[dict[str, np.ndarray]] = []
    values: list[list[list]] = []
    reuse: list[tuple[str, np.ndarray, np.ndarray]] = []  # (name, old chunk ids, old sentence ids)
    for name in names:
        if name in fresh_by_name:
            doc = fresh_by_name[name]
            chunks, sentences = split_document(doc, **settings.chunking())
            masked = masked_text(doc)
            new_texts_chunks += [_embed_text(masked[c.start : c.end]) for c in chunks]
            new_texts_sents += [_embed_text(doc.text[s.start : s.end]) for s in sentences]
            chunk_rows.append(
                {
                    "start": np.array([c.start for c in chunks], dtype=np.int64),
                    "end": np.array([c.end for c in chunks], dtype=np.int64),
                }
            )
            sent_rows.append(
                {
                    k: np.array([getattr(s, k) for s in sentences], dtype=np.int64)
                    for k in store.SENTENCE_COLUMNS
                    if k != "doc"
                }
            )
            docs.append(_doc_record(doc))
            values += [[list(v) for v in s.values] for s in sentences]
            reuse.append((name, None, None))
        else:
            i = old_pos[name]
            record = dict(old.docs[i], **diff.touched.get(name, {}))
            c_ids = np.flatnonzero(old.chunks["doc"] == i)
            s_ids = np.flatnonzero(old.sentences["doc"] == i)
            chunk_rows.append({k: old.chunks[k][c_ids] for k in ("start", "end")})
            sent_rows.append({k: old.sentences[k][s_ids] for k in store.SENTENCE_COLUMNS if k != "doc"})
            docs.append(record)
            values += [old.values[int(i)] for i in s_ids]
            reuse.append((name, c_ids, s_ids))

    total = len(new_texts_chunks) + len(new_texts_sents)

    def step(n_done: int, _total: int, base: int) -> None:
        if progress:
            progress("embedding", base + n_done, total)

    new_chunk_vecs = embedder.embed(new_texts_chunks, progress=lambda d, t: step(d, t, 0))
    new_sent_vecs = embedder.embed(new_texts_sents, progress=lambda d, t: step(d, t, len(new_texts_chunks)))
    dim = embedder.dim
    old_chunk_vecs = store.vectors(old.chunk_index) if old is not None else None
    old_sent_vecs = store.vectors(old.sentence_index) if old is not None else None

    chunk_vec_parts, sent_vec_parts, chunk_doc, sent_doc = [], [], [], []
    chunk_cursor = sent_cursor = 0  # position in the freshly embedded arrays
    chunk_offset = 0  # row of the first chunk of the current document in the new index
    for doc_i, ((_, c_ids, s_ids), crow, srow) in enumerate(zip(reuse, chunk_rows, sent_rows, strict=True)):
        n_c, n_s = len(crow["start"]), len(srow["start"])
        if c_ids is None:
            chunk_vec_parts.append(new_chunk_vecs[chunk_cursor : chunk_cursor + n_c])
            sent_vec_parts.append(new_sent_vecs[sent_cursor : sent_cursor + n_s])
            chunk_cursor += n_c
            sent_cursor += n_s
            srow["chunk"] = srow["chunk"] + chunk_offset
        else:
            chunk_vec_parts.append(old_chunk_vecs[c_ids])
            sent_vec_parts.append(old_sent_vecs[s_ids])
            # chunk ids were global rows of the old index: renumber them for the new one
            srow["chunk"] = srow["chunk"] - (c_ids[0] if n_c else 0) + chunk_offset
        chunk_doc.append(np.full(n_c, doc_i, dtype=np.int64))
        sent_doc.append(np.full(n_s, doc_i, dtype=np.int64))
        chunk_offset += n_c

    def cat(parts, key=None, width=None):
        if not parts:
            return np.zeros((0, width) if width else 0, dtype=np.float32 if width else np.int64)
        return np.concatenate([p[key] for p in parts] if key else parts)

    chunk_table = {"doc": cat(chunk_doc), "start": cat(chunk_rows, "start"), "end": cat(chunk_rows, "end")}
    sent_table = {"doc": cat(sent_doc)} | {k: cat(sent_rows, k) for k in store.SENTENCE_COLUMNS if k != "doc"}
    chunk_vecs = cat(chunk_vec_parts, width=dim)
    sent_vecs = cat(sent_vec_parts, width=dim)
    if progress:
        progress("writing", 0, 1)
    texts = [d["text"] for d in docs]
    # which story each document tells, regrouped at every build (a new page can join two stories)
    labels = group(texts, word_ranks(embedder) if texts else {})
    docs = [dict(d, story=int(label)) for d, label in zip(docs, labels, strict=True)]
    lexical = store.lexical_index(docs, sent_table)
    chunk_index = store.make_faiss(chunk_vecs, dim=dim, ann_threshold=settings.ann_threshold)
    sentence_index = store.make_faiss(sent_vecs, dim=dim, ann_threshold=settings.ann_threshold)
    manifest = {
        "model": {"name": embedder.name, "fingerprint": embedder.fingerprint, "dim": dim},
        "chunking": settings.chunking(),
        "analysis": ANALYSIS,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": {
            "documents": len(docs),
            "chunks": len(chunk_table["doc"]),
            "sentences": len(sent_table["doc"]),
            "stories": len(set(labels.tolist())),
        },
        "search": {
            "chunks": store.search_kind(len(chunk_vecs), settings.ann_threshold),
            "sentences": store.search_kind(len(sent_vecs), settings.ann_threshold),
        },
        "sources": str(settings.sources),
        "documents": {
            d["name"]: {"sha256": d["sha256"], "size": d["size"], "mtime_ns": d["mtime_ns"]} for d in docs
        },
        "skipped": unreadable,
        # indexed, yet no sentence of theirs can be an answer: said at every build and in the status
        "no_sentences": [d["name"] for d, rows in zip(docs, sent_doc, strict=True) if not len(rows)],
    }
    published = store.write_version(
        settings.index_dir,
        manifest,
        docs,
        chunk_table,
        sent_table,
        chunk_index,
        sentence_index,
        lexical,
        values,
    )
    if progress:
        progress("writing", 1, 1)
    return published
