"""Stories in a folder: documents that report one event, grouped by the rare words they share, and
a view of the index holding some stories' documents only.

A folder may hold several stories (a rail line's opening, a museum theft, a by-election). A word
that only one story uses ("museum") then tells every sentence of that story apart from the rest,
while within the story it tells nothing; and a word another story uses ("ambassador") makes a
question about this one look answerable. Answering from a view of the best answers' stories reads
the words as they are used there, as if those stories were alone in the folder.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

from .index import IndexData, lexical_index, make_faiss, rows
from .lexical import is_stop_word

# Two documents tell one story when the cosine of their word vectors reaches this (single link:
# a chain of such pairs makes one story). Over the 24 stories of tests/data in one folder, each
# document meets one of its story's at 0.19 or more; documents of two stories meet at 0.22 at most
# (a tram crash and tainted tap water in one town, read as one story), 0.17 for every other pair
# of stories (DEVELOPERS.md, session 18).
STORY_LINK = 0.18
# A word weighs by how rare it is in English: its rank in the model's vocabulary (ordered by
# frequency), as log(rank) / log(size), to this power; a word the vocabulary lacks (a name) weighs 1.
RARITY_POWER = 4
SHORT_PAGE = 100  # distinct words (no stop words): a page with fewer shares too few to tell its story
_WORD = re.compile(r"[^\W\d_]+")
_BLOCK = 512
KEPT_VIEWS = 32  # views kept per index version (each holds copies of its stories' vectors)


def group(texts: list[str], ranks: Mapping[str, int]) -> np.ndarray:
    """Story number per text: texts sharing rare words are one story. Without ``ranks`` (a model
    with no vocabulary) every word weighs the same, which groups more coarsely."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(texts)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    scale = math.log(max(len(ranks), 2))

    def weight(word: str) -> float:
        rank = ranks.get(word)
        return 1.0 if rank is None else (math.log(max(rank, 2)) / scale) ** RARITY_POWER

    columns: dict[str, int] = {}
    r, c, v = [], [], []
    for k, text in enumerate(texts):
        counts = Counter(w.lower() for w in _WORD.findall(text) if not is_stop_word(w))
        for word, tf in counts.items():
            r.append(k)
            c.append(columns.setdefault(word, len(columns)))
            v.append((1.0 + math.log(tf)) * (weight(word) if ranks else 1.0))
    m = csr_matrix((v, (r, c)), shape=(n, max(len(columns), 1)))
    norm = np.sqrt(np.asarray(m.multiply(m).sum(axis=1))).ravel()
    norm[norm == 0] = 1.0
    m = csr_matrix(m.multiply(1.0 / norm[:, None]))
    short = np.bincount(r, minlength=n) < SHORT_PAGE
    edges: list[tuple[np.ndarray, np.ndarray]] = []
    for start in range(0, n, _BLOCK):  # a block of rows at a time: no n-by-n matrix in memory
        sim = (m[start : start + _BLOCK] @ m.T).toarray()
        rows_ = np.arange(start, min(start + _BLOCK, n))
        sim[rows_ - start, rows_] = 0.0
        a, b = np.nonzero(sim >= STORY_LINK)
        edges.append((a + start, b))
        # a short page joins the story of the page closest to it
        for k in np.flatnonzero(short[rows_]):
            edges.append((np.array([rows_[k]]), np.array([int(sim[k].argmax())])))
    a = np.concatenate([e[0] for e in edges])
    b = np.concatenate([e[1] for e in edges])
    links = csr_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, labels = connected_components(links, directed=False)
    return labels.astype(np.int64)


def stories(data: IndexData, ranks: Mapping[str, int]) -> np.ndarray:
    """Story number per document of the index: as the build recorded it, or grouped once per
    index version for an index built before stories were recorded."""
    found = data.cache.get("stories")
    if found is None:
        recorded = [d.get("story") for d in data.docs]
        if all(isinstance(r, int) for r in recorded):
            found = np.array(recorded, dtype=np.int64)
        else:
            found = group([d["text"] for d in data.docs], ranks)
        data.cache["stories"] = found
    return found


def view(data: IndexData, docs: np.ndarray) -> IndexData:
    """The index restricted to ``docs`` (sorted document numbers): its own tables, vectors and
    lexical index, so that word statistics are the story's; passages cite the same files and
    offsets."""
    s, ch = data.sentences, data.chunks
    keep_s = np.isin(s["doc"], docs)
    keep_c = np.isin(ch["doc"], docs)
    renumber_doc = np.full(len(data.docs), -1, dtype=np.int64)
    renumber_doc[docs] = np.arange(len(docs))
    renumber_chunk = np.cumsum(keep_c) - 1
    sentences = {k: col[keep_s] for k, col in s.items()}
    sentences["doc"] = renumber_doc[sentences["doc"]]
    sentences["chunk"] = renumber_chunk[sentences["chunk"]]
    chunks = {k: col[keep_c] for k, col in ch.items()}
    chunks["doc"] = renumber_doc[chunks["doc"]]
    sub_docs = [data.docs[int(d)] for d in docs]
    # rows() decodes only these rows from an HNSW index (float16) as well
    sent_vecs = np.ascontiguousarray(rows(data.sentence_index)[np.flatnonzero(keep_s)], dtype=np.float32)
    chunk_vecs = np.ascontiguousarray(rows(data.chunk_index)[np.flatnonzero(keep_c)], dtype=np.float32)
    dim = data.sentence_index.d
    return IndexData(
        path=data.path,
        manifest=data.manifest,
        docs=sub_docs,
        chunks=chunks,
        sentences=sentences,
        chunk_index=make_faiss(chunk_vecs, dim=dim, ann_threshold=len(chunk_vecs)),
        sentence_index=make_faiss(sent_vecs, dim=dim, ann_threshold=len(sent_vecs)),
        lexical=lexical_index(sub_docs, sentences),
        values=[data.values[int(i)] for i in np.flatnonzero(keep_s)],
    )


def story_view(data: IndexData, ranks: Mapping[str, int], docs: Iterable[int]) -> IndexData | None:
    """The view of the stories the documents ``docs`` belong to (the pages of a question's best
    answers); None when they are all the folder's."""
    labels = stories(data, ranks)
    chosen = frozenset(int(labels[d]) for d in docs)
    keep = np.isin(labels, list(chosen))
    if keep.all():
        return None
    views = data.cache.setdefault("story_views", {})
    if chosen not in views:
        while len(views) >= KEPT_VIEWS:  # the oldest view goes first
            views.pop(next(iter(views)), None)
        views[chosen] = view(data, np.flatnonzero(keep))
    return views[chosen]
