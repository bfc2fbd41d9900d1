"""kcqa benchmarks (issue 6). Writes benchmarks/results.md (results-quick.md without scale sizes).
Not part of the test suite.

Usage: python benchmarks/run.py [--sizes 1000,10000,100000] [--questions N] [--cache DIR]

Sections: (1) warm ask() against a bare model.encode of the same question, interleaved;
(2) cold start of the CLI and of the web UI; (3) index build throughput against bare encode on
the same texts, with peak memory; (4) scale: corpora of about 1k/10k/100k chunks of real text
(docstrings of the installed Python packages, see corpus.py); (5) the tutorial peer's ask().
Heavy steps run in child processes so that their peak memory can be read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
QUESTION_SETS = [ROOT / "tests/data/questions_seeds.json", ROOT.parent / "shared/dev.json"]
GENERIC = [
    "How do I open a file for reading?",
    "What does this function return?",
    "How are timeouts handled?",
    "Which encoding is used by default?",
    "What happens when the connection is closed?",
    "How do I convert a string to bytes?",
    "What is the default value of the parameter?",
    "Why is a warning raised?",
    "How many arguments does it accept?",
    "How do I sort a list in place?",
    "What exception is raised when the key is missing?",
    "How are threads synchronised?",
    "What is a context manager?",
    "How do I parse a date?",
    "When is the cache cleared?",
    "How do I read a CSV file?",
    "What does the seed argument control?",
    "How is memory freed?",
    "Which method compares two arrays?",
    "How do I compute the mean of a tensor?",
]


def child(code: str, *args: str, env: dict | None = None, timeout: float = 7200) -> dict:
    """Run Python code in a fresh process; it prints one JSON line last. Adds its peak RSS (MB)."""
    prelude = (
        "import json, resource, sys, time\n"
        "def done(**kw):\n"
        "    kw['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "    print(json.dumps(kw))\n"
    )
    full_env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(HERE)]), **(env or {}))
    out = subprocess.run(
        [sys.executable, "-c", prelude + code, *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(f"child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def questions(n: int) -> list[str]:
    qs = []
    for path in QUESTION_SETS:
        if path.is_file():
            qs += [q["question"] for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]
    return qs[:n]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


WARM = """
from pathlib import Path
from kcqa.config import get_settings
from kcqa.pipeline import Engine
sources, index_dir, qfile = sys.argv[1], sys.argv[2], sys.argv[3]
qs = json.loads(Path(qfile).read_text())
engine = Engine(get_settings(sources=sources, index_dir=index_dir))
engine.ask(qs[0]); model = engine.embedder.model; model.encode([qs[0]])
ask_ms, enc_ms = [], []
for rep in range(int(sys.argv[4])):
    for q in qs:
        t0 = time.perf_counter(); engine.ask(q); t1 = time.perf_counter()
        model.encode([q]); t2 = time.perf_counter()
        ask_ms.append((t1 - t0) * 1000); enc_ms.append((t2 - t1) * 1000)
done(ask_ms=ask_ms, enc_ms=enc_ms)
"""

PEER = """
from pathlib import Path
from kcqa.config import get_settings
from kcqa.embedding import get_embedder
from kcqa.peers import TutorialPeer, BM25Peer
sources, qfile = sys.argv[1], sys.argv[2]
qs = json.loads(Path(qfile).read_text())
emb = get_embedder(None, get_settings().cache_dir)
out = {}
for peer in (TutorialPeer(Path(sources), emb), BM25Peer(Path(sources))):
    peer.ask(qs[0]); ms = []
    for q in qs:
        t0 = time.perf_counter(); peer.ask(q); ms.append((time.perf_counter() - t0) * 1000)
    out[peer.name] = ms
done(**out)
"""

BUILD = """
from pathlib import Path
from kcqa.config import get_settings
from kcqa.embedding import get_embedder
from kcqa.indexer import build
sources, index_dir, chunk_size, overlap = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
settings = get_settings(sources=sources, index_dir=index_dir, chunk_size=chunk_size, chunk_overlap=overlap)
emb = get_embedder(None, settings.cache_dir); emb.embed(["warm up"])
t0 = time.perf_counter(); report = build(settings, emb, full=True); seconds = time.perf_counter() - t0
done(seconds=seconds, chunks=report.chunks, sentences=report.sentences, documents=len(report.added))
"""

BARE = """
from pathlib import Path
from kcqa.config import get_settings
from kcqa.embedding import get_embedder
from kcqa.index import load_index
index_dir = sys.argv[1]
data = load_index(Path(index_dir))
texts = []
for table in (data.chunks, data.sentences):
    for d, a, b in zip(table["doc"], table["start"], table["end"]):
        texts.append(" ".join(data.docs[d]["text"][a:b].split()))
model = get_embedder(None, get_settings().cache_dir).model; model.encode(["warm up"])
t0 = time.perf_counter(); model.encode(texts, batch_size=64); seconds = time.perf_counter() - t0
done(seconds=seconds, texts=len(texts))
"""

SERVE = """
from pathlib import Path
from kcqa.config import get_settings
from kcqa.pipeline import Engine
sources, index_dir, chunk_size, overlap, qfile = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
qs = json.loads(Path(qfile).read_text())
engine = Engine(get_settings(sources=sources, index_dir=index_dir, chunk_size=chunk_size, chunk_overlap=overlap))
engine.ask(qs[0])
ms = []
for q in qs:
    t0 = time.perf_counter(); engine.ask(q); ms.append((time.perf_counter() - t0) * 1000)
data, _ = engine.index()
done(ask_ms=ms, kind=data.manifest["search"])
"""

# In its own process, so that the exact search's full matrix does not count as serving memory.
RECALL = """
import numpy as np
from pathlib import Path
from kcqa.config import get_settings
from kcqa.embedding import get_embedder
from kcqa.index import load_index, vectors
index_dir, qfile = sys.argv[1], sys.argv[2]
qs = json.loads(Path(qfile).read_text())
data = load_index(Path(index_dir))
index = data.sentence_index
vecs = vectors(index)
rng = np.random.default_rng(0)
emb = get_embedder(None, get_settings().cache_dir)
probe = np.vstack([emb.embed(qs), vecs[rng.choice(len(vecs), 200, replace=False)]])
sims = probe @ vecs.T
exact = np.argsort(-sims, axis=1)[:, :10]
_, approx = index.search(np.ascontiguousarray(probe), 10)
recall = float(np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact)]))
# Ties: a corpus repeats sentences, and of equal vectors exact search keeps an arbitrary one. Counted
# separately: an approximate hit as good as the exact 10th (same similarity, to float16 precision).
tenth = np.take_along_axis(sims, exact[:, 9:10], axis=1)
got = np.take_along_axis(sims, np.maximum(approx, 0), axis=1)
recall_ties = float(np.mean((got >= tenth - 1e-3) & (approx >= 0)))
done(recall=recall, recall_ties=recall_ties, probes=len(probe), ef_search=index.hnsw.efSearch)
"""


def du_mb(index_dir: Path) -> float:
    """Size of the current index version (older versions kept for readers are not counted)."""
    version = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))["version"]
    return sum(p.stat().st_size for p in (index_dir / version).rglob("*") if p.is_file()) / 1e6


def cold_cli(index_dir: Path) -> float:
    env = dict(os.environ, KCQA_SOURCES=str(SEEDS), KCQA_INDEX_DIR=str(index_dir))
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kcqa.cli",
                "ask",
                "When did South Korea and Cuba establish diplomatic relations?",
            ],
            env=dict(env, PYTHONPATH=str(ROOT / "src")),
            capture_output=True,
            check=True,
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cold_ui(index_dir: Path) -> tuple[float, float]:
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(
        os.environ, KCQA_SOURCES=str(SEEDS), KCQA_INDEX_DIR=str(index_dir), PYTHONPATH=str(ROOT / "src")
    )
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kcqa.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
            if time.perf_counter() - t0 > 120:
                raise RuntimeError("the UI did not start within 120 s")
        ready = time.perf_counter() - t0
        from gradio_client import Client

        Client(url, verbose=False).predict(
            "When did South Korea and Cuba establish diplomatic relations?", api_name="/ask"
        )
        first = time.perf_counter() - t0
        return ready, first
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def throughput_section(row: dict, bare: dict) -> list[str]:
    bare_rate = bare["texts"] / bare["seconds"]
    return [
        "## 3. Index build throughput (the ~1k-chunk corpus)\n",
        "| | texts | seconds | texts/s | peak memory MB |",
        "|---|---|---|---|---|",
        f"| kcqa build (chunking, sentences, embedding, BM25, FAISS, write) | {row['chunks'] + row['sentences']} | "
        f"{row['seconds']:.1f} | {row['texts_per_s']:.0f} | {row['peak_mb']:.0f} |",
        f"| bare model.encode, same texts | {bare['texts']} | {bare['seconds']:.1f} | {bare_rate:.0f} | "
        f"{bare['peak_mb']:.0f} |",
        f"| ratio | | | **{row['texts_per_s'] / bare_rate:.2f}** (target >= 0.85) | |\n",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="approximate chunk counts for the scale runs"
    )
    parser.add_argument("--questions", type=int, default=200, help="questions for the warm ask benchmark")
    parser.add_argument(
        "--cache", default=str(HERE / ".cache"), help="where corpora and scale indexes are kept"
    )
    parser.add_argument(
        "--out",
        help="where the tables go (default results.md; results-quick.md for a run without scale sizes, "
        "so that a quick re-measure never replaces the full run's sections 3 and 4)",
    )
    args = parser.parse_args()
    if args.out is None:
        args.out = str(HERE / ("results.md" if args.sizes.strip() else "results-quick.md"))
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kcqa-bench-"))
    qfile = work / "questions.json"
    qs = questions(args.questions)
    qfile.write_text(json.dumps(qs))
    gfile = work / "generic.json"
    gfile.write_text(json.dumps(GENERIC * 3))
    lines = [
        f"# kcqa benchmarks\n\n{date.today().isoformat()}, {os.cpu_count()} CPUs "
        f"({platform.processor() or platform.machine()}), Python {platform.python_version()}.\n"
    ]

    # 1. warm ask vs bare encode
    seeds_index = work / "seeds-index"
    child(BUILD, str(SEEDS), str(seeds_index), "800", "120")
    warm = child(WARM, str(SEEDS), str(seeds_index), str(qfile), "2")
    a50, e50 = statistics.median(warm["ask_ms"]), statistics.median(warm["enc_ms"])
    lines += [
        "## 1. Warm ask() against bare encode (seeds)\n",
        f"{len(warm['ask_ms'])} asks ({len(qs)} questions x 2), each followed by `model.encode([question])`.\n",
        "| | p50 ms | p95 ms |",
        "|---|---|---|",
        f"| kcqa ask() | {a50:.2f} | {pct(warm['ask_ms'], 0.95):.2f} |",
        f"| bare model.encode | {e50:.2f} | {pct(warm['enc_ms'], 0.95):.2f} |",
        f"| ratio | **{a50 / e50:.2f}** (target <= 1.3) | {pct(warm['ask_ms'], 0.95) / pct(warm['enc_ms'], 0.95):.2f} |\n",
    ]
    print("\n".join(lines[-7:]), flush=True)

    # 2. cold start
    cli = cold_cli(seeds_index)
    ready, first = cold_ui(seeds_index)
    lines += [
        "## 2. Cold start (index built, model extracted)\n",
        "| path | seconds |",
        "|---|---|",
        f"| process start -> first CLI answer (`kcqa ask`, median of 3) | {cli:.2f} (target <= 5) |",
        f"| process start -> web UI ready (`kcqa serve`, HTTP 200) | {ready:.2f} |",
        f"| process start -> first answer through the UI API | {first:.2f} |\n",
    ]
    print("\n".join(lines[-6:]), flush=True)

    out = Path(args.out)
    out.write_text("\n".join(lines) + "\n\n(scale runs in progress)\n", encoding="utf-8")

    # 3 and 4. build throughput and scale
    scale_rows, throughput = [], None
    for size in [int(s) for s in args.sizes.split(",") if s]:
        chunk_size, overlap = (800, 120) if size <= 10_000 else (500, 60)
        corpus = cache / f"corpus-{size}"
        if not corpus.is_dir():
            from corpus import write_corpus

            write_corpus(corpus, total_chars=int(size * (chunk_size - overlap) * 1.05), doc_chars=3000)
        index_dir = cache / f"index-{size}"
        shutil.rmtree(index_dir, ignore_errors=True)
        built = child(BUILD, str(corpus), str(index_dir), str(chunk_size), str(overlap))
        served = child(SERVE, str(corpus), str(index_dir), str(chunk_size), str(overlap), str(gfile))
        recall = child(RECALL, str(index_dir), str(gfile)) if served["kind"]["sentences"] == "hnsw" else None
        texts = built["chunks"] + built["sentences"]
        row = {
            "size": size,
            **built,
            "disk_mb": du_mb(index_dir),
            "serve_mb": served["peak_mb"],
            "ask_p50": statistics.median(served["ask_ms"]),
            "recall": recall and recall["recall"],
            "recall_ties": recall and recall["recall_ties"],
            "kind": served["kind"],
            "texts_per_s": texts / built["seconds"],
        }
        if throughput is None:
            bare = child(BARE, str(index_dir))
            throughput = (row, bare)
        scale_rows.append(row)
        print(row, flush=True)
        with out.open("a", encoding="utf-8") as fh:
            fh.write(f"\npartial: {json.dumps(row)}\n")

    if throughput is not None:  # with --sizes "" only sections 1, 2 and 5 are run
        lines += throughput_section(*throughput)
    if scale_rows:
        lines += [
            "## 4. Scale (docstrings of the installed Python packages as documents)\n",
            "| chunks | sentences | documents | build s | index on disk MB | build peak MB | serving peak MB | "
            "ask p50 ms | search (chunks/sentences) | recall@10 vs exact |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in scale_rows:
            recall = (
                f"{r['recall']:.3f} ({r['recall_ties']:.3f} with ties)"
                if r["recall"] is not None
                else "exact"
            )
            lines.append(
                f"| {r['chunks']} | {r['sentences']} | {r['documents']} | {r['seconds']:.0f} | "
                f"{r['disk_mb']:.0f} | {r['peak_mb']:.0f} | {r['serve_mb']:.0f} | {r['ask_p50']:.2f} | "
                f"{r['kind']['chunks']}/{r['kind']['sentences']} | {recall} |"
            )
        lines.append(f"\nask p50 on the seeds (section 1): {a50:.2f} ms; target at 100k chunks <= 2x that.\n")

    # 5. peers
    peers = child(PEER, str(SEEDS), str(qfile))
    lines += [
        "## 5. Peers' ask() on the seeds, same questions\n",
        "| system | p50 ms | p95 ms |",
        "|---|---|---|",
        f"| kcqa | {a50:.2f} | {pct(warm['ask_ms'], 0.95):.2f} |",
    ]
    for name, ms in peers.items():
        if name != "peak_mb":
            lines.append(f"| {name} | {statistics.median(ms):.2f} | {pct(ms, 0.95):.2f} |")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
