"""Other names of a country: news writes "Seoul" or "Havana" for the governments of South Korea and
Cuba, so a question that says "Havana" is matched by a sentence that says "Cuba", and the other way
round. Countries and their capitals come from the countryinfo package. Demonyms are left out: "the
Japanese colonial rule" does not answer "When did Japan establish relations with Cuba?"."""

from __future__ import annotations

import functools
import re

from .lexical import tokenize

Phrase = tuple[str, ...]  # stemmed terms, all of which a sentence must hold


@functools.cache
def _countries() -> tuple[tuple[frozenset[Phrase], ...], dict[str, int], re.Pattern[str] | None]:
    """Each country's names as stemmed phrases (name and capital), which country each
    surface form belongs to, and one pattern finding any of them, longest first."""
    from countryinfo import all_countries

    groups: list[frozenset[Phrase]] = []
    owner: dict[str, int] = {}
    clash: set[str] = set()
    for country in all_countries():
        if (country.population() or 0) < 100_000:  # "Victoria", "Douglas": more often someone's name
            continue
        capital = country.capital() or ""
        capital = capital[0] if isinstance(capital, list) else capital  # "Vatican City State"
        capital = re.sub(r"\s+D\.C\.$", "", capital)  # "Washington D.C."
        forms = {f for f in (country.name(), capital) if f and f.isascii()}
        phrases = {tuple(tokenize(f)) for f in forms} - {()}
        if len(phrases) < 2:
            continue
        for form in forms:
            key = form.lower()
            if key in owner and owner[key] != len(groups):
                clash.add(key)
            owner[key] = len(groups)
        groups.append(frozenset(phrases))
    for key in clash:  # a name two countries share says nothing about either
        del owner[key]
    if not owner:
        return (), {}, None
    forms = sorted(owner, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.I)
    return tuple(groups), owner, pattern


def other_names(question: str) -> dict[Phrase, frozenset[Phrase]]:
    """Per country the question names (by the stemmed phrase it uses), the country's other names:
    "What does Seoul buy from Havana?" -> {("seoul",): {("south", "korea")}, ("havana",): {("cuba",)}}."""
    groups, owner, pattern = _countries()
    if pattern is None:
        return {}
    found: dict[Phrase, frozenset[Phrase]] = {}
    for m in pattern.finditer(question):
        group = owner[m.group(0).lower()]
        used = tuple(tokenize(m.group(0)))
        if used:
            found[used] = groups[group] - {used}
    return found
