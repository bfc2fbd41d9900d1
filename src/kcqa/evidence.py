"""Evidence across sources: passages from sentences, sources that state the same fact, and
values on which sources differ. Used by answer.py."""

from __future__ import annotations

import re
from typing import Any

from .aliases import countries_in
from .furniture import unmarked
from .index import IndexData, Rows
from .lexical import MONTHS, WEEKDAYS, is_stop_word, tokenize
from .quantities import (
    MEASURES,
    PATTERNED,
    WANT_KINDS,
    counted,
    full_names,
    reads_plural,
    rounding_step,
    wanted,
)
from .schema import Claim, Conflict, Passage, Span

SAME_FACT = 0.82  # cosine above which two sentences from different sources state the same thing
SAME_WORDS = 0.7  # cosine above which they do when they also share most of their other words
SAME_TOPIC = 0.55  # cosine above which differing figures are compared
# ... and above which, for a question asking who, two sentences naming the same person say the
# same ("discovered by chief arbiter Helen Marchbank during a routine scan" and "found by the
# tournament's chief arbiter, Helen Marchbank, during the standard screening": 0.50)
SAME_PERSON = 0.45
NEIGHBOURS = 24  # nearest sentences of the answer searched for other sources stating it


def sentence_text(data: IndexData, i: int) -> str:
    """Sentence i as it is read (Markdown markers blanked; a passage shows the file's text)."""
    doc = data.docs[int(data.sentences["doc"][i])]
    return unmarked(doc["text"][int(data.sentences["start"][i]) : int(data.sentences["end"][i])])


def adjacent(data: IndexData, i: int, j: int) -> bool:
    """Sentence j directly follows sentence i in one document: nothing but white space between
    them (not a photo caption or other page furniture left out of the sentence table)."""
    s = data.sentences
    if not 0 <= i < j < len(s["doc"]) or j != i + 1 or int(s["doc"][i]) != int(s["doc"][j]):
        return False
    return not data.docs[int(s["doc"][i])]["text"][int(s["end"][i]) : int(s["start"][j])].strip()


def _span(data: IndexData, i: int) -> tuple[int, int, int]:
    """(doc, start, end) of sentence i widened to its neighbour when it cannot stand alone."""
    s = data.sentences
    doc, start, end = int(s["doc"][i]), int(s["start"][i]), int(s["end"][i])
    # (not to a sentence opening on a pronoun itself, which would only open the passage on its
    # own: "His body was found ..." before a quote opening "This is the worst day ...")
    leans = s["leans_back"][i] and not _opens_on_pronoun(data, i - 1)
    if adjacent(data, i - 1, i) and (leans or s["fragment"][i - 1]):
        start = int(s["start"][i - 1])
    if s["fragment"][i] and adjacent(data, i, i + 1):
        end = int(s["end"][i + 1])
    return doc, start, end


_PRONOUN = re.compile(r"^\W*(?:it|its|this|that|these|those|they|their|them|he|she|his|her|him)\b", re.I)


def _opens_on_pronoun(data: IndexData, i: int) -> bool:
    """Sentence i leans back on the one before it with a pronoun ("His body ...", not "Both
    countries ...")."""
    return bool(i >= 0 and data.sentences["leans_back"][i] and _PRONOUN.match(sentence_text(data, i)))


def make_passage(data: IndexData, i: int, score_: float, *, through: int | None = None) -> Passage:
    """The passage of sentence i (widened where it cannot stand alone); with ``through``, running
    on to the end of that later sentence of the same document."""
    doc_i, start, end = _span(data, i)
    s = data.sentences
    last = i
    if through is not None and through > i:
        end, last = max(end, _span(data, through)[2]), through
    prev = i - 1 if start < int(s["start"][i]) else i
    nxt = last + 1 if end > int(s["end"][last]) else last
    context = (int(s["para_start"][prev]), int(s["para_end"][nxt]))
    return span_passage(data.docs[doc_i], start, end, score_, context)


def span_passage(doc: dict[str, Any], start: int, end: int, score_: float, context: Span) -> Passage:
    """The passage of a page's characters ``start:end``, cited by their offsets, in ``context``
    (the span of text around it that the reader is shown)."""
    return Passage(
        text=doc["text"][start:end],
        source=doc["name"],
        title=doc["title"],
        start=start,
        end=end,
        score=round(float(score_), 4),
        date=doc.get("date"),
        context_start=context[0],
        context_end=context[1],
    )


_AFTER_WORD = re.compile(r"[^\W\d_][\w’'-]*")
COUNTED_KINDS = ("count", "money", "percent")  # values that can be a number of something
_TIME_UNITS = frozenset("second minute hour day week month year decade".split())
_TIME_STEMS = frozenset(t for u in _TIME_UNITS for t in tokenize(u))
# units a number measures in, short or spelt out: "a 2.4 km viaduct", "a 300-metre bridge"
_MEASURE_STEMS = frozenset(
    tokenize(
        " ".join(MEASURES) + " metre meter kilometre kilometer mile foot feet inch yard tonne ton kilo "
        "kilogram gram litre liter gallon hectare acre degree"
    )
)


def _counts_another_first(text: str, end: int, stems: set[str], after: list[str]) -> bool:
    """A plural noun stands after the value ending at ``end`` before the first of ``after`` (its
    next terms) that is one of ``stems``: "6,800 students would stay home" counts students, though
    "home" follows; "2,100 members of the Dock Workers' Federation" counts dock workers."""
    words = [w for w in _AFTER_WORD.findall(text[end : end + 40]) if not is_stop_word(w.lower())][:3]
    first = next((w for w in words if reads_plural(w.lower())), None)
    if not first or stems & set(tokenize(first)):
        return False
    if re.match(rf"\W*(?:\S+\s+){{0,2}}?{re.escape(first)}\s+of\b", text[end : end + 60]):
        return False
    return words.index(first) < next(n for n, t in enumerate(after) if t in stems)


