"""Document -> retrieval chunks (langchain-text-splitters) and answer sentences (pysbd), both as
exact character spans of the document text."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .furniture import ends_like_sentence, is_furniture_sentence, leans_back, logical_lines, unmarked
from .lexical import MONTH_NUMBERS, WEEKDAYS
from .quantities import TITLES, kinds_of, values_of
from .schema import Chunk, Document, Sentence, Span

_NOT_SPACE = re.compile(r"\S")


def masked_text(doc: Document) -> str:
    """The document with its furniture blanked out (same length, newlines kept)."""
    if not doc.boilerplate:
        return doc.text
    parts: list[str] = []
    pos = 0
    for a, b in doc.boilerplate:
        parts.append(doc.text[pos:a])
        parts.append(re.sub(r"[^\n]", " ", doc.text[a:b]))
        pos = b
    parts.append(doc.text[pos:])
    return "".join(parts)


@lru_cache(maxsize=8)
def _splitter(chunk_size: int, chunk_overlap: int):
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size, chunk_overlap=chunk_overlap, add_start_index=True
    )


# The longest answer sentence: a longer run of text (a line with no sentence punctuation, a list
# run together) is cut at clause breaks, or spaces, into pieces no longer than this.
SENTENCE_CHARS = 1000


@lru_cache(maxsize=1)
def _clause_splitter():
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        separators=["; ", ", ", " ", ""], keep_separator="end", chunk_size=SENTENCE_CHARS, chunk_overlap=0
    )


def _capped(text: str, span: Span) -> list[Span]:
    """A span cut into pieces of at most SENTENCE_CHARS (itself when it is short enough)."""
    a, b = span
    if b - a <= SENTENCE_CHARS:
        return [span]
    spans: list[Span] = []
    pos = a
    for piece in _clause_splitter().split_text(text[a:b]):
        start = text.find(piece, pos, b)
        if start < 0:  # never expected: the splitter returns pieces of the text, in order
            continue
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    return spans or [span]


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_chunks(doc: Document, masked: str, *, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Chunks of the furniture-free text, each an exact ``[start, end)`` span of the document."""
    chunks: list[Chunk] = []
    for piece in _splitter(chunk_size, chunk_overlap).create_documents([masked]):
        content = piece.page_content
        start = piece.metadata.get("start_index", -1)
        # langchain searches from (previous end - overlap) and can land on an earlier copy of the
        # same text; a chunk always starts after the previous one and ends beyond it.
        if chunks and (start <= chunks[-1].start or start + len(content) <= chunks[-1].end):
            start = masked.find(content, chunks[-1].start + 1)
            while start >= 0 and start + len(content) <= chunks[-1].end:
                start = masked.find(content, start + 1)
        if start < 0 or masked[start : start + len(content)] != content:
            start = masked.find(content, chunks[-1].start + 1 if chunks else 0)
        if start < 0 or not content.strip():
            continue
        chunks.append(Chunk(doc.name, start, start + len(content)))
    return chunks


# Sentence punctuation followed by more text: only lines with one need the segmenter.
_INNER_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")


# A sentence end that is no abbreviation: three lower-case letters, the stop, a capital after it.
_PROBABLE_END = re.compile(r"(?<=[a-z]{3})[.!?…][\"'”’)\]]*\s+(?=[A-Z\"“(])")
PIECE_CHARS = 2000  # pysbd's cost grows with the square of a paragraph's length: feed it pieces


def _pieces(text: str, a: int, b: int) -> list[Span]:
    """A long paragraph cut at probable sentence ends into pieces of at most about PIECE_CHARS."""
    pieces: list[Span] = []
    while b - a > PIECE_CHARS:
        cut = None
        for m in _PROBABLE_END.finditer(text, a + PIECE_CHARS // 4, a + PIECE_CHARS):
            cut = m.end()
        if cut is None:  # no sentence end in reach: cut at the last space, or hard
            space = text.rfind(" ", a + 1, a + PIECE_CHARS)
            cut = space + 1 if space > a else a + PIECE_CHARS
        pieces.append((a, cut))
        a = cut
    pieces.append((a, b))
    return pieces


# A segment that opens with a digit, a currency sign or a lower-case letter after one ending in "."
# continues it: pysbd cuts after abbreviations it does not know ("located approx. | 42 kilometres",
# "savings of approx. | $90 million"); so does one that opens with another abbreviation and a comma
# ("Veritas Biofill Pvt. | Ltd., which has ..."), and one that opens with a comma or a dash, which
# no sentence does within a line ("along Front St. | , losing the festival's last day", a dateline's
# "GRANITE FALLS, Mont. | - Feb. 21, 2024 - Meridian Peaks ...").
_CONTINUES = re.compile(r"[a-z0-9$€£¥,;–—-]|[A-Z][A-Za-z]{0,3}\.[,;]")
# A segment ending in a clock time's "a.m."/"p.m." continues into a day after it ("at 5 a.m. |
# Monday, and the authority said ..."): no sentence opens with the day the one before it ends on.
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.I)
_DAY_NEXT = re.compile(
    r"(?:"
    + "|".join(name.capitalize() for name in (*WEEKDAYS, *MONTH_NUMBERS))
    + r"|ET|EST|EDT|PT|PST|PDT|GMT|UTC|BST|CET)\b"
)
# ... and one ending in a number's abbreviation into the number or code after it ("Application No.
# | PB-2023-117 submitted by ...", "Case No. | CV-24-0193").
_NUMBER_SIGN = re.compile(r"(?<![\w.])(?:No|Nos|Ref|Case|Ch|Vol|Art|Sec|Fig|Ext)\.$")
_CODE_NEXT = re.compile(r"[A-Z]{0,6}[-/]?\d")
# A segment ending in a title pysbd does not know ("Council leader Cllr. | Anwar Siddell said")
# runs on into the name after it.
_TITLE_END = re.compile(r"(?<![\w.])(?:" + "|".join(TITLES) + r")\.$")


