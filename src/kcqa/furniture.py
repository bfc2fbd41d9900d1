"""Page furniture: find what in a scraped article is not prose (navigation, titles, captions,
bylines, comment boxes), and the article's title and date.

Only general rules, no list of known strings: a line is furniture when it is short and does not
end like a sentence, when it repeats inside the document (captions, repeated titles), when it is
a byline or contact line, or when it is a short web-interface phrase. Offsets are never changed:
furniture is returned as spans of the original text.
"""

from __future__ import annotations

import re
from collections import Counter

from .lexical import MONTH_NUMBERS, MONTH_PATTERN, WEEKDAYS
from .schema import Span

_TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# (a name's characters read once, from its first: a run of 200,000 letters is no quadratic search)
_EMAIL_OR_URL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.-]+|https?://|www\.", re.I)
# Phrases of web interfaces; any short line holding one is furniture.
_UI_STRONG = re.compile(
    r"\b(?:log ?in|sign ?in|sign ?up|subscribe|newsletter|cookies?|all rights reserved|copyright"
    r"|click here|privacy policy|terms of (?:use|service)|skip to|go to (?:contents|top|main)"
    r"|back to top|please log|share (?:this|on)|follow us|advertisement|sponsored)\b|©",
    re.I,
)
# Weaker ones: furniture only on a line that does not read as a sentence.
_UI_WEAK = re.compile(
    r"\b(?:comments?|print|share|menu|related|read more|most (?:read|popular)|home|tags?)\b"
    r"|\s[>|»/]\s",
    re.I,
)
# An editor's note on the article itself: "This article was amended on ...", "Correction: ...".
_EDITORS_NOTE = re.compile(
    r"^\W*(?:(?:this|the|an earlier version of this) (?:article|story|report|piece)"
    r" (?:was|has been|is being|misstated|misspelled|said|gave|incorrectly)"
    r"|corrections?\s*[:|-]|clarifications?\s*[:|-]|editor'?s note\s*[:|-]|update\s*[:|-])",
    re.I,
)
# A "key: value" field of a page's header (front matter of an exported page): "title: ...".
_HEADER_FIELD = re.compile(
    r"^\W*(title|subtitle|headline|date|modified|updated|published|author|authors|byline|section"
    r"|category|categories|tags|keywords|slug|url|link|source|lang|language|image|description)\s*:\s*(\S.*)$",
    re.I,
)
# A name in a byline: two or more capitalised words ("Tessa Lindqvist"; "By Friday, ..." is prose).
_BYLINE_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+"
# A byline line, as furniture: "By Tessa Lindqvist, Meridian Wire | Jan. 9, 2025, 4:47 p.m." (the
# name, then a separator or the end of the line).
_BYLINE = re.compile(
    r"^\W*(?i:(?:posted|written|words|reporting)\s+)?(?i:by)\s*:?\s+" + _BYLINE_NAME + r"\s*(?:[,|·•/–—-]|$)"
)
# The writer's name itself, in a byline or a "Words:" line: "Posted by Kieran Maddox, driver, on
# ...". A dash ends it only after a space, so that "Kim Joo-heon" is not cut to "Kim Joo".
_AUTHOR = re.compile(
    r"^\W*(?i:(?:posted|written|words|reporting|story)\s+)?(?i:by|words)\s*:?\s+"
    # one writer, or several: "Ann Lee and Tom Hart", "Ann Lee, Tom Hart and Sam Ortiz"
    r"(?P<name>" + _BYLINE_NAME + r"(?:(?:,\s+" + _BYLINE_NAME + r")*\s+(?:and|&)\s+" + _BYLINE_NAME + r")?)"
    r"(?:\s*[,|·•/(\[]|\s[–—-]|\s+in\s+[A-Z]|\s*$)"
)
HEADER_LINES = 12  # how far down a page's header fields and headline are looked for
# A photo credit written with a slash: "REUTERS/Kim Hong-Ji/File Photo", "AP Photo/Ahn Young-joon".
_SLASH_CREDIT = re.compile(
    r"(?:\b[A-Z]{2,}|\b[A-Z][a-z]+\s+Photo|\b(?:Photograph|Photo|Picture|Image)s?:\s*[A-Z][\w'’.-]*"
    r"(?:\s+[A-Z][\w'’.-]*)*)/[A-Z][\w'’-]+"
)
# Small words a title leaves in lower case ("Return of the Ferry").
_TITLE_SMALL = frozenset("a an the of and or in on at to for by with from as vs".split())
# A line pointing to another story: "Read more: ...", "Also read: ...", "Related: ...".
_LINK_LEAD = re.compile(
    r"^\W*(?:also read|read more|read next|read also|see also|related(?:\s+(?:stories|articles|content))?"
    r"|more on this(?:\s+story)?|recommended|watch)\s*[:|»>]",
    re.I,
)
# The heading of a list of other stories: every short line right below it is one of them.
_LIST_HEAD = re.compile(
    r"^\W*(?:most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|popular(?:\s+now)?|top\s+stories"
    r"|latest(?:\s+news)?|editor'?s?'?\s+picks|more\s+from\s+(?:this\s+section|[\w ]{1,30})"
    r"|related(?:\s+(?:stories|articles|content))?|read\s+(?:more|next)|recommended(?:\s+for\s+you)?"
    r"|you\s+may\s+also\s+like|more\s+stories|in\s+other\s+news)\W*$",
    re.I,
)
# The heading of a readers' comment section: "Comments (3)", "12 comments", "Join the conversation".
_COMMENTS_HEAD = re.compile(
    r"^\W*(?:(?:\d+\s+)?(?:comments?|replies)(?:\s*\(\d+\))?|(?:show|view|read|load|leave|post)\s+"
    r"(?:all\s+)?(?:\d+\s+)?comments?|join the (?:conversation|discussion)|reader comments)\W*$",
    re.I,
)
# The writer's note at the foot of a page: "Hyonhee Shin reports on North and South Korea, ..."
_WRITER_NOTE = re.compile(
    r"^\W*(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2})\s+(?:is\s+(?:an?|the)\s|reports\s"
    r"|is\s+(?:[a-z-]+\s+){0,2}(?:editor|correspondent|reporter|writer|columnist|journalist)\b"
    r"|covers\s|writes\s|has\s+(?:covered|reported|written)\s|joined\s)"
)
_CAPTION_LEAD = re.compile(
    r"^\W*(?:(?:file\s+)?photo|image|picture|source|credit|caption|video)s?\s*[:|]", re.I
)
# A press contact at the foot of a release: "Media contact: Lena Brightwater, Communications Manager,
# 555-0192". Prose a reader asks about (who speaks for the authority, its number), though it reads
# as no sentence; a key with nothing after it, or only an address to write to, is furniture.
_CONTACT = re.compile(
    r"^\W*(?:(?:media|press|news)\s+)?(?:contacts?|enquiries|inquiries)\s*[:|-]\s*(?P<rest>.*)$", re.I
)
# A credit in brackets at the very end of a line: "[REUTERS/YONHAP]", "(AP Photo/Jane Doe)".
_CREDIT_TAIL = re.compile(r"[\[(]\s*[A-Z][^\[\]()]{0,60}[\])]\s*$")
_LEANS_BACK = {
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "they",
    "their",
    "them",
    "he",
    "she",
    "his",
    "her",
    "such",
    "both",
    "there",
}

