"""Lexical side of retrieval: one tokenizer for documents and questions, and BM25 (bm25s) over
the answer sentences."""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:\.[^\W\d_])+\.?|[^\W_]+")
_local = threading.local()
MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)
# a month's name or short form -> its number ("feb" -> 2, "sept" -> 9)
MONTH_NUMBERS = {name: i for i, m in enumerate(MONTHS, 1) for name in (m, m[:3])} | {"sept": 9}
# a month's name or short form as a whole word, in lower case ("feb", "february"; not "febrile", "mayor")
MONTH_PATTERN = r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\b"
# a month's name read as its short form ("february" -> "feb"), as dates are indexed
_MONTH_NAMES = {**{m: m[:3] for m in MONTHS if m != "may"}, "sept": "sep"}


# Days of the week: a question's word, but no name that makes it specific ("What time did the
# march start on Saturday?" is no less answered by "The march began at 11 a.m.").
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _stopwords() -> frozenset[str]:
    stop = getattr(_local, "stop", None)
    if stop is None:
        from bm25s.stopwords import STOPWORDS_EN_PLUS

        # Question frames carry no content: "how much", "what kind of", "tell me", "according to".
        stop = _local.stop = frozenset(STOPWORDS_EN_PLUS) | {
            "tell",
            "please",
            "give",
            "much",
            "many",
            "kind",
            "sort",
            "type",
            "would",
            "could",
            "also",
            "exactly",
            "roughly",
            "approximately",
            "according",
            "ever",
            "us",
        }
    return stop


# Words that ask for what a question wants rather than name anything the pages must write.
_ASKS_FOR_NAME = frozenset(("name", "names"))


def is_stop_word(word: str) -> bool:
    """A word that carries no content in a question ("the", "what", "much", "tell")."""
    return word.lower() in _stopwords()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # PyStemmer objects are not shared between threads
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")


# Short forms people type for what news writes out: "Who is the CEO?" -> "chief executive".
_SHORT_FORMS = {
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "pm": "prime minister",
    "govt": "government",
    "dept": "department",
    "intl": "international",
    "tv": "television",
    "eu": "european union",
    "ai": "artificial intelligence",
    "hq": "headquarters",
    "mp": "member of parliament",
    "mps": "members of parliament",
    "ev": "electric vehicle",
    "evs": "electric vehicles",
}

# short forms of common nouns, not of names ("EU" is one)
_COMMON_SHORT = frozenset(_SHORT_FORMS) - {"eu", "intl"}

# a role's word in a gendered or neutral form: "spokes|woman", "chair|person", "council|men"
_GENDERED = re.compile(r"([a-z]{4,}?)(persons|person|people|woman|women|man|men)")


def short_form(word: str) -> str | None:
    """What a short form stands for ("ceo" -> "chief executive"), or None."""
    return _SHORT_FORMS.get(word)


# Question words a typo may hide ("wat", "wich", "wen", "hwo"); "with"/"from" and the like too.
_STOP_LIST = [
    "what",
    "which",
    "when",
    "where",
    "who",
    "whom",
    "whose",
    "why",
    "how",
    "with",
    "from",
    "does",
    "did",
    "the",
    "was",
    "were",
    "about",
    "many",
    "much",
    "their",
    "according",
    "between",
    "before",
    "after",
    "during",
    "because",
    # ... and others long enough to be misspelt ("who voted agianst the quary expansion")
    "against",
    "through",
    "until",
    "while",
    "would",
    "could",
    "should",
    "there",
    "these",
    "those",
    "other",
    "under",
    "above",
    "below",
    "again",
]

# Endings of demonyms and how the place's name ends instead: Kenya-n, Canad-ian/a, Japan-ese,
# Chin-ese/a, Mexic-an/o, Ital-ian/y, Ukrain-ian/e, Israel-i, German/y.
_DEMONYM = (
    ("n", ("",)),
    ("ian", ("", "a", "y", "e")),
    ("an", ("", "a", "o", "e")),
    ("ese", ("", "a")),
    ("i", ("",)),
    ("", ("y",)),
)