def _sentence_spans(text: str, line: Span) -> list[Span]:
    if not _INNER_BOUNDARY.search(text, *line):
        return [line]  # one sentence (or a fragment): nothing for pysbd to split
    spans: list[Span] = []
    for a, b in _pieces(text, *line):
        # pysbd reads inner line breaks as spaces; the offsets stay the same.
        flat = text[a:b].replace("\n", " ")
        pos = 0
        for seg in _segmenter().segment(flat):
            core = seg.strip()
            found = flat.find(core, pos) if core else -1
            if found < 0:
                continue
            start = a + found
            if (
                spans
                and text[spans[-1][1] - 1] == "."
                and (
                    _CONTINUES.match(text, start)
                    or _TITLE_END.search(text, *spans[-1])
                    or (_CLOCK_END.search(text, *spans[-1]) and _DAY_NEXT.match(text, start))
                    or (_NUMBER_SIGN.search(text, *spans[-1]) and _CODE_NEXT.match(text, start))
                )
            ):
                spans[-1] = (spans[-1][0], start + len(core))
            else:
                spans.append((start, start + len(core)))
            pos = found + len(core)
    return spans


def _trim(text: str, span: Span, furniture: list[Span], starts: list[int]) -> Span | None:
    """Cut furniture off the ends of a span; None when nothing but furniture is left."""
    a, b = span
    i = bisect.bisect_right(starts, a) - 1
    if i >= 0 and furniture[i][0] <= a < furniture[i][1]:
        a = furniture[i][1]
    j = bisect.bisect_left(starts, b) - 1
    if j >= 0 and furniture[j][0] < b <= furniture[j][1]:
        b = furniture[j][0]
    m = _NOT_SPACE.search(text, a, b)
    if not m:
        return None
    a = m.start()
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b)


def split_sentences(doc: Document, chunks: list[Chunk]) -> list[Sentence]:
    """Sentences of the document's prose, never furniture, each with its paragraph and chunk."""
    text = doc.text
    furniture = list(doc.boilerplate)
    starts = [s for s, _ in furniture]
    chunk_starts = [c.start for c in chunks]
    sentences: list[Sentence] = []
    for line in logical_lines(text):
        i = bisect.bisect_right(starts, line[0]) - 1
        if i >= 0 and furniture[i][0] <= line[0] and line[1] <= furniture[i][1]:
            continue
        for span in (piece for whole in _sentence_spans(text, line) for piece in _capped(text, whole)):
            trimmed = _trim(text, span, furniture, starts)
            if trimmed is None:
                continue
            a, b = trimmed
            body = text[a:b]
            if is_furniture_sentence(body):
                continue
            read = unmarked(body)  # "painted _green_": the words without their Markdown markers
            values = values_of(read)
            c = max(0, bisect.bisect_right(chunk_starts, a) - 1)
            while c + 1 < len(chunks) and chunks[c].end < b and chunks[c + 1].start <= a:
                c += 1
            sentences.append(
                Sentence(
                    doc=doc.name,
                    start=a,
                    end=b,
                    para_start=line[0],
                    para_end=line[1],
                    chunk=c,
                    fragment=not ends_like_sentence(body),
                    leans_back=leans_back(read),
                    kinds=kinds_of(read, values),
                    values=tuple(values),
                )
            )
    return sentences


def split_document(
    doc: Document, *, chunk_size: int, chunk_overlap: int
) -> tuple[list[Chunk], list[Sentence]]:
    """Chunks (retrieval context) and sentences (answer units) of one document."""
    chunks = split_chunks(doc, masked_text(doc), chunk_size=chunk_size, chunk_overlap=chunk_overlap)
    return chunks, split_sentences(doc, chunks)
