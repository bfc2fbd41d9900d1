"""Question + candidates -> Answer: choose answer sentences, widen fragments, group sources that
state the same fact, surface differing figures, and decide when the sources do not answer."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from .aliases import countries_in, countries_of, stands_for
from .evidence import (
    COUNTED_KINDS,
    a_person,
    adjacent,
    counts_of,
    find_conflict,
    follows_in_paragraph,
    gives_no_reason,
    joins,
    leads_in,
    make_passage,
    makes_short_passage,
    neighbours,
    overlaps,
    same_fact,
    sentence_text,
    span_passage,
)
from .furniture import author_line
from .index import IndexData, rows
from .lexical import is_stop_word, short_form, tokenize
from .quantities import (
    DAY_OR_MONTH,
    FIELD_OF,
    KIND_BITS,
    PATTERNED,
    TITLES,
    WANT_KINDS,
    acronym_asked,
    asks_where,
    asks_who,
    counted,
    full_names,
    landmark_kind,
    names_a_place,
    new_names,
    person_asked,
    quote_asked,
    role_asked,
    role_owner,
    top_posts,
    wanted,
    yes_no_deeds,
)
from .retrieval import FEATURES, Candidates, acronyms, headline_terms
from .schema import Answer, Conflict, Passage, Span, citation_order

# Weights of the sentence score (over RANK_FEATURES) and of the answerability model (over
# ABSTAIN_FEATURES of the best candidate). Fitted with tools/fit_answer_model.py on kcqa's own
# question sets in tests/data, never on dev.json.
RANK_FEATURES = (*FEATURES, "kind", "counts", "role")
RANK_W = np.array(
    [
        0.688,
        0.3923,
        -0.1242,
        -0.3002,
        0.4543,
        0.0813,
        -0.1319,
        0.0456,
        -0.2646,
        0.6025,
        0.2226,
        0.1808,
        0.217,
    ],
    dtype=np.float32,
)
ABSTAIN_FEATURES = (
    "score",
    "dense",
    "own",
    "missing",
    "unknown",
    "margin",
    "peak",
    "lexical",
    "name_gap",
    "kind",
    "doc_gap",
    "distinct",
    "counts",
)
ABSTAIN_W = np.array(
    [
        -1.722,
        2.3215,
        -1.5452,
        -0.3633,
        0.8777,
        1.5537,
        -1.3359,
        0.5794,
        -1.1863,
        1.7045,
        -0.207,
        2.2132,
        1.0823,
    ],
    dtype=np.float32,
)
ABSTAIN_B = 0.4839
THRESHOLD = 0.5
# A question about a name (or a "what is the X of" about an X) the documents never mention cannot
# be answered from them, nor a "when", "what time", "how many", "how much did it cost", "how heavy"
# question by a passage with no date, time of day, amount, sum of money or weight, nor a "which
# country", "what nationality" question by one naming no country the question does not.
UNKNOWN_NAMES = 0.34
# Nor a question most of whose words (by IDF) the page of the best answer never uses, when no
# sentence and no chunk comes near it in meaning ("How do I change a car tyre?" over news articles,
# even in a folder of several stories that use each of its words somewhere).
OFF_TOPIC_UNKNOWN = 0.5
OFF_TOPIC_DENSE = 0.3
# Nor one none of whose words any page uses, unless a sentence is close to it in meaning ("How many
# players are on a soccer team?" over articles on a power cut: "employs about 2,100 people", 0.31).
NO_WORD_DENSE = 0.45
# values of a kind few sentences hold
STRICT_VALUE = ("money", "percent", "clock", "date", "year", *PATTERNED)
NEEDS_VALUE = ("time", "amount", "country", *STRICT_VALUE)
VALUE_REACH = 5  # how far down a sentence holding the asked-for kind of value is moved up from
# ... and how far down, and how much lower in score, for a "when" or "how many" question whose
# best sentence has none (a "not found" otherwise)
VALUE_LIFT = 2
LIFT_GAP = 0.1
_ANYONE = frozenset(("people", "persons"))
COUNT_REACH = 3  # ... and for a "how many X" question whose best sentence gives no number of X
COUNT_GAP = 0.2
SIZE_REACH = 10  # how far down a sentence giving the size of what "How long is X?" names is moved up from
CUE_GAP = 0.25  # how much lower than the best a sentence with the phrase asked for (_PHRASE_CUES) may score
JOIN_REACH = 4  # how far down the ranking a neighbour joined to a passage is looked for
NAMESAKE = 0.1  # taken off the score of a sentence about a namesake of the question's name
GROUP_DEPTH = 25  # candidates considered for the passages and their corroboration
NEIGHBOUR_DEPTH = 12  # a neighbour among this many best candidates may join a passage's sentence


@dataclass
class Scored:
    """Candidates with their final scores; ``order`` lists positions, best first."""

    cand: Candidates
    question: str
    F: np.ndarray
    score: np.ndarray
    order: np.ndarray
    cannot: np.ndarray  # per candidate: it cannot be the answer, whatever its score (cannot_answer)

    @property
    def ids(self) -> np.ndarray:
        return self.cand.ids


def _kind_match(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """1 where the sentence holds the kind of value the question asks for (a date for "when")."""
    want = wanted(question)
    if want is None:
        return np.zeros(len(ids), dtype=np.float32)
    if want == "age":  # an age, of the person the question names ("How old is Lyle Benning?")
        names = set(_QUESTION_NAME.findall(question))
        return np.array([_age_of(data, int(i), names) for i in ids], dtype=np.float32)
    if want in ("school", "landmark"):  # a place of learning (a road, a pass) the question does not name
        kind = _SCHOOL_NAME if want == "school" else landmark_kind(question)
        named = [_names_one(sentence_text(data, int(i)), question, kind) for i in ids]
        return np.array(named, dtype=np.float32)
    if want in PATTERNED:  # a number in the unit asked for ("410 tonnes" for a weight), a weekday
        found = PATTERNED[want]
        return np.array([bool(found.search(sentence_text(data, int(i)))) for i in ids], dtype=np.float32)
    if want == "year":  # a year, alone or in a date ("Feb. 20, 2024")
        return np.array([bool(_YEAR.search(sentence_text(data, int(i)))) for i in ids], dtype=np.float32)
    if want == "country":  # a country the question does not name ("by way of which country?")
        asked = countries_in(question, any_case=True)
        other = [bool(countries_in(sentence_text(data, int(i))) - asked) for i in ids]
        return np.array(other, dtype=np.float32)
    if want == "name":  # a name the question does not already hold ("Who led the search for X?")
        named = [bool(new_names(sentence_text(data, int(i)), question)) for i in ids]
        return np.array(named, dtype=np.float32)
    kinds = WANT_KINDS[want]
    if want == "amount" and _HOW_MANY_THINGS.search(question):  # "How many people were hired?"
        kinds = {"count"}
    mask = sum(KIND_BITS[k] for k in kinds)
    found = (data.sentences["kinds"][ids] & mask) > 0
    if want == "amount":  # a change given as a multiple: "can double that output by 2028"
        found |= np.array([bool(_MULTIPLE.search(sentence_text(data, int(i)))) for i in ids], dtype=bool)
    if want == "time" and _WHEN_WILL.search(question):  # "results are expected in six to eight weeks"
        found |= np.array([_from_now(sentence_text(data, int(i))) for i in ids], dtype=bool)
    return found.astype(np.float32)


# a time from now ("in six to eight weeks", "within 30 days"), in a sentence about what is to come
# (not "its first snow leopard births in 17 years")
_IN_SPAN = re.compile(
    r"\b(?:in|within)\s+(?:the\s+next\s+|another\s+)?(?:(?:about|roughly|around|some)\s+)?"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a\s+few|several)"
    r"(?:\s+(?:to|or)\s+(?:\d+|\w+))?\s+(?:days?|weeks?|months?|years?)\b",
    re.I,
)
_TO_COME = re.compile(
    r"\b(?:will|expected|due|should|could|would|scheduled|plans?|planned|set\s+to|aims?)\b", re.I
)


def _from_now(text: str) -> bool:
    return bool(_IN_SPAN.search(text) and _TO_COME.search(text))


# A capitalised word of a question, its first word left out: a name it asks about
_QUESTION_NAME = re.compile(r"(?<=\s)[A-Z][\w’'-]+")
# "how many" counts things: not a percentage ("24 per cent"), unless it asks for one
_HOW_MANY_THINGS = re.compile(
    r"\bhow many\b(?!(?:\W+\w+){0,2}?\W+(?:percent|per cent|percentage|points|dollars|euros|pounds)\b)", re.I
)
_MULTIPLE = re.compile(
    r"\b(?:double[sd]?|doubling|triple[sd]?|tripling|quadruple[sd]?|(?:two|three|four|ten)fold|halve[sd]?|halving)\b",
    re.I,
)


# a school's name around its kind's word: "Crestview Elementary", "the University of Coimbra"
_WORDS = re.compile(r"[\w’'-]+")
_SCHOOL_NAME = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+){0,4})(?:"
    + PATTERNED["school"].pattern
    + r")((?:\s+of\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?)"
)


def _names_one(text: str, question: str, kind: re.Pattern[str] | None) -> bool:
    """True when the text names a place of the ``kind`` asked for (_SCHOOL_NAME, landmark_kind)
    that the question does not name ("Oakmont Elementary" for "Which school will Harwell Street
    students move to?", not "Harwell Street Elementary")."""
    if kind is None:
        return False
    asked = {w.lower() for w in _WORDS.findall(question)}
    for m in kind.finditer(text):
        own = {w.lower() for w in _WORDS.findall(" ".join(g for g in m.groups() if g))} - {"the", "of"}
        if own - asked:
            return True
    return False


def _age_of(data: IndexData, i: int, names: set[str]) -> bool:
    """True when sentence i gives an age and holds one of the question's capitalised ``names``
    (any age will do when there are none), or, naming nobody, follows a sentence that does
    ("My son Baraka was enrolled in 2022. He is four now.")."""
    text = sentence_text(data, i)
    if not PATTERNED["age"].search(text):
        return False
    if not names:
        return True
    docs = data.sentences["doc"]
    lean = i > 0 and docs[i - 1] == docs[i] and not new_names(text, "")
    before = sentence_text(data, i - 1) if lean else ""
    return any(re.search(rf"\b{re.escape(n)}\b", text + " " + before) for n in names)


def _age_beside(text: str, names: set[str]) -> bool:
    """The text gives an age right beside one of the question's ``names``: "Walter Ng, 71, a retired
    teacher", "Ana Ruiz (52)", "the 56-year-old Dale Ormsby" (not "'You can't plant a 90-year-old
    tree,' said Walter Ng")."""
    for name in names:
        n = re.escape(name)
        if re.search(
            rf"\b{n},\s+(?:now\s+|aged\s+)?\d{{1,3}}\b(?=,|\s*\.(?!\d)|\s+(?:of|from|and)\b)|\b{n}\s+\(\d{{1,3}}\)"
            rf"|\b\d{{1,3}}[\s-]years?[\s-]old\s+(?:[a-z]+\s+){{0,2}}(?:[A-Z][\w’'.-]*\s+){{0,3}}{n}\b",
            text,
        ):
            return True
    return False


# "What is X's job / profession / occupation?", "What does X do for a living?", "What did X work as?"
# (not "job cuts", nor "trade", mostly a trade group or a country's trade)
_JOB_ASKED = re.compile(
    r"\b(?:what|which)\b.*\b(?:job|profession|occupation|line\s+of\s+work)\b(?!\s+(?:cuts?|loss|losses)\b)"
    r"|\bdo\s+for\s+a\s+living\b|\b(?:work|works|worked)\s+(?:as|in)\W*$",
    re.I,
)


def _job_beside(text: str, names: set[str]) -> bool:
    """The text gives what one of the question's ``names`` does for a living, set beside the name:
    "Lyle Benning, 37, a delivery driver", "Hasselby, a certified public accountant,", "Fiona
    Mackay, regional secretary of the union" (not "Agnes Thornbury, 71, is the lead plaintiff", nor
    "Martin Hasselby, 61, of Orchard Hill Road")."""
    for name in names:
        if re.search(
            rf"\b{re.escape(name)},\s+(?:(?:now\s+|aged\s+)?\d{{1,3}},\s+)?"
            r"(?:an?\s+[a-z]|(?:the\s+)?(?:[a-z][\w-]*\s+){1,3}(?:of|at|for|with)\s)",
            text,
        ):
            return True
    return False


def _counts_it(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """For a "how many X" question, 1 where the sentence gives a number of X (a word after one of
    its numbers shares a stem with X: "How many homes burned?" and "214 homes were destroyed");
    1 everywhere for other questions, and for "how many people live in X", which a population
    answers ("a city of about 64,000")."""
    words = counted(question)
    if not words or wanted(question) == "population":
        return np.ones(len(ids), dtype=np.float32)
    stems = set(tokenize(" ".join(words)))
    out = np.zeros(len(ids), dtype=np.float32)
    for n, i in enumerate(int(i) for i in ids):
        text = sentence_text(data, i)
        out[n] = any(
            kind in COUNTED_KINDS and counts_of(text, end, stems) for kind, *_, end in data.values[i]
        )
    return out


def _counts_all(data: IndexData, i: int, stems: set[str]) -> bool:
    """Sentence i gives a number of all the ``stems`` a "how many" question counts, its qualifiers
    with its noun ("85 permanent jobs" for "How many permanent jobs ...?")."""
    text = sentence_text(data, i)
    return any(
        kind in COUNTED_KINDS and stems <= set(tokenize(text[end : end + 60])[: len(stems) + 1])
        for kind, *_, end in data.values[i]
    )


def names_holder(text: str, role: str, owner: str | None = None) -> bool:
    """The text names someone in ``role``: the role word right before a capitalised name ("Mayor
    Joel Fairweather", "Cuba's President Miguel Díaz-Canel"), or before one set off by a comma
    ("The captain at the time, Edgars Liepa"), or right after one ("Dana Okafor, the county
    sheriff"); not "the Foreign Minister to attend ...". With ``owner`` (whose role it is), not
    someone holding it for another ("U.S. President Donald Trump" for Cuba's president), nor for
    an owner only a pronoun names ("Its chief executive, Luis Ferrante": whose is not said here)."""
    word = role.split()[-1]
    lead = [w for w in role.lower().split()[:-1] if w not in _ROLE_PREFIX]
    for m in _holder_pattern(word).finditer(text):
        at = m.start() if m.group(0)[: len(word)].lower() == word.lower() else m.end() - len(word)
        second = _SECOND_IN_ROLE.search(text[:at])
        if second and second.group(1).lower() not in role.lower().split():
            continue  # "the chain's vice president of purchasing" is no president
        field = _FIELD_AFTER.match(text, at + len(word))
        if field and " of " not in role and field.group(1).lower() not in f"{role} {owner or ''}".lower():
            continue  # "Simone Achterberg, director of communications" is no ski patrol director
        if lead and _other_kind(text[:at], lead):
            continue  # "County health officer Dr. Samuel Etxeberria" is no chief financial officer
        if not owner:
            return True
        if _held_for_another(text, at, at + len(word), role, owner)[0]:
            continue
        if at == m.start() and "," in m.group(0):
            before = _words_before_role(text, at, role)  # "Its chief executive, ...": a pronoun's
            if before and before[-1].group(0).lower() in _POSSESSIVE:
                continue
        return True
    return False


_POSSESSIVE = frozenset("its his her their".split())
# a field after a role, making it another ("director of communications", "head of security")
_FIELD_AFTER = re.compile(FIELD_OF + r"([a-z][\w-]+)")
# a word before a role that makes it another, second one: "vice president", "Deputy Mayor"
_SECOND = r"vice|deputy|assistant|associate|under"
_SECOND_IN_ROLE = re.compile(r"\b(" + _SECOND + r")[\s-]+$", re.I)


def _other_kind(before: str, lead: list[str]) -> bool:
    """The word right before a role's mention makes it another kind of that role than the one
    asked about (``lead``, the words before it in the question): "health" of "county health
    officer" for a chief financial officer, "Bluecrest" of "Bluecrest manager" for the Rovers
    manager; not a possessive ("the club's manager") or a stop word."""
    m = re.search(r"([\w’'-]+)\W*$", before)
    if not m or re.search(r"['’]s?$", m.group(1)) or re.search(r"[.,;:]\s*$", before):
        return False
    word = m.group(1).lower()
    return word not in lead and word not in _ROLE_PREFIX and not is_stop_word(word)


def _words_before_role(text: str, at: int, role: str) -> list[re.Match[str]]:
    """The words before the role mention at ``at``, without the role's own leading words and the
    prefixes that say nothing of whose it is ("former", "deputy")."""
    lead = set(role.lower().split()[:-1]) | _ROLE_PREFIX
    words = list(re.finditer(r"\S+", text[:at]))
    while words and words[-1].group(0).lower() in lead:
        words.pop()
    return words


# words that may stand before a role without saying whose it is ("Former President", "Deputy Mayor")
_ROLE_PREFIX = frozenset(
    "former acting interim current new then incoming outgoing deputy vice assistant senior first".split()
)
# whose the role is, after it: "President of the Cuban Council", "chief executive officer of Meridian"
_OF_NAME = re.compile(
    r"(?:\s+officer)?\s+(?:of|for)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*)"
)


# a sentence opening on a name ("Hopwire, by contrast, says ...", "Granite Mutual said ...")
_OPENING_NAME = re.compile(r"\W*([A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*)(?=,|\s+(?!of\b)[a-z])")


def _held_for_another(text: str, at: int, end: int, role: str, owner: str) -> tuple[bool, int]:
    """Whether the role mention text[at:end] is qualified by a name other than ``owner``'s ("U.S.
    President", "Harbourline chief executive", "President of the Cuban Council of State" for South
    Korea's, "agent for Progress Party candidate Martin Douthwaite" for Priya Castellane's), or is
    "its" role in a sentence opening on another body that never names the owner, and where its words
    start (the qualifier before it included)."""
    words = _words_before_role(text, at, role)
    if words and words[-1].group(0).lower() in ("its", "their"):
        # "Hopwire, by contrast, says ... a decision its chief executive, Adrian Koenig, called ...":
        # the role of the body the sentence opens on, another than the owner it never names
        subject = _OPENING_NAME.match(text)  # (not "Its managing director, ...": whose is said before)
        owned = set(tokenize(owner))
        other = (
            subject is not None
            and not is_stop_word(subject.group(1).split()[0])
            and not owned & set(tokenize(text))
            and not stands_for(subject.group(1), owner)
        )
        return other, words[-1].start()
    qualifier: list[str] = []
    while words:
        w = words[-1].group(0)
        bare = re.sub(r"['’]s?$", "", w)
        if not w[:1].isupper() or w.endswith(",") or (w.endswith(".") and "." not in w[:-1]):
            break
        if is_stop_word(bare):
            break
        qualifier.insert(0, bare)
        words.pop()
    start = words[-1].end() + 1 if words else 0
    if not qualifier or all(q.lower() in _ROLE_PREFIX for q in qualifier):
        of = _OF_NAME.match(text, end)
        qualifier = [of.group(1)] if of else []
    if not qualifier:
        return False, at
    said = " ".join(qualifier)
    if (
        set(tokenize(said)) & set(tokenize(owner))
        or countries_of(said) & countries_of(owner)
        or stands_for(said, owner)  # "CP chairwoman" for Comboios de Portugal's
    ):
        return False, at
    return True, start


@lru_cache(maxsize=64)
def _holder_pattern(word: str) -> re.Pattern[str]:
    word = "(?i:" + re.escape(word) + ")"  # the role in any case, the name capitalised
    return re.compile(
        rf"\b{word}\s+(?:[A-Z][a-z]{{1,4}}\.\s)?[A-Z][\w’'-]+\s[A-Z]"
        # ... with an age between: "Glen Haskins, 58, president of ..."
        rf"|[A-Z][\w’'-]+\s[A-Z][\w’'-]+,\s(?:\d{{1,3}},\s)?(?:the |a |an )?(?:[\w’'-]+\s){{0,4}}{word}\b"
        rf"|\b{word}(?:\s+[a-z][\w’'-]*){{0,4}},\s(?:[A-Z][a-z]{{1,4}}\.\s)?[A-Z][\w’'-]+\s[A-Z]"
    )


def _holds_role(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """1 where the sentence names someone in the role asked about (``names_holder``), or for "Who
    heads X?" in any of the top posts (``top_posts``)."""
    top = top_posts(question)
    roles, owner = (top.posts, top.owner) if top else ((role_asked(question),), role_owner(question))
    out = np.zeros(len(ids), dtype=np.float32)
    if not roles[0]:
        return out
    for n, i in enumerate(int(i) for i in ids):
        text = sentence_text(data, i)
        out[n] = bool(top and top.done_by_name(text)) or any(names_holder(text, r, owner) for r in roles)
    return out


def rank_features(data: IndexData, cand: Candidates, question: str) -> np.ndarray:
    """The candidates' retrieval features plus the answer-kind match, whether the sentence counts
    what a "how many X" question counts, and whether it names the holder of the role a "Who is the
    mayor of X?" question asks about; one row per candidate."""
    return np.concatenate(
        [
            cand.X,
            _kind_match(data, cand.ids, question)[:, None],
            _counts_it(data, cand.ids, cand.spelt or question)[:, None],
            _holds_role(data, cand.ids, cand.spelt or question)[:, None],
        ],
        axis=1,
    )


_YEAR = re.compile(r"\b(?:1[6-9]\d\d|20\d\d)\b")


def other_year(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """For a question about a given year ("trade in 2023"): True where the sentence (with the one
    before it) gives years, none of them the one asked about. False when the question names none."""
    asked = {float(y) for y in _YEAR.findall(question)}
    out = np.zeros(len(ids), dtype=bool)
    if not asked:
        return out
    docs = data.sentences["doc"]
    for n, i in enumerate(int(i) for i in ids):
        years = {
            v
            for j in (i - 1, i)
            if j >= 0 and docs[j] == docs[i]
            for k, v, *_ in data.values[j]
            if k == "year"
        }
        out[n] = bool(years) and not years & asked
    return out


# Question words that say what kind of value is asked for, not what it is about.
_ASKING = frozenset(
    tokenize(
        "how much many cost price percentage percent share proportion rate value worth amount colour color"
        " university college school"
    )
)
VALUE_NEAR = 8  # words either side of a sum or a percentage that must hold one of the question's


def _beside_values(data: IndexData, i: int, want: str) -> list[frozenset[str]]:
    """Per value of the asked-for kind in sentence i, the terms within VALUE_NEAR words of it;
    read once per loaded index and kind, when a question first needs them."""
    cache = data.cache.setdefault("beside_values", {})
    found = cache.get((i, want))
    if found is None:
        text = sentence_text(data, i)
        if want in PATTERNED:
            spans = [m.span() for m in PATTERNED[want].finditer(text)]
        else:
            spans = [(a, b) for k, _, _, a, b in data.values[i] if k in WANT_KINDS[want]]
        found = cache[(i, want)] = [
            frozenset(tokenize(text[:a])[-VALUE_NEAR:] + tokenize(text[b:])[:VALUE_NEAR]) for a, b in spans
        ]
    return found


def _far_value(data: IndexData, ids: np.ndarray, question: str, terms: list[str]) -> np.ndarray:
    """For "how much", "what percentage", "what colour" and "which university": True where every
    sum (percentage, colour, place of learning) the sentence gives stands more than VALUE_NEAR
    words from each of the question's words
    ("Hotel bookings are up 9%" for "What percentage of the new trains arrive on time?")."""
    want = wanted(question)
    out = np.zeros(len(ids), dtype=bool)
    about = set(terms) - _ASKING
    if want not in ("money", "percent", "colour", "school") or not about:
        return out
    docs = data.sentences["doc"]
    for n, i in enumerate(int(i) for i in ids):
        beside = _beside_values(data, i, want)
        # a question about what the page's headline names ("Lisbon–Porto line enters service")
        # asks about what all its values are about ("The project cost €4.2 billion")
        headed = about <= headline_terms(data, int(docs[i]))
        out[n] = bool(beside) and not headed and not any(about & near for near in beside)
    return out


def _no_role_holder(data: IndexData, ids: np.ndarray, question: str, holds: np.ndarray) -> np.ndarray:
    """For "Who is the X of Y?" / "Who is Y's X?": True where the sentence cannot name the holder
    of role X: it names nobody the question does not ("... exchanged letters at the United Nations"
    for "Who is Cuba's ambassador to the United Nations?"), or it neither names a holder of X nor
    uses a word of X as the index reads it (typos put right, "CEO" written out) that the corpus
    writes somewhere. ``holds``: the rank feature "role" of each sentence (``_holds_role``)."""
    role = role_asked(question)
    if not role:
        return np.zeros(len(ids), dtype=bool)
    # a role the corpus never writes tells nothing here: a real word is ``unknown_focus`` already, a
    # misspelling put right by no corpus word ("sherrif", two edits from "sheriff") is no clue
    read = data.lexical.query_terms(role)[0]
    role_terms = {t for t in read if t in data.lexical.vocab}
    # its head word ("agent" of "election agent"), or two of its words ("chief executive" for "CEO")
    written = short_form(role.lower()) or role.lower()
    field = " of " in written  # "head of security": its head comes first
    head_word = written.split(" of ")[0].split()[-1]
    head = (tokenize(head_word) or [None])[0] if field else (read[-1] if read else None)
    if len(written.split()) < 2 or head not in role_terms:
        head = None
    # ... the head as written, or as put right where misspelt ("mayer"): "office" is no "officer"
    if head and tokenize(head_word) != [head]:
        head_word = data.lexical.spelt(head_word).lower()
    owner = role_owner(question)
    out = np.zeros(len(ids), dtype=bool)
    for n, i in enumerate(int(i) for i in ids):
        text = sentence_text(data, i)
        own_text = _without_others(text, role, owner) if owner else text
        used = role_terms & set(tokenize(own_text))
        if head in used and not re.search(rf"\b{re.escape(head_word)}s?\b", own_text, re.I):
            used.discard(head)
        said = not role_terms or holds[n] or (head in used or len(used) >= 2 if head else bool(used))
        out[n] = not said or not _holder_names(text, question, role)
    return out


def _without_others(text: str, role: str, owner: str) -> str:
    """The text without the mentions of ``role`` held for another than ``owner`` ("former U.S.
    President" when the question asks about Cuba's)."""
    word = re.compile(rf"\b{re.escape(role.split()[-1])}\b", re.I)
    for m in reversed(list(word.finditer(text))):
        other, start = _held_for_another(text, m.start(), m.end(), role, owner)
        if other:
            text = text[:start] + " " + text[m.end() :]
    return text


def _holder_names(text: str, question: str, role: str) -> list[str]:
    """The new names of a text that can name a holder of ``role``: not the role itself with a
    country ("the South Korean Foreign Minister" for "Who is Cuba's foreign minister?")."""
    role_words = set(role.lower().split())
    found = []
    for name in new_names(text, question):
        rest = " ".join(w for w in name.split() if w.lower() not in role_words)
        for country in countries_in(rest, any_case=True):
            rest = re.sub(re.escape(country), " ", rest, flags=re.I)
        if re.search(r"\w", rest):
            found.append(name)
    return found


def _window(data: IndexData, i: int) -> list[int]:
    """Sentence i and its neighbours on the same page."""
    docs = data.sentences["doc"]
    return [j for j in (i - 1, i, i + 1) if 0 <= j < len(docs) and docs[j] == docs[i]]


def _sentence_terms(data: IndexData, j: int) -> frozenset[str]:
    terms = data.cache.setdefault("sentence_terms", {})  # per index version, each sentence once
    if j not in terms:
        terms[j] = frozenset(tokenize(sentence_text(data, j)))
    return terms[j]


def _window_terms(data: IndexData, i: int) -> set[str]:
    """The terms of sentence i and its neighbours on the same page."""
    return set().union(*(_sentence_terms(data, j) for j in _window(data, i)))


def _name_terms(question: str) -> set[str]:
    """The terms of the question's capitalised words, its first word left out."""
    return set(tokenize(" ".join(_QUESTION_NAME.findall(question))))


def _not_their_words(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """For "What did <someone named> say about <X>?": True where neither the sentence nor its
    neighbours name the speaker, or none of them says a word of X ("State transport minister Karin
    Albers said ... that Marnsfeld should not be left to carry this alone" for "What did Karin
    Albers say about the Hollmann & Rieck inspection?"). A speaker known only by a role ("the fire
    chief") is named once and then by name: a role the documents never write is ``unknown_focus``."""
    asked = quote_asked(question)
    out = np.zeros(len(ids), dtype=bool)
    if not asked or not asked[0]:
        return out
    names, _, topic = asked
    speaker = set(tokenize(" ".join(names)))
    subject = set(tokenize(topic)) - speaker
    for n, i in enumerate(int(i) for i in ids):
        words = _window_terms(data, i)
        out[n] = not (speaker & words) or bool(subject) and not subject & words
        # ... or none of them tells of anything the speaker said, in a sentence naming them or the
        # one after it ("Mayor Denise Harlan did not attend the meeting.")
        near = _window(data, i)
        named = {j for j in near if speaker & _sentence_terms(data, j)}
        out[n] |= not any(
            _SPEECH.search(sentence_text(data, j)) for j in near if j in named or j - 1 in named
        )
    return out


_SPEECH = re.compile(
    r"[\"“”]|\b(?:said|says|say|told|tells|telling|called|calls|according|warned|warns|argued|argues|added"
    r"|adds|stated|states|wrote|writes|insisted|insists|claimed|claims|described|describes|commented"
    r"|comments|statement|remarks?|urged|urges|promised|promises|vowed|vows|pledged|pledges|admitted"
    r"|admits|denied|denies|accused|accuses|criticis|criticiz|praised|praises|welcomed|welcomes|asked"
    r"|asks|announced|announces|noted|notes|explained|explains)",
    re.I,
)


def cannot_answer(data: IndexData, cand: Candidates, question: str, F: np.ndarray) -> np.ndarray:
    """True where the candidate cannot be the answer: its years are none the one asked about
    (``other_year``), its sums or percentages are about something else (``_far_value``), it
    cannot name the holder of the role asked about (``_no_role_holder``), it does not quote
    the one a question asks what they said (``_not_their_words``), or it counts nothing of what
    "how many X does Y have" asks about (``_not_what_y_has``). ``F``: the candidates'
    ``rank_features``."""
    ids = cand.ids
    return (
        other_year(data, ids, question)
        | _far_value(data, ids, question, cand.terms)
        | _no_role_holder(data, ids, cand.spelt or question, F[:, RANK_FEATURES.index("role")] > 0)
        | _not_their_words(data, ids, question)
        | _not_what_y_has(data, ids, question, F)
        | _no_future(data, ids, question)
        | _not_yet(data, ids, question)
        | _no_tenure(data, ids, question)
    )


# "How long has Gregory Hale been president of Corvane?": a time held, written "for 22 years" or
# "since 1994"; "Mayor Benedict Farrow said ..." or "... losing €3 million a day" tells none.
_TENURE_ASKED = re.compile(
    r"^\W*how long (?:has|have|had)\s+(?!it\b)(?P<who>.+)\b(?:been|worked|lived|run|served|owned|led|held"
    r"|taught|coached|managed|chaired|headed|operated|practi[sc]ed|played|hosted|stayed|known|used|done|sat)\b",
    re.I,
)
_TENURE = re.compile(
    r"\bsince\b|\bfor\s+(?:[\w-]+\s+){0,3}?(?:years?|months?|weeks?|decades?|days?|generations?)\b"
    r"|\b\w+[- ]year\s+(?:career|tenure|stint|term|reign|veteran)\b"
    r"|\b(?:\w+th|first|second|third)\s+(?:year|term)\b",
    re.I,
)


def _tenure_names(question: str) -> set[str] | None:
    """For "How long has X been/worked/lived ...?": the capitalised words of X ("Rosalind",
    "Tate"; "Bride's" in "St. Bride's", a title left out); None for any other question."""
    m = _TENURE_ASKED.search(question)
    if not m:
        return None
    return {w for w in re.findall(r"\b[A-Z][\w’'-]*", m.group("who")) if w not in TITLES and w != "St"}


# "Which company ...?", "What firm ...?": an organisation of a kind, asked for by name
_ORGANISATION_KINDS = (
    r"(?:company|firm|contractor|subcontractor|insurer|developer|operator|supplier|manufacturer|maker|bank"
    r"|lender|airline|carrier|utility|consultancy|charity|retailer|builder"
    # ... and a business's premises: "Which store sold the winning ticket?"
    r"|store|shop|supermarket|restaurant|diner|cafe|café|bar|pub|hotel|inn|bakery|dealership)"
)
_ORGANISATION_ASKED = re.compile(
    # "Which firm ...?", "Which engineering firm ...?" (not "What kind of firm ...?", "What did the firm")
    r"^\W*(?:which|what)\s+(?:(?!(?:kinds?|types?|sorts?|of|the|an?|is|are|was|were|did|does|do|has|have|had"
    r"|will|would|can|could)\b)[a-z-]+\s+){0,2}?(" + _ORGANISATION_KINDS + r")\b",
    re.I,
)
_CORPORATE = re.compile(
    r"((?:[A-Z][\w’'-]*\s+){1,4})(?:Inc|Corp|Ltd|LLC|Co|plc|PLC|GmbH|AG|NV|SA|Pvt)\b\.?"
    r"|\b([A-Z][\w-]*)\s+(?:Group|Holdings|Partners|Industries|Systems|Services|Capital|Bank|Insurance"
    r"|Mutual|Airways|Airlines|Construction|Energy|Power)\b"
    r"|\b([A-Z][\w-]*\s+&\s+[A-Z][\w-]*)"
    # ... or a name that did what the kind does ("supplied by Pellaris Cells", "run by Northway Rail")
    r"|\b(?:\w+ed|\w+en|made|run|built|held|led)\s+by\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
    # ... or one taken on for a job ("The bank hired Northgate Forensics", "retained the firm Hale & Ross")
    r"|\b(?:hired|retained|engaged|contracted|commissioned|appointed)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?"
    r"([A-Z][\w’'-]*(?:\s+(?:&\s+)?[A-Z][\w’'-]*)*)"
    # ... or one set beside its kind: "The developer, Northvane Digital Infrastructure, plans ..."
    r"|\b(?i:the|its|their)\s+(?:[a-z-]+\s+)?(?i:" + _ORGANISATION_KINDS + r"),\s+"
    r"([A-Z][\w’'-]*(?:\s+(?:&\s+)?[A-Z][\w’'-]*)*)"
)


def _beside_kind(question: str) -> re.Pattern[str]:
    """A name beside a kind of organisation the question names: "contractor Strobel Bau", "Tidewell
    Terminals, the company that ..." for "company", "Tarrant Ridge Growers as its romaine supplier"
    for "Which company is Greenhollow's new romaine supplier?"."""
    kinds = {k.lower() for k in re.findall(r"\b" + _ORGANISATION_KINDS + r"\b", question, re.I)}
    kind = "(?:" + "|".join(sorted(map(re.escape, kinds))) + ")"
    return re.compile(
        rf"\b{kind}\s+((?-i:[A-Z][\w’'-]*)(?:\s+(?:&\s+)?(?-i:[A-Z][\w’'-]*))*)"
        # (not "Gwen Pryce, the firm's managing partner")
        # ("Harlow Community College, the company will ..." sets no name beside the company)
        rf"|((?-i:[A-Z][\w’'-]*)),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{kind}\b(?![’']s)"
        r"(?!\s+(?:will|would|can|could|may|might|must|shall|should|is|was|has|had|said|says|did|does)\b)"
        rf"|((?-i:[A-Z][\w’'-]*)(?:\s+(?-i:[A-Z][\w’'-]*))*)\s+as\s+(?:its|their|the|an?)\s+(?:[\w-]+\s+){{0,2}}?{kind}\b",
        re.I,
    )


def _names_an_organisation(data: IndexData, i: int, question: str, beside: re.Pattern[str]) -> bool:
    """Sentence i names an organisation the question does not name ("Upper Sable Hydro Inc." is no
    answer to "Which firm will review Upper Sable Hydro's procedures?"): a company's name ("Corvane
    Stone Inc.", "Granite Mutual", "Hollmann & Rieck"), a name that did what the kind does
    ("supplied by Pellaris Cells"), or a name ``beside`` the kind asked for (``_beside_kind``)."""
    text = sentence_text(data, i)
    asked = {re.sub(r"['’]s$", "", w.lower()) for w in _WORDS.findall(question)}  # "Hydro's": "hydro"
    for pattern in (_CORPORATE, beside):
        for m in pattern.finditer(text):
            name = _WORDS.findall(next(g for g in m.groups() if g))
            if name[0] not in TITLES and {w.lower() for w in name} - asked:  # "hired Dr. Helen Strachan"
                return True
    return False


def _no_tenure(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """For "How long has X been/worked/lived ...?": True where the sentence tells no time X held."""
    names = _tenure_names(question)
    if names is None:
        return np.zeros(len(ids), dtype=bool)
    return np.array([not _tells_tenure(data, int(i), names) for i in ids], dtype=bool)


def _tells_tenure(data: IndexData, i: int, names: set[str]) -> bool:
    """Sentence i tells a time held, and it or the sentence before it on its page writes all of
    ``names`` ("Bev Hollister, who has run the Sea Glass Diner for 22 years"; not "St. Brigid's has
    served Dunmore Springs for more than 60 years" for Rosalind Tate)."""
    text = sentence_text(data, i)
    if not _TENURE.search(text):
        return False
    docs = data.sentences["doc"]
    before = sentence_text(data, i - 1) if i > 0 and docs[i - 1] == docs[i] else ""
    return all(re.search(rf"\b{re.escape(n)}(?!\w)", text + " " + before) for n in names)


# "How long is the East Bank levee?", "How wide was the rescue borehole?": a size of a thing, which
# news gives before its noun ("the 2.3-mile earthen levee", "a 30-inch borehole"). The thing's
# noun is the last word of the question.
_SIZE_ASKED = re.compile(
    r"^\W*how\s+(?:long|tall|high|wide|deep|thick)\s+(?:is|was|are|were)\s+(?:the\s+|an?\s+)?"
    r"(?:[\w’'.-]+\s+){0,4}?(?!(?:underground|below|above|away|offshore|inland|overhead|upstream|downstream"
    r"|apart|across|along|there|here)\b)([a-z][a-z-]+)\W*$",
    re.I,
)
_SIZE_UNITS = (
    r"(?:km|kilomet(?:re|er)s?|m|met(?:re|er)s?|cm|centimet(?:re|er)s?|mm|mi|miles?|ft|feet|foot|inch(?:es)?"
    r"|yards?)"
)


def _sizes(text: str, noun: str) -> bool:
    """The text gives a size of a ``noun``: "the 64-metre ferry", "a 312 m cable-stayed bridge"."""
    return bool(
        re.search(
            r"\b\d[\d.,]*(?:[- ]|\s?-?)" + _SIZE_UNITS + r"(?:-(?:long|tall|high|wide|deep|thick))?\s+"
            r"(?:[a-z][\w-]*\s+){0,2}?" + re.escape(noun) + r"\b",
            text,
            re.I,
        )
    )


# "What is the name of the ferry that ran aground?", "What is the name of Marbridge's new light-rail
# line?": the thing's noun is the last word before what tells which one it is ("that ran aground")
_THE = r"(?:the|an?|its|their|his|her|[\w’'-]+['’]s?)\s+((?:[\w’'-]+\s+){0,3}?)([a-z][\w-]*?)s?"
_WHICH_ONE = (
    r"\s+(?:that|who|which|whose|where|in|on|at|of|near|next|to|for|with|from|by|behind|the|an?|his|her|its"
    r"|their|[a-z]{3,}ing|[a-z]{3,}ed)\b"
)
_CALLED = r"(?:" + _WHICH_ONE + r".*?)?\s+(?:be\s+)?called\W*$"
_NAME_OF = re.compile(
    r"\bnames?\s+of\s+" + _THE + r"(?=" + _WHICH_ONE + r"|\W*$)"
    # "What is the ferry called?", "What is the residents' campaign to protect the zoo called?",
    # "What will the merged university be called?"
    r"|^\W*(?i:what\s+(?:is|was|are|were|will))\s+" + _THE + _CALLED
)
_DETERMINERS = frozenset("the a an its their his her this that".split())


def _names_the_thing(text: str, noun: str, question: str) -> bool:
    """The text names a ``noun`` with a name the question does not use: beside it ("the ferry MV
    Ailsa Merrow", "a robot called Magpie", "the free ferry, the MS Lotte") or ending in it
    ("the Eastbank Line")."""
    known = {w.lower() for w in _WORDS.findall(question)}
    noun = re.escape(noun)
    for pattern in (
        rf"\b{noun}s?,?\s+(?:the\s+)?(?:named\s+|called\s+|known\s+as\s+|dubbed\s+)?[\"“‘']?((?:[A-Z][\w’'-]*\s*)+)",
        rf"\b((?:[A-Z][\w’'-]*\s+)+){noun[0].upper()}{noun[1:]}s?\b",
    ):
        for m in re.finditer(pattern, text):
            if {w.lower() for w in _WORDS.findall(m.group(1))} - known - _DETERMINERS:
                return True
    return False


# "What type of tank cars ...?", "What model of helicopter ...?": a kind named by a maker's code
# ("five DOT-111 tank cars", "A CH-47 Chinook", "cells of the PX-21700 type", "19 ATR 72 turboprops")
_KIND_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:kind|type|sort|model|make|class|variety|strain|variant|subtype)s?\s+of\b", re.I
)
# "CH-47", "ATR 72"; a virus's or a bacterium's strain: "H5N1", "O157:H7"
_MODEL_CODE = re.compile(r"\b[A-Z]{2,}(?:-|\s)?\d+\b|\b[A-Z]\d+(?:[A-Z]|:[A-Z])\d+\b")


def _gives_a_model(text: str, question: str) -> bool:
    """The text holds a maker's code for a kind of thing that the question does not."""
    return any(m.group(0) not in question for m in _MODEL_CODE.finditer(text))


_EVENT_VERB = re.compile(
    r"^\W*(?:when|(?:at\s+)?what\s+time|(?:on\s+)?what\s+(?:date|day))\s+(?:did|does|do|was|were|is|are|will|had|has|have)\s",
    re.I,
)
_WHEN_WORDS = frozenset(tokenize("time date day year"))


def _dates_event(data: IndexData, i: int, want: str, event: set[str]) -> bool:
    """A value of the kind a "when" question asks for in sentence i stands within VALUE_NEAR words of
    one of the ``event`` terms (the question's words that are no name)."""
    return any(event & near for near in _beside_values(data, i, want))


def _lift_dated_event(data: IndexData, ranked: Scored, question: str) -> Scored:
    """For "When did X happen?": when the best sentence's dates stand far from every word of the
    question's own, a sentence among the first VALUE_REACH dating one of them comes first."""
    want = wanted(question) or ""
    event = set(tokenize(" ".join(w for w in _WORDS.findall(question) if not w[0].isupper()))) - _WHEN_WORDS
    if (
        not event
        or not len(ranked.order)
        or _dates_event(data, int(ranked.ids[ranked.order[0]]), want, event)
    ):
        return ranked
    kind = ranked.F[:, RANK_FEATURES.index("kind")] > 0
    return _lift(ranked, lambda i: _dates_event(data, i, want, event), kind, reach=VALUE_REACH, gap=np.inf)


# "What hours is X open?", "During which hours ...?", "Between what hours ...?", "call center
# hours": a span of the day, from one time to another
_HOURS_ASKED = re.compile(
    r"\b(?:what|which|opening|operating)\s+(?:hours|times)\b(?!\s+(?:a|per)\s)|^\W*(?:[\w’'.&-]+\s+){0,4}hours\W*$",
    re.I,
)
_CLOCK = r"\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)?|noon|midnight"
_CLOCK_RANGE = re.compile(
    r"\b(?:" + _CLOCK + r")\s*(?:to|and|until|till|-|–)\s*\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"|\b(?:from|between)\s+(?:" + _CLOCK + r")\s*(?:to|and|until|till)\s+(?:noon|midnight)",
    re.I,
)


# "How often ...?", "How frequently ...?": a frequency ("every quarter", "twice a year", "monthly")
_OFTEN_ASKED = re.compile(r"\bhow\s+(?:often|frequently)\b", re.I)
_PERIOD = r"(?:day|night|week|weekday|month|quarter|year|hour|morning|evening|season)"
_FREQUENCY = re.compile(
    r"\b(?:every|each)\s+(?:other\s+|few\s+|two\s+|three\s+|four\s+|six\s+|\d+\s+)?" + _PERIOD + r"s?\b"
    r"|\b(?:once|twice|(?:two|three|four|five|six|\d+)\s+times)\s+(?:a|an|per|every|each)\s+"
    + _PERIOD
    + r"\b"
    r"|\b(?:daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly|hourly|biweekly|biannually)\b",
    re.I,
)


# "Until what date ...?", "By when ...?": a deadline or the end of a span, which news gives after
# "through", "until" or "by" ("through April 15", "until Sept. 30", "by June 1, 2024")
_UNTIL_ASKED = re.compile(r"^\W*(?:until|till|through|by)\s+(?:what|which|when)\b", re.I)
_UNTIL_DATE = re.compile(
    r"\b(?:through|until|till|by|before)\s+(?:the\s+end\s+of\s+|(?:early|mid|late)[\s-]+)?" + DAY_OR_MONTH
)


# "Who voted against X?", "Which members opposed X?": a vote against, however written ("voted no",
# "one of two no votes", "one of the two dissenting votes", "who voted against")
_AGAINST_ASKED = re.compile(r"^\W*(?:who|which)\b.*\b(?:vot\w*\s+(?:against|no)|opposed|dissent\w*)\b", re.I)
_AGAINST = re.compile(
    r"\bvot(?:ed|es|ing)\s+(?:against|no)\b|\bno\s+votes?\b|\bdissent(?:ed|ing)\b|\bopposed\b", re.I
)


# a question's wording -> the phrase a sentence answering it holds, moved up from among the first
# VALUE_REACH (within CUE_GAP of the best score)
_PHRASE_CUES = (
    (_HOURS_ASKED, _CLOCK_RANGE),
    (_OFTEN_ASKED, _FREQUENCY),
    (_UNTIL_ASKED, _UNTIL_DATE),
    (_AGAINST_ASKED, _AGAINST),
)


# "When will X ...?", "When is X expected ...?": a time to come. A sentence that tells of nothing to
# come ("The inspectorate gave the line its approval on Feb. 14") dates something else.
_WHEN_WILL = re.compile(
    r"^\W*(?:(?:when|on what date|what date|by when|until when)\s+will\b"
    r"|when\s+(?:is|are)\b.*\b(?:expected|due|scheduled|going|set)\b)",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|won['’]t|expect(?:s|ed)?|due|scheduled|plans?|planned|planning|intends?|aims?"
    r"|set\s+(?:to|for)|going\s+to|is\s+to|are\s+to|next|upcoming|until|forthcoming|pending|once"
    r"|later|soon|hopes?|likely)\b|['’]ll\b",
    re.I,
)


def _tells_future(data: IndexData, i: int) -> bool:
    return bool(_FUTURE.search(sentence_text(data, i)))


def _no_future(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """For "When will X ...?": True where the sentence tells of nothing to come."""
    if not _WHEN_WILL.search(question):
        return np.zeros(len(ids), dtype=bool)
    return np.array([not _tells_future(data, int(i)) for i in ids], dtype=bool)


# "What was the result of the vote?", "Did the league approve the takeover?": an outcome already
# reached. A sentence that tells it is still to come ("The Board of Regents will vote on the merger
# March 12", "The takeover still needs approval from the league") says the documents do not know it.
_OUTCOME_ASKED = re.compile(
    r"^\W*(?:what\s+(?:was|were)\s+the\s+(?:result|outcome|verdict|decision|conclusion|findings?|ruling)s?\b"
    r"|what\s+(?:was|were)\s+(?:decided|agreed|concluded|approved|resolved)\b"
    r"|what\s+did\s+.*\b(?:conclude|decide|find|rule|recommend)\b"
    r"|did\s+.*\b(?:pass|approve|reopen|accept|reject|vote|rule|agree|sign|win|decide|conclude|find)\b"
    r"|how\s+did\s+.*\bvote\b"
    r"|(?:has|have)\s+.*\b(?:approved|passed|decided|ruled|reopened|signed|concluded)\b"
    r"|(?:was|were)\s+.*\b(?:approved|passed|rejected|accepted|reopened)\b)",
    re.I,
)
_PENDING = re.compile(
    r"\b(?:will|should|must|is\s+still|are\s+still|still\s+(?:needs?|has|have|being|under|carrying|waiting|considering"
    r"|reviewing)|yet\s+to|not\s+yet|pending|to\s+be\s+(?:made|decided|held)|under\s+(?:way|review)"
    r"|(?:due|scheduled|expected|set|slated)\s+(?:to|for)"
    # a meeting still to hold ("The board next meets on March 26"), one asked for
    r"|next\s+meets?|meets\s+again|(?:asked|called|asks|calls)\s+for\s+an?"
    r"|would\s+(?:hold|meet|vote|decide|consider|discuss|review|rule|ask|seek|propose|push))\b",
    re.I,
)
_REACHED = re.compile(
    r"\b(?:voted|passed|approved|rejected|ruled|decided|found|concluded|agreed|signed|won|accepted|reopened"
    r"|recommended)\b",
    re.I,
)


def _not_yet(data: IndexData, ids: np.ndarray, question: str) -> np.ndarray:
    """For a question about an outcome reached: True where the sentence tells it is still to come
    and tells of nothing reached ("voted", "approved" ...)."""
    if not _OUTCOME_ASKED.search(question):
        return np.zeros(len(ids), dtype=bool)
    texts = (sentence_text(data, int(i)) for i in ids)
    return np.array([bool(_PENDING.search(t)) and not _REACHED.search(t) for t in texts], dtype=bool)


# "How many employees does X have?": what X has, counted; a sentence counting another thing
# ("an initial capacity of 40 million doses") does not say. ("did the hospital have to move ..."
# tells what it had to do, not what it has.)
_HAS_MANY = re.compile(
    r"\bhow many\b.*\b(?:does|do|did|will)\b.*\bhave\b(?!\s+(?:been|to|\w+ed|\w+en)\b)", re.I
)
# ... and a sentence giving what one has: "has about 7,900 acres", "with 212 members"
_HAS_COUNT = re.compile(
    r"\b(?:has|have|had|with|owns|owned|employs|employed)\s+(?:(?:about|roughly|nearly|almost|around|some|over"
    r"|more\s+than|fewer\s+than|just|only|an\s+estimated)\s+)?\d",
    re.I,
)


def _deed_of_another(data: IndexData, cand: Candidates, question: str) -> bool:
    """A yes/no question asking whether a named one did something ("Has Corvant Savings been
    fined?"), where no candidate sentence, with its neighbours, says the deed of that name; for
    "Did/Does X ...?", whose verb is not told from its nouns, where none names X (its page's
    headline and byline count) with half of the question's other words."""
    did = bool(_DID.match(question))
    deeds = set() if did else set(tokenize(" ".join(yes_no_deeds(question))))
    names = _name_terms(question) if did or deeds else set()
    if not names:
        return False
    docs = data.sentences["doc"]
    windows = ((int(i), _window_terms(data, int(i))) for i in cand.ids)
    if did:
        rest = set(tokenize(question)) - names
        return bool(rest) and not any(
            names <= words | headline_terms(data, int(docs[i])) and len(rest & words) >= 0.5 * len(rest)
            for i, words in windows
        )
    return not any(deeds & words and names <= words for _, words in windows)


_DID = re.compile(r"^\W*(?:did|does|do)\s", re.I)


def _not_what_y_has(data: IndexData, ids: np.ndarray, question: str, F: np.ndarray) -> np.ndarray:
    """For "How many X does Y have?": True where the sentence counts no X, or neither it nor its
    neighbours use any name of the question ("nine employees" of a bakery for "How many employees
    does Hollmann & Rieck have?")."""
    if not _HAS_MANY.search(question):
        return np.zeros(len(ids), dtype=bool)
    counts_none = F[:, RANK_FEATURES.index("counts")] == 0
    names = _name_terms(question)
    if not names:
        return counts_none
    docs = data.sentences["doc"]
    return counts_none | np.array(
        [not names & (_window_terms(data, int(i)) | headline_terms(data, int(docs[i]))) for i in ids],
        dtype=bool,
    )


def score(data: IndexData, cand: Candidates, question: str) -> Scored:
    """Rank candidates by the fitted mix of meaning, lexical match, context and answer kind; for
    "What does SCC stand for?", the sentences saying so first."""
    F = rank_features(data, cand, question)
    ranked = scored(cand, question, F, cannot_answer(data, cand, question, F))
    spelt = cand.spelt or question  # as the model read it, typos put right
    if _deed_of_another(data, cand, question):  # "Has ParcelDash suspended the driver?"
        ranked = replace(ranked, cannot=np.ones_like(ranked.cannot))
    if _HAS_MANY.search(question):  # "The valley has about 7,900 acres" over "frost damaged 5,800 acres"
        ranked = _lift(ranked, lambda i: bool(_HAS_COUNT.search(sentence_text(data, i))))
    words = counted(question)
    if len(words) > 1:  # "85 permanent jobs" over "600 construction jobs"
        stems = set(tokenize(" ".join(words)))
        ranked = _lift(ranked, lambda i: _counts_all(data, i, stems))
    # "Which company is expanding X?": "... allow Corvane Stone Inc. to enlarge ..." over "the company"
    kind = _ORGANISATION_ASKED.match(spelt)  # "which compnay owns ...?" as well
    if kind:
        beside = _beside_kind(spelt)
        ranked = _lift(ranked, lambda i: _names_an_organisation(data, i, question, beside), reach=3, gap=0.25)
    names = _tenure_names(question)
    if names is not None:  # "who has run the Sea Glass Diner for 22 years" over "... owner of"
        ranked = _lift(ranked, lambda i: _tells_tenure(data, i, names), reach=VALUE_REACH, gap=np.inf)
    if asks_where(question):  # "... in the Redwater State student union" over "... called a news conference"
        ranked = _lift(ranked, lambda i: names_a_place(sentence_text(data, i), question))
    if wanted(question) in ("clock", "date", "time") and _EVENT_VERB.match(question):
        # "What time did the roof collapse?": "The collapse happened at about 3:10 a.m." over "... was
        # lifted to the surface at 1:31 a.m. ..., an ordeal that began when a section ... collapsed"
        ranked = _lift_dated_event(data, ranked, spelt)
    size = _SIZE_ASKED.match(question)
    if size:  # "The 2.3-mile earthen levee was built ..." over "The 150-foot breach in the levee ..."
        noun = size.group(1)
        ranked = _lift(ranked, lambda i: _sizes(sentence_text(data, i), noun), reach=SIZE_REACH, gap=np.inf)
    if wanted(question) == "age":  # "Walter Ng, 71, a retired teacher" over "... tree,' said Walter Ng"
        names = set(_QUESTION_NAME.findall(spelt))
        ranked = _lift(
            ranked, lambda i: _age_beside(sentence_text(data, i), names), reach=VALUE_REACH, gap=CUE_GAP
        )
    if _JOB_ASKED.search(question):  # "Lyle Benning, 37, a delivery driver" over "... Lyle Benning, 37, of"
        names = {re.sub(r"[’']s$", "", w) for w in _QUESTION_NAME.findall(spelt)}
        ranked = _lift(
            ranked, lambda i: _job_beside(sentence_text(data, i), names), reach=VALUE_REACH, gap=CUE_GAP
        )
    thing = _NAME_OF.search(question)
    if thing:  # "What is the name of the ferry ...?": "the ferry MV Ailsa Merrow" over "A ferry ran ..."
        noun = thing.group(2) or thing.group(4)
        ranked = _lift(
            ranked,
            lambda i: _names_the_thing(sentence_text(data, i), noun, question),
            reach=VALUE_REACH,
            gap=CUE_GAP,
        )
    if _KIND_ASKED.search(question):  # "... five DOT-111 tank cars ..." over "... were tank cars ..."
        ranked = _lift(
            ranked, lambda i: _gives_a_model(sentence_text(data, i), question), reach=VALUE_REACH, gap=CUE_GAP
        )
    for asked, cue in _PHRASE_CUES:  # "What hours ...?": "... from 8 a.m. to 8 p.m." over "... at 3:40 a.m."
        if asked.search(spelt):  # "who voted agianst ...?" as well
            ranked = _lift(
                ranked,
                lambda i, c=cue: bool(c.search(sentence_text(data, i))),
                reach=VALUE_REACH,
                gap=CUE_GAP,
            )
    if _WHEN_WILL.search(question):  # "It will take place on Saturday, March 9" over "... on Feb. 17"
        kind = F[:, RANK_FEATURES.index("kind")] > 0
        ranked = _lift(ranked, lambda i: _tells_future(data, i), kind, reach=VALUE_REACH, gap=np.inf)
    short = acronym_asked(question)
    said = acronyms(data).definition(short) if short else None
    if said is not None:
        defines = np.array([bool(said.search(sentence_text(data, int(cand.ids[p])))) for p in ranked.order])
        ranked = replace(ranked, order=np.concatenate([ranked.order[defines], ranked.order[~defines]]))
    return ranked


def _lift(
    ranked: Scored,
    good: Callable[[int], bool],
    also: np.ndarray | None = None,
    *,
    reach: int = VALUE_LIFT,
    gap: float = LIFT_GAP,
) -> Scored:
    """A close second (among the first ``reach``, within ``gap`` of the best score) whose sentence
    is ``good`` (and ``also`` holds for its position) comes before a best sentence that is not."""
    order = ranked.order
    near = order[:reach]
    has = [
        bool(ranked.score[p] >= ranked.score[near[0]] - gap)
        and (also is None or bool(also[p]))
        and good(int(ranked.cand.ids[p]))
        for p in near
    ]
    return replace(ranked, order=_first_to_front(order, np.array(has, dtype=bool)))


def _first_to_front(order: np.ndarray, has: np.ndarray) -> np.ndarray:
    """``order`` with the first position where ``has`` (over its head) holds moved to the front,
    unless the first position holds it already or none does."""
    if not len(has) or has[0] or not has.any():
        return order
    at = int(np.argmax(has))
    return np.concatenate([order[at : at + 1], order[:at], order[at + 1 :]])


def scored(
    cand: Candidates, question: str, F: np.ndarray, cannot: np.ndarray, weights: np.ndarray = RANK_W
) -> Scored:
    """Candidates with features F ranked by ``weights`` (the fitting tool passes its own)."""
    total = F @ weights
    if len(cand.namesake) == len(total):
        total = total - NAMESAKE * cand.namesake
    return Scored(cand, question, F, total, rank_order(F, total, question), cannot)


def rank_order(F: np.ndarray, total: np.ndarray, question: str) -> np.ndarray:
    """Positions best first: by score, except that for a "what did it cost" or "at what time"
    question the sentences near the top that hold such a value come first, and for a "who is the X
    of Y" question those naming a holder of Y's X."""
    order = np.argsort(-total, kind="stable")
    want = wanted(question)
    if want in NEEDS_VALUE and want not in STRICT_VALUE:
        # "How much damage did the fire cause?": the best sentence without an amount cannot
        # answer, a close second holding one may
        # "How many customers ...?": a number of customers, a little further down, over a number
        # of vendors; not for "how many people", which "two people familiar with the matter" counts
        # as well as "418,500 current and former customers" does not
        things = set(counted(question))
        reach, gap = (COUNT_REACH, COUNT_GAP) if things - _ANYONE else (VALUE_LIFT, LIFT_GAP)
        near = order[:reach]
        if not len(near):
            return order
        has = (F[near, RANK_FEATURES.index("kind")] > 0) & (total[near] >= total[near[0]] - gap)
        has &= F[near, RANK_FEATURES.index("counts")] > 0  # "How many people ...?": a number of people
        return _first_to_front(order, has)
    if want in STRICT_VALUE or want == "landmark":  # (a place is named without its kind, too: "Kirchgasse")
        column = "kind"
    elif role_asked(question) or top_posts(question):
        column = "role"
    else:
        return order
    near = np.arange(len(order)) < VALUE_REACH
    first = F[order, RANK_FEATURES.index(column)] > 0
    return np.concatenate([order[near & first], order[near & ~first], order[~near]])


def abstain_features(ranked: Scored) -> np.ndarray:
    """Features of the best candidate that tell an answerable question from one that is not."""
    best = int(ranked.order[0])
    # the margin over the next candidate that can answer: one a rule rules out ("gave the line its
    # safety approval on Feb. 14" for "When will ...?") is no rival, however high it scores
    rest = ranked.order[1:]
    rivals = rest[~ranked.cannot[rest]]
    second = float(ranked.score[rivals[0]]) if len(rivals) else 0.0
    F = ranked.F[best]
    dense = ranked.F[:, RANK_FEATURES.index("dense")]
    peak = float(dense.max() - np.sort(dense)[::-1][:10].mean())
    return np.array(
        [
            float(ranked.score[best]),
            F[RANK_FEATURES.index("dense")],
            F[RANK_FEATURES.index("own")],
            float(ranked.cand.missing[best]),
            ranked.cand.unknown,
            float(ranked.score[best]) - second,
            peak,
            F[RANK_FEATURES.index("lexical")],
            F[RANK_FEATURES.index("name_gap")],
            F[RANK_FEATURES.index("kind")] if wanted(ranked.question) else 1.0,
            F[RANK_FEATURES.index("doc_gap")],
            F[RANK_FEATURES.index("distinct")],
            F[RANK_FEATURES.index("counts")],
        ],
        dtype=np.float32,
    )


def ruled_out(ranked: Scored) -> bool:
    """True when a rule says the sources cannot answer, whatever the logistic model says."""
    cand = ranked.cand
    if cand.unknown_names >= UNKNOWN_NAMES or cand.unknown_focus:
        return True
    best = int(ranked.order[0])
    if (
        cand.off_page[best] >= OFF_TOPIC_UNKNOWN
        and max(cand.col("dense").max(), cand.col("context").max()) < OFF_TOPIC_DENSE
    ):
        return True  # the sources are about something else
    if cand.unknown >= 1.0 - 1e-6 and cand.col("dense").max() < NO_WORD_DENSE:
        return True  # ... and use none of the question's words
    if ranked.cannot[best]:
        return True  # "trade in 2023" answered by a sentence about 2022, a percentage of another thing
    want = wanted(ranked.question)
    # "What is the name of the fund manager who ...?" and "Which insurer ...?" ask for a name
    # outright: a sentence naming nothing the question does not ("... a measure that one fund manager
    # described as ...", "The company said in a regulatory filing ...") says the documents do not
    # give it. "Who ...?" is answered by "the company" or "her husband" as well.
    needs = want in NEEDS_VALUE or (
        want == "name" and bool(_NAME_ASKED.search(ranked.question) or not asks_who(ranked.question))
    )
    return needs and not ranked.F[best, RANK_FEATURES.index("kind")]


_NAME_ASKED = re.compile(r"\bnames?\s+of\b", re.I)
_OPENING_PERSON = re.compile(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}(?=,\s|\s+(?:said|says|told)\b)")
_WHO_IS = re.compile(r"^\W*who\s+(?:is|was|are|were|will\s+be|has\s+been)\s", re.I)
# a relative, whose name "What is the name of Walter Kessler's wife?" asks for
_RELATIVE = re.compile(
    r"\b(?:wife|husband|spouse|son|daughter|mother|father|sister|brother|nephew|niece|cousin|aunt|uncle"
    r"|grand(?:son|daughter|mother|father)|(?:boy|girl)friend|fianc[eé]e?)s?\b",
    re.I,
)


def _names_no_person(data: IndexData, question: str, i: int) -> bool:
    """For "What is the name of the fund manager who ...?" (or "... of Walter Kessler's wife?"):
    the best sentence names no person the question does not ("... on the Port Ellery to Kestrel
    Bay route ..., a measure that one fund manager described as ..." names places only). For "Who
    is/was ...?", a looser test, as most answers to it name their person once: no name of two words
    or more but after "the" ("Latvia summoned the Estonian ambassador twice", "... their missions
    to the United Nations"), and none opening the sentence before a comma or "said" ("Ruth
    Okonjo-Baines, the museum's head of conservation, ...")."""
    name_asked = bool(_NAME_ASKED.search(question))
    if not (
        name_asked and (person_asked(question) or _RELATIVE.search(question)) or _WHO_IS.search(question)
    ):
        return False
    text = sentence_text(data, i)
    names = full_names(text, question)
    if any(a_person(data, n) for n in names):
        return False
    if not name_asked and (
        any(
            not re.search(r"\b[Tt]he\s+" + r"(?:['’]s)?\W+".join(map(re.escape, n)) + r"\b", text)
            for n in names
        )
        or _OPENING_PERSON.match(text)
    ):  # "Who is ...?": a name not after "the" will do
        return False
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    for pattern in _AFTER_ROLE:  # "night guard Patrick Ouma", "my son Baraka", "Gov. Thomas Rennick"
        for m in pattern.finditer(text):
            role, name = m.group(1), m.group(2)
            if (not role or not is_stop_word(role)) and {w.lower() for w in name.split()} - asked:
                return False
    return True


# a name after a word in lower case or after a title: "guard Patrick Ouma", "son Baraka", "Gov. Thomas"
_NAME_AFTER = r"\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
_AFTER_ROLE = (
    re.compile(r"(?<![\w’'-])([a-z][\w-]*)" + _NAME_AFTER),
    re.compile(r"\b()(?:" + "|".join(TITLES) + r")\." + _NAME_AFTER),
)


def confidence(ranked: Scored) -> float:
    """Probability that the best candidate answers the question (rules, then a logistic model; a
    sentence naming a holder of the role a "who is the X of Y" question asks about answers it)."""
    if ruled_out(ranked):
        return 0.0
    z = float(abstain_features(ranked) @ ABSTAIN_W) + ABSTAIN_B
    p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
    if ranked.F[int(ranked.order[0]), RANK_FEATURES.index("role")] > 0:  # "incident commander Marisol Quint"
        p = max(p, THRESHOLD)  # names a holder of the role asked about: it answers
    return p


_WHY = re.compile(r"\bwhy\b", re.I)


def build_answer(
    data: IndexData, question: str, ranked: Scored, *, k: int = 3, n_docs: int | None = None
) -> Answer:
    """Compose the Answer from ranked candidates; ``n_docs``, the folder's number of documents
    when ``data`` is a view of some of them."""
    cand, order = ranked.cand, ranked.order
    n_docs = len(data.docs) if n_docs is None else n_docs
    if len(order) == 0:
        return not_found(question, [], n_docs)
    conf = confidence(ranked)
    vecs = rows(data.sentence_index)
    ranked_items = [(int(cand.ids[p]), float(ranked.score[p])) for p in order]
    byline = (
        _byline(data, question, ranked_items)
        or _role_byline(data, question)
        or _photo_credit(data, question, ranked_items)
    )
    if byline is not None:
        return Answer(question=question, answered=True, passages=[byline], text=render([byline], []))
    if conf >= THRESHOLD and _names_no_person(data, question, ranked_items[0][0]):
        conf = 0.0
    if conf < THRESHOLD:
        related = []
        for i, sc in ranked_items:
            p = make_passage(data, i, sc)
            if not any(overlaps(p, q) for q in related):
                related.append(p)
            if len(related) == k:
                break
        return not_found(question, related, n_docs)

    asked = set(cand.terms)
    doc_of = data.sentences["doc"]
    top = ranked_items[:GROUP_DEPTH]
    used: set[int] = set()
    said: set[str] = set()  # the sentences shown so far, as their words
    passages: list[Passage] = []
    for rank, (i, sc) in enumerate(top):
        if len(passages) == k:
            break
        if i in used:
            continue
        # The answer to "why" that gives no reason ("That delay is at the heart of the claim.") takes
        # in the next sentence of its paragraph, where the reason most often follows; the answer to
        # "who" that names nobody new ("... after a retired postman found it") the next sentence
        # when that one does ("Retired postman Alan Fairweather, 71, dug it up ...").
        if not passages and (
            _WHY.search(question)
            and gives_no_reason(data, i)
            and follows_in_paragraph(data, i)
            or _named_next(data, ranked, order[rank])
        ):
            first, last = i, i + 1
        else:
            # A passage takes in its neighbour when that one ranks soon after it and continues it
            # ("... said Helena Varga." + "She called the ruling ...") or is short enough to show too.
            after = top[rank + 1 : rank + 1 + JOIN_REACH]
            other = next((j for j, _ in after if j not in used and joins(data, i, j)), i)
            if other == i and not passages and leads_in(data, i):  # "First, the ransom." + what follows
                other = i + 1
            if other == i:  # a passage may run on into its neighbour, or from it
                other = _neighbour_in_reach(data, i, {j for j, _ in ranked_items[:NEIGHBOUR_DEPTH]} - used)
            first, last = min(i, other), max(i, other)
        main = make_passage(data, first, sc, through=last if last != first else None)
        if any(overlaps(main, p) or any(overlaps(main, a) for a in p.also) for p in passages):
            continue
        words = {_said(data, j) for j in range(first, last + 1)}
        if said & words:
            continue  # a sentence already shown, from a copy of a page (or a wire story run twice)
        used.update((first, last))
        said |= words
        also: list[Passage] = []
        docs_in = {copy_of(data, int(doc_of[i]))}  # a file's identical copy reports nothing more
        pool = [(j, sc_j) for j, sc_j in top[rank + 1 :] if sc_j >= sc - 0.5]
        if not passages:  # the answer itself: also look for its closest sentences in the whole index
            pool += neighbours(data, i, vecs, cand.q_vec, {j for j, _ in top})
        for j, sc_j in pool:
            report = copy_of(data, int(doc_of[j]))
            if j in used or report in docs_in or not same_fact(data, i, j, vecs, asked, question):
                continue
            also.append(make_passage(data, j, sc_j))
            docs_in.add(report)
            used.add(j)
            said.add(_said(data, j))
        passages.append(_with_also(main, also))
    conflict = find_conflict(data, question, ranked_items[:12], vecs, cand.q_vec)
    conflicts = [_cited_as_shown(conflict, passages)] if conflict else []
    return Answer(
        question=question,
        answered=True,
        passages=passages,
        text=render(passages, conflicts),
        conflicts=conflicts,
    )


# "Who wrote the opinion column in The Upland Dispatch?": the writer of a page, which its byline
# names (not "Who wrote Pride and Prejudice?", nor "Who wrote the report?", a report the page tells of)
_WHO_WROTE = re.compile(
    r"^\W*who\s+(?:wrote|penned|authored|is\s+the\s+(?:author|writer)\s+of)\b"
    r"(?=.*\b(?:column|article|story|piece|op-?ed|editorial|opinion|commentary|blog|essay|analysis|feature)\b)",
    re.I,
)


# ... and "Who wrote the KBXN 8 News report on the landslide?": a report by the outlet heading a page
_WHO_WROTE_REPORT = re.compile(r"^\W*who\s+(?:wrote|filed)\b(?=.*\breport\b)", re.I)
# ... or typed as keywords: "CKMB reporter", "WKCL 9 reporter name"
_WRITER_KEYWORDS = re.compile(
    r"^\W*(?:[\w’'.&-]+\s+){1,4}(?:reporter|writer|columnist|correspondent|author)(?:\s+name)?\W*$", re.I
)


def _bylines(data: IndexData) -> list[tuple[int, Span]]:
    """Each page with a byline (its number) and the byline's span: read once per loaded index, not
    once per question (``_byline`` and ``_role_byline`` look at every page's)."""
    found = data.cache.get("bylines")
    if found is None:
        found = data.cache["bylines"] = [
            (d, line) for d, doc in enumerate(data.docs) if (line := author_line(doc["text"])) is not None
        ]
    return found


def _first_ranked(data: IndexData, ranked_items: list[tuple[int, float]]) -> dict[int, tuple[int, float]]:
    """Each page with a candidate (its number): the rank and score of its best candidate."""
    doc_of = data.sentences["doc"]
    first: dict[int, tuple[int, float]] = {}
    for rank, (i, sc) in enumerate(ranked_items):
        first.setdefault(int(doc_of[i]), (rank, sc))
    return first


def _byline(data: IndexData, question: str, ranked_items: list[tuple[int, float]]) -> Passage | None:
    """For "Who wrote the ... column ...?" ("CKMB reporter"): the byline of the page whose header
    (masthead, headline) shares the most words with the question; of pages sharing as many, the one
    with the best candidate."""
    keywords = _WRITER_KEYWORDS.search(question)
    report = _WHO_WROTE_REPORT.search(question) or keywords
    if not _WHO_WROTE.search(question) and not report:
        return None
    asked = set(tokenize(question))
    first = _first_ranked(data, ranked_items)
    unranked = (len(ranked_items), 0.0)
    best: tuple[tuple[int, int], int, Span] | None = None
    opinion = bool(_OPINION.search(question))
    for d, line in _bylines(data):
        header = data.docs[d]["text"][: line[1]]
        # "Who penned the commentary ...?": a page headed as opinion ("Opinion: Bird flu checks pay ...")
        shared = len(asked & set(tokenize(header))) + (opinion and bool(_OPINION.search(header)))
        key = (shared, -first.get(d, unranked)[0])
        if best is None or key > best[0]:
            best = (key, d, line)
    if best is None:
        return None
    _, d, line = best
    outlet = _name_terms(question)  # the names heading the page: "KBXN 8 News"
    if keywords:  # ... its first word too: "CKMB reporter"
        outlet = set(tokenize(" ".join(w for w in question.split() if w[:1].isupper() or w[:1].isdigit())))
    if report and not (outlet and outlet <= set(tokenize(data.docs[d]["text"][: line[1]]))):
        return None  # a report the page tells of, not the page itself
    return span_passage(data.docs[d], *line, first.get(d, unranked)[1], line)


# "Who took the photo of ...?", "Who is credited for the picture ...?": a caption's credit answers
_PHOTO_BY = re.compile(
    r"^\W*who\b(?=.*\b(?:photos?|photographs?|pictures?|images?|fotos?|pics?)\b)"
    r"(?=.*\b(?:took|shot|snapped|captured|credited|photographed)\b)"
    r"|\bphotographer\b",
    re.I,
)
_CAPTION_LINE = re.compile(r"^[^\S\n]*(?:photo|image|picture)(?:\s+caption)?s?\s*:.*$", re.I | re.M)
_PICTURE_WORDS = frozenset(tokenize("photo photograph picture image foto pic photographer took credited"))


def _photo_credit(data: IndexData, question: str, ranked_items: list[tuple[int, float]]) -> Passage | None:
    """For "Who took the photo of the slide?": the caption line (with its credit) of the page whose
    caption and header share the most words with the question, of those sharing any; of pages
    sharing as many, the one with the best candidate."""
    if not _PHOTO_BY.search(question):
        return None
    asked = set(tokenize(question)) - _PICTURE_WORDS
    first = _first_ranked(data, ranked_items)
    unranked = (len(ranked_items), 0.0)
    best: tuple[tuple[int, int], int, re.Match[str]] | None = None
    for d, doc in enumerate(data.docs):
        for m in _CAPTION_LINE.finditer(doc["text"]):
            shared = len(asked & set(tokenize(doc["text"][: min(m.end(), 300)] + " " + m.group(0))))
            key = (shared, -first.get(d, unranked)[0])
            if shared and (best is None or key > best[0]):
                best = (key, d, m)
            break  # a page's caption, once: a repeated one is the same
    if best is None:
        return None
    _, d, m = best
    return span_passage(data.docs[d], m.start(), m.end(), 0.0, (m.start(), m.end()))


_BELOW_ROLE = re.compile(r"\b(?:" + _SECOND + r"|former|ex)[\s-]+$", re.I)
# a piece of opinion, as a question or a page's header calls it
_OPINION = re.compile(r"\b(?:opinion|column|commentary|op-?ed|editorial|blog|essay)\b", re.I)


def _role_byline(data: IndexData, question: str) -> Passage | None:
    """For "Who is the president of the Lowell Flats Neighborhood Association?": the byline of a
    page its writer signs in that role ("By Marisol Vance, president, Lowell Flats Neighborhood
    Association"), which no sentence of the page may repeat."""
    role, owner = role_asked(question), role_owner(question)
    if not role or not owner:
        return None
    owner_terms = set(tokenize(owner))
    for d, line in _bylines(data):
        doc = data.docs[d]
        text = doc["text"][line[0] : line[1]]
        at = re.search(rf"\b{re.escape(role)}\b", text, re.I)
        if at and not _BELOW_ROLE.search(text[: at.start()]) and owner_terms <= set(tokenize(text)):
            return span_passage(doc, *line, 0.0, line)
    return None


def _cited_as_shown(conflict: Conflict, passages: list[Passage]) -> Conflict:
    """The conflict with each claim made in a passage already shown (its sentence within it, as in
    the answer joined with its neighbour) citing that passage: one number for one place."""
    shown = [q for p in passages for q in (p, *p.also)]

    def cited(claim: Passage) -> Passage:
        within = (
            q for q in shown if q.source == claim.source and q.start <= claim.start and claim.end <= q.end
        )
        return replace(next(within, claim), also=())  # the claim's own source only

    return replace(conflict, claims=tuple(replace(cl, passage=cited(cl.passage)) for cl in conflict.claims))


def _neighbour_in_reach(data: IndexData, i: int, near: set[int]) -> int:
    """The sentence right after i (else right before it) when it is among the ``near`` candidates
    and the two make a short passage: "The quarry currently produces about 450,000 tons a year ..."
    runs on into "The expansion ... allows up to 1.2 million tons a year ..."; else i itself."""
    return next((j for j in (i + 1, i - 1) if j in near and makes_short_passage(data, i, j)), i)


def _named_next(data: IndexData, ranked: Scored, p: int) -> bool:
    """For a question asking for a name: candidate p names nobody new, and the sentence right
    after it on its page does."""
    if wanted(ranked.question) != "name" or ranked.F[p, RANK_FEATURES.index("kind")]:
        return False
    i = int(ranked.ids[p])
    return adjacent(data, i, i + 1) and bool(_kind_match(data, np.array([i + 1]), ranked.question)[0])


def _said(data: IndexData, i: int) -> str:
    """Sentence i as its words, to know it again in another file."""
    return " ".join(sentence_text(data, i).split())


def copy_of(data: IndexData, doc: int) -> str:
    """What tells a document from another: its bytes' sha256 (a copy or a link to a file is the
    same report), else its number."""
    return data.docs[doc].get("sha256") or str(doc)


def _with_also(p: Passage, also: list[Passage]) -> Passage:
    return replace(p, also=tuple(also))


def drop_sources(answer: Answer, names: set[str], n_docs: int) -> Answer:
    """The answer without any passage, corroboration or claim from the named sources (used when
    those files changed since the index was built, so their offsets can no longer be trusted)."""
    if not names:
        return answer
    passages = list(answer.passages)
    if passages and passages[0].source in names:
        # the answer itself came from a dropped file: another outlet's report of the same fact
        # still answers; the passages after it are only related, and cannot take its place
        others = [a for a in passages[0].also if a.source not in names]
        if not others:
            related = [p for p in passages[1:] + list(answer.related) if p.source not in names]
            return replace(not_found(answer.question, related, n_docs), notice=answer.notice)
        passages[0] = replace(others[0], also=tuple(others[1:]))
    keep = [
        replace(p, also=tuple(a for a in p.also if a.source not in names))
        for p in passages
        if p.source not in names
    ]
    related = [p for p in answer.related if p.source not in names]
    conflicts = []
    for c in answer.conflicts:
        claims = tuple(cl for cl in c.claims if cl.passage.source not in names)
        if len({cl.value for cl in claims}) >= 2:
            conflicts.append(replace(c, claims=claims))
    if not keep:
        return replace(not_found(answer.question, related, n_docs), notice=answer.notice)
    return replace(answer, passages=keep, related=related, conflicts=conflicts, text=render(keep, conflicts))


def not_found(question: str, related: list[Passage], n_docs: int, *, why: str | None = None) -> Answer:
    text = (
        "Not found in the sources: the one document does not answer this question."
        if n_docs == 1
        else f"Not found in the sources: none of the {n_docs} documents answers this question."
    )
    if why and n_docs:
        text = f"Not found in the sources: {why}"
    if not n_docs:
        text = "Not found in the sources: they hold no documents yet; add .txt or .md files to their folder."
    if related:  # the documents, each once (two of its passages may be related)
        pages = {p.source: f"- {p.title} ({p.source})" for p in related}
        text += "\n\nRelated reading (not an answer):\n" + "\n".join(pages.values())
    return Answer(question=question, answered=False, passages=[], text=text, related=related)


def render(passages: list[Passage], conflicts: list[Conflict]) -> str:
    """A readable answer: the best passage with numbered citations, the sources that also report
    it, any differing figures, other relevant passages, then the list of sources."""
    refs = citation_order(passages, conflicts)
    number = {(r.source, r.start, r.end): n for n, r in enumerate(refs, 1)}

    def cite(p: Passage) -> str:
        return f"[{number[(p.source, p.start, p.end)]}]"

    def also(p: Passage) -> str:
        if not p.also:
            return ""
        return "\n  Also reported by: " + "; ".join(f"{a.title} {cite(a)}" for a in p.also)

    best, rest = passages[0], passages[1:]
    lines = [f"{best.text} {cite(best)}{also(best)}"]
    for c in conflicts:
        groups: dict[str, list[str]] = {}
        for cl in c.claims:
            groups.setdefault(cl.value, []).append(cite(cl.passage))
        lines.append(
            "The sources differ on this: "
            + "; ".join(f"{value} {''.join(marks)}" for value, marks in groups.items())
            + "."
        )
    if rest:
        lines.append("Other relevant passages:\n" + "\n".join(f"- {p.text} {cite(p)}{also(p)}" for p in rest))
    lines.append(
        "Sources:\n"
        + "\n".join(
            f"[{n}] {r.title} ({r.source}{', ' + r.date if r.date else ''}; characters {r.start}-{r.end})"
            for n, r in enumerate(refs, 1)
        )
    )
    return "\n\n".join(lines)


__all__ = ["build_answer", "confidence", "drop_sources", "render", "score"]