_MONTH = r"(?P<month>" + MONTH_PATTERN + ")"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>\d{1,2})[-/.](?P<day>\d{1,2})\b"),
    re.compile(_MONTH + r"\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
]
_DATE_KEY = re.compile(r"\b(?:posted|published|date|dateline|updated)\b\s*[:|-]?\s*(?:on\s+)?", re.I)
_META_PREFIX_KEYS = re.compile(r"^\s*(?:posted|published|date|updated)\s*[:|-]?\s*", re.I)


def words(text: str) -> list[str]:
    """The words of a text (letters and digits, keeping inner apostrophes, dots and hyphens)."""
    return _WORD.findall(text)


def ends_like_sentence(text: str) -> bool:
    """True when the text ends with sentence punctuation (possibly inside quotes or brackets)."""
    return bool(_TERMINAL.search(text.rstrip()))


# An opening "it" or "there" that stands for what follows, not for the sentence before: "It was Ines
# Marjolet (, an analyst,) who raised the alarm", "It was Captain Reyes's decision that ...", "It took
# a young analyst to spot it", "It is unclear whether ...", "There were 27 ships waiting".
_EXPLETIVE = re.compile(
    r"^\W{0,2}(?:it\s+(?:was|is|’s|'s)\s+(?-i:(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w.-]*(?:['’]s?(?:\s+[a-z-]+){1,3})?)"
    r"(?:,[^,.;]{1,90},)?\s+(?:who|that|which)\b"
    r"|it\s+(?:took|takes|will\s+take|would\s+take)\s[^.;]*?\bto\s"
    r"|it\s+(?:is|was|remains|remained|seems|seemed)\s+(?:still\s+|not\s+)?"
    r"(?:unclear|clear|known|unknown|likely|unlikely|possible|impossible|too\s+early)\b"
    r"|there\s+(?:is|are|was|were|will\s+be|has\s+been|have\s+been|had\s+been)\b)",
    re.I,
)