# A capitalised word that does not open the text: "When did Japan ...", not "When".
_CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]*")
_WORD_CASED = re.compile(r"[^\W\d_]+")


def _proper_words(texts: Sequence[str]) -> list[str]:
    """Words (lower-cased, not stemmed) written capitalised in at least 80% of their uses inside
    sentences: "kenya", "national" (of "National Markets Commission"), not "nations"."""
    caps: dict[str, int] = {}
    seen: dict[str, int] = {}
    stop = _stopwords()
    for text in texts:
        for n, m in enumerate(_WORD_CASED.finditer(text)):
            word = m.group(0)
            low = _fold(word)
            if n == 0 or low in stop or len(low) < 2:
                continue
            seen[low] = seen.get(low, 0) + 1
            caps[low] = caps.get(low, 0) + word[0].isupper()
    return sorted(w for w, n in seen.items() if caps[w] >= 0.8 * n)


# a name after "by" outside the sentences: "By Kim Hale | May 2", "Posted by Mara Ellison on ..."
_SIGNED = re.compile(r"\b[Bb]y\s+([A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_]+)+)")


def _nearest(
    word: str,
    words: list[str],
    limit: int | None = None,
    same_start: bool = True,
    used: Callable[[str], int] | None = None,
) -> str | None:
    """The word of ``words`` fewest edits away (one, two for long words), of those the one ``used``
    most ("chuef": "chief" over "chef" in a story of fire chiefs); None when none is near."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    if limit is None:
        limit = 1 if len(word) < 8 else 2
    near = process.extract(word, words, scorer=OSA.distance, score_cutoff=limit, limit=None)
    found = [
        (distance, -(used(w) if used else 0), i, w)
        for w, distance, i in near
        if w[0] == word[0] or not same_start  # typos rarely change the first letter
    ]
    return min(found)[3] if found else None


# "U.S." and "US" for the United States, which lower-cased would be the stop word "us"
_US = re.compile(r"\bU\.S\.(?![A-Za-z])|\bU\.S\b|\bUS\b")


def raw_terms(text: str) -> list[str]:
    """Lower-cased words and numbers, accents folded; "U.S." -> "usa", "14,000" -> "14000"."""
    terms = []
    for tok in _TOKEN.findall(_fold(_US.sub("USA", text))):
        if tok[0].isdigit():
            tok = tok.replace(",", "")
            if tok.endswith(".0"):
                tok = tok[:-2]
        else:
            tok = tok.replace(".", "")
            tok = _MONTH_NAMES.get(tok, tok)
        terms.append(tok)
    return terms


def content_words(text: str) -> list[str]:
    """The words of a text that carry content (stop words and single letters dropped), not stemmed."""
    stop = _stopwords()
    return [t for t in raw_terms(text) if t not in stop and (len(t) > 1 or t.isdigit())]


def stem_words(words: Sequence[str]) -> list[str]:
    """The terms (stems) of words, as the index reads them."""
    return _stemmer().stemWords(list(words))


def tokenize(text: str) -> list[str]:
    """Stemmed content terms of a text, for BM25 and term overlap."""
    return stem_words(content_words(text))


class LexicalIndex:
    """BM25 over a list of texts, with per-term document frequencies for IDF weights."""

    def __init__(self, bm25, words: list[str] | None = None, proper: list[str] | None = None) -> None:
        self.bm25 = bm25
        self.words = words or []  # the corpus's own words, unstemmed, for typo correction
        self._word_set = frozenset(self.words)
        self.proper = frozenset(proper or [])  # words the corpus writes as names
        indptr = np.asarray(bm25.scores["indptr"])
        self.doc_freq = np.diff(indptr)
        self.n_docs = int(bm25.scores["num_docs"])
        self.vocab: dict[str, int] = bm25.vocab_dict

    @classmethod
    def build(cls, texts: Sequence[str], around: Sequence[str] = ()) -> LexicalIndex:
        """Index texts (one BM25 document each). ``around``: the pages' text outside them (bylines,
        mastheads); the words of the names it gives after "by" ("Posted by Mara Ellison") that no
        text uses are names however a question types them ("mara ellison's dog")."""
        import bm25s

        words_per_text = [content_words(t) for t in texts]
        stem = _stemmer().stemWords
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        # An empty token list would be dropped by bm25s and shift the rows; keep a placeholder (and
        # one placeholder text for a folder with no text at all, which bm25s cannot index).
        bm25.index([stem(w) or ["\x00"] for w in words_per_text] or [["\x00"]], show_progress=False)
        words = sorted({w for ws in words_per_text for w in ws if w.isalpha() and len(w) > 2})
        used = {w for ws in words_per_text for w in ws}
        named = {_fold(w) for text in around for m in _SIGNED.finditer(text) for w in m.group(1).split()}
        return cls(bm25, words, sorted(set(_proper_words(texts)) | (named - used - _stopwords())))

    def save(self, folder: Path) -> None:
        self.bm25.save(str(folder), show_progress=False)
        (Path(folder) / "words.json").write_text(
            json.dumps({"words": self.words, "proper": sorted(self.proper)}), encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path, *, mmap: bool = False) -> LexicalIndex:
        import bm25s

        bm25 = bm25s.BM25.load(str(folder), mmap=mmap, show_progress=False, allow_pickle=False)
        extra = json.loads((Path(folder) / "words.json").read_text(encoding="utf-8"))
        return cls(bm25, extra["words"], extra["proper"])

    def query_terms(
        self, text: str, dictionary: frozenset[str] = frozenset()
    ) -> tuple[list[str], list[bool]]:
        """Stemmed content terms of a question, and which of them name something (a number, a
        capitalised word, or a word the corpus writes as a name). A short form the corpus writes
        out ("CEO") and a demonym whose place it names ("Kenyan") are read as the corpus's words. A
        word that is neither in the corpus nor in ``dictionary`` (known words) is taken as a typo
        and replaced by the nearest corpus word (one edit, two for long words)."""
        stem = _stemmer().stemWords
        named = set(raw_terms(" ".join(_CAPITALISED.findall(text))))  # "Ellison's", "Díaz-Canel"
        terms: list[str] = []
        names: list[bool] = []
        for word, term in zip(words := content_words(text), stem(words), strict=True):
            surface, place = word, None
            long_form = _SHORT_FORMS.get(word) if term not in self.vocab else None
            if long_form and all(t in self.vocab for t in stem(long_form.split())):
                for t in stem(long_form.split()):  # words of the corpus, not names
                    if t not in terms:
                        terms.append(t)
                        names.append(False)
                continue
            # "mediator name": the question asks for a name, the pages need not write "name"
            asking = word in _ASKS_FOR_NAME and not re.search(rf"\b{word}\s+of\b", text, re.I)
            if term not in self.vocab and asking:
                continue
            if term not in self.vocab and word.isalpha():
                place = self._place_of(word)  # "Kenyan" -> "kenya"
                term = place or term
            if term not in self.vocab and (other := self._other_gender(word)):
                term, surface = stem([other])[0], other  # "spokesperson" written "spokeswoman"
            if term not in self.vocab and word not in dictionary and word.isalpha() and len(word) >= 3:
                fix = self._correction(word)
                if fix in _STOP_LIST:
                    continue  # a misspelt stop word: "wat", "wich", "wiht"
                if fix:
                    term, surface = stem([fix])[0], fix
            if term not in terms:
                terms.append(term)
                # a month is a name only as the question writes it: "the march" is no "March 12"
                proper = surface in self.proper and surface.lower() not in MONTHS
                names.append(
                    surface.lower() not in WEEKDAYS
                    and word not in _COMMON_SHORT  # "told the TV station": no name, written or not
                    and (word[0].isdigit() or word in named or bool(place) or proper)
                )
        return terms, names

    def _other_gender(self, word: str) -> str | None:
        """The corpus's word for the same role in another gender's form ("spokesperson" for
        "spokeswoman", "chairmen" for "chairpersons"), or None."""
        m = _GENDERED.fullmatch(word.lower())
        if not m:
            return None
        plural = ("people", "persons", "women", "men")
        forms = plural if m.group(2) in plural else ("person", "woman", "man")
        stem = _stemmer().stemWords
        for form in forms:
            other = m.group(1) + form
            if other != word.lower() and stem([other])[0] in self.vocab:
                return other
        return None

    def spelt(self, text: str, dictionary: frozenset[str] = frozenset()) -> str:
        """The text with the words ``query_terms`` reads as typos put right, for the model to read
        ("how meny nurses were trainned" -> "how many nurses were trained"); the rest unchanged."""
        known, stop = self._word_set, _stopwords()
        parts: list[str] = []
        pos = 0
        for m in _WORD_CASED.finditer(text):
            word = _fold(m.group(0))
            if len(word) < 3 or word in dictionary or word in known or word in stop or self._place_of(word):
                continue
            fix = self._correction(word)
            if fix is not None:
                parts += [text[pos : m.start()], fix]
                pos = m.end()
        return "".join(parts) + text[pos:] if parts else text

    def _correction(self, word: str) -> str | None:
        """What a misspelt word stands for: a question word or other stop word one edit away
        ("wat" -> "what"), else the nearest word of the corpus; None when nothing is near."""
        fix = _nearest(word, _STOP_LIST, limit=1, same_start=False)
        if fix is None and len(word) >= 4 and self.words:
            fix = _nearest(word, self.words, used=self._uses)
        return fix

    def one_letter_off(self, word: str) -> str | None:
        """The corpus word one letter changed or two swapped from a word the corpus never writes
        ("major" -> "mayor"), the one used most when several are; None when the corpus writes the
        word or none is near. A letter more or less makes another word ("officer", "office")."""
        low = word.lower()
        if low in self._word_set or not self.words:
            return None
        return _nearest(low, [w for w in self.words if len(w) == len(low)], limit=1, used=self._uses)

    def _uses(self, word: str) -> int:
        """How many sentences use a word (by its stem)."""
        term = self.vocab.get(_stemmer().stemWord(word))
        return int(self.doc_freq[term]) if term is not None else 0

    def only_another_verb(self, participle: str) -> bool:
        """The corpus writes the stem of an "-ed" participle only as a bare base that is another
        verb's past tense: "founded" in a corpus whose only word of that stem is "found" (the
        past of "find")."""
        stem_of = _stemmer().stemWord
        stem = stem_of(participle.lower())
        forms = [w for w in self.words if w.startswith(stem) and stem_of(w) == stem]
        return bool(forms) and all(w == participle.lower()[:-2] for w in forms)

    def _place_of(self, word: str) -> str | None:
        """The corpus term for the place a demonym names, when the corpus writes the place, not
        the demonym: "kenyan(s)" -> "kenya", "canadian" -> "canada", "japanese" -> "japan"."""
        stem = _stemmer().stemWord
        word = word[:-1] if word.endswith("ns") else word  # "Kenyans"
        for suffix, tails in _DEMONYM:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:  # not "tax-i"
                base = word[: len(word) - len(suffix)]
                for tail in tails:
                    term = stem(base + tail)
                    if term in self.vocab:
                        return term
        from .aliases import country_of_demonym  # aliases reads its names with this module's tokenize

        place = country_of_demonym().get(word)  # "danish" -> "denmark", "dutch" -> "netherlands"
        return stem(place) if place and stem(place) in self.vocab else None

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every indexed text for the query terms (zeros when none is known)."""
        ids = [self.vocab[t] for t in terms if t in self.vocab]
        if not ids:
            return np.zeros(self.n_docs, dtype=np.float32)
        return self.bm25.get_scores_from_ids(ids)

    def max_idf(self) -> float:
        """The IDF of a term the corpus never uses: the largest ``idf`` can give."""
        return self._idf(0)

    def idf(self, term: str) -> float:
        """BM25-style IDF of a term; a term the corpus never uses gets the highest value."""
        i = self.vocab.get(term)
        return self._idf(int(self.doc_freq[i]) if i is not None and i < len(self.doc_freq) else 0)

    def _idf(self, df: int) -> float:
        return math.log(1.0 + (self.n_docs - df + 0.5) / (df + 0.5))