def _next_terms(text: str, words: int) -> list[str]:
    """The terms of the first ``words`` words of ``text`` that have any, a hyphenated word counting as
    one: "fully low-floor vehicles" gives five terms, "vehicles" among them."""
    out: list[str] = []
    for word in text.split():
        terms = tokenize(word)
        out += terms
        words -= bool(terms)
        if not words:
            break
    return out


def counts_of(text: str, end: int, stems: set[str]) -> bool:
    """The value ending at ``end`` in ``text`` is a number of one of ``stems`` (one of the three
    words after it shares a stem: "214 homes were destroyed" counts homes), unless a span of time
    or a unit of measure follows it ("12 days after about 3,500 supporters" counts days, not
    supporters; "a 2.4 km viaduct" measures one viaduct), when the question counts no such units,
    or another plural noun comes first ("6,800 students would stay home" counts students)."""
    if _AGED.match(text, end) and "old" not in stems:  # "56-year-old Dale Ormsby" counts no years
        return False
    after = _next_terms(text[end : end + 60], 3)
    if stems & set(after) and _counts_another_first(text, end, stems, after):
        return False
    if after and after[0] in _UNITS_OF:  # "43,500 units of its Strada 2 e-scooter"
        after = tokenize(text[end : end + 60])[:5]
    if (
        after
        and after[0] not in stems
        and (after[0] in _TIME_STEMS or after[0] in _MEASURE_STEMS and not stems & _MEASURE_STEMS)
    ):
        return False
    return bool(stems & set(after))


_AGED = re.compile(r"[\s-]?years?[\s-]old\b", re.I)
_UNITS_OF = frozenset(tokenize("units copies pieces items"))
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+")
# where a sentence turns to another thing: "..., while goods worth ... were exchanged with North Korea"
_CLAUSE_BREAK = re.compile(r"[,;]\s+(?:while|whereas|but|although|though|compared\s+with|against)\b|;\s")

Compound = tuple[str, frozenset[str]]  # a name's last word and the words before it


def compound_names(question: str) -> list[Compound]:
    """The question's names of two or more words as (last word, words before it): "trade with
    North Korea" -> [("Korea", {"North"})]; a question word opening the run is not part of it."""
    out = []
    for m in _CAPITALISED_RUN.finditer(question):
        words = [re.sub(r"['’]s?$", "", w) for w in m.group(0).split()]  # "South Korea's"
        while words and is_stop_word(words[0]):
            words = words[1:]
        if len(words) >= 2:
            out.append((words[-1], frozenset(words[:-1])))
    return out


def _mentions(text: str, head: str) -> list[str | None]:
    """The capitalised word right before each mention of ``head`` in text (None for a bare one)."""
    found = []
    for m in re.finditer(rf"\b{re.escape(head)}\b", text):
        before = re.search(r"([A-Z][\w’'-]*)\s+$", text[max(0, m.start() - 40) : m.start()])
        found.append(before.group(1) if before else None)
    return found


def about_another(clause: str, sentence: str, doc_text: str, names: list[Compound]) -> bool:
    """The clause (or, when it names none of them, its sentence) speaks of a namesake of one of
    the question's names, not of it: "South Korea" for "North Korea", or a bare "Korea" in a
    document that also writes "South Korea"."""
    for head, mods in names:
        before = _mentions(clause, head) or _mentions(sentence, head)
        if not before or any(b in mods for b in before):
            continue
        if any(b is not None for b in before) or any(b not in mods for b in _mentions(doc_text, head) if b):
            return True
    return False


def names_namesake(sentence: str, head: str, mods: frozenset[str]) -> bool:
    """Every mention of ``head`` in the sentence is of a namesake, another name before it ("North
    Korea" where the question says "South Korea"): never the question's own name, nor a bare one."""
    before = _mentions(sentence, head)
    return bool(before) and all(b is not None and b not in mods and not is_stop_word(b) for b in before)