def leans_back(text: str) -> bool:
    """True when the text opens with a word that points back at the sentence before (not an "it"
    or "there" that stands for what follows: ``_EXPLETIVE``)."""
    first = _WORD.search(text)
    if not first or first.group(0).lower() not in _LEANS_BACK or first.start() >= 3:
        return False
    return not _EXPLETIVE.search(text)


def logical_lines(text: str) -> list[Span]:
    """Spans of non-blank lines, a line that runs on into a lower-case next line joined to it
    (unless that line is a header field: "date: 2025-10-09" after "author: ...").

    The spans exclude surrounding whitespace (including no-break spaces).
    """
    spans: list[Span] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        body = raw.lstrip().lstrip("\ufeff").lstrip()  # a byte-order mark is not text
        stripped = body.rstrip()
        if not stripped:
            spans.append((-1, -1))
            continue
        lead = len(raw) - len(body)
        span = (start + lead, start + lead + len(stripped))
        if spans and spans[-1][0] >= 0:
            prev = text[spans[-1][0] : spans[-1][1]]
            if not ends_like_sentence(prev) and stripped[0].islower() and not _HEADER_FIELD.match(stripped):
                spans[-1] = (spans[-1][0], span[1])
                continue
        spans.append(span)
    return [s for s in spans if s[0] >= 0]


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


# The target of a Markdown link, "[$45 million](https://example.com/pier)": markup in a line of
# prose, not the web address a line of page furniture shows ("Contact: news@example.com").
_MD_LINK_TARGET = re.compile(r"(?<=\])\((?:https?://|www\.|/|#|mailto:)[^()\s]*\)")


# Markdown markup around words: "**bold**", "_green_", "[link text](https://...)"; blanked (same
# length, so offsets hold) wherever a sentence is read for its words and values.
_MD_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*])")
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*\)")


_ZERO_WIDTH = str.maketrans("\u200b\ufeff", "  ")  # a zero-width space, a stray byte-order mark


def unmarked(text: str) -> str:
    """The text with its Markdown emphasis markers and link targets replaced by spaces, and its
    zero-width spaces too (text copied from web pages: "Hana\u200b Kobayashi" is a name)."""
    if "\u200b" in text or "\ufeff" in text:
        text = text.translate(_ZERO_WIDTH)
    if "*" not in text and "_" not in text and "](" not in text:
        return text
    text = _MD_LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
    return _MD_EMPHASIS.sub(lambda m: " " * len(m.group(0)), text)


