"""Benchmark for index refresh (issue 4): on a generated corpus of 1,000 documents of real text
(docstrings of the installed Python packages, see corpus.py), measure the full build, the
re-index after changing one document, and the no-op check. Not part of the test suite.

Usage: python benchmarks/refresh.py [--docs 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from corpus import write_corpus

from kcqa.config import get_settings
from kcqa.embedding import get_embedder
from kcqa.indexer import build


class CountingEmbedder:
    """Wraps the real embedder and counts the texts it embeds."""

    def __init__(self, inner) -> None:
        self.inner, self.count = inner, 0
        self.name, self.fingerprint = inner.name, inner.fingerprint

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed(self, texts, *, progress=None):
        self.count += len(texts)
        return self.inner.embed(texts, progress=progress)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--keep", help="folder to keep the corpus and index in")
    args = parser.parse_args()
    base = Path(args.keep or tempfile.mkdtemp(prefix="kcqa-refresh-"))
    sources, index_dir = base / "sources", base / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    if not sources.is_dir() or len(list(sources.glob("*.txt"))) < args.docs:
        shutil.rmtree(sources, ignore_errors=True)
        write_corpus(sources, total_chars=args.docs * 10_000, doc_chars=3000, max_docs=args.docs)
    paths = sorted(sources.glob("*.txt"))
    chars = sum(p.stat().st_size for p in paths)
    settings = get_settings(sources=sources, index_dir=index_dir)
    embedder = CountingEmbedder(get_embedder(None, settings.cache_dir))
    embedder.embed(["warm up the model"])
    embedder.count = 0

    t0 = time.perf_counter()
    full = build(settings, embedder)
    t_full = time.perf_counter() - t0
    n_full = embedder.count

    target = paths[len(paths) // 2]
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\nAn added closing paragraph.\n", encoding="utf-8"
    )
    embedder.count = 0
    t0 = time.perf_counter()
    one = build(settings, embedder)
    t_one = time.perf_counter() - t0
    n_one = embedder.count

    noop_times = []
    for _ in range(5):
        t0 = time.perf_counter()
        noop = build(settings, embedder)
        noop_times.append(time.perf_counter() - t0)
    assert noop.up_to_date

    print(
        f"corpus: {len(paths)} documents, {chars:,} bytes of docstring text; {full.chunks} chunks, "
        f"{full.sentences} sentences; {os.cpu_count()} CPUs"
    )
    print("| step | seconds | texts embedded | report |")
    print("|---|---|---|---|")
    print(f"| full build | {t_full:.1f} | {n_full} | {len(full.added)} added |")
    print(
        f"| re-index, 1 document changed | {t_one:.2f} ({100 * t_one / t_full:.1f}% of full) | {n_one} | "
        f"{one.changed} changed, {len(one.unchanged)} unchanged |"
    )
    print(f"| no-op check (median of 5) | {sorted(noop_times)[2] * 1000:.1f} ms | 0 | up to date |")


if __name__ == "__main__":
    main()
