"""furniture.py: titles, dates and page furniture of the seed articles, and the general rules
on made-up text (no rule may depend on the seeds' exact strings)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kcqa.furniture import find_author, find_boilerplate, find_date, find_title, leans_back, logical_lines
from kcqa.sources import load_documents, scan

SEEDS = Path(__file__).resolve().parents[1] / "seeds"  # read only
S000 = "000_c4f3c2872cd10720.txt"
S001 = "001_fe038283e5cca842.txt"
S002 = "002_6fc052efe9b09154.txt"
S003 = "003_c5b686a9497d3da5.txt"
S004 = "004_7416878517ef4877.txt"

CAPTION_003 = (
    "The Cuban flag flutters in the wind after being raised at the Cuban Embassy reopening "
    "ceremony "
    "in Washington in this file photo dated July 20, 2015. [REUTERS/YONHAP]"
)

# What a reader of each seed sees as page furniture (the ground truth, written by hand).
FURNITURE = [
    (S000, "S. Korea establishes diplomatic ties with Cuba"),
    (S000, "By Kim Joo-heon Posted : February 15, 2024, 16:09 Updated : February 23, 2024, 04:14"),
    (S000, "[Getty Images Bank]"),
    (S001, "Go to contents"),
    (S001, "S. Korea and Cuba establish diplomatic relations"),
    (S001, "Posted February. 16, 2024 08:12,"),
    (S001, "Updated February. 16, 2024 08:12"),
    (S001, "한국어"),
    (S002, "Cuba (re)establishes diplomatic relations with South Korea"),
    (S002, "Former imperial palace in Seoul (Source: [Commons](#))"),
    (S003, "South Korea, Cuba to set up permanent missions in each other's capitals"),
    (S003, "Home > National > Diplomacy"),
    (S003, "print dictionary print"),
    (S003, CAPTION_003),
    (S003, "Related Article"),
    (S003, "BY LIM JEONG-WON [lim.jeongwon@joongang.co.kr]"),
    (
        S003,
        "Log in to Twitter or Facebook account to connect\nwith the Korea JoongAng Daily\n"
        "help-image Social comment?\ns\nlock icon",
    ),
    (S003, "To write comments, please log in to one of the accounts."),
    (S003, "Standards Board Policy (0/250자)"),
    (S004, "date 2024-02-14"),
    (S004, "A New Chapter: South Korea and Cuba's Diplomatic Ties"),
]

# Prose of the seeds that must never be taken for furniture, beyond the long paragraphs that
# body_lines() finds: short one-sentence paragraphs, a sentence broken by a stray blank line,
# the sentence after a date prefix.
BODY = [
    (
        S002,
        "A high-ranking South Korean presidential official said that the establishment of "
        "diplomatic relations between Seoul and",
    ),
    (
        S002,
        'Havana would "inevitably deal a significant political and psychological blow" to Pyongyang.',
    ),
    (S002, "The relationship later cooled."),
    (
        S003,
        "South Korea and Cuba established diplomatic relations on Feb. 14 through their "
        "representative offices at the UN in New York.",
    ),
    (S003, "The move comes after the two nations established diplomatic relations in February."),
    (S003, "South Korea and Cuba exchanged diplomatic documents confirming the agreement."),
    (
        S003,
        "Castro maintained close ties with Kim Il Sung, the founder of the North Korean regime.",
    ),
    (
        S003,
        "Descendants of Korean immigrants who moved to Cuba from Mexico in the 1920s also number "
        "around 1,100.",
    ),
    (
        S004,
        "In a historic move, South Korea and Cuba have established diplomatic relations, "
        "exchanging official letters in New York.",
    ),
]


@pytest.fixture(scope="module")
def seed_docs():
    docs, skipped = load_documents(scan(SEEDS, max_bytes=20_000_000)[0], strict=True)
    assert not skipped
    return {d.name: d for d in docs}


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    assert spans, f"{needle!r} is not in the text"
    return spans


def uncovered(doc, a: int, b: int) -> str:
    """The non-space characters of doc.text[a:b] that no furniture span covers."""
    return "".join(
        ch
        for i, ch in enumerate(doc.text[a:b], a)
        if not ch.isspace() and not any(s <= i < e for s, e in doc.boilerplate)
    )


def overlapping(doc, a: int, b: int) -> list[str]:
    return [doc.text[s:e] for s, e in doc.boilerplate if s < b and a < e]


@pytest.mark.parametrize(
    ("name", "title", "date"),
    [
        (S000, "S. Korea establishes diplomatic ties with Cuba", "2024-02-15"),
        (S001, "S. Korea and Cuba establish diplomatic relations", "2024-02-16"),
        (S002, "Cuba (re)establishes diplomatic relations with South Korea", None),
        (S003, "South Korea, Cuba to set up permanent missions in each other's capitals", None),
    ],
)
def test_seed_title_and_date(seed_docs, name, title, date):
    doc = seed_docs[name]
    assert (doc.title, doc.date) == (title, date)


def test_article_without_headline_gets_its_first_sentence_as_title(seed_docs):
    doc = seed_docs[S004]
    assert doc.title.startswith("In a historic move")
    assert "date" not in doc.title and len(doc.title) <= 120
    assert doc.date == "2024-02-14"


@pytest.mark.parametrize(("name", "needle"), FURNITURE, ids=[f"{n[:3]}:{s[:24]}" for n, s in FURNITURE])
def test_seed_furniture_is_found_everywhere_it_occurs(seed_docs, name, needle):
    doc = seed_docs[name]
    for a, b in occurrences(doc.text, needle):
        assert uncovered(doc, a, b) == ""


def test_both_copies_of_the_photo_caption_are_furniture(seed_docs):
    doc = seed_docs[S003]
    copies = occurrences(doc.text, CAPTION_003)
    assert len(copies) == 2
    assert all(uncovered(doc, a, b) == "" for a, b in copies)


def body_lines(text: str) -> list[tuple[int, int]]:
    """Prose paragraphs of a seed: lines of 8+ words ending like a sentence (a leading
    "date 2024-02-14" dateline excluded), minus the comment box's "please log in" prompt."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        m = re.match(r"\s*(?:date \d{4}-\d\d-\d\d\s+)?", line)
        body = line[m.end() :].rstrip()
        if len(body.split()) >= 8 and re.search(r"[.!?][\"”’)]*$", body) and "please log in" not in body:
            spans.append((start + m.end(), start + m.end() + len(body)))
    return spans