def is_furniture_line(line: str, repeats: int = 1) -> bool:
    """Decide whether one logical line is page furniture rather than prose."""
    line = _MD_LINK_TARGET.sub("", line)
    found = words(line)
    n = len(found)
    terminal = ends_like_sentence(line)
    if n == 0 or repeats > 1:
        return True
    contact = _CONTACT.match(line)
    if (
        contact
        and len(words(" ".join(w for w in contact.group("rest").split() if not _EMAIL_OR_URL.search(w)))) >= 2
    ):
        return False
    if not terminal and n < 25:
        return True
    if _EMAIL_OR_URL.search(line) and n < 30:
        return True
    if _UI_STRONG.search(line) and n < 30:
        return True
    if _LINK_LEAD.search(line) and n < 30:
        return True
    if _CAPTION_LEAD.search(line) or _EDITORS_NOTE.search(line) or (_BYLINE.match(line) and n < 25):
        return True
    if n < 45 and _CREDIT_TAIL.search(line) and not _TERMINAL.search(line):
        return True
    if not terminal and n < 60 and _SLASH_CREDIT.search(line):  # a caption with its credit
        return True
    # a title in capitals, though it ends with a full stop: "Our Standards: The Trust Principles."
    if n <= 10 and all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL for w in found):
        return True
    return False


def is_furniture_sentence(sentence: str) -> bool:
    """A segment that cannot be an answer on its own: no words, or a scrap without punctuation."""
    n = len(words(sentence))
    return n == 0 or (n < 4 and not ends_like_sentence(sentence))


def metadata_prefix(line: str) -> int:
    """Length of a leading "date 2024-02-14" / "Posted: May 3, 2024" at the start of a prose line."""
    key = _META_PREFIX_KEYS.match(line)
    if not key:
        return 0
    for pattern in _DATE_PATTERNS:
        m = pattern.match(line, key.end())
        if m:
            rest = line[m.end() :]
            return m.end() + len(rest) - len(rest.lstrip(" \t,|:-"))
    return 0


def _title_field(line: str) -> str | None:
    """The value of a header's "title:" (or "headline:") field, when the line is one."""
    field = _HEADER_FIELD.match(line)
    return field.group(2) if field and field.group(1).lower() in ("title", "headline") else None


def _headlines(text: str, lines: list[Span], furniture: list[bool]) -> set[str]:
    """The page's headline as it may appear again in its text: a header's "title:" field, and a
    first prose-looking line that is a short question or exclamation ("Will it pay off?")."""
    found: set[str] = set()
    for (a, b), is_furniture in zip(lines[:HEADER_LINES], furniture, strict=False):
        line = text[a:b]
        title = _title_field(line)
        if title is not None:
            found.add(_normal(title))
        if is_furniture:
            continue
        if len(words(line)) <= 20 and line.rstrip("\"'”’»)]").endswith(("?", "!")):
            found.add(_normal(line))
        break  # the first line of prose (or the headline) ends the header
    return found


def _above_byline(text: str, lines: list[Span], furniture: list[bool]) -> None:
    """Mark as furniture the header's line right above a byline: the headline, though it reads as
    sentences ("OPINION | The quarry got its permit. Millbrook Hollow got a list of promises.")."""
    for n in range(min(HEADER_LINES, len(lines)) - 1):
        if not furniture[n] and _BYLINE.match(text[lines[n + 1][0] : lines[n + 1][1]]):
            furniture[n] = True


