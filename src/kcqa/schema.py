"""The records that pass between the steps. All frozen; ``to_dict()`` gives JSON-ready dicts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One source file. ``text`` is the reference for every character offset."""

    name: str
    text: str
    sha256: str
    size: int
    mtime_ns: int
    title: str
    date: str | None
    boilerplate: tuple[Span, ...] = ()
    author: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Chunk:
    """A retrieval window of a document: ``text[start:end]``."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """The unit of an answer: ``text[start:end]`` inside the paragraph ``[para_start, para_end)``.

    ``fragment`` marks a sentence that does not end like one (it ran on across a break);
    ``leans_back`` one that opens with a word pointing at the sentence before ("It", "This");
    ``kinds`` is a bit mask of the kinds of answer it holds (quantities.KIND_BITS) and
    ``values`` its typed values as (kind, value, unit, start, end), offsets within the sentence.
    """

    doc: str
    start: int
    end: int
    para_start: int
    para_end: int
    chunk: int
    fragment: bool = False
    leans_back: bool = False
    kinds: int = 0
    values: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A verbatim span of a source, with its citation.

    ``Path(sources, source).read_text(encoding="utf-8")[start:end] == text`` always holds.
    ``context_start``/``context_end`` delimit the surrounding paragraph; ``also`` lists the
    passages of other sources that state the same thing.
    """

    text: str
    source: str
    title: str
    start: int
    end: int
    score: float
    date: str | None = None
    context_start: int = 0
    context_end: int = 0
    also: tuple[Passage, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Claim:
    """One value of a disputed quantity, as one source states it."""

    value: str
    passage: Passage


@dataclass(frozen=True)
class Conflict:
    """Sources that give different values for the same thing."""

    kind: str
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """The reply to one question.

    ``passages`` are ranked evidence; when ``answered`` is False they are empty and
    ``related`` holds the nearest passages, offered as reading, not as the answer.
    """

    question: str
    answered: bool
    passages: list[Passage]
    text: str
    conflicts: list[Conflict] = field(default_factory=list)
    related: list[Passage] = field(default_factory=list)
    notice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def references(self) -> list[Passage]:
        """Every cited passage once, in the order of the [n] markers of ``text``."""
        return citation_order(self.passages, self.conflicts)

    def every_passage(self) -> list[Passage]:
        """Every passage the answer shows: the passages, the related reading and the conflicting
        claims, each followed by the passages that also report it."""
        shown = [*self.passages, *self.related, *(cl.passage for c in self.conflicts for cl in c.claims)]
        return [q for p in shown for q in (p, *p.also)]


def citation_order(passages: list[Passage], conflicts: list[Conflict]) -> list[Passage]:
    """The order in which an answer cites its passages: the best passage and the sources that also
    report it, the conflicting claims, then the other passages, each followed by its ``also``."""
    order: list[Passage] = []
    seen: set[tuple[str, int, int]] = set()

    def add(p: Passage) -> None:
        key = (p.source, p.start, p.end)
        if key not in seen:
            seen.add(key)
            order.append(p)

    for n, p in enumerate(passages):
        add(p)
        for a in p.also:
            add(a)
        if n == 0:
            for c in conflicts:
                for claim in c.claims:
                    add(claim.passage)
    return order


def n_of(n: int, noun: str) -> str:
    """ "1 document", "7 documents"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


_READ_FORMATS = "kcqa reads plain text (.txt) and Markdown (.md) files"
# The reason given for a file of another format (a PDF, a picture): listed once, in one line, never
# warned about on every question, and no failure in strict mode, as it is no broken document.
OTHER_FORMAT = f"not read: {_READ_FORMATS} only"


def other_format(skipped: dict[str, str]) -> bool:
    """True for a skipped entry that is a file of another format, not a broken document."""
    return skipped["reason"] == OTHER_FORMAT


def skipped_notes(skipped: list[dict[str, str]]) -> list[str]:
    """One line per file left out as broken, and one line for all the files of other formats."""
    lines = [f"Skipped {s['name']}: {s['reason']}" for s in skipped if not other_format(s)]
    others = [s["name"] for s in skipped if other_format(s)]
    if others:
        lines.append(
            f"Not read ({n_of(len(others), 'file')} of another format): {_first_names(others, 5)}. "
            f"{_READ_FORMATS}: save a document as text to ask about it."
        )
    return lines


def _first_names(names: list[str], k: int) -> str:
    """ "a.txt, b.txt and 3 more": the first ``k`` names, and how many are left out."""
    return ", ".join(names[:k]) + (f" and {len(names) - k} more" if len(names) > k else "")


def no_sentences_note(names: list[str]) -> str:
    """Why some indexed documents never answer, and what to do about it."""
    return (
        f"No sentence to answer from in {_first_names(names, 10)}: only a title, headings, lines without "
        "sentence punctuation (. ! ?) or lines in markup such as HTML tags. kcqa answers with whole "
        "sentences of plain text or Markdown: write the text as sentences, and save a web page as text."
    )


@dataclass(frozen=True)
class BuildReport:
    """What a build or update of the index did."""

    added: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: list[str]
    chunks: int
    sentences: int
    seconds: float
    full: bool = False
    reason: str | None = None
    skipped: list[dict[str, str]] = field(default_factory=list)
    index_dir: str = ""
    no_sentences: list[str] = field(default_factory=list)  # indexed documents that can answer nothing

    @property
    def up_to_date(self) -> bool:
        """True when nothing had to be embedded, dropped or rewritten."""
        return not (self.added or self.changed or self.removed or self.full)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"up_to_date": self.up_to_date}

    def summary(self) -> str:
        """A few readable lines for the CLI and the UI."""
        if self.up_to_date:
            head = (
                f"Index up to date ({n_of(len(self.unchanged), 'document')}, {n_of(self.chunks, 'chunk')})."
            )
        else:
            kind = "Full rebuild" if self.full else "Updated"
            head = (
                f"{kind}: {len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.removed)} removed, {len(self.unchanged)} unchanged; "
                f"{self.chunks} chunks, {self.sentences} sentences in {self.seconds:.2f} s."
            )
        lines = [head]
        if self.reason:
            lines.append(f"Why: {self.reason}")
        lines += skipped_notes(self.skipped)
        if self.no_sentences:
            lines.append(no_sentences_note(self.no_sentences))
        return "\n".join(lines)