@pytest.mark.parametrize("name", [S000, S001, S002, S003, S004])
def test_no_prose_paragraph_of_a_seed_is_furniture(seed_docs, name):
    doc = seed_docs[name]
    lines = body_lines(doc.text)
    assert len(lines) >= 4
    for a, b in lines:
        assert overlapping(doc, a, b) == [], doc.text[a:b][:80]


@pytest.mark.parametrize(("name", "sentence"), BODY, ids=[f"{n[:3]}:{s[:30]}" for n, s in BODY])
def test_short_prose_of_the_seeds_is_not_furniture(seed_docs, name, sentence):
    doc = seed_docs[name]
    for a, b in occurrences(doc.text, sentence):
        assert overlapping(doc, a, b) == []


# General rules, on made-up text.

ARTICLE = """Harbour Council Approves New Ferry Route

Home | News | Local

Posted: March 3, 2023

By Ann Lee, Harbour News | March 3, 2023, 4:47 p.m.

The harbour council approved a new ferry route between the two islands on Tuesday, after a
debate that lasted most of the afternoon.

The old pier was rebuilt in 1998 after a storm destroyed it.

Subscribe to our newsletter for weekly updates.

Officials said the route would cut travel time by half for commuters who now drive around the bay.

Contact the newsroom at desk@harbour-news.example for corrections.

The old pier was rebuilt in 1998 after a storm destroyed it.

The first boat sails in May, and tickets go on sale next week at the terminal.

By Friday, the council expects to publish the first timetable.
"""