def _page_foot(text: str, lines: list[Span], furniture: list[bool]) -> None:
    """Mark as furniture the stories listed right below a "Most read" or "Trending" heading, and
    in the page's lower half, what follows the article: the readers' comments, from their heading to
    the end of the page, and a note on a writer whom the page's header (its byline) names."""
    listing = False  # the stories listed right below "Most read", "Trending" ...
    for n, (a, b) in enumerate(lines):
        below = n > 0 and "\n\n" not in re.sub(r"[ \t]+", "", text[lines[n - 1][1] : a])
        if listing and below and len(words(text[a:b])) < 25:
            furniture[n] = True
        else:
            listing = bool(_LIST_HEAD.match(text[a:b]))
    half = len(text) // 2
    header = " ".join(text[a:b] for (a, b), f in zip(lines[:HEADER_LINES], furniture, strict=False) if f)
    for n, (a, b) in enumerate(lines):
        if a < half:
            continue
        line = text[a:b]
        if _COMMENTS_HEAD.match(line.split("\n", 1)[0]):  # a user's name may run on below it
            furniture[n:] = [True] * (len(lines) - n)
            return
        note = _WRITER_NOTE.match(line)
        if note and note.group("name") in header:
            furniture[n] = True


_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.M)


def _code_blocks(text: str, lines: list[Span], furniture: list[bool]) -> None:
    """Mark the lines of Markdown code blocks (between ``` or ~~~ fences, the fences too) as
    furniture: a string in a program is no sentence of the article."""
    inside = False
    for n, (a, b) in enumerate(lines):
        fences = len(_FENCE.findall(text, a, b))
        if inside or fences:
            furniture[n] = True
        inside ^= fences % 2 == 1


def find_boilerplate(text: str, lines: list[Span] | None = None) -> list[Span]:
    """Spans of ``text`` that are page furniture, in order, never overlapping."""
    lines = logical_lines(text) if lines is None else lines
    normal = [_normal(text[a:b]) for a, b in lines]
    counts = Counter(normal)
    furniture = [
        is_furniture_line(text[a:b], counts[key])
        or (n < HEADER_LINES and bool(_HEADER_FIELD.match(text[a:b])))
        for n, ((a, b), key) in enumerate(zip(lines, normal, strict=True))
    ]
    _code_blocks(text, lines, furniture)
    _above_byline(text, lines, furniture)
    headlines = _headlines(text, lines, furniture)
    _page_foot(text, lines, furniture)
    spans: list[Span] = []
    for (a, b), key, is_furniture in zip(lines, normal, furniture, strict=True):
        if is_furniture or key in headlines:
            spans.append((a, b))
        else:
            cut = metadata_prefix(text[a:b])
            if cut:
                spans.append((a, a + cut))
    return spans


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        month = int(m.group("mnum")) if "mnum" in m.groupdict() else MONTH_NUMBERS[m.group("month").lower()]
        day, year = int(m.group("day")), int(m.group("year"))
        if 1 <= month <= 12 and 1 <= day <= 31 and (best is None or m.start() < best[0]):
            best = (m.start(), f"{year:04d}-{month:02d}-{day:02d}")
    return best[1] if best else None


_DAY_OF_MONTH = re.compile(r"\b" + _MONTH + r"\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b", re.I)


def days_named(text: str) -> list[tuple[str, str]]:
    """Each day of a month the text names without a year ("the Feb. 5 meeting"), as the words
    naming it and its "-MM-DD" (the tail of an ISO date)."""
    return [
        (m.group(0), f"-{MONTH_NUMBERS[m.group('month').lower()]:02d}-{int(m.group('day')):02d}")
        for m in _DAY_OF_MONTH.finditer(text)
    ]


def find_date(text: str, lines: list[Span] | None = None) -> str | None:
    """The publication date: a date right after "Posted/Published/Date" near the top, else a
    date on one of the first short header lines."""
    lines = (logical_lines(text) if lines is None else lines)[:12]
    for a, b in lines:
        for key in _DATE_KEY.finditer(text, a, b):
            found = parse_date(text[key.end() : min(b, key.end() + 40)])
            if found:
                return found
    counts = Counter(_normal(text[a:b]) for a, b in lines)
    for a, b in lines[:4]:
        line = text[a:b]
        n = len(words(line))
        short = n <= 12 and not ends_like_sentence(line)
        # a byline may end with the time, "a.m." included: "By Jo Roe | Feb. 15, 2025, 6:12 a.m.",
        # and so may a line that opens with the date: "Monday, Feb. 5, 2024 | Last updated 9:58 p.m."
        dated = n < 25 and _opens_with_date(line)
        if counts[_normal(line)] == 1 and (short or dated or (_AUTHOR.match(line) and n < 25)):
            found = parse_date(line)
            if found:
                return found
    for a, b in lines[:8]:  # a dateline opening the first paragraph: "GRANITE FALLS, Mont. - Feb. 21, 2024 -"
        m = _DATELINE.match(text, a, b)
        if m:
            return parse_date(m.group("date"))
    return None


