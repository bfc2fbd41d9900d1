"""Other names for what a question names, so that a sentence using another one still matches.

- A country and its capital: news writes "Seoul" or "Havana" for the governments of South Korea and
  Cuba, so "Havana" in a question is matched by "Cuba" in a sentence, and the other way round. They
  come from the countryinfo package. Demonyms are left out: "the Japanese colonial rule" does not
  answer "When did Japan establish relations with Cuba?".
- An acronym and what it stands for, as the documents write them: "the Pan-African Medicines
  Authority (PAMA)", or "UN" where another sentence writes "the United Nations"."""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable

from .lexical import tokenize

Phrase = tuple[str, ...]  # stemmed terms, all of which a sentence must hold


@functools.cache
def _country_fields() -> tuple[tuple[str, str, str, str, int], ...]:
    """Each country of the countryinfo package as (ISO code, name, capital, demonym, population),
    the first capital where it lists several, "" where a field is missing."""
    from countryinfo import all_countries

    out = []
    for country in all_countries():
        capital = country.capital() or ""
        capital = capital[0] if isinstance(capital, list) else capital  # "Vatican City State"
        name, demonym, population = country.name() or "", country.demonym() or "", country.population() or 0
        out.append((country.iso(3), name, capital, demonym, population))
    return tuple(out)


@functools.cache
def _flag_names() -> dict[str, str]:
    """Each country's two-letter ISO code -> its name ("KR" -> "South Korea"); of the countries
    sharing a code (England, Scotland, Wales and the United Kingdom: "GB"), the most populous."""
    from countryinfo import all_countries

    best: dict[str, tuple[int, str]] = {}
    for c in all_countries():
        code, name, people = c.iso(2), c.name(), c.population() or 0
        if code and name and people >= best.get(code, (-1, ""))[0]:
            best[code] = (people, name)
    return {code: name for code, (_, name) in best.items()}


_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")


def flags_named(text: str) -> str:
    """Flag emoji written as their countries' names: "When did 🇰🇷 and 🇨🇺 set up ties?" -> "When did
    South Korea and Cuba set up ties?" (the model reads no flags, and took 🇰🇷 for North Korea)."""
    if not _FLAG.search(text):
        return text

    def name(m: re.Match[str]) -> str:
        code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in m.groups())
        return _flag_names().get(code, m.group(0))

    return _FLAG.sub(name, text)


@functools.cache
def _countries() -> tuple[
    tuple[frozenset[Phrase], ...], dict[str, int], re.Pattern[str] | None, tuple[str, ...]
]:
    """Each country's names as stemmed phrases (name and capital), which country each
    surface form belongs to, one pattern finding any of them, longest first, and each
    country's name as written."""
    groups: list[frozenset[Phrase]] = []
    written: list[str] = []
    owner: dict[str, int] = {}
    clash: set[str] = set()
    for iso, name, capital, _, population in _country_fields():
        if population < 100_000:  # "Victoria", "Douglas": more often someone's name
            continue
        capital = re.sub(r"\s+D\.C\.$", "", capital)  # "Washington D.C."
        forms = {f for f in (name, capital) if f and f.isascii()}
        phrases = {tuple(tokenize(f)) for f in forms} - {()}
        if iso == "USA":
            phrases.add(tuple(tokenize("U.S.")))  # the term for "U.S." and "US" (lexical.raw_terms)
        if len(phrases) < 2:
            continue
        for form in forms:
            key = form.lower()
            if key in owner and owner[key] != len(groups):
                clash.add(key)
            owner[key] = len(groups)
        groups.append(frozenset(phrases))
        written.append(name)
    for key in clash:  # a name two countries share says nothing about either
        del owner[key]
    if not owner:
        return (), {}, None, ()
    return tuple(groups), owner, _any_of(owner, re.I), tuple(written)


@functools.cache
def _any_country(flags: int = 0) -> re.Pattern[str]:
    """Any country's name or demonym, written as a name ("Mexico", "Japanese")."""
    forms = {f for _, name, _, demonym, _ in _country_fields() for f in (name, demonym) if f and f.isascii()}
    return _any_of(forms, flags)


@functools.cache
def _country_codes() -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Each country's name, capital and demonym (lower case), with the country they stand for."""
    code: dict[str, str] = {}
    for iso, name, capital, demonym, _ in _country_fields():
        for form in (name, capital, demonym):
            if form and form.isascii():
                code.setdefault(form.lower(), iso)
    for form in ("usa", "united states", "america"):  # "U.S." is the term "usa" (lexical.raw_terms)
        code[form] = "USA"
    return code, (_any_of(code, re.I) if code else None)


@functools.cache
def country_of_demonym() -> dict[str, str]:
    """Each demonym (lower case) with the one-word name of its country: "danish" -> "denmark",
    "dutch" -> "netherlands" (countryinfo's "Netherlands"), "swedish" -> "sweden"."""
    out: dict[str, str] = {}
    for _, name, _, demonym, _ in _country_fields():
        name = re.sub(r"^the\s+", "", name, flags=re.I)
        if demonym and demonym.isascii() and name.isascii() and len(name.split()) == 1:
            out.setdefault(demonym.lower(), name.lower())
    return out


def countries_of(text: str) -> set[str]:
    """The countries a text names by name, capital or demonym, in any case ("Cuban", "Havana" and
    "Cuba" are one country; "U.S." is the United States)."""
    code, pattern = _country_codes()
    if pattern is None:
        return set()
    return {code[m.group(0).lower()] for m in pattern.finditer(text)}


def _any_of(forms: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One pattern finding any of the forms as whole words, the longest first ("South Korea"
    before "Korea")."""
    longest_first = sorted(forms, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in longest_first) + r")\b", flags)


def countries_in(text: str, *, any_case: bool = False) -> set[str]:
    """The countries a text names, by name or demonym ("Mexico", "Japanese"), as written; with
    ``any_case``, also written in lower case (as questions often are)."""
    pattern = _any_country(re.I if any_case else 0)
    return {m.group(0).lower() for m in pattern.finditer(text)}


def country_names(question: str) -> dict[Phrase, frozenset[Phrase]]:
    """Per country the question names (by the stemmed phrase it uses), the country's other names:
    "What does Seoul buy from Havana?" -> {("seoul",): {("south", "korea")}, ("havana",): {("cuba",)}}."""
    groups, owner, pattern, _ = _countries()
    if pattern is None:
        return {}
    found: dict[Phrase, frozenset[Phrase]] = {}
    for m in pattern.finditer(question):
        group = owner[m.group(0).lower()]
        used = tuple(tokenize(m.group(0)))
        if used:
            found[used] = groups[group] - {used}
    return found


def by_country(question: str, vocab: Container[str]) -> str:
    """The question with each capital it names written as its country, where the documents use
    the country's name ("What does Seoul buy from Havana?" -> "What does South Korea buy from
    Cuba?"); the question itself when it names no capital."""
    _, owner, pattern, written = _countries()
    if pattern is None:
        return question

    def swap(m: re.Match[str]) -> str:
        country = written[owner[m.group(0).lower()]]
        if all(t in vocab for t in tokenize(country)):
            return country
        return m.group(0)

    return pattern.sub(swap, question)


# "Pan-African Medicines Authority (PAMA)": up to eight words, each read once from its first
# letter (a run of letters with no space in it costs no quadratic search), then the short form
_DEFINED = re.compile(r"((?:(?<!\w)[^\W\d_][\w'’-]*+\s+){1,8})\(([A-Z][A-Za-z]{1,7}?)s?\)")
_RUN = re.compile(r"(?<!\w)[A-Z][\w'’-]*+(?:\s+(?:(?:of|and|for|de|du|des)\s+(?:the\s+)?)?[A-Z][\w'’-]*+)+")
_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")
_SMALL = frozenset("of and for the de du des".split())
_WH = frozenset("what which who whom whose when where why how is was are were did does do the".split())


def _initials(words: list[str]) -> str:
    """ "Pan-African Medicines Authority" -> "PAMA"; small linking words are skipped."""
    return "".join(p[0] for w in words if w.lower() not in _SMALL for p in re.split(r"[-‐]", w) if p).upper()


def stands_for(short: str, name: str) -> bool:
    """A word in capitals is the initials of a name, written in any case ("CP" for "comboios de
    portugal", "NMC" for "National Markets Commission")."""
    return bool(re.fullmatch(r"[A-Z]{2,6}", short)) and _initials(re.findall(r"[\w’'-]+", name)) == short


class Acronyms:
    """The acronyms of a set of documents and what each stands for: defined in brackets ("the
    Pan-African Medicines Authority (PAMA)"), or the one run of capitalised words with its initials
    ("United Nations" for "UN")."""

    def __init__(self, texts: list[str]) -> None:
        self.used: set[str] = set()
        self.defined: dict[str, set[str]] = {}
        runs: dict[str, set[str]] = {}
        for text in texts:
            self.used.update(_ACRONYM.findall(text))
            for m in _DEFINED.finditer(text):
                words, short = m.group(1).split(), m.group(2).upper()
                for k in range(1, len(words) + 1):
                    if _initials(words[-k:]) == short and words[-k].lower() not in _SMALL:
                        self.defined.setdefault(short, set()).add(" ".join(words[-k:]))
                        break
            for m in _RUN.finditer(text):
                words = m.group(0).split()
                if len(words) >= 2:
                    runs.setdefault(_initials(words), set()).add(m.group(0))
        self.runs = {short: forms for short, forms in runs.items() if len(forms) == 1}

    def definition(self, short: str) -> re.Pattern[str] | None:
        """Where the documents say what ``short`` stands for: its long form with the acronym in
        brackets ("stress corrosion cracking (SCC)"), or, for an acronym defined nowhere, the one
        run of capitalised words with its initials ("United Nations" for "UN"); None if neither."""
        forms = self.defined.get(short)
        if forms:
            long = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            return re.compile(rf"(?:{long})\s*\(\s*{re.escape(short)}s?\s*\)", re.I)
        forms = self.runs.get(short)
        if forms:
            return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")
        return None

    def of(self, question: str) -> dict[Phrase, frozenset[Phrase]]:
        """Per acronym or spelt-out name in the question, its other form in the documents."""
        found: dict[Phrase, frozenset[Phrase]] = {}
        for m in _ACRONYM.finditer(question):
            short = m.group(1)
            forms = self.defined.get(short) or self.runs.get(short, set())
            used = tuple(tokenize(short))
            if used and forms:
                found[used] = frozenset(p for p in (tuple(tokenize(f)) for f in forms) if p and p != used)
        for m in _RUN.finditer(question):
            words = m.group(0).split()
            while words and words[0].lower() in _WH:  # "Which Pan-African Medicines Authority ..."
                words = words[1:]
            short = _initials(words)
            if len(words) >= 2 and short in self.used:
                used = tuple(tokenize(" ".join(words)))
                if used:
                    found[used] = frozenset({tuple(tokenize(short))}) - {()}
        return {k: v for k, v in found.items() if v}
