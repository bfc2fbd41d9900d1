"""The two peer pipelines `kcqa eval` and the benchmarks compare against, on the same sources:

* ``tutorial``: the usual RAG tutorial: RecursiveCharacterTextSplitter 1000/200, the same MiniLM,
  FAISS exact search, the top chunks returned as they are, every question answered.
* ``bm25``: BM25 (bm25s) over 500/50 character chunks, top chunks returned, every question answered.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .embedding import Embedder
from .lexical import LexicalIndex, tokenize
from .schema import Answer, Passage
from .sources import load_documents, scan


def _chunks(sources: Path, size: int, overlap: int, max_bytes: int) -> list[tuple[str, str, int, str]]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=size, chunk_overlap=overlap, add_start_index=True)
    docs, _ = load_documents(scan(sources, max_bytes=max_bytes)[0])
    out = []
    for doc in docs:
        for piece in splitter.create_documents([doc.text]):
            start = piece.metadata["start_index"]
            out.append((doc.name, doc.title, start, piece.page_content))
    return out


class _ChunkPeer:
    name = "peer"

    def _answer(self, question: str, order: np.ndarray, scores: np.ndarray, k: int) -> Answer:
        passages = [
            Passage(
                text=c[3], source=c[0], title=c[1], start=c[2], end=c[2] + len(c[3]), score=float(scores[i])
            )
            for i in order[:k]
            for c in [self.chunks[i]]
        ]
        return Answer(
            question=question,
            answered=bool(passages),
            passages=passages,
            text=passages[0].text if passages else "",
        )


class TutorialPeer(_ChunkPeer):
    """Dense retrieval of 1,000/200 chunks with the same model; top chunks as the answer."""

    name = "tutorial dense 1000/200"

    def __init__(self, sources: Path, embedder: Embedder, *, max_bytes: int = 20_000_000) -> None:
        import faiss

        self.embedder = embedder
        self.chunks = _chunks(sources, 1000, 200, max_bytes)
        vecs = embedder.embed([c[3] for c in self.chunks])
        self.index = faiss.IndexFlatIP(embedder.dim)
        self.index.add(vecs)

    def ask(self, question: str, *, k: int = 3) -> Answer:
        q = self.embedder.embed([question])
        scores, ids = self.index.search(q, k)
        full = np.zeros(len(self.chunks), dtype=np.float32)
        full[ids[0]] = scores[0]
        return self._answer(question, ids[0][ids[0] >= 0], full, k)


class BM25Peer(_ChunkPeer):
    """BM25 over 500/50 chunks; top chunks as the answer."""

    name = "bm25 500/50"

    def __init__(self, sources: Path, *, max_bytes: int = 20_000_000) -> None:
        self.chunks = _chunks(sources, 500, 50, max_bytes)
        self.lexical = LexicalIndex.build([c[3] for c in self.chunks])

    def ask(self, question: str, *, k: int = 3) -> Answer:
        scores = self.lexical.scores(tokenize(question))
        order = np.argsort(-scores, kind="stable")
        return self._answer(question, order, scores, k)