_WEEKDAY_OPENING = re.compile(r"^\W*(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?", re.I)
# "GRANITE FALLS, Mont. - Feb. 21, 2024 - Meridian Peaks ...": a place in capitals, a date between dashes
_DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]{2,40}(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s+[-–—]\s+(?P<date>.{6,30}?)\s+[-–—]\s"
)


def _opens_with_date(line: str) -> bool:
    """The line begins with a date, a day of the week before it allowed."""
    rest = line[_WEEKDAY_OPENING.match(line).end() :]
    return any(p.match(rest) for p in _DATE_PATTERNS)


def find_author(text: str, lines: list[Span] | None = None) -> str | None:
    """The writer named near the top: an "author:" header field or a byline ("By Jane Roe |
    March 3"), or None."""
    found = _author(text, lines)
    return found[0] if found else None


def author_line(text: str, lines: list[Span] | None = None) -> Span | None:
    """The span of the line naming the writer (``find_author``), or None."""
    found = _author(text, lines)
    return found[1] if found else None


def _author(text: str, lines: list[Span] | None) -> tuple[str, Span] | None:
    lines = (logical_lines(text) if lines is None else lines)[:HEADER_LINES]
    for a, b in lines:
        line = text[a:b]
        field = _HEADER_FIELD.match(line)
        if field and field.group(1).lower() in ("author", "authors", "byline"):
            return field.group(2).strip(), (a, b)
        m = _AUTHOR.match(line)
        if m and len(words(line)) < 25:
            return m.group("name"), (a, b)
    return None


MASTHEAD_WORDS = 5  # a line this short before a longer headline is the outlet's name or a section


def find_title(text: str, name: str, lines: list[Span] | None = None) -> str:
    """The document's title: its first line that reads like a headline (a Markdown ``#`` heading,
    or 4-25 words without closing punctuation, not a byline, navigation or caption), passing over
    lines of MASTHEAD_WORDS or fewer that another such line follows ("WKRV Channel 7 News", "PRESS
    RELEASE — FOR IMMEDIATE RELEASE"); when the text opens with prose instead, its first sentence,
    shortened. Falls back to the file name."""
    lines = logical_lines(text) if lines is None else lines
    found: list[str] = []  # the lines that read like a headline, before the first prose
    for a, b in lines[:6]:
        line = text[a + metadata_prefix(text[a:b]) : b].lstrip("\ufeff").strip()
        if line.startswith("#"):
            return line.lstrip("#").strip() or name
        title = _title_field(line)
        if title is not None:
            return title.strip()
        n = len(words(line))
        furniture_like = (
            _EMAIL_OR_URL.search(line)
            or _UI_STRONG.search(line)
            or _UI_WEAK.search(line)
            or _CAPTION_LEAD.search(line)
            or _DATE_KEY.match(line)
            or line.lower().startswith("by ")
            or line.startswith(("[", "("))
        )
        if furniture_like:
            continue
        if 4 <= n <= 25 and not ends_like_sentence(line):
            found.append(line)
            continue
        if found:
            break
        if n > 25 or ends_like_sentence(line):
            first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line, maxsplit=1)[0]
            return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
    if found:  # the first long enough not to be a masthead, else the last
        return next((line for line in found if len(words(line)) > MASTHEAD_WORDS), found[-1])
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem
