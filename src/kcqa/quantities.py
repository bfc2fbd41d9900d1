"""Typed values in text (amounts of money, percentages, counts, years, dates, times of day,
ordinals) and the kind of value a question asks for. Used to prefer sentences that hold the
asked-for kind of answer, and to tell when sources give different values for the same thing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexical import MONTH_NUMBERS, MONTH_PATTERN, MONTHS, WEEKDAYS, is_stop_word, tokenize

_WEEKDAY = r"\b(?:" + "|".join(WEEKDAYS) + r")\b"

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
}
_WORDNUM = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
}
# Words that give a number, a place in an order, a day or a month: a question's "twelve" or "first"
# means that value, never the nearest word to it ("eleven", "second").
EXACT_WORDS = frozenset(
    [*_WORDNUM, *_SCALE, "zero", "one", "thousand"]
    + "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
    + [*WEEKDAYS, *MONTHS]
)
# the words of "fifty-five": a ten, then a unit ("one" only there: alone it is seldom a number)
_TENS = {w: n for w, n in _WORDNUM.items() if n >= 20 and n % 10 == 0 and n < 100}
_UNITS = {"one": 1} | {w: n for w, n in _WORDNUM.items() if n < 10}
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# a number in words: "fifty-five" and "thirty one" whole, longer words before the shorter they
# begin with ("fourteen" before "four")
_WNUM = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")[-\s](?:"
    + "|".join(_UNITS)
    + r")\b|"
    + "|".join(sorted(_WORDNUM, key=len, reverse=True))
    + r")"
)
# a number of things given only roughly: "hundreds of people", "several thousand fans", "dozens of
# homes", "tens of thousands of visitors"
_ROUGH = (
    r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|hundreds|thousands|millions|dozens)\s+of\b"
    r"|\b(?:several|a\s+few)\s+(?:hundred|thousand|million|dozen)\b"
)
# a share of a round number: "a quarter of a million riders", "half a million", "a quarter-million"
_SHARES = {"quarter": 0.25, "third": 1 / 3, "half": 0.5}
_SHARE = (
    r"\b(?:(?:(?:a|one)[\s-]+)?(?:quarter|third)(?:[\s-]+of)?|(?:a[\s-]+)?half(?:[\s-]+of)?"
    r"|three[\s-]+quarters(?:[\s-]+of)?|two[\s-]+thirds(?:[\s-]+of)?)[\s-]+(?:an?[\s-]+)?(?:thousand|million|billion)\b"
)
_WHO_WORD = r"\b(?:who|whom|whose)\b"  # a question asking who
_SCALE_RE = r"(?:\s?(?:thousand|million|billion|trillion|bn|mn)\b|(?<=\d)(?:k|m|bn)\b)"
# "20 U.S. dollars", "five Cuban pesos", "300 Swiss francs": a country's word may stand between
_CURRENCY_WORD = (
    r"(?:(?:u\.?s\.?|hong kong)\s|(?-i:[A-Z][a-z]+)\s)?"
    r"(?:dollars?|euros?|won|pounds?|pence|cents?|yen|yuan|pesos?|rupees?|francs?|kron(?:a|or|er|e)"
    r"|zlotys?|rubles?|roubles?|shekels?|dinars?|dirhams?|lira)\b"
)
_PATTERNS = [
    (
        "clock",
        re.compile(
            r"\b\d{1,2}[:.]\d\d\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d\d\b|\b\d{1,2}\s?(?:a\.m\.|p\.m\.)"
            r"|\b(?:12\s)?(?:noon|midday|midnight)\b",  # "resumed at noon"
            re.I,
        ),
    ),
    (
        "money",
        re.compile(
            r"(?:US\s?|U\.S\.\s?|C|A|HK)?[$€£¥₩]\s?" + _NUM + _SCALE_RE + r"?"
            r"|(?:" + _NUM + "|" + _WNUM + r")" + _SCALE_RE + r"?\s" + _CURRENCY_WORD,
            re.I,
        ),
    ),
    ("percent", re.compile(_NUM + r"\s?(?:%|percent\b|per cent\b)", re.I)),
    (
        "date",
        re.compile(
            # "Friday, March 14": one date, its weekday and all
            r"(?:" + _WEEKDAY + r",?\s)?\b" + MONTH_PATTERN + r"\.?\s\d{1,2}\b(?:,?\s\d{4})?"
            r"|\b\d{1,2}\s" + MONTH_PATTERN + r"\b"
            r"|\b(?:19|20)\d\d-\d\d-\d\d\b"
            r"|" + _WEEKDAY + r"|\b(?:valentine's|christmas|new year's) day\b",
            re.I,
        ),
    ),
    (
        # a month alone, after a word placing something in time: "before January", "by mid-April"
        "month",
        re.compile(
            r"\b(?:in|by|before|after|until|till|since|from|during|through|early|late|mid)[\s-]+"
            r"(?:(?:early|late)\s|mid-)?(?-i:January|February|March|April|May|June|July|August|September"
            r"|October|November|December)\b(?!\.?\s\d)",
            re.I,
        ),
    ),
    ("year", re.compile(r"\b(?:1[6-9]\d\d|20\d\d)s?\b")),
    (
        "ordinal",
        re.compile(
            r"\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b",
            re.I,
        ),
    ),
    (
        "count",
        re.compile(
            _SHARE + r"|(?<![-\w.])" + _NUM + _SCALE_RE + r"?|\b" + _WNUM + r"\b" + _SCALE_RE + "?"
            r"|\ba\s(?:thousand|million|billion)\b|" + _ROUGH,
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class Quantity:
    kind: str
    text: str
    start: int
    end: int
    value: float | None


def _value(text: str) -> float | None:
    m = re.search(_NUM, text)
    low = text.lower()
    if m:
        number = float(m.group(0).replace(",", ""))
    elif re.search(_ROUGH, low):
        return None  # "hundreds of", "several thousand": no figure to compare
    elif share := re.match(_SHARE, low):
        part = re.findall(r"quarter|third|half", share.group(0))[0]
        number = _SHARES[part] * (3 if "three" in low else 2 if "two" in low else 1)
    elif re.match(r"a\s", low):
        number = 1.0  # "a million"
    else:
        known = [w for w in re.findall(r"[a-z]+", low) if w in _WORDNUM or w in _UNITS]
        if not known:
            return None
        number = float(_WORDNUM.get(known[0]) or _UNITS[known[0]])
        if len(known) > 1 and known[0] in _TENS and known[1] in _UNITS:
            number += _UNITS[known[1]]  # "fifty-five"
    scale = re.search(r"(thousand|million|billion|trillion|bn|mn)\b|(?<=\d)(k|m|bn)\b", low)
    if scale:
        number *= _SCALE[scale.group(0)]
    return number


# a number written short with a scale word: "$1.37 million", "14m", "2.5 billion"
_SHORT_NUMBER = re.compile(r"(\d+(?:\.(\d+))?)(" + _SCALE_RE + ")", re.I)


def rounding_step(text: str, value: float) -> float | None:
    """The step of the last digit a number written short with a scale word shows (10,000 for
    "$1.37 million"), when ``text`` writes ``value`` that way; None otherwise."""
    m = _SHORT_NUMBER.search(text)
    if not m:
        return None
    scale = _SCALE[m.group(3).strip().lower()]
    if abs(float(m.group(1)) * scale - value) >= 1e-6 * max(1.0, value):
        return None
    return 10.0 ** -len(m.group(2) or "") * scale


def _date_value(text: str) -> float | None:
    """A month-and-day as month * 100 + day ("Feb. 14" and "February 14" both give 214)."""
    m = re.search(r"([a-z]{3})[a-z]*\.?\s(\d{1,2})\b|\b(\d{1,2})\s([a-z]{3})", text.lower())
    if not m:
        iso = re.search(r"\d{4}-(\d\d)-(\d\d)", text)
        return float(int(iso.group(1)) * 100 + int(iso.group(2))) if iso else None
    month = MONTH_NUMBERS.get(m.group(1) or m.group(4))
    day = int(m.group(2) or m.group(3))
    return float(month * 100 + day) if month else None


def _clock_value(text: str) -> float | None:
    """A time of day as minutes after midnight ("6:40 a.m." -> 400, "7 p.m." -> 1140, "noon" -> 720)."""
    named = re.search(r"noon|midday|midnight", text.lower())
    if named:
        return 0.0 if named.group(0) == "midnight" else 720.0
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s?([ap])?", text.lower())
    if not m:
        return None
    hours, minutes = int(m.group(1)) % 12 if m.group(3) else int(m.group(1)), int(m.group(2) or 0)
    return float((hours + (12 if m.group(3) == "p" else 0)) * 60 + minutes)


def find_quantities(text: str) -> list[Quantity]:
    """Typed values in a text, longest first where patterns overlap (a date is not also a count)."""
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < e and s < b for s, e in taken):
                continue
            taken.append((a, b))
            if kind == "month":
                value = None
            elif kind == "date":
                value = _date_value(m.group(0))
            elif kind == "clock":
                value = _clock_value(m.group(0))
            elif kind == "ordinal":
                value = float(re.sub(r"\D", "", m.group(0)) or 0) or None
            else:
                value = _value(m.group(0))
            if kind == "year":
                value = float(m.group(0)[:4])
            found.append(Quantity(kind, m.group(0), a, b, value))
    return sorted(found, key=lambda q: q.start)


_MONEY_WORDS = (
    r"(?:cost|costs|costing|price|priced|pay|paid|spend|spent|invest|invested|worth|fare|fares|budget"
    r"|fee|fees|salary|salaries|wages?|revenue|profits?|income|turnover|earnings|funding|charge|charged"
    r"|earn|earned|sell for|sold for|fined|fines|compensation|damages|awarded|donated|cash|donations"
    # "How much is he accused of embezzling?": money (what is stolen may be data or paintings)
    r"|embezzle|embezzled|embezzling|misappropriate|misappropriated"
    r"|misappropriating|defraud|defrauded|defrauding|swindled|laundered|laundering)"
)
# "3-centimetre", "410 tonnes", "14kg"; a word for a number stands apart from its unit ("a ton", not "at")
_N = r"\b(?:\d[\d,]*(?:\.\d+)?[\s-]?|(?:" + _WNUM + r"|a|an|one|several|dozens of|hundreds of)[\s-])"
# Values a question can ask for that are found by their pattern in the sentence text: a measure
# is answered only by a number in one of its units, a day of the week only by a weekday.
PATTERNED = {
    "weekday": re.compile(_WEEKDAY, re.I),
    "weight": re.compile(_N + r"(?:tonnes?|tons?|t|kg|kilo(?:gram)?s?|grams?|g|lbs?|pounds)\b", re.I),
    "speed": re.compile(
        _N + r"(?:km/h|kph|kmh|mph|knots|(?:kilometres|kilometers|miles) (?:per|an) hour"
        # a slow one: "creeping downhill at about two inches a day", "3 cm per year"
        r"|(?:inch(?:es)?|feet|foot|ft|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|met(?:re|er)s?|m|yards?)"
        r"\s+(?:a|an|per|each|every)\s+(?:second|minute|hour|day|week|month|year))\b",
        re.I,
    ),
    "energy": re.compile(_N + r"(?:[kmgt]wh|[kmg]w|kilowatt|megawatt|gigawatt|watts?|joules?)", re.I),
    "distance": re.compile(
        _N + r"(?:km|kilomet(?:re|er)s?|m|met(?:re|er)s?|miles?|feet|foot|ft|cm|centimet(?:re|er)s?|mm"
        r"|millimet(?:re|er)s?|inch(?:es)?|yards?)\b"
        r"(?!/|\s+(?:per|an|a)\s+(?:hour|second|minute)\b)",  # a speed: "320 km/h", "12 miles an hour"
        re.I,
    ),
    "duration": re.compile(  # not an age: "a 41-year-old roofer"
        # "a second robot" counts robots: "second" alone is a span only after a number ("one second")
        _N + r"(?:and\s+a\s+half\s+)?(?:seconds|(?<![Aa]\s)second|minutes?|mins?|hours?|hrs?|days?|nights?"
        r"|weeks?|fortnights?|months?|years?|decades?|centuries)\b(?![\s-]old\b)",
        re.I,
    ),
    # a month named on its own answers "in which month": "probably in June"
    "month": re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\b"),
    # "a 41-year-old roofer", "aged 37", "Lyle Benning, 37, a driver", "Ana Ruiz (52)" (not a
    # telephone's area code), "he turned 60",
    # "she was 29.", "four now", "in his seventies", "Edgars Liepa, now 54, told"
    "age": re.compile(
        r"\b(?:\d{1,3}|" + _WNUM + r")[\s-]years?[\s-]old\b|\bage (?:of )?\d{1,3}\b"
        r"|\(\d{1,3}\)(?!\s?\d)"  # not "(555) 014-2290"
        r"|,\s(?:now\s)?\d{1,3}(?=[,;]|\.\s*$|\s(?:of|from|and)\b)|\bat \d{1,3},"
        r"|\b(?:aged?|turned|turns)\s(?:\d{1,3}|" + _WNUM + r")\b|\b(?:\d{1,3}|" + _WNUM + r")\snow\b"
        r"|\b(?:is|was|were|are)\s(?:\d{1,3}|" + _WNUM + r")(?=\s*[,;]|\s*\.(?!\d)|\syears\b)"
        r"|\bin (?:his|her|their) (?:early |late |mid-?)?(?:[1-9]0s|twenties|thirties|forties|fifties|sixties"
        r"|seventies|eighties|nineties)\b|\bteenagers?\b",
        re.I,
    ),
    # "12°C", "30 degrees", "minus 8C", "46F"
    "temperature": re.compile(r"-?\b\d+(?:\.\d+)?\s?(?:°|º|degrees?\b|[CF]\b)"),
    # "Which university did she attend?", "Where did he study?": a place of learning by its name
    # ("Birchwood Elementary"; not "the Ashbridge Unified School District", no place of learning)
    "school": re.compile(
        r"\b(?:University|College|Institute|School|Academy|Polytechnic|Conservatoire|Elementary)\b"
        r"(?!\s+(?:District|Board|Trust|System|Division|Committee|Superintendent)s?\b)"
    ),
    # "Which party does Priya Castellane belong to?": a party named as one ("Aldermoor First party")
    "party": re.compile(r"\bpart(?:y|ies)\b", re.I),
    # "What colour was the van?", "What are the club's colours?": a colour word
    "colour": re.compile(
        r"\b(?:red|blue|green|white|black|yellow|grey|gray|silver|orange|purple|brown|pink"
        r"|navy|maroon|beige|crimson|scarlet|violet|turquoise|claret)\b",
        re.I,
    ),
}
# "What is the population of Kestrel Bay?": a number of people a place has ("a fishing town of about
# 4,100", "its current 46,000 residents", "a population of 8,300", "home to 52,000 people"), not a
# number of people something happened to ("1,200 residents were evacuated") or a place's size.
_ABOUT = (
    r"(?:(?:about|roughly|some|nearly|around|almost|approximately|only|just|over|under|more than"
    r"|fewer than|less than)\s+)*"
)
_HEADS = r"\d+(?:,\d{3})*(?:\.\d+)?(?![\d,.]*\d)(?:\s?(?:million|thousand)\b)?"  # the whole number
_DWELLERS = r"\s+(?:people|residents|inhabitants|souls)\b"
_SETTLEMENT = (
    r"\b(?:town|city|village|county|country|nation|community|borough|suburb|island|state|region|municipality"
    r"|hamlet|port|district|province|capital)"
)
_HEADCOUNT = _ABOUT + _HEADS
PATTERNED["population"] = re.compile(
    "|".join(
        [
            _SETTLEMENT
            + r"\s+of\s+"
            + _HEADCOUNT
            + r"(?!\s*(?:%|percent|per|square|sq|acres?|hectares?|miles?"
            r"|km|kilomet|feet|foot|ft|met(?:re|er)s?|years?|tonnes?|tons?|households?|homes?|votes?|dollars?)\b)",
            r"\bpopulation\b(?:\s+[a-z]+){0,4}?\s+" + _HEADCOUNT + r"(?!\s*(?:%|percent)\b)",
            r"\bhome to\s+" + _HEADCOUNT + _DWELLERS,
            _SETTLEMENT + r"\s+(?:only\s+)?(?:has|had)\s+" + _HEADCOUNT + _DWELLERS,
            r"\b(?:its|their|[a-z]+'s|[A-Z]\w+'s)\s+(?:current\s+)?"
            + _HEADCOUNT
            + r"\s+(?:residents|inhabitants)\b",
            _HEADCOUNT + _DWELLERS + r"\s+(?:live|lived|reside|resided|call)\b",
        ]
    )
)
# "What was the vote count?": a vote's tally ("voted 5-2", "passes 4-1", "by 7 to 2", "unanimously")
PATTERNED["tally"] = re.compile(
    r"\b(?:vot\w*|pass\w*|approv\w*|ballots?|split|margin|ruled)\b[^.;:]{0,30}?\b\d{1,2}\s?(?:[-–]|to)\s?\d{1,2}\b"
    r"(?![-–/:.]?\d)|\b\d{1,2}\s?[-–]\s?\d{1,2}\s+(?:vote|decision|ruling|verdict|split|majority)\b|\bunanimous(?:ly)?\b",
    re.I,
)
# "What is the address of the Elmstead Branch?": a street address ("1120 Larkspur St.", "200 St.
# Clement's Ave.", "58 Foundry Street")
PATTERNED["address"] = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'’.-]*\s+){1,4}?(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Lane|Ln"
    r"|Drive|Dr|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Parkway|Pkwy|Highway|Hwy|Row|Crescent|Close|Plaza"
    r"|Circle)\b\.?"
)
# "What is the phone number of the outbreak hotline?": a telephone number ("555-0142", "(555) 014-2290",
# "555-014-2290", "+1 555-014-2290"), not a range of years ("1994-2001") nor two counts ("150 2024")
PATTERNED["phone"] = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[.-])?\b\d{3}[.-]\d{4}\b")
# "How long were they inside?", "How long is the tunnel?": a time or a distance.
PATTERNED["length"] = re.compile(PATTERNED["duration"].pattern + "|" + PATTERNED["distance"].pattern, re.I)
# a day or a month, in any case ("Monday", "March", "Feb."); and not one, whose names are
# capitalised too ("on Monday", "in March")
DAY_OR_MONTH = r"(?i:" + MONTH_PATTERN + r"|" + _WEEKDAY + r")"
_NOT_A_DATE = r"(?!" + DAY_OR_MONTH + r")"
# Kinds of place a question can ask for by name, with the words that name one of that kind
_ROADS = r"Road|Rd|Street|St(?!\.\s*[A-Z])|Avenue|Ave|Highway|Hwy|Route|Interstate|Motorway|Freeway"
_ROADS += r"|Expressway|Lane|Drive|Boulevard|Blvd|Parkway|Turnpike|Row|Way|Terrace|Crescent|Square"
_WATERS = r"River|Creek|Brook|Stream"
_HILLS = r"Mount|Mountains?|Peak|Hill|Ridge"
LANDMARKS = {
    # (not "route": "Which route will have its fares capped?" asks for "Port Ellery to Kestrel Bay")
    **dict.fromkeys(("road", "street", "highway", "avenue", "motorway", "freeway"), _ROADS),
    "pass": r"Pass|Gap",
    **dict.fromkeys(("river", "creek"), _WATERS),
    "lake": r"Lake|Reservoir|Loch",
    "bridge": r"Bridge|Viaduct",
    "tunnel": r"Tunnel",
    "hospital": r"Hospital|Infirmary|Medical Cent(?:er|re)|Health Cent(?:er|re)|Clinic",
    "airport": r"Airport|Airfield|Aerodrome",
    "station": r"Station",
    "beach": r"Beach|Sands|Strand|Cove|Bay",
    "bay": r"Bay|Cove|Harbou?r|Inlet|Sound",
    "island": r"Island|Isle",
    **dict.fromkeys(("mountain", "peak", "hill"), _HILLS),
    **dict.fromkeys(("harbour", "harbor", "marina"), r"Harbou?r|Port|Marina|Quay|Wharf"),
    **dict.fromkeys(("prison", "jail"), r"Prison|Jail|Gaol|Penitentiary|Correctional"),
    "church": r"Church|Cathedral|Chapel|Abbey|Mosque|Synagogue|Temple",
    "hotel": r"Hotel|Inn|Lodge|Motel",
    "stadium": r"Stadium|Arena|Park|Ground|Field",
    "park": r"Park|Gardens?|Reserve",
}
# the kind named last before the verb: "At which mountain pass did ...?" asks for a pass
_LANDMARK_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:[a-z-]+\s+){0,2}?(?<!radio )(?<!tv )(?<!television )("
    + "|".join(LANDMARKS)
    + r")s?\b(?=\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can|[a-z]+ed)\b|\W*$)",
    re.I,
)


def landmark_kind(question: str) -> re.Pattern[str] | None:
    """For a question asking for a place of a kind ("Which highway ...?"), a pattern finding the
    names of that kind in a text, its groups the name's own words: "State Route 62", "Highway 9",
    "the Mondego river", "the river Velde"."""
    m = _LANDMARK_ASKED.search(question)
    if not m:
        return None
    kind = LANDMARKS[m.group(1).lower()]
    after = _NOT_A_DATE + r"[A-Z][\w’'-]*"  # "a gravel forest road Tuesday" names no road
    return re.compile(
        r"((?:[A-Z][\w’'.-]*\s+){0,4})(?:" + kind + r")\b((?:\s+(?:\d+[A-Z]?\b|" + after + r"))*)"
        r"|((?:[A-Z][\w’'.-]*\s+){1,4})(?i:" + kind + r")\b"
        r"|\b(?i:" + kind + r")\s+(" + after + r"(?:\s+" + after + r"){0,2})"
    )


# "which law firm", "what private equity firm": a name, asked for by the kind of thing it names
_NAME_KIND = re.compile(
    r"^\W*(?:\w+\s+)?(?:which|what) "
    # (not "What will the club create ...?")
    r"(?:(?!(?:kind|type|sort|of|is|was|are|were|did|does|do|the|an?|has|have|had|will|would|can"
    r"|could|should|may|might|must)\b)[\w-]+\s+){0,2}?"
    r"(?:company|companies|firm|firms|organi[sz]ations?|agency"
    r"|agencies|person|official|officials|manufacturer|bank|airline|newspaper|broadcaster|university"
    r"|insurer|lender|broker|carrier|contractor|supplier|retailer|consultancy|party|radio station"
    # a person by trade or post ("Which architect designed the station?")
    r"|architects?|engineers?|lawyers?|solicitors?|judges?|doctors?|designers?|artists?|painters?"
    r"|authors?|writers?|players?|coach|coaches|ministers?|officers?|detectives?|pilots?|captains?"
    r"|spokes(?:man|woman|person)|chefs?|singers?|bands?|teams?|clubs?|charity|charities|union|unions"
    r"|developer|developers|operator|operators|group|groups"
    # ... or by the body they sit on ("Which council members voted against ...?")
    r"|members?)\b(?!\s+of\b)",
    re.I,
)


_WANTS = [
    ("weekday", re.compile(r"\b(?:what|which) day of the week\b|\bwhat weekday\b", re.I)),
    (
        "tally",
        re.compile(
            r"\bvote (?:count|tally|margin|split|breakdown)\b|\b(?:what|how) was the (?:final )?vote\b"
            r"|\bby what (?:margin|vote)\b|\bwhat was the (?:final )?(?:tally|margin)\b",
            re.I,
        ),
    ),
    (
        "phone",
        re.compile(
            r"\b(?:phone|telephone|hotline|helpline|contact)\s+(?:number|no\b)|\bnumbers?\s+(?:to|should\s+\w+|can\s+\w+)"
            r"\s+(?:call|ring|dial|text)\b",
            re.I,
        ),
    ),
    (
        "address",
        re.compile(
            r"\b(?:street\s+)?address\s+(?:of|for)\b|\b(?:what|which)\s+(?:street\s+)?address\b"
            r"|\baddress\W*$",
            re.I,
        ),
    ),
    (
        "weight",
        re.compile(
            r"\bhow heavy\b|\bhow much (?:\w+\s){0,6}?weighs?\b|\bweight of\b"
            # "What does the cub weigh?" (not "What scheduling change did the trustees weigh?")
            r"|\bwhat (?:do|does|did|will|would|could|can)\s(?:\w+\s){0,5}?weigh\b"
            r"|\bhow much weight\b",  # "How much weight did he lose?"
            re.I,
        ),
    ),
    (
        "speed",
        re.compile(
            r"\bhow fast\b|\b(?:what|which) (?:\w+\s)?speed\b|\bspeed of\b"
            r"|\bhow (?:strong|powerful)\b(?=.*\b(?:winds?|gusts?)\b)"  # "How strong were the gusts?"
            r"|\b(?:top|maximum|max|fastest|highest|average|cruising) speed\b",
            re.I,
        ),
    ),
    (
        "energy",
        re.compile(
            r"\bhow much (?:electricity|energy|power)\b|\b(?:electricity|energy|power) (?:use|consumption)\b",
            re.I,
        ),
    ),
    (
        "distance",
        re.compile(
            # (not "... live within walking distance of the ground?")
            r"\bhow (?:far|wide|deep|tall)\b"
            r"|(?<!walking )(?<!driving )\b(?:distance|length|width|depth|diameter|height) of\b",
            re.I,
        ),
    ),
    # "What is the population of X?", "Kestrel Bay population"; not "the herring population fell by"
    (
        "population",
        re.compile(
            r"\bpopulation of\b|\bpopulation\W*$"
            r"|\bhow many (?:people|residents|inhabitants) (?:live|lived|reside|resided)\b",
            re.I,
        ),
    ),
    (
        "duration",
        re.compile(
            r"\bhow much time\b|\bhow quickly\b|\bhow long (?:after|before|ago|since)\b"
            r"|\bhow long (?:does|did|do|will|would|has|have|had)\b"
            r"(?:\W+\w+){1,10}?\W+(?:take|takes|last|lasted|gone|been|wait)\b"
            # "What prison sentence did he receive?": a span of time
            r"|\b(?:what|which)\s+(?:(?:jail|prison|custodial)\s+(?:sentence|term)|sentence)\b"
            # "Over what period must the loans be repaid?": "over five years"
            r"|\b(?:over|for|within)\s+(?:what|which)\s+(?:(?:time\s+)?period|span|stretch)\b"
            # "How long did council debate ...?", "How long has she lived there?" (not "How long will
            # the bridge be?", a size)
            r"|\bhow long (?:does|did|do|will|would|has|have|had|can|could)\b"
            r"(?!(?:\W+[\w'’-]+){1,10}?\W+(?:be|measure|stretch|span|extend|run|reach)\W*$)",
            re.I,
        ),
    ),
    ("age", re.compile(r"\bhow old\b|\b(?:at )?what age\b", re.I)),
    # ... "What was the lowest temperature recorded ...?" as well
    (
        "temperature",
        re.compile(
            r"\b(?:at )?what temperature\b|\bhow (?:hot|cold|warm)\b"
            r"|\bwhat\s+(?:was|is|were|are|will\s+be)\s+the\s+(?:[a-z]+\s+){0,2}?temperatures?\b",
            re.I,
        ),
    ),
    ("month", re.compile(r"\b(?:in |during |by )?(?:what|which) month\b", re.I)),
    # "on what date", "on which day" (not "which day of the strike": an ordinal)
    (
        "date",
        re.compile(
            r"\b(?:on |by )?(?:what|which) date\b|\bon (?:what|which) day\b(?! of\b)"
            # "What is the deadline for applications?": a date ("must be submitted by March 31")
            r"|\bwhat(?:'s|’s| is| was| will be)? the (?:[\w-]+\s){0,2}?deadline\b",
            re.I,
        ),
    ),
    ("length", re.compile(r"\bhow long\b(?! (?:ago|after|before|since)\b)", re.I)),
    (
        "clock",
        re.compile(
            r"\b(?:what|which) (?:time|hour|hours(?! of))\b(?! (?:of (?:the )?year|period|frame))"
            # ... and keywords opening on it: "time whales were discovered"
            r"|^\W*time\s+(?!(?:of|to|for|in|on|off|limit|frame|period|line|zone|span|spent)\b)\w+\s+\w+",
            re.I,
        ),
    ),
    (
        "money",
        re.compile(
            # "by how much did fares rise" asks for a change (an amount, a percentage), not a sum
            r"(?<!by )\bhow much\b(?:\W+\w+){0,12}?\W+" + _MONEY_WORDS + r"\b|\bhow much money\b"
            r"|\b(?:cost|price|fare|budget|fee|salary|revenue) of\b|\bprice tag\b"
            # "How much was his hospital bill?"
            r"|\bhow much (?:is|was|were|are|will)\b(?:\W+[\w'’-]+){0,6}?\W+bills?\W*$"
            r"|\bwhat (?:did|does|do|will|would)\b(?:\W+\w+){1,12}?\W+cost\b"
            r"|\bwhat (?:is|was|are|were)\b(?:\W+\w+){1,8}?\W+worth\W*$"
            # "what one-time sum", "what reward": the sum of money asked for names the question
            r"|^\W*(?:\w+\s+)?(?:what|which) (?:(?!(?:is|are|was|were|did|does|do|will|would|could|can"
            r"|has|have|had)\b)[\w-]+\s+){0,2}?"
            r"(?:sum|price|price tag|fee|fine|salary|bonus|payout|payment|compensation|reward|revenue"
            r"|budget|profit|income|turnover|wage)s?\b"
            r"(?!\s+(?:increases?|rises?|cuts?|hikes?|growth|changes?|drops?|falls?)\b)"  # a change
            # ... and ends the noun: "which budget carrier gets the routes" asks for an airline
            r"(?!\s+[a-z]+\s+(?:is|are|was|were|will|would|gets?|got|takes?|took|won|wins?|runs?|ran"
            r"|has|have|had)\b)"
            # "What is Daniel Okafor's annual salary?", "What was Bluecrest's share price after ..."
            r"|\b(?:what|which) (?:is|was|are|were)\b(?:\W+[\w'’-]+){0,5}?\W+(?:salary|salaries|revenue"
            r"|budget|profit|profits|turnover|income|earnings|share price|price target|wages?)"
            r"(?=\W*$|\s+(?:of|for|in|at|after|before|last|this|next|on|as)\b)"
            # "What is the cheapest single fare?" (not "What are fares on the route tied to?")
            r"|\b(?:what|which) (?:is|was|are|were)\b(?:\W+[\w'’-]+){0,5}?\W+(?:fares?|fees?)\W*$"
            r"|\bat what price\b"
            # "How large was the regulator's fine?", "How big is the budget shortfall?" (not "by how much")
            r"|(?<!by )\bhow (?:large|big|much|high|steep|hefty)\b(?:\W+[\w'’-]+){0,6}?\W+(?:fine|penalty"
            r"|shortfall|deficit|settlement|payout|guarantee|bond|loan|grant|donation|subsidy|severance)s?\b(?!-)"
            r"|\bhow much\b(?:\W+\w+){0,8}?\W+(?:sell|sold|buy|bought|rent|rented|lease|leased)\b"
            r"(?:\W+\w+){0,4}?\W+for\W*$",
            re.I,
        ),
    ),
    (
        "percent",
        re.compile(
            r"\b(?:what|which|by what|how many) (?:\w+\s){0,2}?(?:percentage|percent|per cent)\b"
            r"|\bpercentage (?:of|did|does|do|was|were|is|are)\b|\bhow effective\b"
            r"|\b(?:inflation|interest|unemployment|growth|efficacy|turnout|vacancy|occupancy|approval"
            r"|vaccination|survival|mortality|utili[sz]ation) rate\b",
            re.I,
        ),
    ),
    # "on which day of the strike": the fifth day, an ordinal, not a date
    (
        "ordinal",
        re.compile(r"\b(?:what|which) (?:day|week|month|year|round|stage) of (?:the|its|their)\b", re.I),
    ),
    # "In what year ...?": a year, not a day ("Feb. 20" does not say which year)
    # ... "In what earlier year ...?", "In which previous year ...?" as well
    (
        "year",
        re.compile(
            r"\b(?:what|which)(?:\s+(?:earlier|previous|prior|later|past|former|recent|last))? year\b", re.I
        ),
    ),
    (
        "time",
        re.compile(
            # "when" asks for a time where the question opens with it; "... died when she sank"
            # asks for something else.
            r"^\W*(?:(?:and|so|but|then|exactly|roughly|approximately|about|please|tell me"
            r"|do you know)\W+)*when\b"
            r"|\b(?:what (?:year|date|day|month|time)|which (?:year|date|day|month)|since when"
            r"|in what year|on what (?:date|day))\b",
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(
            r"\bhow (?:much|many|large|big|high|long|far|old)\b"
            r"|\bwhat (?:number|percentage|share|amount|proportion)\b"
            r"|\b(?:number|amount|total|volume|value|cost|price|figure|count|population) of\b"
            # "What pay rise did they win?", "What efficacy did it reach?", "What will the capacity
            # of the stadium be?", "What are the estimated insured losses?"
            r"|^\W*(?:what|which)\s+(?:[a-z-]+\s+)?(?:rise|raise|increase|efficacy|capacity)\b"
            r"|\b(?:what|which)\s+(?:is|was|are|were|will)\s+(?:be\s+)?the\s+(?:[a-z-]+\s+){0,2}?"
            r"(?:capacity|losses|population|attendance|turnout|efficacy|death\s+toll|workforce)\b",
            re.I,
        ),
    ),
    (
        "ordinal",
        # not "What position does Declan Moyo hold?": a post, not a place in an order
        re.compile(
            # (not "Which place of worship is near the landfall?": a place)
            r"\bwhat (?:rank|place(?!\s+of\s+(?:worship|business|work|birth|residence|interest)\b)"
            r"|position(?!(?:\W+[\w'’-]+){1,6}?\W+(?:hold|holds|held|occupy|occupies|occupied)\b))\b"
            r"|\bwhich (?:number|place(?!\s+of\s+(?:worship|business|work|birth|residence|interest)\b))\b"
            r"|\b(?:nth|ordinal)\b",
            re.I,
        ),
    ),
    (
        # "By way of which country ...?", "What nationality was ...?": a country the question does not name
        "country",
        re.compile(r"\b(?:what|which)\s+(?:(?!numbered\b)[a-z]+\s+)?(?:countr(?:y|ies)|nationality)\b", re.I),
    ),
    # "What colour was the van?", "What are the club's colours?" (after the sums: "How much will it
    # cost to repaint the fleet in its colours?")
    ("colour", re.compile(r"\b(?:what|which)\s+colou?rs?\b|\bcolou?rs\W*$", re.I)),
    (
        "party",
        re.compile(
            r"\b(?:what|which)\s+(?:[a-z]+\s+){0,2}?part(?:y|ies)\b|\bpolitical part(?:y|ies)\b", re.I
        ),
    ),
    # "Which highway was buried?", "At which mountain pass did it happen?": a place of a kind, by
    # its name ("State Route 62", "Wyeth Pass"; landmark_kind gives the words naming one)
    ("landmark", _LANDMARK_ASKED),
    (
        "school",
        re.compile(
            r"\b(?:what|which)\s+(?:university|college|school|institute|academy)\b"
            # (not "Which university researcher estimated ...?": a person)
            r"(?!\s+(?:researchers?|professors?|scientists?|economists?|experts?|academics?|lecturers?"
            r"|students?|officials?|president|spokes(?:man|woman|person)|dean|chancellor)\b)"
            r"|\bwhere\b(?:\W+\w+){1,6}?\W+(?:study|studied|educated|graduate|graduated)\b"
            # "Where did she go to medical school?"
            r"|\bwhere\b.*\b(?:go|went|attend|attended)\s+(?:to\s+)?(?:[a-z]+\s+)?(?:school|college|university)\b",
            re.I,
        ),
    ),
    (
        "name",
        re.compile(
            _WHO_WORD + r"|\bwhat (?:is|was|are|were) (?:the )?names?\b|\bname (?:of|the)\b"
            r"|" + _NAME_KIND.pattern,
            re.I,
        ),
    ),
]
WANT_KINDS = {
    **dict.fromkeys(PATTERNED, {"count"}),
    "weekday": {"date"},
    "colour": set(),  # a word, no figure to compare
    "school": set(),
    "landmark": set(),
    "address": set(),
    "phone": set(),
    "party": set(),
    "month": {"date", "month"},
    "date": {"date"},
    "length": {"count"},
    "clock": {"clock"},
    "money": {"money"},
    "percent": {"percent"},
    "time": {"date", "year", "clock", "month"},
    "year": {"year"},
    "amount": {"money", "percent", "count"},
    "ordinal": {"ordinal"},
    "name": {"name"},
    "country": {"name"},
}
# A person's or an organisation's name: two or more capitalised words in a row not opening the
# sentence, a title and a name ("Prof. Alan Ferris") anywhere, or three capitalised words opening it
# ("Heritage Minister Claire Donnelly said").
TITLES = tuple(
    "Dr Prof Mr Mrs Ms Sir Dame Sen Gov Rep Capt Gen Col Lt Sgt Rev Cllr Insp Det Supt Pte Cpl Maj"
    " Adm Brig Cmdr Cdr Hon Msgr Amb Const Fr Pres Atty Asst Assoc Dep Sec Treas Comm Cmdt".split()
)
_TITLE = r"(?:" + "|".join(TITLES) + r")\.\s"
_CAP = r"[A-Z][\w’'-]+"
# "Callender & Co.", "Marks & Spencer"; "Hana  Kobayashi" (a zero-width space blanked by unmarked)
_JOIN = r"\s+(?:&\s+)?"
_FULL_NAME = re.compile(
    # "Superintendent Dr. Kevin Osei-Mensah": a title may stand between a post and the name
    rf"(?<=[\w,;:()\"“”'’]\s)(?:{_TITLE})?{_CAP}(?:{_JOIN}(?:{_TITLE})?{_CAP})+|(?<![\w.]){_TITLE}{_CAP}"
    rf"|^{_CAP}(?:{_JOIN}{_CAP}){{2,}}"
)
KIND_BITS = {
    "date": 1,
    "year": 2,
    "money": 4,
    "percent": 8,
    "count": 16,
    "ordinal": 32,
    "name": 64,
    "clock": 128,
    "month": 256,
}


Value = tuple[str, "float | None", str, int, int]  # kind, value, unit, start, end
_SKIP_UNIT = {
    "million",
    "billion",
    "thousand",
    "more",
    "than",
    "some",
    "about",
    "around",
    "over",
    "the",
    "and",
}


# units of measure written short after a number (a count's unit then)
MEASURES = frozenset("km/h mph kmh km cm mm m kg g t ft mi ha kwh mwh gwh kw mw gw m² km² °c °f".split())
_MEASURE = re.compile(
    r"\s?(" + "|".join(re.escape(u) for u in sorted(MEASURES, key=len, reverse=True)) + r")(?![\w²])", re.I
)


def _count_unit(after: str) -> str:
    """What a count counts, from the text after it: its noun ("650 jobs" -> "jobs"), or a run of
    capitalised words with the word after it ("40 South Korean nationals" -> "south korean
    nationals", not the "south" of "14,000 South Koreans visited")."""
    unit = _MEASURE.match(after)
    if unit:  # "312 m cable-stayed bridge" measures metres, it counts no cables
        return unit.group(1).lower()
    words = [w for w in re.findall(r"[A-Za-z]{3,}", after) if w.lower() not in _SKIP_UNIT]
    if not words:
        return ""
    if not words[0][0].isupper():
        return words[0].lower()
    run = 1
    while run < len(words) and words[run][0].isupper():
        run += 1
    return " ".join(w.lower() for w in words[: run + 1])


def values_of(text: str) -> list[Value]:
    """The typed values of a text as (kind, value, unit, start, end); a count's unit is what it
    counts (``_count_unit``), other kinds are their own unit."""
    out: list[Value] = []
    for q in find_quantities(text):
        unit = _count_unit(text[q.end : q.end + 40]) if q.kind == "count" else q.kind
        out.append((q.kind, q.value, unit, q.start, q.end))
    return out


def kinds_of(text: str, values: list[Value] | None = None) -> int:
    """Bit mask (KIND_BITS) of the kinds of answer a sentence can give."""
    bits = 0
    for v in values_of(text) if values is None else values:
        bits |= KIND_BITS[v[0]]
    if _FULL_NAME.search(text):
        bits |= KIND_BITS["name"]
    return bits


# a word of a name, its possessive left off ("Festival's" -> "Festival"; "O'Brien" kept whole)
_NAME_WORD = re.compile(r"(?<![\w’'-])[\w-]+(?:['’](?!s\b)[\w-]+)*")
# Words of a name that do not make it a new one: its title, and "The"/"In"/... opening a sentence.
_NOT_NEW = frozenset({t.lower() for t in TITLES} | {"the", "in", "on", "at", "of"})
# Titles written out make no name new either: "Harlow Junction Mayor Gil Sandoval" names no one the
# question "Who did Gil Sandoval defeat in the Harlow Junction election?" does not
_TITLE_WORDS = frozenset(
    "mayor president chief director minister secretary governor senator judge justice commissioner"
    " superintendent sheriff captain professor chair chairman chairwoman chairperson councillor"
    " councilor councilman councilwoman councilmember inspector sergeant detective constable"
    " lieutenant colonel general admiral commander deputy vice assistant executive officer"
    " spokesman spokeswoman spokesperson principal dean provost chancellor ambassador"
    " representative trustee treasurer attorney prosecutor coroner marshal coach premier".split()
)


@lru_cache(maxsize=256)  # one question is checked against every candidate sentence
def _name_words_known(question: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _NAME_WORD.findall(question)) | _NOT_NEW | _TITLE_WORDS


# one capitalised word after a word in lower case, with none after it ("through SafeLedger for")
_ONE_NAME = re.compile(rf"(?<![\w’'-])[a-z][\w’'-]*[,;:]?\s({_CAP})(?![\w’'-]|\s[A-Z&])")
# two capitalised words opening a sentence before a comma ("Ruth Okonjo-Baines, the museum's head")
_OPENING_NAME = re.compile(rf"(?:{_TITLE})?{_CAP}(?:{_JOIN}{_CAP})+(?=,)")
_CALENDAR = frozenset([*MONTHS, *WEEKDAYS])
# a name in quotes, all of it capitalised but for small words: the "Hearth & Home" gala, a
# "Refill the Hearth" drive (never a quoted sentence, whose words are mostly in lower case)
_QUOTED_NAME = re.compile(
    rf"(?<=[“\"]){_CAP}(?:(?:\s+(?:the|of|and|for|on|in|to|a|an))*{_JOIN}{_CAP})+(?=[”\"])"
)


# A question for a person's name, which one capitalised word seldom is ("Juniper" names a dog,
# "SafeLedger" a firm): "who ...", "what is the name of the man/official ...".
_PERSON_ASKED = re.compile(
    _WHO_WORD + r"|\bname\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:person|people|man|men|woman"
    r"|women|boy|girl|child|official|officer|minister|president|chief|director|spokes(?:man|woman|person)"
    r"|driver|pilot|victim|analyst|founder|owner|leader|head|judge|lawyer|doctor|nurse|captain|worker)\b",
    re.I,
)


_WHO = re.compile(_WHO_WORD, re.I)


def asks_who(question: str) -> bool:
    """The question says "who", "whom" or "whose"."""
    return bool(_WHO.search(question))


def person_asked(question: str) -> bool:
    """The question asks for a person's name ("who ...", "the name of the driver ...")."""
    return bool(_PERSON_ASKED.search(question))


def new_names(text: str, question: str) -> list[str]:
    """The names in a text with a word the question does not use: who answers "Who led X?"; for a
    question not asking for a person, one capitalised word not opening the sentence will do
    ("Which company provides the monitoring?": "through SafeLedger")."""
    known = _name_words_known(question)
    found = [
        m.group(0)
        for m in _FULL_NAME.finditer(text)
        if {w.lower() for w in _NAME_WORD.findall(m.group(0))} - known
    ]
    for m in _QUOTED_NAME.finditer(text):
        if {w.lower() for w in _NAME_WORD.findall(m.group(0))} - known:
            found.append(m.group(0))
    m = _OPENING_NAME.match(text)
    if m and not found and not m.group(0).isupper():  # "COLD FALLS, Mont. — ...": a dateline's place
        words = {w.lower() for w in _NAME_WORD.findall(m.group(0))}
        if words - known and not words & _CALENDAR and not any(map(is_stop_word, words)):
            found.append(m.group(0))
    if not _PERSON_ASKED.search(question):
        found += [
            m.group(1)
            for m in _ONE_NAME.finditer(text)
            if m.group(1).lower() not in known and m.group(1).lower() not in _CALENDAR
        ]
    return found


def full_names(text: str, question: str) -> set[tuple[str, ...]]:
    """The names of two words or more in a text (titles left out), as their words, with a word the
    question does not use: "Helen Marchbank" in "... by chief arbiter Helen Marchbank during ..."
    for "Who found it?"."""
    known = _name_words_known(question)
    out = set()
    for m in _FULL_NAME.finditer(text):
        words = [w for w in _NAME_WORD.findall(m.group(0)) if w.lower() not in _NOT_NEW]
        if len(words) >= 2 and {w.lower() for w in words} - known:
            out.add(tuple(words))
    return out


QUESTION_WORDS = ("what", "which", "when", "where", "who", "whom", "whose", "why", "how")


# Words that follow "how" in a question that asks for a value ("how many", "how long").
_HOW = ("many", "much", "long", "far", "old", "often", "heavy", "fast", "big", "tall", "deep")
# "how long", "how often": words that ask for a value, not words the answer need use ("A curfew
# ... would have addressed that in a week" uses "long" in "long ago" and says nothing of a
# marathon); not "how old", "how far", "how big", which "a 45-year-old", "as far as", "the biggest"
# tell more often than they mislead
HOW_VALUE = re.compile(r"\bhow\s+(?:long|often)\b", re.I)
# ... and words that follow "how" as themselves, one letter from one of those: "how cold" is no "how old"
_HOW_AS_IS = frozenset(("cold", "bold", "vast"))


def _spelt(word: str, words: tuple[str, ...]) -> str | None:
    """The one word of ``words`` one edit from ``word``, unless ``word`` is itself a common word
    ("then", "now") or there is none or more than one."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS
    from rapidfuzz.distance import OSA

    low = word.lower()
    if low in words or low in STOPWORDS_EN_PLUS:
        return None
    near = [w for w in words if OSA.distance(low, w) == 1]
    return near[0] if len(near) == 1 else None


def wh_spelt(question: str) -> str:
    """The question with a misspelt opening question word put right ("wat time" -> "what time"),
    and the word after "how" ("how meny" -> "how many")."""
    m = re.match(r"\W*([A-Za-z]+)", question)
    if not m:
        return question
    fixed = _spelt(m.group(1), QUESTION_WORDS)
    if fixed:
        question = question[: m.start(1)] + fixed + question[m.end(1) :]
    question = _WH_TYPO.sub(lambda t: _WH_TYPOS[t.group(0).lower()], question)
    m = re.match(r"\W*how\s+([A-Za-z]+)", question, re.I)
    fixed = _spelt(m.group(1), _HOW) if m and m.group(1).lower() not in _HOW_AS_IS else None
    return question[: m.start(1)] + fixed + question[m.end(1) :] if fixed else question


# Misspellings of "which" and "what" that are no English word, put right anywhere in a question
# ("came from wich country"); the opening word is also checked against every question word above.
_WH_TYPOS = {
    **dict.fromkeys(("wich", "whcih", "whihc", "wihch", "whic", "wihc", "whch"), "which"),
    **dict.fromkeys(("wat", "wht", "waht", "whta", "whaat"), "what"),
}
_WH_TYPO = re.compile(r"\b(?:" + "|".join(_WH_TYPOS) + r")\b", re.I)


# A few keywords typed instead of a question ("strike length", "court date", "reward amount"):
# the last word says what kind of value is wanted.
_KEYWORDS_WANT = {
    **dict.fromkeys(("length", "duration"), "length"),
    # "Vigo extension date": "by 2032" as well as a day; "walkout start time": a day or an hour
    **dict.fromkeys(("date", "year", "time"), "time"),
    "age": "age",  # "Castellane age"
    **dict.fromkeys(("cost", "price", "fee", "salary", "reward", "fine", "bill"), "money"),
    **dict.fromkeys(("percentage", "percent"), "percent"),
    **dict.fromkeys(("amount", "number", "total", "count"), "amount"),
    **dict.fromkeys(("name", "names"), "name"),  # "mediator name"
    "address": "address",  # "Elmstead branch address"
    **dict.fromkeys(("phone", "telephone"), "phone"),  # "outbreak hotline phone"
}
_KEYWORDS = re.compile(r"^\W*(?:[\w'’&.-]+\s+){1,5}(?P<last>[a-z]+)\W*$", re.I)
# a question asking with another question word, whose "who" after a noun starts a relative clause
_OTHER_WH = re.compile(r"\b(?:what|why|how|when|where)\b", re.I)
# the question's first question word, and a "how" after it, opening a clause it asks about
_QUESTION_WORD = re.compile(r"\b(?:what|which|who|whom|whose|how|when|where|why)\b", re.I)
_LATER_HOW = re.compile(r"\bhow\b", re.I)
_RELATIVE_WHO = re.compile(r"(?<=[a-z])\s+(?:who|whom|whose)\b(?=\s+[a-z])")


# answers that are names of a kind themselves ("Which party ...?", "Which university ...?")
_KINDS_NAMED = frozenset(("party", "school", "landmark", "country", "name"))


@lru_cache(maxsize=256)  # asked by the ranking, the abstention rules and the conflict check alike
def wanted(question: str) -> str | None:
    """The kind of answer a question asks for (a key of WANT_KINDS), or None."""
    question = wh_spelt(question)
    if _OTHER_WH.search(question):  # "What did the woman who fled say?" asks for no one's name
        question = _RELATIVE_WHO.sub(" that", question)
    first = _QUESTION_WORD.search(question)
    if first and first.group(0).lower() != "how":  # "Which researcher estimated how much ...?"
        later = _LATER_HOW.search(question, first.end())  # asks for a name, not for the amount
        question = question[: later.start()] if later else question
    for want, pattern in _WANTS:
        if pattern.search(question):
            # "Which consultancy estimated the cost of the stoppage?" asks for a name, not a sum
            if want not in _KINDS_NAMED and _NAME_KIND.search(question):
                return "name"
            return want
    m = _KEYWORDS.match(question)
    if m and "?" not in question and question.split()[0].lower() not in QUESTION_WORDS:
        words = question.lower().split()
        if words[-1] == "time" and words[-2] in _SPAN_TIMES:  # "journey time": a span, not a day
            return "length"
        return _KEYWORDS_WANT.get(m.group("last").lower())
    return None


_SPAN_TIMES = frozenset(
    "journey travel travelling traveling waiting wait response commute commuting flight run running "
    "transit lead turnaround delivery processing reaction recovery driving drive walking walk".split()
)


_HOW_MANY = re.compile(
    r"\bhow many\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?=\s+(?:of|in|at|on|for|from|did|does|do|was|were|is|are"
    r"|has|have|had|will|would|could|can|should|might|must)\b|\W*$)",
    re.I,
)


_HOW_MANY_WORD = re.compile(r"\bhow many\s+([\w'’-]+)", re.I)
_PLURALS = frozenset("people children men women personnel cattle sheep".split())


def reads_plural(word: str) -> bool:
    """A word that reads as a plural noun ("officers", "children"; not "bus", "process")."""
    return word in _PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    )


@lru_cache(maxsize=256)
def counted(question: str) -> tuple[str, ...]:
    """The words a "how many" question counts ("How many police officers were on duty?" ->
    ("police", "officers")), or () for any other question. When a verb follows them ("How many
    shots make up ...", "how many air tankers fought ..."), the first word ("shots", "air")."""
    question = wh_spelt(question)
    m = _HOW_MANY.search(question)
    if m:
        words = m.group(1).lower().split()
        # up to the first plural: "how many players took part", "how many children died"
        plural = next((n for n, w in enumerate(words) if reads_plural(w)), len(words) - 1)
        return tuple(words[: plural + 1])
    m = _HOW_MANY_WORD.search(question)
    return (m.group(1).lower(),) if m and not is_stop_word(m.group(1)) else ()


# "What is the population of Havana?", "What is the summit elevation of X?", "What is Ann Lee's
# salary?": the noun a question asks about, when it is named outright (the last of up to three).
_FOCUS = re.compile(
    r"\b(?:what|which)(?:'s|\s+(?:is|was|are|were|will be))\s+(?:the\s+)?"
    r"(?:(?P<mod>[a-z]+)\s+)?([a-z]+)\s+(?:of|for|in)\b",
    re.I,
)
_FOCUS_OWNED = re.compile(
    r"\b(?i:what|which)\s+(?i:is|was|are|were)\s+(?:(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*|the(?:\s+[a-z-]+){1,2})"
    r"(?:'s|’s|'|’)\s+"
    r"(?:[a-z]+\s+){0,2}?([a-z]+)(?=\s*(?:[?.!]|$)|\s+(?:as|in|at|for|of|on|last|this|next|during|after"
    r"|before|by|with|to|now|today)\b)"
)
# "When was X founded?": the event a question asks the date of, when it is named by a participle.
# ("In what year did X die?" is left alone: it is answered as often by "the death of X in 2016".)
# A participle that only times X ("When is the hearing scheduled?") names no event: X is the event.
_EVENT = re.compile(
    r"^\W*(?i:when|(?:in|on)\s+what\s+(?:year|date)|what\s+(?:year|date))\s+"
    r"(?i:was|were|is|are|has|have|had)\s+(?:.*?\s)?"
    r"(?!(?:scheduled|planned|expected|slated|timetabled|anticipated|projected|forecasted)\b)([a-z]+ed)\b(?!\s+to\b)"
)
# "Where was X born?": a birth no document reports (news gives ages far more often than birthplaces)
_BORN = re.compile(
    r"^\W*(?i:when|where|(?:in\s+)?(?:what|which)\s+(?:year|city|town|country))\s+(?i:was|were)\s.*\b(born)\b"
)
# "Who designed the bridge?", "Which company founded ...?": the deed making a thing, whose doer a
# question asks for; news seldom tells who designed or founded what it reports on
_DOERS = {
    "designed": ("designer", "architect"),
    "founded": ("founder",),
    "built": ("builder",),
    "invented": ("inventor",),
    "created": ("creator",),
}
_DONE_BY = re.compile(
    r"^\W*(?i:who|which\s+(?:company|firm|business|contractor|manufacturer|architects?|engineers?|person))"
    rf"\s+({'|'.join(_DOERS)})\b"
)
# "Was anyone arrested ...?", "Has X been fined ...?": a yes/no question about a deed or event,
# told by its participles; a corpus that never writes one of them ("arrest", "arrests") does not
# report it. Regular participles only: "-eed" words ("speed", "need") are no participles.
_YES_NO_PAST = re.compile(r"^\W*(?i:was|were|has|have|had|is|are)\s")
_PARTICIPLE = re.compile(r"\b[a-z]{2,}(?<!e)ed\b")


# "How much profit did X make?", "What revenue did X report?": a company's measures, asked for by
# name; a corpus that never writes the name does not give the measure.
_RESULTS = re.compile(
    r"^\W*(?i:what|which|how\s+much)\s+(?:(?i:annual|yearly|net|pre-tax|operating|total)\s+)?"
    r"((?i:profit|revenue|turnover|earnings))s?\b"
)
# Nouns that only frame a question ("the value of", "the name of"): not what it is about.
_FRAMES = frozenset(
    "value amount number total size cost price name title purpose reason cause result kind type role date "
    "dimensions measurements height width depth diameter weight age area code population "
    "year time level rate share percentage volume length duration distance speed capacity status goal "
    "aim outcome effect impact meaning source origin main first last best biggest largest basis nature "
    "extent significance background context rationale motive motivation explanation consequence "
    "consequences circumstances details idea point tag "
    # a sum named by what it pays for ("What was the bill for agency staff?": "Agency labor cost $1.7m")
    "bill "
    # a vote's tally is written as the tally itself ("voted 3-2"), seldom as "tally"
    "tally count margin "
    # a place named by its street address ("What is the address of the Elmstead Branch?")
    "address "
    # a deadline is written as the date itself ("must be submitted by March 31"), seldom as "deadline"
    "deadline "
    # a telephone number is written as the number ("call 555-0142"), seldom after "phone number"
    "phone telephone "
    # what someone does is written as the job itself ("a retired schoolteacher"), seldom as "job"
    "job profession occupation career position post".split()
)


# the last word of a post someone holds
_POSTS = (
    r"(?:officer|executive|director|manager|president|chair|chairman|chairwoman|chairperson"
    r"|spokes(?:man|woman|person)|minister|secretary|mayor|governor|captain|coach|head|chief|leader"
    r"|commander|founder|owner|editor|lawyer|attorney|economist|analyst|adviser|advisor|engineer"
    r"|architect|doctor|physician|judge|treasurer|superintendent|principal|dean|provost|chancellor"
    r"|sheriff|commissioner|inspector|agent|ceo|cfo|coo)"
)
# a word saying when a role is held, before it: "the new mayor", "the acting chief"
_WHEN_HELD = r"(?:(?:new|current|former|acting|interim)\s)?"
_ROLE = re.compile(
    r"^\W*(?:(?i:who)(?:'s| (?:is|was|are|were|will be|has been))"
    # "What is the name of the captain of the MS Lotte?" asks who holds a role, too
    r"|(?i:what)(?:'s|’s|s| is| was)? the name of"  # "whats the name of" is read as "what the name of"
    r"(?= (?:the |a |an )?[a-z][\w-]+(?: [a-z][\w-]+){0,2} (?:of|at|in|for) "
    # ... and "What is the name of Prairie Cross Health's chief financial officer?" (a post, not a dog)
    r"| [A-Z][\w.&-]*(?:\s[\w.&-]+){0,3}['’]s?\s(?:[a-z][\w-]+ ){0,2}" + _POSTS + r"\W*$))"
    r"\s+(?:the |a |an )?"
    + _WHEN_HELD
    # an owner written before the role ("Cuba's", "the club's"; not "the president of the nurses' ...")
    + r"(?:(?P<owner>(?![a-z][\w-]*\sof\b)[\w.&-]+(?:\s[\w.&-]+){0,3})['’]s?\s)?"
    # a role in lower case, or written short in capitals ("CEO", "CFO")
    r"(?P<role>[A-Z]{2,4}(?=\s*(?:[?.,]|$|\s(?:of|at|for|in)\b))"
    r"|[a-z][\w-]+(?:\s(?!(?:of|to|in|at|for|on|from|with|and|behind|who|that|which|whose)\b)[a-z][\w-]+){0,2})\b"
)
# roles named with their field after "of" ("head of security", "director of communications")
_FIELD_ROLES = frozenset("head chief director minister secretary commissioner manager president".split())
# "of" opening a role's field: a word in lower case, no determiner ("of communications", not "of the")
FIELD_OF = r"\s+of\s+(?!(?:the|a|an|this|that|its|his|her|their)\b)"
_ROLE_OF_FIELD = re.compile(
    r"(" + FIELD_OF + r"[a-z][\w-]+(?:\s(?!(?:at|for|in|of|on)\b)[a-z][\w-]+)?)"
    r"(?=\s*(?:[?.,]|$|\s(?:at|for|in|of|on)\b))"
)
_ROLE_OF = re.compile(
    r"\s+(?:of|in|at|for)\s+(?:the\s+)?(?P<owner>[^?,;]+?)\s*(?:[?,;]|$|\s(?:who|that|which)\b)"
)


# "What does SCC stand for?", "BPA meaning", "What is the NMC?": what an acronym stands for
_ACRONYM_ASKED = re.compile(
    r"^\W*(?:what\s+(?:does|do|did)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+|initials\s+)?"
    r"(?P<a>[A-Za-z]{2,7})\s+(?:stand|stands)\s+for"
    r"|what(?:'s|\s+is)\s+(?:the\s+)?(?:meaning|full\s+(?:form|name))\s+of\s+(?:the\s+)?(?P<b>[A-Za-z]{2,7})"
    r"|(?P<c>[A-Za-z]{2,7})\s+(?:meaning|stands?\s+for|full\s+(?:form|name)|definition|abbreviation|acronym)"
    r"|(?:what|who)(?:'s|\s+is|\s+are|\s+was)\s+(?:the\s+|an?\s+)?(?P<d>[A-Z]{2,7}))\W*$",
    re.I,
)


def acronym_asked(question: str) -> str | None:
    """The acronym whose meaning a question asks for, in capitals ("what does bpa stand for" ->
    "BPA"); None for any other question."""
    m = _ACRONYM_ASKED.search(question)
    if not m:
        return None
    short = next(g for g in m.groups() if g)
    if m.group("d") and not short.isupper():  # "What is tax?" asks nothing about an acronym
        return None
    return short.upper()


# "What did Karin Albers say about the inspection?", "What did Gov. Maureen Calder say at her news
# conference about the landslide?", "What did Capt. Vasey tell the investigators?": what someone
# named said, on a subject or not
_SAY = r"(?:say|said|tell|told|think|thought|write|wrote|claim|claimed|comment|commented)"
_QUOTE_ASKED = re.compile(
    r"^\W*what\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>(?:(?!\b"
    + _SAY
    + r"\b).)+?)\s+"
    + _SAY
    # (a place or an occasion may come between: "at her news conference")
    + r"(?:\s+(?:[a-z]+\s+|(?:at|in|to|during|after|before|with)\s+(?:[\w'’-]+\s+){1,3}?)?(?:about|on|of)"
    r"\s+(?P<topic>.+?)|(?:\s+[a-z][\w'’-]*){0,3})\W*$",
    re.I,
)


def quote_asked(question: str) -> tuple[list[str], list[str], str] | None:
    """The speaker's names, the speaker's role and the subject of a "What did <someone> say about
    <X>?" question: (["Karin", "Albers"], [], "the inspection") for "What did Karin Albers say about
    the inspection?", (["Ashbridge"], ["mayor"], "the closures") for "What did the mayor of
    Ashbridge say about the closures?"; None when it is no such question."""
    m = _QUOTE_ASKED.search(wh_spelt(question))
    if not m:
        return None
    who = m.group("who")
    names = [re.sub(r"['’]s?$", "", w) for w in re.findall(r"\b[A-Z][\w’'-]+", who)]
    roles = [w for w in re.findall(r"(?<![\w’'-])[a-z][\w-]*", who) if not is_stop_word(w)]
    return (names, roles, m.group("topic") or "") if names or roles else None


# who can say something, by post or as a body: "the governor", "the state environmental agency"
_SPEAKER = re.compile(
    _POSTS + r"s?|(?:agency|agencies|department|ministry|council|board|union|company|commission|authority"
    r"|government|office|police|court|committee|regulator|watchdog)"
)


def speaker_role(question: str) -> str | None:
    """The post or body a "What did the governor say about X?" question asks the words of, as its
    last word ("governor", "agency"); None for a speaker named or a document ("What did the
    harbour authority's February bulletin say ...?")."""
    asked = quote_asked(question)
    if not asked or not asked[1]:
        return None
    head = asked[1][-1]  # a role's word holds no apostrophe: "the authority's" reads "authority"
    return head if _SPEAKER.fullmatch(head) else None


def role_asked(question: str) -> str | None:
    """The role a "Who is the mayor of X?" or "Who is Cuba's president?" question asks about; not
    in "who is kelsey mar", whose words, with neither an article nor an owner, make a name."""
    found = _role_question(question)
    return found[0] if found else None


def role_owner(question: str) -> str | None:
    """Whose role a role question asks about: "Cuba" in "Who is Cuba's president?" and in "Who is
    the president of Cuba?"; None when it says no one's ("Who is the sheriff?")."""
    found = _role_question(question)
    return found[1] if found else None


# "Who is the Tallowbrook Energy spokesperson?": an owner named before the role, with no "'s"
_WHO_IS_THE = r"^\W*(?i:who)(?:'s| (?:is|was|are|were|will be|has been))\s+the\s+"
_ROLE_AFTER_OWNER = re.compile(
    _WHO_IS_THE
    + r"(?P<owner>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})\s+(?P<role>[a-z][\w-]+(?:\s[a-z][\w-]+){0,2})\W*$"
)
# ... or the role capitalised as a title: "Who is the Calder County District Attorney?"
_TITLED_ROLE_AFTER_OWNER = re.compile(
    _WHO_IS_THE
    + r"(?P<owner>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3}?)\s+(?P<role>(?i:(?:district|police|fire|chief"
    r"|executive|general|managing|medical|press|finance|health|city|county|state)\s)?(?i:"
    + _POSTS
    + r"))\W*$"
)
# ... or capitalised as a title after a word in lower case: "Who is the state Agriculture Commissioner?"
_TITLED_ROLE = re.compile(
    _WHO_IS_THE
    + _WHEN_HELD
    + r"(?P<role>(?:[a-z][\w-]+\s){1,2}(?:[A-Z][\w-]+\s){1,2}(?i:"
    + _POSTS
    + r"))\W*$"
)
_VERB_FORM = re.compile(r"..(?:ing|ed)$")
# The top post of a body, however it is titled, is what "Who heads (runs, leads) X?" and "Who is
# the head (boss, leader) of X?" ask about: "Its managing director, Richard Pell", "Janet Okafor,
# leader of Stallford Borough Council", "Carl Ostrander, the authority's executive director".
TOP_POSTS = (
    "head chief executive ceo president chair chairman chairwoman chairperson director leader "
    "manager owner commissioner superintendent principal boss".split()
)
_POSTS_BY_VERB = {
    "chairs": ("chair", "chairman", "chairwoman", "chairperson"),
    "manages": ("manager", "director", "owner"),
}
_LEADS = re.compile(r"^\W*(?i:who)\s+(?i:(heads|runs|leads|chairs|manages))\s+(?P<owner>.*?)\W*$")
# ... the verb's forms: "Capt. Leon Harwick, who leads the ...", "Ada Whitlow has run the store"
_VERB_FORMS = {
    "heads": "head|heads|headed|heading",
    "runs": "run|runs|ran|running",
    "leads": "lead|leads|led|leading",
    "chairs": "chair|chairs|chaired|chairing",
    "manages": "manage|manages|managed|managing",
}
# words that leave a role asking for the top post: "the top boss", "the elected head" (not "the
# fire chief", "the head of security")
_GENERIC_POST = re.compile(
    r"(?:(?:top|elected|overall|new|current|acting|interim)\s)?(?:head|boss|leader|chief)"
)


@dataclass(frozen=True)
class TopPost:
    """What a question asking who heads a body asks for: the posts that answer it, the body when
    the question names it ("Koch's Bakery"; None for "the municipal water agency", which the
    sentences call otherwise), and the forms of its verb ("leads", "led" ...; "" for "Who is the
    head of X?")."""

    posts: tuple[str, ...]
    owner: str | None
    verb: str = ""

    def done_by_name(self, text: str) -> bool:
        """The text says a person named does it, to the body named when the question names one:
        "Capt. Leon Harwick, who leads the state police Computer Crimes Unit", "Ada Whitlow, 64,
        has run the Larch Hollow General Store for 31 years" (not "Councilman Tobias Renfrew, who
        chairs the council's finance committee" for the Friends of the Elmstead Library); "Patrick
        Ostrander, a retired schoolteacher who chairs ..." as well."""
        if not self.verb:
            return False
        owned = set(tokenize(self.owner)) if self.owner else set()
        return any(
            not owned or owned & set(tokenize(m.group(1)))
            for m in re.finditer(
                r"\b[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)+(?:,\s\d{1,3})?(?:,\s(?:a|an|the)\s[^,;.]{0,50}?)?,?\s(?:who\s)?"
                rf"(?:(?:has|had|have|now|also|still|currently)\s)*(?:{self.verb})\s((?:\S+\s*){{1,6}})",
                text,
            )
        )


# "Who speaks to reporters on behalf of the power company?": the spokesperson's post
_TO_THE_PRESS = r"(?i:to)\s+(?:the\s+)?(?i:reporters|press|media|journalists)"
_SPEAKS_FOR = re.compile(
    rf"^\W*(?i:who)\s+(?i:speaks|talks)\s+(?:{_TO_THE_PRESS}\s+)?"
    rf"(?i:for|on\s+behalf\s+of)\s+(?P<owner>.*?)(?:\s+{_TO_THE_PRESS})?\W*$"
)
SPOKESPEOPLE = ("spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople")


def top_posts(question: str) -> TopPost | None:
    """The posts (``TOP_POSTS``; for "Who chairs X?" the chair's, for "Who manages X?" a
    manager's, for "Who speaks for X?" a spokesperson's) that answer a question asking who heads
    (or speaks for) a body."""
    m = _SPEAKS_FOR.match(question)
    if m:
        return TopPost(SPOKESPEOPLE, _named(m.group("owner")))
    m = _LEADS.match(question)
    if m:
        verb = m.group(1).lower()
        posts = _POSTS_BY_VERB.get(verb, tuple(TOP_POSTS))
        return TopPost(posts, _named(m.group("owner")), _VERB_FORMS[verb])
    found = _role_question(question)
    if not found or not _GENERIC_POST.fullmatch(found[0].lower()):
        return None
    role = found[0].split()[-1]
    if re.search(rf"\b(?i:{role})\s+of\s+(?!(?:the|a|an)\b)[a-z]", question):
        return None  # "Who is Brightwater's head of art claims?"
    return TopPost(tuple(TOP_POSTS), found[1])


def _named(owner: str) -> str | None:
    """The body a question names with a capital ("Koch's Bakery"), or None ("the municipal water
    agency", which the sentences may call otherwise)."""
    return owner if re.search(r"\b[A-Z]", owner) else None


@lru_cache(maxsize=256)
def _role_question(question: str) -> tuple[str, str | None] | None:
    """(role, owner) of a role question (``role_asked``, ``role_owner``), or None."""
    m = (
        _ROLE_AFTER_OWNER.search(question)
        or _TITLED_ROLE_AFTER_OWNER.search(question)
        or _TITLED_ROLE.search(question)
        or _ROLE.search(question)
    )
    if not m:
        return None
    role, end = m.group("role"), m.end()
    if m.re is not _ROLE:
        role = role.lower()
    compound = _ROLE_OF_FIELD.match(question, end)  # "the head of security at the museum"
    if compound and role.split()[-1].lower() in _FIELD_ROLES:
        role, end = role + compound.group(1), compound.end(1)
    of = _ROLE_OF.match(question, end)
    owner = m.groupdict().get("owner") or (of.group("owner") if of else None)
    bare = not re.search(r"\b(?:the|a|an)\s+(?:\w+\s+){0,1}$", question[: m.start("role")], re.I)
    if bare and (owner is None or _VERB_FORM.search(role.split()[0])):
        return None  # a name ("who is kelsey mar"), a deed ("Who is paying for the van?")
    return role, owner


def focus_word(question: str) -> str | None:
    """The noun a "what is the X of ..." or "what is Y's X" question asks about, unless it only
    frames the question, the event a "when was X founded" question asks the date of, or the deed
    a "who designed X" question asks the doer of, or the measure of a firm's results a "how much
    profit" question asks for."""
    m = _FOCUS.search(question) or _FOCUS_OWNED.search(question)
    focus = m.group(m.re.groups).lower() if m else None  # the pattern's last group: the noun
    if focus and focus not in _FRAMES:
        return focus
    m = (
        _EVENT.search(question)
        or _BORN.search(question)
        or _DONE_BY.search(question)
        or _RESULTS.search(question)
    )
    return m.group(1).lower() if m else None


def yes_no_deeds(question: str) -> list[str]:
    """The participles of a yes/no question asking whether something was done ("arrested" in
    "Was anyone arrested after the crash?", "sued" in "Has the rider sued the firm?")."""
    m = _YES_NO_PAST.match(question)
    return _PARTICIPLE.findall(question, m.end()) if m else []


def doers(deed: str) -> tuple[str, ...]:
    """The nouns naming whoever did a deed a "Who designed X?" question asks about ("designer",
    "architect"): a corpus writing one of them reports the deed in other words."""
    return _DOERS.get(deed, ())


# words that qualify the thing asked about without naming a kind of it ("the total cost of")
_QUALIFIERS = frozenset(
    "total overall final original initial official exact approximate estimated expected average "
    "maximum minimum top first second third last latest current new old full main leading real actual "
    "annual yearly monthly weekly daily likely precise proposed planned reported combined net gross "
    "basic key primary general whole entire usual normal typical present former future previous "
    # the kinds of an address or a number that its pattern finds: "What is the street address of
    # ...?", "What is the phone number of the hotline?"
    "street mailing postal physical phone telephone".split()
)


def focus_modifier(question: str) -> str | None:
    """The word naming the kind of thing a "what is the X Y of/in ..." question asks about ("cod"
    in "What is the cod quota in the zone?"); not a word qualifying it ("total", "largest")."""
    m = _FOCUS.search(question)
    word = m.group("mod").lower() if m and m.group("mod") else None
    if not word or word in _QUALIFIERS or word.endswith(("est", "ly")) or is_stop_word(word):
        return None
    return word


# "Where ...?", and "On which road ...?", "In what town ...?": a place
_WHERE = re.compile(
    r"^\W*(?:where\b|(?:on|in|at|near|along)\s+(?:which|what)\s+(?:road|street|avenue|lane|highway|route"
    r"|town|city|village|county|district|neighbou?rhood|suburb|building|site|venue|island|river|port|campus)\b)",
    re.I,
)
# A place: "in Lisbon", "at the Global Malaria Forum", "on Dunmore Road" (not "on Monday", "in March")
_PLACE = re.compile(
    r"\b(?:in|at|on|near|outside|inside|beside|off|into|onto|from)\s+(?:the\s+)?"
    + _NOT_A_DATE
    + r"([A-Z][\w’'-]*)"
)


def asks_where(question: str) -> bool:
    return bool(_WHERE.search(question))


def names_a_place(text: str, question: str) -> bool:
    """True when ``text`` gives a place the question does not name ("in Greyhithe" answers no
    "Where exactly in Greyhithe ...?")."""
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    return any(m.group(1).lower() not in asked for m in _PLACE.finditer(text))