def _clause_at(sentence: str, a: int, b: int) -> str:
    """The part of the sentence, between clause breaks, that holds sentence[a:b]."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= a:
            start = m.start()
        elif m.start() >= b:
            end = min(end, m.start())
    return sentence[start:end]


# A value given as a bound: "more than 60 years", "at least 200 homes" (a floor); "up to 15%",
# "fewer than 50" (a ceiling). "Nearly" and "almost" are left as the value itself: "nearly 430,000"
# and "about 412,000" are two counts.
_FLOOR = re.compile(
    r"\b(?:(?:more|greater|higher)\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of)\s+$", re.I
)
_CEILING = re.compile(r"\b(?:(?:less|fewer|lower|no\s+more)\s+than|under|below|up\s+to|at\s+most)\s+$", re.I)


# ... and a value given roughly, shown with its word ("around 1,200" is not the 1,200 it compares)
_ROUGHLY = re.compile(
    r"\b(?:about|around|roughly|some|nearly|almost|approximately|an\s+estimated|close\s+to)\s+$", re.I
)


def _bound(before: str) -> tuple[str, int]:
    """(">", n) when the text before a value makes it a floor, ("<", n) a ceiling, n the length of
    the words that say so; ("", n) for the value itself, n the length of a word giving it roughly."""
    for sign, pattern in ((">", _FLOOR), ("<", _CEILING), ("", _ROUGHLY)):
        if m := pattern.search(before[-24:]):
            return sign, len(m.group(0))
    return "", 0


Figure = tuple[str, float | None, str, str, str]  # kind, value, unit, text (with a bound's words), bound


def _owner(sentence: str, a: int, b: int) -> set[str]:
    """The words of the name written nearest to sentence[a:b] ("Dorian Pask, a 41-year-old roofer
    from Port Almsley, and Lyle Benning, 37": the 41 is Dorian Pask's, the 37 Lyle Benning's)."""
    best, gap = "", len(sentence)
    for m in _CAPITALISED_RUN.finditer(sentence):
        d = a - m.end() if m.end() <= a else m.start() - b if m.start() >= b else 0
        if d < gap:
            best, gap = m.group(0), d
    return set(best.split())


def _claims(
    data: IndexData,
    i: int,
    kinds: set[str],
    stems: set[str] = frozenset(),
    names: list[Compound] = (),
    owners: frozenset[str] = frozenset(),
) -> list[Figure]:
    """(kind, value, unit, text, bound) of the sentence's values of the given kinds (precomputed at
    build); with ``stems``, only the values that count one of them ("How many engines": not the
    firefighters or the helicopters of the same sentence); with ``names``, not the values of a
    clause about a namesake (``about_another``); with ``owners``, only the values written nearest
    to a name holding one of those words (``_owner``: an age, of the person asked about)."""
    start = int(data.sentences["start"][i])
    text = data.docs[int(data.sentences["doc"][i])]["text"]
    sentence = text[start : int(data.sentences["end"][i])]
    out = []
    for k, v, u, a, b in data.values[i]:
        if k not in kinds or (stems and not (k in COUNTED_KINDS and counts_of(sentence, b, stems))):
            continue
        if k == "count" and u in MEASURES:  # "designed for 350 km/h", "limited to 300 km/h": often both true
            continue
        if k == "count" and _LABEL.search(sentence[:a]):  # "tram No. 5", "Route 9": a name, no count
            continue
        if names and about_another(_clause_at(sentence, a, b), sentence, text, names):
            continue
        if owners and not (
            owners & _owner(sentence, a, b)
            and _an_age(sentence, a, b)
            and not _age_of_a_thing(sentence, a, b, owners)
        ):
            continue
        sign, n = _bound(sentence[:a])
        shown = text[start + a - n : start + b]
        out.append((k, v, u, shown[:1].lower() + shown[1:] if n else shown, sign))  # "Around" opening it
    return out


_YEAR_OLD_NOUN = re.compile(r"[\s-]years?[\s-]old\s+[a-z][\w-]*")


def _age_of_a_thing(sentence: str, a: int, b: int, owners: frozenset[str]) -> bool:
    """The age at sentence[a:b] is a thing's, written before its noun ("'You can't plant a
    90-year-old tree,' said Walter Ng"), not set beside the name ("Dorian Pask, a 41-year-old
    roofer", "a 41-year-old roofer, Dorian Pask")."""
    noun = _YEAR_OLD_NOUN.match(sentence, b)
    if not noun:
        return False
    name = r"(?:" + "|".join(map(re.escape, owners)) + r")\b"
    before = re.search(r"\b" + name + r"(?:['’]s)?,\s+(?:a|an|the)\s+$", sentence[:a])
    after = re.match(r",?\s+(?:[A-Z][\w’'.-]*\s+)*" + name, sentence[noun.end() :])
    return not (before or after)


def _an_age(sentence: str, a: int, b: int) -> bool:
    """The number at sentence[a:b] is written as an age ("Pettibone, 53,", "a 29-year-old analyst");
    not "joined 14 months earlier" nor "a crew of six" beside the name."""
    return any(m.start() <= a and b <= m.end() for m in PATTERNED["age"].finditer(sentence))


_MEASURED = ("weight", "speed", "energy", "distance", "temperature")  # asked in a unit (PATTERNED)
# A number that names a thing: after "No." or a capitalised word within the sentence ("tram No.
# 5", "Highway 61", "Phase 3"); not "About 3,500" opening it.
_LABEL = re.compile(r"(?:\b(?:No|Nos|Number)\.?|(?<=\s)[A-Z][a-z]+)\s$")


def _range(c: Figure) -> tuple[float, float]:
    """The values a claim allows: a decade ("the 1920s") any of its years, a number written short
    with a scale word any value it rounds ("$1.37 million" is "$1,372,480" rounded), else the value."""
    if c[0] == "year" and c[3].endswith("s") and c[1] % 10 == 0:
        return c[1], c[1] + 9
    step = rounding_step(c[3], c[1]) if c[0] in ("money", "count") else None
    if step:  # not quite half its last digit's step: "$6.5 million" is no "$7 million" rounded
        return c[1] - 0.4999 * step, c[1] + 0.4999 * step
    return c[1], c[1]


def _fits(x: Figure, y: Figure) -> bool:
    """Two values can both be true: equal, a year in a decade ("1921" and "the 1920s"), or a bound
    the other meets ("more than 60 years" and "about 64 years"; "over 20 years" and "more than 60
    years")."""
    (x_low, x_high), (y_low, y_high) = _range(x), _range(y)
    # one's value among those the other allows: "$1,372,480" is "$1.37 million" rounded, while
    # "$6.5 million" is not "$7 million" (though some value rounds to both)
    x_in, y_in = round(x[1], 6), round(y[1], 6)
    if round(x_low, 6) <= y_in <= round(x_high, 6) or round(y_low, 6) <= x_in <= round(y_high, 6):
        return True
    for (v, b), (w, c) in (((x[1], x[4]), (y[1], y[4])), ((y[1], y[4]), (x[1], x[4]))):
        if (b == ">" and (w > v or c == ">")) or (b == "<" and (w < v or c == "<")):
            return True
    return False


def _reconcilable(a: list[Figure], b: list[Figure]) -> bool:
    """Two sets of values can both be true: a value of one fits one of the other (``_fits``), or
    one is the sum of the other."""
    a = [c for c in a if c[1] is not None]
    b = [c for c in b if c[1] is not None]
    if not a or not b or any(_fits(x, y) for x in a for y in b):
        return True
    va = {round(c[1], 6) for c in a}
    vb = {round(c[1], 6) for c in b}
    return any(abs(sum(va) - x) < 1e-6 * max(1.0, x) for x in vb) or any(
        abs(sum(vb) - x) < 1e-6 * max(1.0, x) for x in va
    )


SCALE = 10.0  # two reports of one amount are within this factor of each other


def _same_scale(a: list[tuple], b: list[tuple]) -> bool:
    """Some amount in one list is within SCALE of one in the other: a price of $1.25 billion and
    savings of $90 million a year are two things, not two reports of one. Dates always compare."""
    pairs = [(x[1], y[1]) for x in a for y in b if x[1] is not None and y[1] is not None]
    if not pairs or any(x[0] in ("date", "year", "ordinal") for x in a):
        return True
    return any(x > 0 and y > 0 and 1 / SCALE <= x / y <= SCALE for x, y in pairs)


RELATED = 0.35  # cosine above which two sentences giving close counts or sums are compared
SHARE_POINTS = 5.0  # two reports of one share asked for differ by at most this many points
CLOSE = 1.5  # two reports of one count or sum (above ten) are within this factor of each other


def _close(a: list[tuple], b: list[tuple], floor: float) -> bool:
    """Every value of ``a`` is above ``floor`` and within CLOSE of a value of ``b``."""
    return bool(a) and all(
        x[1] is not None
        and x[1] > floor
        and any(y[1] is not None and y[1] > 0 and 1 / CLOSE <= x[1] / y[1] <= CLOSE for y in b)
        for x in a
    )


def _unit(claim: tuple) -> str:
    """A claim's unit, a span of time in the singular ("nine-day" and "10 days" are both "day")."""
    unit = claim[2]
    return unit[:-1] if unit.endswith("s") and unit[:-1] in _TIME_UNITS else unit


def _close_report(
    want: str, stems: set[str], found: list[tuple], best: list[tuple], kinds: set[str] = frozenset()
) -> bool:
    """Values from a sentence less alike than SAME_TOPIC are still another report of the figure
    of the best evidence (``best``, its values) when they are close to it: counts of what "how
    many X" asks about and sums of money (above ten), spans of time, and the share a question asks
    for (``kinds`` only percentages)."""
    if len(best) != 1:  # a breakdown ("£200m of equity, an £85m loan and £25m"): which one?
        return False
    if stems or all(c[0] == "money" for c in (*found, *best)):  # "how much ... save each year"
        return _close(found, best, 10)
    if want in ("duration", "length") and all(_unit(c) in _TIME_UNITS for c in (*found, *best)):
        return _close(found, best, 0)
    # for a share asked for, percentages within SHARE_POINTS of it: "78 percent of voting members
    # approved" and "82 percent of members who cast ballots voted yes" (not 68.9% in the youngest
    # babies and 78% overall)
    if kinds == {"percent"} and all(c[0] == "percent" and c[1] is not None for c in (*found, *best)):
        return all(any(abs(x[1] - y[1]) <= SHARE_POINTS for y in best) for x in found)
    return False


# "What share of the club ...", "What proportion of the losses ...": a percentage, not the sums of
# money or the counts beside it; "In what year ...": a year, not the dates of the same story.
_ASKS_SHARE = re.compile(r"\b(?:what|which)\s+(?:share|proportion|percentage|fraction|part)\b", re.I)
_ASKS_YEAR = re.compile(r"\b(?:what|which)\s+year\b", re.I)


def _asked_kinds(question: str, kinds: set[str]) -> set[str]:
    """The kinds of value compared for a question, of the ``kinds`` its answer can be."""
    if _ASKS_SHARE.search(question):
        return {"percent"}
    if _ASKS_YEAR.search(question) and "year" in kinds:
        return {"year"}
    return kinds


def _states_otherwise(
    data: IndexData, i: int, kinds: set[str], names: list[Compound], found: list[Figure], best: list[Figure]
) -> bool:
    """Sentence i gives the best evidence's figure (above ten: "three weeks" is not "three
    paintings"), though not as a count of what is asked about, beside the other figures it gives
    (``found``): it counts another thing with them."""
    values = {round(c[1], 6) for c in best if c[1] is not None and c[1] > 10}
    if any(c[1] is not None and round(c[1], 6) in values for c in found):
        return False
    return any(c[1] is not None and round(c[1], 6) in values for c in _claims(data, i, kinds, names=names))


DATE_SPREAD = 7  # days: two reports of one date differ by at most this; further apart, two events


def _near_date(claim: Figure, best: list[Figure]) -> bool:
    """A date within DATE_SPREAD days of a date of the best evidence ("Nov. 6" and "4 November";
    not "March 1", when the fire began, and "March 12", when it was contained)."""

    def days(value: float) -> float:  # month * 100 + day, as a day of the year (near enough)
        return (value // 100) * 30.44 + value % 100

    return claim[1] is not None and any(
        b[0] == "date" and b[1] is not None and abs(days(claim[1]) - days(b[1])) <= DATE_SPREAD for b in best
    )


def _other_word(data: IndexData, i: int, names: list[Compound], best: list[Figure], cos: float) -> list:
    """The count of sentence i, when it names what "how many X" counts in other words ("12,800
    people rode the trains" against "11,400 passengers"): its one count, in a sentence alike to the
    best evidence, which gives one count, within CLOSE of it."""
    if cos < SAME_TOPIC or len(best) != 1:
        return []
    counts = _claims(data, i, {"count"}, frozenset(), names)
    if len(counts) != 1 or _measures(counts[0]) != _measures(best[0]):
        return []  # "a dwell time of 97 days", "18 tonnes a year": no number of connections or food halls
    return counts if _close(counts, best, 10) else []


def _measures(claim: Figure) -> bool:
    """The claim is a span of time or a measure in a unit ("97 days", "18 tonnes"), not a number of things."""
    unit = tokenize(claim[2])[:1]
    return bool(unit) and (unit[0] in _TIME_STEMS or unit[0] in _MEASURE_STEMS)


def _alike(data: IndexData, vecs: Rows, i: int, anchor: int) -> float:
    """How alike in meaning sentence i is to the best evidence, the best evidence read with the
    sentence before it when it leans on it ("It had burned for thirteen days." is about the fire
    declared contained), and sentence i with the one before it in its paragraph ("The work will
    cost $4.2 million" after "The council approved repairs to the bridge")."""
    leans = data.sentences["leans_back"][anchor] and adjacent(data, anchor - 1, anchor)
    mine = [i - 1, i] if follows_in_paragraph(data, i - 1) else [i]
    return max(float(vecs[j] @ vecs[a]) for a in ([anchor - 1, anchor] if leans else [anchor]) for j in mine)


def _and_neighbours(data: IndexData, items: list[tuple[int, float]], vecs: Rows, q_vec, anchor: list[int]):
    """The top evidence, then the sentences closest in meaning to the best evidence giving a value
    (``anchor``, filled by the caller once it has read it): another outlet may report the figure
    in words the question does not use ("total losses ... at $18 million" for "How much damage
    ...?", against "property damage at about $12 million")."""
    for i, sc in items:
        yield i, sc, False
    if anchor:
        _, ids = data.sentence_index.search(vecs[anchor[0] : anchor[0] + 1], NEIGHBOURS)
        seen = {i for i, _ in items}
        for j in ids[0]:
            if j >= 0 and int(j) not in seen:
                yield int(j), float(vecs[int(j)] @ q_vec) if q_vec is not None else 0.0, True


# a figure for each period of time: "a year", "per day", "annually"
# ... in lower case: "Airways Monthly" is a name
_PER_PERIOD = re.compile(
    r"\b(?i:each|every|per|a|an)\s+(?:year|month|week|day|night|season)\b|\b(?:annual(?:ly)?|yearly|daily"
    r"|monthly|weekly|nightly)\b"
)


def _of_a_period(data: IndexData, i: int) -> bool:
    """Sentence i gives a figure for a period: per year, per day ..., or for a given year."""
    return bool(_PER_PERIOD.search(sentence_text(data, i))) or any(k == "year" for k, *_ in data.values[i])


def find_conflict(
    data: IndexData, question: str, items: list[tuple[int, float]], vecs: Rows, q_vec=None
) -> Conflict | None:
    """Different values of the asked-for kind, for the same thing, in top evidence from different sources.

    Only for a question that asks for a value (an amount, a date, a count ...): the figures that
    happen to sit in the evidence for "Why ..." or "Which ..." are about other things. Values are
    compared only between sentences close in meaning to the best one, and only for the same kind
    and unit (a count of visitors is not compared with a count of descendants), of the kind
    the question names (``_asked_kinds``); values that can both be true (one the sum of the
    others, or a bound the other meets: "more than 60 years" and "64 years") are not a conflict.
    """
    want = wanted(question)
    if want is None:
        return None
    kinds = _asked_kinds(question, WANT_KINDS[want])
    stems = set(tokenize(" ".join(counted(question))))
    names = compound_names(question)
    owners = frozenset(head for head, _ in names) if want == "age" else frozenset()
    if stems and items and not _claims(data, items[0][0], kinds, stems, names):
        # "How many riders ...?" answered by "... carried 11,400 passengers": what the best
        # evidence counts is what the question asks about, in other words
        counts = _claims(data, items[0][0], {"count"}, frozenset(), names)
        if len(counts) == 1:
            stems = set(tokenize(_unit(counts[0])))
    threshold = 0.75 if kinds & {"date", "year"} else SAME_TOPIC
    asked = frozenset(tokenize(question))
    anchor = None
    claims: list[tuple[int, float, list]] = []
    seen_docs: set[int] = set()
    first: list[int] = []
    per_period = bool(_PER_PERIOD.search(question))
    for i, sc, beyond in _and_neighbours(data, items, vecs, q_vec, first):
        d = int(data.sentences["doc"][i])
        if d in seen_docs:
            continue
        if per_period and anchor is not None and not _of_a_period(data, i):
            continue  # "How many babies are born each year?": not "I've delivered 1,100 babies"
        found = _claims(data, i, kinds, stems, names, owners)
        if want in ("duration", "length") and any(_unit(c) in _TIME_UNITS for c in found):
            found = [c for c in found if _unit(c) in _TIME_UNITS]  # "10 days", not "Gate 4"
        elif want == "amount" and not stems:  # "How large was the fine?": not "within 48 hours"
            found = [c for c in found if not (c[0] == "count" and _unit(c) in _TIME_UNITS)]
        elif want in _MEASURED:  # "How fast was the tram going?": not "carrying 23 passengers"
            found = [c for c in found if PATTERNED[want].search(f"{c[3]} {_unit(c)}")]
        elif want == "population":  # "Inchmore's 2,700 residents", not "Four people were taken to hospital"
            places = [m.group(0).lower() for m in PATTERNED[want].finditer(sentence_text(data, i))]
            found = [c for c in found if any(c[3].lower() in place for place in places)]
        if anchor is not None and stems and _states_otherwise(data, i, kinds, names, found, claims[0][2]):
            continue  # "232 homes destroyed and 87 damaged" against "87 homes were damaged"
        if not found and stems and anchor is not None:
            found = _other_word(data, i, names, claims[0][2], float(vecs[i] @ vecs[anchor]))
            if found:
                seen_docs.add(d)
                claims.append((i, sc, found))
            continue
        if not found:
            continue
        if anchor is None:
            anchor, units = i, {(c[0], _unit(c)) for c in found}
            generic = any(_UNITS_OF.intersection(tokenize(_unit(c))[:1]) for c in found)
            first.append(i)
        elif owners:
            pass  # the age of the one asked about, however unlike the sentences telling it
        elif beyond:
            # beyond the top evidence, only another report of its one figure (a sum, or a number of
            # what is asked about), close to it
            close = want not in ("duration", "length") and _close_report(
                want, stems, found, claims[0][2], kinds
            )
            if not (close and _alike(data, vecs, i, anchor) >= RELATED):
                continue
        elif (cos := float(vecs[i] @ vecs[anchor])) < threshold:
            # a sentence less alike still reports the same count, or sum, when it gives nearly the
            # same figure of it ("412,000 customers" and "430,000 customers"; "€4.5 billion" and
            # "€4.2 billion")
            # ... and a date in a sentence about the same event in the question's words ("was
            # declared fully contained on March 12" and "was declared 100% contained on March 14")
            event = "date" in kinds and cos >= SAME_TOPIC and _tells_same(data, i, anchor, asked)
            related = _alike(data, vecs, i, anchor) >= RELATED
            if not event and not (related and _close_report(want, stems, found, claims[0][2], kinds)):
                continue
        if not owners and not (stems and generic):
            # an age's "unit" is the word after it ("Pettibone, 53, has", "52, told"), and counts of
            # what "how many X" asks about, the best evidence's written as "units of X", are counts
            # of X whatever word follows them ("43,500 units of its Strada 2 e-scooter", "41,000 of
            # its Strada 2 scooters")
            found = [c for c in found if (c[0], _unit(c)) in units]
        if claims:
            found = [c for c in found if c[0] != "date" or _near_date(c, claims[0][2])]
        if not found or (claims and not _same_scale(found, claims[0][2])):
            continue
        if claims and _whole_and_part(data, question, i, found, anchor, claims[0][2]):
            continue  # "the total prize fund of £90,000" and "a first prize of £25,000": both true
        seen_docs.add(d)
        claims.append((i, sc, found))
    claims = _compared(claims)
    values = [c[2] for c in claims]
    if len(claims) < 2 or all(
        _reconcilable(values[a], values[b]) for a in range(len(values)) for b in range(a + 1, len(values))
    ):
        return None
    out = [
        Claim(value="; ".join(c[3] for c in found), passage=make_passage(data, i, sc))
        for i, sc, found in claims
    ]
    return Conflict(kind=want, claims=tuple(out))


# "the total prize fund", "total losses": what the total is of, its next word or two
_TOTAL = re.compile(r"\btotal\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)")  # not "the combined airline"


def _whole_and_part(
    data: IndexData, question: str, i: int, found: list[Figure], anchor: int, best: list[Figure]
) -> bool:
    """One sentence gives a total of something the other does not name, and the total is the
    larger: the part and the whole can both be true ("the total prize fund of £90,000" / "a first
    prize of £25,000"; not "the total damage at £55 million" / "the cost of the damage at £48
    million"). Not when the question asks for a total itself."""
    if re.search(r"\btotal\b", question, re.I) or any(c[0] not in ("money", "count") for c in found):
        return False
    for whole, part, top_whole, top_part in ((i, anchor, found, best), (anchor, i, best, found)):
        m = _TOTAL.search(sentence_text(data, whole))
        if not m or _TOTAL.search(sentence_text(data, part)):
            continue
        of = set(tokenize(m.group(1)))
        if not of or of <= _terms(data, part):
            continue  # a total of what the other sentence gives too: two reports of one thing
        a = max((c[1] for c in top_whole if c[1] is not None), default=None)
        b = max((c[1] for c in top_part if c[1] is not None), default=None)
        return a is not None and b is not None and a > b
    return False


def _compared(claims: list[tuple[int, float, list[Figure]]]) -> list[tuple[int, float, list[Figure]]]:
    """The claims with only their values of a kind that another source's claim gives too: the best
    evidence's "£48 million, ... the town's two primary schools" is set against "£55 million" by
    its sum, and "at 5:15 a.m., ... installed in 2009" against "4:30 a.m." by its time."""
    sources: dict[str, int] = {}
    for _, _, found in claims:
        for kind in {c[0] for c in found}:
            sources[kind] = sources.get(kind, 0) + 1
    kept = [(i, sc, [c for c in found if sources[c[0]] > 1]) for i, sc, found in claims]
    return [claim for claim in kept if claim[2]]


SAME_EVENT = 0.6  # share of the question's words in the best evidence another sentence must hold too


_WHEN_WORDS = frozenset(tokenize("day date year time month week"))


def _tells_same(data: IndexData, i: int, anchor: int, asked: frozenset[str]) -> bool:
    """Sentence i holds most of the question's words the best evidence (``anchor``) holds, of those
    that tell sentences apart (IDF at least half the corpus's largest: not "fire" over a story of
    a fire, nor the "day" or "year" asked for)."""
    lex = data.lexical
    floor = 0.5 * lex.max_idf()
    told = {t for t in _terms(data, anchor) & asked - _WHEN_WORDS if lex.idf(t) >= floor}
    return bool(told) and len(_terms(data, i) & told) >= SAME_EVENT * len(told)


_VALUES = {"money", "percent", "count", "year", "date", "ordinal"}


def _agree(a: list[tuple], b: list[tuple]) -> bool:
    """No value of one list contradicts a value of the same kind and unit in the other."""
    for key in {(c[0], c[2]) for c in a} & {(c[0], c[2]) for c in b}:
        if not _reconcilable([c for c in a if (c[0], c[2]) == key], [c for c in b if (c[0], c[2]) == key]):
            return False
    return True


def _counts_differ(a: list[Figure], b: list[Figure]) -> bool:
    """Two sentences count things differently: no count of one fits a count of the other, and two
    of their counts are close without being equal ("four injured workers" and "three employees";
    not "Okafor, 57" and "her number two"), whatever word follows each."""
    a = [c for c in a if c[0] == "count" and c[1] is not None and not _measures(c)]
    b = [c for c in b if c[0] == "count" and c[1] is not None and not _measures(c)]
    # a count the other sentence gives too is no difference; another one is, though the two share
    # a small one ("recalled 43,500 units ... across six markets" / "recalling 41,000 of its
    # scooters in six countries")
    alone_a = [x for x in a if not any(_fits(x, y) for y in b)]
    alone_b = [y for y in b if not any(_fits(x, y) for x in a)]
    return any(x[1] > 0 and y[1] > 0 and 1 / CLOSE <= x[1] / y[1] <= CLOSE for x in alone_a for y in alone_b)


def _terms(data: IndexData, i: int) -> frozenset[str]:
    """The sentence's terms, computed once per loaded index."""
    cache = data.cache.setdefault("terms", {})
    if i not in cache:
        cache[i] = frozenset(tokenize(sentence_text(data, i)))
    return cache[i]


def same_fact(data: IndexData, i: int, j: int, vecs: Rows, asked: set[str], question: str = "") -> bool:
    """Two sentences state the same thing: close in meaning, no amounts or dates that disagree, and
    either a shared value (a number, a date), for a question asking for a name the same full name
    it does not give, or mostly the same words beyond the question's own."""
    cos = float(vecs[i] @ vecs[j])
    named = bool(question) and wanted(question) == "name"
    if cos < (SAME_PERSON if named else SAME_TOPIC):
        return False
    a, b = _claims(data, i, _VALUES), _claims(data, j, _VALUES)
    ma, mb = _measured(data, i), _measured(data, j)
    if not _agree(a, b) or _counts_differ(a, b) or _measures_differ(ma, mb):
        return False  # "The four injured workers were treated ..." is not "Three employees were treated ..."
    if cos < SAME_TOPIC:  # further apart in meaning: the same person named, in the same role
        return _named_alike(data, i, j, question) and _share_more(data, i, j, asked)
    # A shared value (a number, a date) makes it the same fact; a shared year only when neither
    # sentence gives an amount (two sentences with different amounts for 2022 are not the same fact).
    amounts = any(c[0] in ("money", "percent", "count") for c in (*a, *b))
    shared = {(c[0], c[1]) for c in a if c[1] is not None} & {(c[0], c[1]) for c in b if c[1] is not None}
    if any(kind != "year" for kind, _ in shared):
        return True
    if any(ma[unit] & mb[unit] for unit in ma.keys() & mb.keys()):
        return True  # "travelling at about 12 km/h" and "moving at roughly 12 km/h"
    # "Who found the device?": "... found by the tournament's chief arbiter, Helen Marchbank, during
    # the standard screening" and "discovered by chief arbiter Helen Marchbank during a routine scan"
    if named and _named_alike(data, i, j, question):
        return True
    words_i = _terms(data, i) - asked
    words_j = _terms(data, j) - asked
    overlap = len(words_i & words_j) / max(1, len(words_i | words_j))
    if shared and not amounts and cos >= SAME_WORDS and overlap >= 0.15:
        return True
    return cos >= SAME_FACT or (cos >= SAME_WORDS and overlap >= 0.2)


def _measured(data: IndexData, i: int) -> dict[str, set[float]]:
    """The measures a sentence gives ("12 km/h", "312 m"), by unit."""
    out: dict[str, set[float]] = {}
    for kind, value, unit, *_ in data.values[i]:
        if kind == "count" and unit in MEASURES and value is not None:
            out.setdefault(unit, set()).add(value)
    return out


def _measures_differ(a: dict[str, set[float]], b: dict[str, set[float]]) -> bool:
    """Two sentences' measures (``_measured``) differ in one unit with none alike ("travelling at
    about 12 km/h" and "travelling at 15 km/h" are no one report, whether or not they conflict)."""
    return any(not a[unit] & b[unit] for unit in a.keys() & b.keys())


def _named_alike(data: IndexData, i: int, j: int, question: str) -> bool:
    """Both sentences name people the question does not, and every one that one of them names,
    the other names too (one person, not two beside one hotel's name)."""
    a, b = (
        {frozenset(n) for n in full_names(sentence_text(data, k), question) if a_person(data, n)}
        for k in (i, j)
    )
    if not a or not b:
        return False
    fewer, more = sorted((a, b), key=len)
    # "IA Helen Marchbank" is "Helen Marchbank"
    return all(any(x <= y or y <= x for y in more) for x in fewer)


def _share_more(data: IndexData, i: int, j: int, asked: set[str]) -> bool:
    """The two sentences share a word besides the question's and their names' ("chief arbiter
    Helen Marchbank" twice; not "Dorian Pask had worked on that very roof" and "Police have charged
    a 42-year-old roofer, Dorian Pask")."""
    texts = (sentence_text(data, i), sentence_text(data, j))
    names = set(tokenize(" ".join(_CAPITALISED_RUN.findall(" ".join(texts)))))
    return bool((_terms(data, i) & _terms(data, j)) - asked - names)


# the days and months that no one is named after ("April", "May", "June" and "August" are)
_DAY_NAMES = frozenset(WEEKDAYS) | frozenset(MONTHS) - {"april", "may", "june", "august"}


def a_person(data: IndexData, name: tuple[str, ...]) -> bool:
    """A name reads as a person's (or a firm's, in the way news writes of it) when the documents
    never write "the" before it nor "which" after it ("the Harrow Ridge Fire", "Northway Rail,
    which runs the line"), and write of it as of a person somewhere: by its last word alone after a
    word in lower case ("said Okafor", "Marchbank, who"), with ", who" or an age after it, or with
    "said" or "told" beside it. No country is one, nor a day ("By Wednesday", "Since March": "on
    Wednesday" writes it after a word in lower case). Read once per name and loaded index."""
    memo = data.cache.setdefault("persons", {})
    if name[-1].lower() in _DAY_NAMES:
        return False
    if name not in memo:
        full = r"\s+".join(map(re.escape, name))
        last = re.escape(name[-1])
        thing = re.compile(rf"\b[Tt]he\s+{full}\b|\b{full},?\s+which\b")
        person = re.compile(
            rf"(?:(?<![\w’'-])[a-z][\w’'-]*[,;:]?|[,;:(]) {last}(?![\w’'-]| [A-Z])"
            rf"|(?:^|[.!?][\"”’]?\s)\s*{last}(?=, | (?:said|says|told|added)\b)"
            rf"|\b{full}(?:, who\b|, \d{{1,3}},| (?:said|says|told|added|wrote)\b)|\bsaid {full}\b",
            re.M,
        )
        texts = [d["text"] for d in data.docs]
        memo[name] = (
            not countries_in(" ".join(name))
            and not any(thing.search(t) for t in texts)
            and any(person.search(t) for t in texts)
        )
    return memo[name]


def neighbours(data: IndexData, i: int, vecs: Rows, q_vec, exclude: set[int]) -> list[tuple[int, float]]:
    """Sentences closest in meaning to sentence i, or giving one of its values (a date, an amount):
    candidates for "also reported by", scored by their similarity to the question."""
    _, ids = data.sentence_index.search(vecs[i : i + 1], NEIGHBOURS)
    found = [int(j) for j in ids[0] if j >= 0]
    by_value = data.cache.get("by_value")
    if by_value is None:  # (kind, value) -> sentences stating it; years are too common to help
        by_value = data.cache["by_value"] = {}
        for n, values in enumerate(data.values):
            for kind, value, *_ in values:
                if value is not None and kind != "year":
                    by_value.setdefault((kind, value), []).append(n)
    for kind, value, *_ in data.values[i]:
        found += by_value.get((kind, value), [])[:NEIGHBOURS]
    found = [j for j in dict.fromkeys(found) if j != i and j not in exclude]
    if q_vec is None:
        return [(j, 0.0) for j in found]
    return [(j, float(vecs[j] @ q_vec)) for j in found]


SHORT_PASSAGE = 300  # characters: two neighbouring sentences up to this length read as one passage


def joins(data: IndexData, i: int, j: int) -> bool:
    """Sentences i and j belong in one passage: j follows i and leans back on it ("It runs for
    ..."), or they are neighbours and together still make a short passage: in one paragraph, or
    in two (news often runs a sentence a paragraph) when neither draws in a third sentence."""
    s = data.sentences
    first, last = min(i, j), max(i, j)
    if not adjacent(data, first, last):
        return False
    if last == j and s["leans_back"][j]:
        return True
    if first == j and _opens_on_pronoun(data, j):
        return False  # it would open the passage leaning on a sentence not shown ("His body ...")
    start, end = _span(data, first)[1], _span(data, last)[2]
    if int(s["para_start"][first]) != int(s["para_start"][last]):  # two paragraphs: these two only
        if start != int(s["start"][first]) or end != int(s["end"][last]):
            return False
    return end - start <= SHORT_PASSAGE


def makes_short_passage(data: IndexData, i: int, j: int) -> bool:
    """Sentences i and j join (``joins``) into a passage of SHORT_PASSAGE characters at most, even
    when one leans back on the other."""
    first, last = min(i, j), max(i, j)
    return joins(data, i, j) and _span(data, last)[2] - _span(data, first)[1] <= SHORT_PASSAGE


LEAD_IN = 70  # characters: a sentence this short, best of all, may only lead in to the next one


def leads_in(data: IndexData, i: int) -> bool:
    """Sentence i is short enough to be a lead-in ("First, the ransom.", "Investors appeared
    relieved.", "Now Tallowbrook wants a rate increase.") and the next sentence follows it
    directly, the two making a short passage: what it leads in to may be the answer."""
    if len(sentence_text(data, i)) > LEAD_IN or not adjacent(data, i, i + 1):
        return False
    return _span(data, i + 1)[2] - _span(data, i)[1] <= SHORT_PASSAGE


_REASON = re.compile(
    r"\b(?:because|since|as a result|due to|so that|in order to|reason|thanks to|after)\b", re.I
)


def gives_no_reason(data: IndexData, i: int) -> bool:
    """Sentence i says no "because", "due to", "so that" ...: to a "why" question it may only
    restate what is asked ("That delay is at the heart of the claim."), the reason following."""
    text = sentence_text(data, i)
    return not any(
        m.group(0).lower() != "after" or not _WHEN_AFTER.search(text, 0, m.start())
        for m in _REASON.finditer(text)
    )


# "after" that tells when, not why: "The filing came a day after ...", "shortly after"
_WHEN_AFTER = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|\d+|few|several|the)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)"
    r"|shortly|soon|just|moments|minutes|hours|days|weeks|months|years|the\s+day|the\s+morning|the\s+night)\s+$",
    re.I,
)


def follows_in_paragraph(data: IndexData, i: int) -> bool:
    """Sentence i + 1 goes on in sentence i's paragraph."""
    s, j = data.sentences, i + 1
    return adjacent(data, i, j) and int(s["para_start"][j]) == int(s["para_start"][i])


def overlaps(p: Passage, q: Passage) -> bool:
    return p.source == q.source and p.start < q.end and q.start < p.end