ARTICLE_FURNITURE = [
    "Harbour Council Approves New Ferry Route",  # headline: short, no closing punctuation
    "Home | News | Local",  # navigation
    "Posted: March 3, 2023",  # dateline
    "By Ann Lee, Harbour News | March 3, 2023, 4:47 p.m.",  # byline, though it ends with a full stop
    "The old pier was rebuilt in 1998 after a storm destroyed it.",  # a caption, repeated
    "Subscribe to our newsletter for weekly updates.",  # web interface
    "Contact the newsroom at desk@harbour-news.example for corrections.",  # contact line
]
ARTICLE_PROSE = [
    "The harbour council approved a new ferry route between the two islands on Tuesday",
    "Officials said the route would cut travel time by half",
    "The first boat sails in May, and tickets go on sale next week at the terminal.",
    "By Friday, the council expects to publish the first timetable.",  # "By" without a name
]


WIRE_PAGE = """World | Business | Markets
South Korea, Cuba establish diplomatic ties in blow to North Korea
By Hyonhee Shin and Dave Graham
February 14, 2024 9:41 PM GMT+9
[1/2] South Korean Foreign Minister Cho Tae-yul speaks during a press conference in Seoul, South Korea, \
January 17, 2024. REUTERS/Kim Hong-Ji/File Photo
SEOUL, Feb 14 (Reuters) - South Korea and Cuba have established diplomatic relations, Seoul's foreign \
ministry said on Wednesday, in a move that analysts said could deal a blow to North Korea.
The two countries exchanged diplomatic notes through their U.N. missions in New York, the ministry said.
Cuba is one of North Korea's long-time allies, and the two have maintained close ties since 1960.
Lim Eul-chul is a professor at Kyungnam University in Seoul who studies the North's foreign policy.
The foreign ministry declined to give further comments on the timing of the announcement.
"This is a political and psychological blow to North Korea," Lim said.
Hyonhee Shin reports on North and South Korea, covering foreign affairs and security.
Dave Graham is deputy editor of the wire's Americas desk.
Most read
Seoul to raise subway fares by 150 won from April.
Heavy snow grounds flights at Jeju airport
Also read: Why Havana courted Seoul for two decades.
FILE PHOTO: Cuban and South Korean flags fly side by side at a trade fair in Havana, Cuba, on May 3, 2023.
Diplomats meet in New York. Photograph: Ann Lee/The Courier
Our Standards: The Wire Trust Principles.
We use cookies to improve your experience on our site. By continuing to browse, you agree to them.
Comments (2)
kimchi_lover 2 days ago
Great news for both countries! I hope tourism picks up.
PyongyangWatcher 1 day ago
This was bound to happen. Cuba needs investment and Seoul has money.
"""

WIRE_FURNITURE = [
    "January 17, 2024. REUTERS/Kim Hong-Ji/File Photo",  # a caption ending in its credit
    "Hyonhee Shin reports on North and South Korea",  # a note on the writer the byline names
    "Dave Graham is deputy editor of the wire's Americas desk.",
    "Seoul to raise subway fares by 150 won from April.",  # a "Most read" story, with a full stop
    "Heavy snow grounds flights at Jeju airport",
    "Also read: Why Havana courted Seoul for two decades.",  # a link to another story
    "FILE PHOTO: Cuban and South Korean flags fly side by side",
    "Diplomats meet in New York. Photograph: Ann Lee/The Courier",
    "Our Standards: The Wire Trust Principles.",  # a title, though it ends with a full stop
    "We use cookies to improve your experience on our site.",
    "Comments (2)",  # the readers' comments, to the end of the page
    "Great news for both countries! I hope tourism picks up.",
    "This was bound to happen. Cuba needs investment and Seoul has money.",
]
WIRE_PROSE = [
    "South Korea and Cuba have established diplomatic relations",
    "Cuba is one of North Korea's long-time allies",
    "Lim Eul-chul is a professor at Kyungnam University",  # someone the byline does not name
    "The foreign ministry declined to give further comments",  # "comments" in a sentence
    '"This is a political and psychological blow to North Korea," Lim said.',
]
OPINION_PAGE = """The Valley Dispatch
OPINION | The ferry got its route. The islands got a list of promises.
By Miriam Cole, Contributing Columnist | April 26, 2024

The council approved the route at midnight. Nobody asked the islanders.
"""
OPINION_FURNITURE = [
    # the headline right above the byline, though it reads as two sentences
    "OPINION | The ferry got its route. The islands got a list of promises.",
]
OPINION_PROSE = ["The council approved the route at midnight.", "Nobody asked the islanders."]
RELEASE_PAGE = """FOR IMMEDIATE RELEASE
City repairs main on Front St.

The city finished repairs to the main on Friday. Water pressure is normal again.

Media contact: Ana Ruiz, Communications Manager, 555-0100
Press contact:
Contact: press@city.example
"""
# a press contact names who speaks for the city, though it reads as no sentence; a bare key or
# an address to write to is furniture
RELEASE_FURNITURE = ["Press contact:", "Contact: press@city.example"]
RELEASE_PROSE = [
    "Media contact: Ana Ruiz, Communications Manager, 555-0100",
    "Water pressure is normal again.",
]
MADE_UP = {"article": ARTICLE, "wire": WIRE_PAGE, "opinion": OPINION_PAGE, "release": RELEASE_PAGE}


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text
        self.boilerplate = tuple(find_boilerplate(text))


@pytest.mark.parametrize(
    ("page", "needle"),
    [("article", n) for n in ARTICLE_FURNITURE]
    + [("wire", n) for n in WIRE_FURNITURE]
    + [("opinion", n) for n in OPINION_FURNITURE]
    + [("release", n) for n in RELEASE_FURNITURE],
)
def test_general_rules_find_furniture_in_made_up_text(page, needle):
    text = MADE_UP[page]
    doc = _Doc(text)
    assert occurrences(text, needle)
    for a, b in occurrences(text, needle):
        assert uncovered(doc, a, b) == ""


@pytest.mark.parametrize(
    ("page", "needle"),
    [("article", n) for n in ARTICLE_PROSE]
    + [("wire", n) for n in WIRE_PROSE]
    + [("opinion", n) for n in OPINION_PROSE]
    + [("release", n) for n in RELEASE_PROSE],
)
def test_general_rules_keep_prose_of_made_up_text(page, needle):
    text = MADE_UP[page]
    doc = _Doc(text)
    assert occurrences(text, needle)
    for a, b in occurrences(text, needle):
        assert overlapping(doc, a, b) == []


MARKDOWN_PAGE = (
    "# Harbour Project Update\n\n"
    "The Harbour Authority approved a new pier on March 3. The pier will cost [$45 million]"
    "(https://example.com/pier), the authority said.\n\n"
    "Follow us on [Twitter](https://twitter.com/harbour)\n\n"
    "[Home](https://example.com) | [News](https://example.com/news)\n\n"
    "Contact the newsroom at https://example.com/contact for more.\n"
)


@pytest.mark.parametrize(
    ("needle", "furniture"),
    [
        ("The pier will cost [$45 million](https://example.com/pier), the authority said.", False),
        ("Follow us on [Twitter](https://twitter.com/harbour)", True),
        ("[Home](https://example.com) | [News](https://example.com/news)", True),
        ("Contact the newsroom at https://example.com/contact for more.", True),
    ],
)
def test_a_markdown_link_in_a_sentence_is_markup_not_a_web_address_shown(needle, furniture):
    doc = _Doc(MARKDOWN_PAGE)
    (a, b), *_ = occurrences(MARKDOWN_PAGE, needle)
    assert (uncovered(doc, a, b) == "") is furniture


def test_a_markdown_code_block_is_furniture_fences_and_all():
    text = (
        "# Harbour Project\n\nThe dredging will be paid by the city council.\n\n"
        '```python\nprint("The dredging costs $99 million.")\n\nx = 1\n```\n\n'
        "~~~\nThe dredging is a tilde-fenced example.\n~~~\n\n"
        "The council said the dredging would start in May.\n"
    )
    doc = _Doc(text)
    for needle in ("```python", "The dredging costs $99 million.", "x = 1", "a tilde-fenced example."):
        (a, b), *_ = occurrences(text, needle)
        assert uncovered(doc, a, b) == "", needle
    for needle in ("The dredging will be paid by the city council.", "would start in May."):
        (a, b), *_ = occurrences(text, needle)
        assert overlapping(doc, a, b) == [], needle


@pytest.mark.parametrize("name", ["train_web", "heldout9"])
def test_the_furniture_a_writer_listed_in_pages_saved_from_news_sites_is_found(name):
    # six pages written with the furniture of real news sites, and each of their furniture lines
    # listed by their writer, who did not see kcqa's rules
    folder = Path(__file__).parent / "data" / name
    listed: dict[str, set[str]] = {}
    for row in (folder / "furniture.txt").read_text(encoding="utf-8").splitlines():
        name, line = row.split("\t", 1)
        listed.setdefault(name, set()).add(line.strip())
    for page in sorted((folder / "articles").iterdir()):
        text = page.read_text(encoding="utf-8")
        doc = _Doc(text)
        for a, b in logical_lines(text):
            for line in text[a:b].split("\n"):
                start = text.index(line, a)
                if line.strip() in listed[page.name]:
                    assert uncovered(doc, start, start + len(line)) == "", (page.name, line)
                else:
                    assert overlapping(doc, start, start + len(line)) == [], (page.name, line)


def test_made_up_article_title_and_date():
    assert find_title(ARTICLE, "ferry.txt") == "Harbour Council Approves New Ferry Route"
    assert find_date(ARTICLE) == "2023-03-03"


@pytest.mark.parametrize(
    "text",
    [
        "# Ferry Timetable\n\nThe ferry leaves at nine every morning from the north pier.\n",
        "\n\n#   Ferry Timetable  \n\nThe ferry leaves at nine every morning from the north pier.\n",
        "\ufeff# Ferry Timetable\n\nThe ferry leaves at nine every morning from the north pier.\n",
    ],
    ids=["heading", "blank-lines-first", "utf8-bom"],
)
def test_markdown_heading_is_the_title(text):
    assert find_title(text, "timetable.md") == "Ferry Timetable"


@pytest.mark.parametrize(
    "header",
    [
        "WKRV Channel 7 News\n",
        "Wendmoor Regional Transit Authority\nPRESS RELEASE — FOR IMMEDIATE RELEASE\n",
    ],
)
def test_an_outlets_name_over_the_headline_is_not_the_title(header):
    text = (
        header
        + "Council votes to close two library branches\n"
        + "By Dana Whitlock | April 17, 2024\n\nThe vote was 7-2.\n"
    )
    assert find_title(text, "a04.txt") == "Council votes to close two library branches"


def test_text_without_a_title_line_falls_back_to_its_first_sentence_or_file_name():
    prose = "The ferry leaves at nine every morning. It returns at six in the evening.\n"
    assert find_title(prose, "notes/timetable.txt") == "The ferry leaves at nine every morning."
    assert find_title("Home | News\n", "notes/timetable.txt") == "timetable"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Published: 5 April 2021\n\nThe bridge reopened after repairs lasting two years.\n",
            "2021-04-05",
        ),
        (
            "Updated 2022/11/30\n\nThe bridge reopened after repairs lasting two years.\n",
            "2022-11-30",
        ),
        ("The bridge, closed since May 3, 2019, reopened after repairs lasting two years.\n", None),
        (
            "Home | News\n\nBridge reopens\n\nBy Tomas Reinholt, Meridian Press Agency | Feb. 15, 2025, "
            "6:12 a.m.\n\nThe bridge reopened after repairs lasting two years.\n",
            "2025-02-15",
        ),
        (
            "Bridge reopens\n\nBy Carla Benning, Meridian Press Service | Feb. 14, 2025, 2:47 p.m. ET\n\n"
            "The bridge reopened after repairs lasting two years.\n",
            "2025-02-14",
        ),
        (
            "LIVE: council votes on the clinic\n\nMonday, Feb. 5, 2024 | Last updated 9:58 p.m.\n\n"
            "6:31 p.m. — The meeting is about to start.\n",
            "2024-02-05",
        ),
        (
            "FOR IMMEDIATE RELEASE\n\nGroup makes an offer\n\nGRANITE FALLS, Mont. - Feb. 21, 2024 - "
            "Meridian Peaks today announced an offer for the clinic.\n",
            "2024-02-21",
        ),
        # a dash after a place in capitals, but no date between the dashes
        ("PORT ELLERY - The council - after a long debate - approved the plan on May 3, 2019.\n", None),
    ],
    ids=[
        "published",
        "updated",
        "date-in-prose-only",
        "byline-ending-with-a-time",
        "long-byline",
        "line-opening-with-a-weekday-and-date",
        "press-release-dateline",
        "no-date-between-dashes",
    ],
)
def test_publication_date(text, date):
    assert find_date(text) == date


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Strike ends\nBy Ann Lee, Harbour News | March 3, 2025, 4:47 p.m.\n\nDockers returned.", "Ann Lee"),
        (
            "Strike ends\nPosted by Kieran Maddox, straddle-carrier driver, on March 15\n\nI drove.",
            "Kieran Maddox",
        ),
        ("title: Strike ends\nauthor: Kieran Maddox\ndate: 2025-03-15\n---\nI drove.", "Kieran Maddox"),
        ("Airways Monthly\nWords: Colm Delaney | 20 January 2025\n\nThe deal was cleared.", "Colm Delaney"),
        ("Strike ends\n\nBy Friday, the dockers had returned to work.", None),
        # several writers, and a writer with the place they write from
        ("Strike ends\nBy Ann Lee and Tom Hart | March 3, 2025\n\nDockers returned.", "Ann Lee and Tom Hart"),
        (
            "Strike ends\nBy Ann Lee, Tom Hart and Sam Ortiz\n\nDockers returned.",
            "Ann Lee, Tom Hart and Sam Ortiz",
        ),
        ("Strike ends\nBy Ann Lee in Carrowhaven\n\nDockers returned.", "Ann Lee"),
    ],
)
def test_the_writer_is_read_from_the_byline_or_header(text, author):
    assert find_author(text) == author


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        # an "it" or "there" that stands for what follows: the sentence needs nothing before it
        ("It was Ines Marjolet, a 29-year-old analyst, who raised the alarm on 11 February.", False),
        ("It took a sharp-eyed young analyst, Ines Marjolet, to spot the raid.", False),
        ("It was Captain Reyes's decision that doomed the ship.", False),
        ("It is unclear whether the deal will close this year.", False),
        ("There were 27 ships waiting off the port.", False),
        # one that points back at the sentence before
        ("It runs for three years and ties fares to inflation.", True),
        ("It was a bad year for the company, which lost money.", True),
        ("It is Ashcombe's first vaccine, and analysts say that it will sell well.", True),
        ("It is the only country in the region that has no ties with Seoul.", True),
        ("There, police found the paintings wrapped in bedsheets.", True),
    ],
)
def test_an_it_or_there_leans_back_only_when_it_points_at_the_sentence_before(sentence, leans):
    assert leans_back(sentence) is leans
