"""chunking.py: chunks and sentences are exact spans of the document, never furniture, and
sentence boundaries survive abbreviations."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcqa.chunking import split_document
from kcqa.furniture import find_boilerplate, find_date, find_title, logical_lines
from kcqa.schema import Document
from kcqa.sources import load_documents, scan

SEEDS = Path(__file__).resolve().parents[1] / "seeds"  # read only
NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
CHUNKING = {"chunk_size": 800, "chunk_overlap": 120}


@pytest.fixture(scope="module")
def seed_docs():
    docs, _ = load_documents(scan(SEEDS, max_bytes=20_000_000)[0], strict=True)
    return {d.name: d for d in docs}


@pytest.fixture(scope="module")
def seed_split(seed_docs):
    return {name: split_document(doc, **CHUNKING) for name, doc in seed_docs.items()}


def make_doc(text: str, name: str = "made-up.txt") -> Document:
    """A Document as sources.read_document makes it, without a file."""
    lines = logical_lines(text)
    data = text.encode("utf-8")
    return Document(
        name=name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        mtime_ns=0,
        title=find_title(text, name, lines),
        date=find_date(text, lines),
        boilerplate=tuple(find_boilerplate(text, lines)),
    )


def sentence_texts(doc: Document, sentences) -> list[str]:
    return [doc.text[s.start : s.end] for s in sentences]


def check_spans(doc: Document, chunks, sentences, chunk_size: int) -> None:
    for c in chunks:
        piece = doc.text[c.start : c.end]
        assert piece and piece == piece.strip(), (c, piece[:60])
        assert len(piece) <= chunk_size
        assert c.doc == doc.name
    for s in sentences:
        piece = doc.text[s.start : s.end]
        assert piece and piece == piece.strip(), (s, piece[:60])
        assert s.para_start <= s.start < s.end <= s.para_end
        assert not any(a < s.end and s.start < b for a, b in doc.boilerplate), piece[:60]
        chunk = chunks[s.chunk]  # the chunk a sentence is scored in holds (part of) the sentence
        assert chunk.start < s.end and s.start < chunk.end, (s, chunk)
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("size", [(800, 120), (200, 20)], ids=["default", "small-chunks"])
def test_seed_chunks_and_sentences_are_exact_spans_outside_furniture(seed_docs, name, size):
    doc = seed_docs[name]
    chunks, sentences = split_document(doc, chunk_size=size[0], chunk_overlap=size[1])
    assert chunks and sentences
    check_spans(doc, chunks, sentences, size[0])


@pytest.mark.parametrize("name", NAMES)
def test_every_prose_character_is_in_a_chunk(seed_docs, seed_split, name):
    doc = seed_docs[name]
    chunks, sentences = seed_split[name]
    for s in sentences:
        for i in range(s.start, s.end):
            assert any(c.start <= i < c.end for c in chunks), doc.text[s.start : s.end][:60]


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        (
            "003",
            "South Korea and Cuba established diplomatic relations on Feb. 14 through their "
            "representative offices at the UN in New York.",
        ),
        (
            "000",
            "Pyongyang also successfully deployed a military spy satellite, aimed at monitoring "
            "the military activities of U.S. and South Korean forces.",
        ),
        (
            "001",
            "Its relationship with the U.S. might also have been one of the factors in the decision.",
        ),
        (
            "001",
            "As former U.S. President Donald Trump, who re-designated Cuba as a "
            "terrorism-sponsoring "
            "country, became more likely to win the presidential election again at the end of this "
            "year, Cuba must have accelerated its practical decision.",
        ),
        (
            "001",
            "However, the North must feel like it is not its place to oppose the establishment of "
            "diplomatic ties between other countries when the country publicly declares "
            "South Korea "
            "as its No.1 enemy and unchanging major enemy.",
        ),
        (
            "004",
            "Despite this, trade between the countries still amounted to 21 million U.S. dollars in 2022.",
        ),
        (
            "000",
            "On February 14, 2024, North Korea's leader Kim Jong-un oversaw the test launch of "
            "surface-to-sea missiles.",
        ),
    ],
    ids=[
        "Feb. 14",
        "U.S. and",
        "the U.S. might",
        "U.S. President",
        "No.1",
        "U.S. dollars",
        "February 14",
    ],
)
def test_abbreviations_do_not_split_sentences(seed_docs, seed_split, name, sentence):
    full = next(n for n in NAMES if n.startswith(name))
    doc = seed_docs[full]
    assert sentence in sentence_texts(doc, seed_split[full][1])


def test_sentence_cut_by_a_stray_blank_line_is_a_fragment(seed_docs, seed_split):
    name = next(n for n in NAMES if n.startswith("002"))
    doc = seed_docs[name]
    by_text = {doc.text[s.start : s.end]: s for s in seed_split[name][1]}
    cut = by_text[
        "A high-ranking South Korean presidential official said that the establishment of "
        "diplomatic relations between Seoul and"
    ]
    rest = by_text[
        'Havana would "inevitably deal a significant political and psychological blow" to Pyongyang.'
    ]
    assert cut.fragment
    assert not rest.fragment
    assert sum(s.fragment for s in seed_split[name][1]) == 1


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("002", "They reached their peak"),
        ("002", "It was the first state visit"),
        ("004", "This new chapter"),
        ("004", "This significant turning point"),
        ("001", "Its relationship with the U.S."),
    ],
)
def test_sentences_opening_with_a_pointer_lean_back(seed_docs, seed_split, name, opening):
    full = next(n for n in NAMES if n.startswith(name))
    doc = seed_docs[full]
    matches = [s for s in seed_split[full][1] if doc.text[s.start : s.end].startswith(opening)]
    assert len(matches) == 1
    assert matches[0].leans_back


def test_pointer_words_only_count_as_whole_words_at_the_start():
    doc = make_doc(
        "Ferry News\n\n"
        "Italy signed the ferry agreement in May. It takes effect next year. "
        "Thistle Island gets two boats a day. They sail from the north pier. "
        "The council welcomed this change. Items left on board go to the terminal office.\n"
    )
    _, sentences = split_document(doc, **CHUNKING)
    flags = {doc.text[s.start : s.end].split()[0]: s.leans_back for s in sentences}
    assert flags == {
        "Italy": False,
        "It": True,
        "Thistle": False,
        "They": True,
        "The": False,
        "Items": False,
    }


def test_furniture_lines_give_no_sentences():
    doc = make_doc(
        "Ferry News\n\nHome | News | Local\n\n"
        "The ferry leaves at nine every morning from the pier.\n\n"
        "Subscribe to our newsletter for weekly updates.\n\nShare this\n"
    )
    _, sentences = split_document(doc, **CHUNKING)
    assert sentence_texts(doc, sentences) == ["The ferry leaves at nine every morning from the pier."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The wreck lies approx. 42 kilometres off the island. Divers found it on Tuesday.\n\n"
            "The hold, No. 3, was empty. It held tin.\n",
            [
                "The wreck lies approx. 42 kilometres off the island.",
                "Divers found it on Tuesday.",
                "The hold, No. 3, was empty.",
                "It held tin.",
            ],
        ),
        # before a sum or a company suffix
        (
            "She expects savings of approx. $90 million by 2027. The plant is run by Veritas Biofill "
            "Pvt. Ltd., which can make 40 million doses a year. Output may double.\n",
            [
                "She expects savings of approx. $90 million by 2027.",
                "The plant is run by Veritas Biofill Pvt. Ltd., which can make 40 million doses a year.",
                "Output may double.",
            ],
        ),
        # a title before a name
        (
            "Council leader Cllr. Anwar Siddell said the vote was fair. Insp. Ian Moss agreed.\n\n"
            "The club thanked Amb. Rhys Pennock. It was over.\n",
            [
                "Council leader Cllr. Anwar Siddell said the vote was fair.",
                "Insp. Ian Moss agreed.",
                "The club thanked Amb. Rhys Pennock.",
                "It was over.",
            ],
        ),
        # before a comma, which opens no sentence
        (
            "For the cafes along Front St., losing the last day is a blow. Owen Truax agreed.\n",
            ["For the cafes along Front St., losing the last day is a blow.", "Owen Truax agreed."],
        ),
        # ... or a dash, as a press release's dateline does after a state written short
        (
            "GRANITE FALLS, Mont. - Feb. 21, 2024 - Meridian Peaks today made an offer. It is big.\n",
            ["GRANITE FALLS, Mont. - Feb. 21, 2024 - Meridian Peaks today made an offer.", "It is big."],
        ),
        # a clock time before the day it falls on; a clock time ending a sentence still ends it
        (
            "Buses ran again at 5 a.m. Monday, and all routes ran by noon. It ended at 9 p.m. The rest "
            "came at 3:30 a.m. Feb. 4 with the deal. Talks resume at 10 a.m. January 9 in the hall.\n",
            [
                "Buses ran again at 5 a.m. Monday, and all routes ran by noon.",
                "It ended at 9 p.m.",
                "The rest came at 3:30 a.m. Feb. 4 with the deal.",
                "Talks resume at 10 a.m. January 9 in the hall.",
            ],
        ),
        # a number's abbreviation before a code; "No." as an answer still ends its sentence
        (
            "It approved Application No. PB-2023-117 on Monday. Was it late? No. Nobody said so.\n",
            ["It approved Application No. PB-2023-117 on Monday.", "Was it late?", "No.", "Nobody said so."],
        ),
    ],
    ids=["unknown-abbreviation", "sum-or-suffix", "title", "comma", "dash", "clock-time", "number-sign"],
)
def test_an_abbreviation_pysbd_does_not_know_does_not_end_a_sentence(text, expected):
    doc = make_doc(text)
    _, sentences = split_document(doc, **CHUNKING)
    assert sentence_texts(doc, sentences) == expected


def test_a_long_run_without_sentence_punctuation_is_cut_into_answer_sized_pieces():
    # a pasted list or transcript with no full stop: not one sentence of 20,000 characters
    run = " ".join(f"item {i} costs {i * 3} dollars, ships in {i % 7} days; stock {i}" for i in range(400))
    doc = make_doc("Price list\n\n" + run + "\n\nThe list ends here.\n")
    _, sentences = split_document(doc, **CHUNKING)
    texts = sentence_texts(doc, sentences)
    assert texts[-1] == "The list ends here."
    pieces = texts[:-1]
    assert len(pieces) > 20 and all(len(t) <= 1000 for t in pieces)
    assert " ".join(pieces) == run  # every word kept, in order, each piece an exact span
    assert all(t.endswith((";", ",")) for t in pieces[:-1])  # cut at clause breaks first
    # a long sentence below the limit stays whole
    long = "The board said that " + ", ".join(f"clause {i} holds" for i in range(40)) + "."
    doc = make_doc(long + "\n")
    assert sentence_texts(doc, split_document(doc, **CHUNKING)[1]) == [long]


def test_lower_case_header_fields_on_consecutive_lines_are_each_furniture():
    # "author:" after "title: ..." is a new field, not the title running on into a lower-case line
    doc = make_doc(
        "title: LANTERN-3: Maltrivax shows 77.6% efficacy, but seizure signal draws regulator scrutiny\n"
        "author: Dr. Priya Raman, Senior Editor\ndate: 2025-10-09\n"
        "tags: malaria, vaccines, Phase 3, Ashcombe Biologics, Africa, children, regulators\n---\n"
        "Full results of the trial of the vaccine (AB-417) were presented on Oct. 3 in Lisbon.\n"
    )
    _, sentences = split_document(doc, **CHUNKING)
    assert sentence_texts(doc, sentences) == [
        "Full results of the trial of the vaccine (AB-417) were presented on Oct. 3 in Lisbon."
    ]


def test_header_fields_headline_and_editors_note_give_no_sentences():
    doc = make_doc(
        "title: Will the ferry pay off?\nauthor: Jo Bloggs\nsection: Local\n---\n\n"
        "Will the ferry pay off?\n\n"
        "The ferry leaves at nine every morning from the pier. Officials expect it to pay off.\n\n"
        "This article was amended on March 4, 2025. An earlier version misspelled the pier's name.\n"
    )
    _, sentences = split_document(doc, **CHUNKING)
    assert doc.title == "Will the ferry pay off?"
    assert sentence_texts(doc, sentences) == [
        "The ferry leaves at nine every morning from the pier.",
        "Officials expect it to pay off.",
    ]


def test_pull_quote_repeating_the_end_of_a_paragraph_is_placed_in_its_own_chunk():
    # A pull quote (a line repeating a sentence of the article) right after the paragraph it
    # quotes, too long to share a chunk with either neighbour: its chunk must point at the
    # quote itself, not at the same words at the end of the paragraph before.
    quote = "Nobody will be left behind."
    before = "The council met on Tuesday to discuss the new ferry route between the two islands. " * 9
    after = "Commuters who now drive around the bay welcomed the plan at the evening meeting. " * 10
    text = f"Ferry News\n\n{before}{quote}\n\n{quote}\n\n{after.strip()}\n"
    doc = make_doc(text)
    chunks, sentences = split_document(doc, **CHUNKING)
    pull = text.index(f"{quote}\n\nCommuters")
    assert any(c.start <= pull and pull + len(quote) <= c.end for c in chunks), [
        (c.start, c.end) for c in chunks
    ]
    (s,) = [s for s in sentences if s.start == pull]
    assert chunks[s.chunk].start <= s.start and s.end <= chunks[s.chunk].end


_words = st.sampled_from(
    [
        "The",
        "ferry",
        "leaves",
        "at",
        "nine.",
        "U.S.",
        "Feb.",
        "14",
        "Dr.",
        "It",
        "said",
        "“quoted”",
        "(aside)",
        "e.g.",
        "3.5",
        "km",
        "Home",
        ">",
        "News",
        "—",
        "é",
        "\u00a0",
        "...",
    ]
)
_line = st.lists(_words, min_size=0, max_size=30).map(" ".join)
_text = st.lists(_line, min_size=1, max_size=12).map(lambda ls: "\n".join(ls) + "\n")


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=_text)
def test_any_text_gives_exact_spans_outside_furniture(text):
    doc = make_doc(text)
    chunks, sentences = split_document(doc, chunk_size=120, chunk_overlap=20)
    check_spans(doc, chunks, sentences, 120)
