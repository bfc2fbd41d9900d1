"""Retrieval: dense (FAISS, sentences and chunks) and lexical (BM25 over sentences) search, merged
into one list of candidate answer sentences with the features the answer step scores them by."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .aliases import Acronyms, Phrase, country_names
from .embedding import WordVectors
from .evidence import a_person, compound_names, names_namesake, sentence_text
from .furniture import days_named
from .index import IndexData, make_faiss, rows, text_around
from .lexical import content_words, is_stop_word, stem_words, tokenize
from .quantities import (
    EXACT_WORDS,
    HOW_VALUE,
    doers,
    focus_modifier,
    focus_word,
    role_asked,
    speaker_role,
    top_posts,
    yes_no_deeds,
)

DEPTH = 40  # candidates taken from each of the dense and the lexical lists
K1 = 1.2  # BM25 k1 (see lexical.LexicalIndex.build)
# The cosine (the model's vectors of two words read alone) from which a word of the corpus stands for
# a question's word the corpus never uses: "bought" for "buy", "children" for "kids", "death" for
# "die". Weighed by that cosine times its own IDF.
WORD_MATCH = 0.7
PRONOUN_REACH = 3  # how far back a sentence's "he", "she" or "his" finds whom it is about
_PRONOUN_IN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
_NAME_RUN = re.compile(r"\b[A-Z][a-z][\w’'-]*(?:\s[A-Z][a-z][\w’'-]*)+")  # "Felix Ardent", not "EASTON RIDGE"
IDF_SCALE = 5.43  # the mean largest IDF of the nine question sets' corpora (about 110 sentences each)
FEATURES = (
    "dense",
    "context",
    "lexical",
    "own",
    "window",
    "length",
    "lead",
    "name_gap",
    "doc_gap",
    "distinct",
)


@dataclass
class Candidates:
    """Candidate answer sentences (rows of the sentence table) and their features.

    ``X`` has one column per name in FEATURES: cosine of the question with the sentence and with
    its chunk; BM25 normalised by its largest possible value; IDF-weighted share of the question's
    known terms in the sentence (``own``) and in it or a neighbour (``window``); log length; and
    whether the sentence opens its document; ``name_gap``, the IDF share of the question's
    names and numbers (its most specific terms) found neither in the sentence nor nearby, and
    ``doc_gap``, the same share for names found nowhere in the sentence's document.
    ``missing`` is the largest IDF among question terms
    found neither in the sentence nor nearby, scaled down where the corpus's largest IDF (of a word
    it never uses, growing with the log of its size) exceeds ``IDF_SCALE``, so that a folder of
    100,000 sentences is not less sure of its answers than one of 100; ``unknown`` the share of
    question terms (by IDF) that the corpus never uses, ``unknown_names`` the same share among the
    question's names;
    ``unknown_focus`` is set when the thing a "what is the X of" or "what is Y's X" question asks
    about (X), the event a "when was X founded" question dates, or the deed a "who designed X"
    question asks the doer of (with no "designer" or "architect" either), is a word the corpus
    never uses;
    ``off_page``, per candidate, the share of the question's terms (by IDF) that its whole page
    (sentences, byline, masthead) never uses; ``spelt``, the question as the model read it;
    ``namesake``, per candidate, whether it speaks of a namesake of one of the question's names of
    two words or more, and never of that name ("North Korea" for "South Korea").
    """

    ids: np.ndarray
    X: np.ndarray
    missing: np.ndarray
    unknown: float
    terms: list[str]
    unknown_names: float = 0.0
    unknown_focus: bool = False
    q_vec: np.ndarray | None = None
    off_page: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    spelt: str = ""  # the question with its misspelt words put right, as the model read it
    namesake: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))

    def col(self, name: str) -> np.ndarray:
        return self.X[:, FEATURES.index(name)]


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    n = min(n, len(scores))
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, n - 1)[:n]
    part = part[scores[part] > 0]
    return part[np.argsort(-scores[part], kind="stable")]


_ASKS = re.compile(r"\?[\"'”’)\]]*\s*$")


def asks(data: IndexData, ids: np.ndarray) -> np.ndarray:
    """True where the sentence is itself a question ("Why did the regulator not block the deal?"):
    a page's subheading or a rhetorical question, never an answer. Each sentence is read once per
    loaded index, when it first comes up as a candidate."""
    s, docs = data.sentences, data.docs
    flags = data.cache.get("asks")
    if flags is None:
        flags = data.cache["asks"] = np.full(len(s["doc"]), -1, dtype=np.int8)  # -1: not read yet
    for i in ids[flags[ids] < 0]:
        end = int(s["end"][i])
        text = docs[int(s["doc"][i])]["text"]
        flags[i] = bool(_ASKS.search(text, max(int(s["start"][i]), end - 8), end))
    return flags[ids] == 1


def _pages_with(data: IndexData, key: str) -> dict[str, np.ndarray]:
    """Term -> the documents whose writer's name or headline (key "heads") or whose page around the
    text (key "mastheads": the outlet's name, byline, section, captions) holds it. Built once per
    loaded index, when a question first needs it."""
    found = data.cache.get(key)
    if found is None:
        by_term: dict[str, list[int]] = {}
        around = text_around(data.docs, data.sentences) if key == "mastheads" else []
        for k in range(len(data.docs)):
            # the writer's name and the headline, whose names the whole page is about; or all the
            # page holds outside its sentences
            terms = headline_terms(data, k) if key == "heads" else set(tokenize(around[k]))
            for term in terms:
                by_term.setdefault(term, []).append(k)
        found = data.cache[key] = {t: np.array(d) for t, d in by_term.items()}
    return found


HEADER_CHARS = 400  # how far down a page its headline may start


def headline_terms(data: IndexData, doc: int) -> frozenset[str]:
    """The terms of a document's headline and byline (what the whole page is about), with the lines
    over its headline (the outlet's name, "The Port Callow Gazette", is where a local paper is)."""
    cache = data.cache.setdefault("headline_terms", {})
    found = cache.get(doc)
    if found is None:
        d = data.docs[doc]
        title, text = d.get("title") or "", d.get("text") or ""
        at = text.find(title) if title else -1
        head = text[: at + len(title)] if 0 <= at <= HEADER_CHARS else title
        found = cache[doc] = frozenset(tokenize(" ".join((d.get("author") or "", head))))
    return found


def _on_pages(data: IndexData, terms: list[str], names: list[bool]) -> dict[str, np.ndarray]:
    """Per name of the question the page holds, a mask over documents: a writer's name is present
    in every sentence of their page ("What has Kieran Maddox driven?" over his blog), so is a name
    in the headline (a page headed "Alderbrook fined over data breach" answers "When was the
    Alderbrook breach discovered?" with "The breach was discovered on Feb. 11"), and a name no
    sentence holds but a masthead does ("according to Box & Berth Review") in that page's."""
    lex, out = data.lexical, {}
    for t, nm in zip(terms, names, strict=True):
        if not nm:
            continue
        docs = _pages_with(data, "heads" if t in lex.vocab else "mastheads").get(t)
        if docs is not None:
            mask = out[t] = np.zeros(len(data.docs), dtype=bool)
            mask[docs] = True
    return out


def _dated_pages(data: IndexData, question: str, terms: list[str]) -> dict[str, np.ndarray]:
    """Per word of a day the question names ("the Feb. 5 council meeting"), a mask over the pages
    dated that day: a live blog of Feb. 5 tells of that day's meeting without repeating its date."""
    out: dict[str, np.ndarray] = {}
    for words, day in days_named(question):
        mask = np.array([(d.get("date") or "")[4:10] == day for d in data.docs], dtype=bool)
        if mask.any():
            for t in tokenize(words):
                if t in terms:
                    out[t] = out.get(t, np.zeros(len(data.docs), dtype=bool)) | mask
    return out


# "the blogger's nephew": a page written in the first person is the blogger's, where no page
# names itself a blog
_WRITER_TERMS = frozenset(("blogger", "blog"))
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|My|me)\b")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
FIRST_PERSON_SHARE = 0.15  # share of a page's sentences in the first person, quotes left out


def first_person_pages(data: IndexData) -> np.ndarray:
    """Mask over documents: pages where FIRST_PERSON_SHARE or more of the sentences speak in the
    first person outside quotes (a blog, a diary, a column), not a news story quoting people.
    Computed once per loaded index."""
    found = data.cache.get("first_person")
    if found is None:
        docs, n = data.sentences["doc"], np.zeros(len(data.docs))
        total = np.bincount(docs, minlength=len(data.docs)).astype(np.float64)
        for i, doc in enumerate(docs):
            n[int(doc)] += bool(_FIRST_PERSON.search(_QUOTED.sub(" ", sentence_text(data, i))))
        found = data.cache["first_person"] = n >= FIRST_PERSON_SHARE * np.maximum(total, 1)
    return found


# Who reported what a question asks about: "according to the Courier", "in the wire report",
# "in the blogger's estimate". Its words are on the page, seldom in the sentence that answers.
_CITED = re.compile(
    r"\baccording to (?:the |a |an )?([\w&'’ -]+?)\s*(?=[,?.!]|$)"
    r"|\bin (?:the |a |an )?([\w&'’ -]+?)(?:'s|’s)?"
    r" (?:report|article|story|piece|estimate|account|view|blog|column)\b",
    re.I,
)


def cited_terms(question: str) -> set[str]:
    """The terms of the source a question names as reporting its answer."""
    return {t for m in _CITED.finditer(question) for t in tokenize(m.group(1) or m.group(2))}


def _pages_using(data: IndexData, t: str) -> np.ndarray:
    """Mask over documents: those that use term t in a sentence, their headline, byline or masthead."""
    mask = np.zeros(len(data.docs), dtype=bool)
    if t in data.lexical.vocab:
        mask[_phrase_docs(data, [(t,)])] = True
    for key in ("heads", "mastheads"):
        docs = _pages_with(data, key).get(t)
        if docs is not None:
            mask[docs] = True
    return mask


def term_presence(data: IndexData, term_ids: list[int], rows: np.ndarray) -> np.ndarray:
    """Boolean matrix (len(rows), len(term_ids)): does sentence rows[i] contain term j?"""
    scores = data.lexical.bm25.scores
    indptr, indices = scores["indptr"], scores["indices"]
    out = np.zeros((len(rows), len(term_ids)), dtype=bool)
    for j, t in enumerate(term_ids):
        out[:, j] = np.isin(rows, indices[indptr[t] : indptr[t + 1]])
    return out


def _sentences_with(data: IndexData, phrase: Phrase) -> np.ndarray:
    """The sentences that hold every term of a phrase (all known to the corpus)."""
    scores = data.lexical.bm25.scores
    found = None
    for t in phrase:
        i = data.lexical.vocab[t]
        rows_t = scores["indices"][scores["indptr"][i] : scores["indptr"][i + 1]]
        found = rows_t if found is None else np.intersect1d(found, rows_t, assume_unique=True)
    return found if found is not None else np.zeros(0, dtype=np.int64)


_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+")


def short_forms(data: IndexData, question: str) -> dict[str, tuple[str, ...]]:
    """The word of a firm's name in the question that the documents may leave out: "Airways" of
    "Bluecrest Airways", written "Bluecrest" after its first mention (a closing word of a firm's
    kind, when the rest of the name is never written beside another capitalised word: not the
    "Korea" of "North Korea", also "South Korea"). Maps that term to the rest of the name."""
    vocab = data.lexical.vocab
    out: dict[str, tuple[str, ...]] = {}
    for m in _RUN.finditer(question):
        words = m.group(0).split()
        if len(words) < 2 or re.sub(r"['’]s?$", "", words[-1]).lower() not in _FIRM_WORDS:
            continue
        terms = [t for t in tokenize(m.group(0)) if t in vocab]
        suffix = tokenize(words[-1])
        rest = tuple(t for t in terms if t not in suffix)
        if suffix and suffix[0] in vocab and rest and _alone(data, rest, tuple(terms)):
            out[suffix[0]] = rest
    return out


_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _bare(word: str) -> str:
    """A word lower-cased, without its possessive ending ("Air's" -> "air")."""
    return re.sub(r"['’]s$", "", word.lower())


NAME_RUN = 4  # words at most in a name read in a question typed without capitals


def _cased_names(data: IndexData) -> frozenset[tuple[str, ...]]:
    """The names of two words or more the documents write with capitals, lower-cased, with their
    parts ("south korea", "greyhaven detecting club", "detecting club"). Read once per loaded
    index."""
    memo = data.cache.get("cased_names")
    if memo is None:
        runs: set[tuple[str, ...]] = set()
        for i in range(len(data.sentences["doc"])):
            for m in _RUN.finditer(sentence_text(data, i)):
                words = [_bare(w) for w in _LETTERS.findall(m.group(0))]
                while words and is_stop_word(words[0]):
                    words = words[1:]
                for n in range(2, min(len(words), NAME_RUN) + 1):
                    runs.update(tuple(words[a : a + n]) for a in range(len(words) - n + 1))
        memo = data.cache["cased_names"] = frozenset(runs)
    return memo


def truecased(data: IndexData, question: str) -> str:
    """A question typed without capitals ("when did south korea and cuba establish ties") with the
    names of two words or more the documents write capitalised written so ("South Korea"), as the
    rules that read a name by its capitals expect (South Korea is not its namesake North Korea),
    and its first word; a question with a capital is left as typed. Single words stay as typed:
    "rovers" read as a name changes a role question ("who is the rovers maneger")."""
    if any(c.isupper() for c in question):
        return question
    runs = _cased_names(data)
    found = list(_LETTERS.finditer(question))
    words = [_bare(m.group(0)) for m in found]
    cased: set[int] = set()
    i = 0
    while i < len(words):
        longest = min(NAME_RUN, len(words) - i)
        n = next((n for n in range(longest, 1, -1) if tuple(words[i : i + n]) in runs), 1)
        if n > 1:
            cased.update(range(i, i + n))
        i += n
    if found:
        cased.add(0)  # and the first word, as a question is written
    out, pos = [], 0
    for j in sorted(cased):
        m = found[j]
        out += [question[pos : m.start()], m.group(0)[0].upper() + m.group(0)[1:]]
        pos = m.end()
    return "".join(out) + question[pos:]


def role_spelt(data: IndexData, question: str) -> str:
    """A role question whose role is a real word the documents never write, one letter from one
    they do, with that word put right: "who is the major of Kestral Bay" and "who is the mayer
    of port toland" ask for a mayor. Other words are left to the typo correction, which takes
    no real word for a typo."""
    role = role_asked(question)
    if not role:
        return question
    head = role.split()[-1]
    fix = data.lexical.one_letter_off(head)
    if not fix:
        return question
    return re.sub(rf"\b{re.escape(head)}\b", fix, question, count=1)


# closing words of a firm's name that news often leaves out after the first mention
_FIRM_WORDS = frozenset(
    "air airways airlines aviation holdings group inc ltd limited plc corp corporation company co llc "
    "spa gmbh ag sa nv bv pvt partners capital industries international technologies systems services "
    "terminals biologics pharmaceuticals logistics energy resources".split()
)


ALONE_READ = 400  # sentences read at most to tell that part of a name is written alone


def _alone(data: IndexData, rest: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """The words ``rest`` of a name are never written beside a capitalised word that is not part of
    the name (the "South" of "South Korea" for the "Korea" of "North Korea"). Read once per loaded
    index; a part used in more than ``ALONE_READ`` sentences is taken as not alone (a large folder
    is not read through for one question)."""
    memo = data.cache.setdefault("alone", {})
    if (rest, name) not in memo:
        memo[(rest, name)] = _read_alone(data, rest, name)
    return memo[(rest, name)]


def _read_alone(data: IndexData, rest: tuple[str, ...], name: tuple[str, ...]) -> bool:
    found = _sentences_with(data, rest)
    if len(found) > ALONE_READ:
        return False
    for i in found.tolist():
        for run in _RUN.finditer(sentence_text(data, i)):
            for part in re.split(r"[-‐–](?=[A-Z])", run.group(0)):  # "Bluecrest Airways-Harbourline Air"
                words = set(tokenize(part))
                if set(rest) & words and words - set(name) - _OPENERS - _FIRM_TERMS:
                    return False
    return True


_FIRM_TERMS = frozenset(tokenize(" ".join(_FIRM_WORDS)))
# capitalised words opening a sentence beside a name without being part of it
_OPENERS = frozenset(tokenize("Mr Mrs Ms Dr Prof Sir Lady Lord Chief Executive Minister President Mayor"))


def acronyms(data: IndexData) -> Acronyms:
    """The documents' acronyms, read once per loaded index, when a question first needs them."""
    found = data.cache.get("acronyms")
    if found is None:
        found = data.cache["acronyms"] = Acronyms([doc["text"] for doc in data.docs])
    return found


def _alternatives(data: IndexData, terms: list[str], question: str) -> dict[str, list[Phrase]]:
    """Per question term that is part of a name written another way in the corpus, the other ways
    the corpus writes it: "havana" -> [("cuba",)], "un" -> [("unit", "nation")]."""
    vocab = data.lexical.vocab
    out: dict[str, list[Phrase]] = {}
    for found in (country_names(question), acronyms(data).of(question)):
        for used, others in found.items():
            known = sorted(p for p in others if all(t in vocab for t in p))
            for t in used:
                if t in terms and known:
                    out.setdefault(t, []).extend(p for p in known if p not in out.get(t, ()))
    for decade in _DECADE.findall(question):  # "since the 1990s": any year of it the corpus writes
        years = [(str(y),) for y in range(int(decade), int(decade) + 10) if str(y) in vocab]
        if decade in terms and years:
            out.setdefault(decade, []).extend(years)
    return out


_DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)['’]?s\b")


def _corpus_words(data: IndexData, words: WordVectors) -> tuple[list[str], Any]:
    """The corpus's words the model has a vector of: their terms, and an exact FAISS index of the
    vectors (a numpy product here would leave BLAS threads spinning into the next question's
    encoding, which then takes twice as long), per index."""
    found = data.cache.get("word_vectors")
    if found is None:
        lex = data.lexical
        have = [
            (t, r)
            for w, t in zip(lex.words, stem_words(lex.words), strict=True)
            if t in lex.vocab and w not in EXACT_WORDS and (r := words.row(w)) is not None
        ]
        vectors = words.of([r for _, r in have])
        found = ([t for t, _ in have], make_faiss(vectors, dim=vectors.shape[1], ann_threshold=len(have)))
        data.cache["word_vectors"] = found
    return found


def word_matches(
    data: IndexData, question: str, terms: list[str], names: list[bool], words: WordVectors | None
) -> dict[str, tuple[str, float]]:
    """Per term of the question that is no name, number or date and that the corpus never uses,
    the corpus's term closest to it in meaning and their cosine, when it is WORD_MATCH or more."""
    if words is None:
        return {}
    lex = data.lexical
    name = dict(zip(terms, names, strict=True))
    said = content_words(question)
    asked = {
        t: r
        for w, t in zip(said, stem_words(said), strict=True)
        if not name.get(t, True)
        and t not in lex.vocab
        and w not in EXACT_WORDS
        and (r := words.row(w)) is not None
    }
    if not asked:
        return {}
    corpus, index = _corpus_words(data, words)
    if not corpus:
        return {}
    cos, best = index.search(words.of(list(asked.values())), 1)
    return {
        t: (corpus[int(j)], float(c))
        for t, (c,), (j,) in zip(asked, cos, best, strict=True)
        if c >= WORD_MATCH
    }


def _referents(data: IndexData, ids: np.ndarray) -> np.ndarray:
    """Per sentence of ``ids`` with a "he", "she", "his" or "her" that no name of a person before it
    in the sentence stands for ("He was buried ...", "... all of his 48 acres ..."), and whose
    sentence before names no person: the sentence naming the person it is about, the last one
    before it on its page, up to ``PRONOUN_REACH`` back, that names a person; -1 for the others.
    Each sentence is read once per loaded index, when it first comes up as a candidate."""
    docs = data.sentences["doc"]
    found = data.cache.get("referents")
    if found is None:
        found = data.cache["referents"] = np.full(len(docs), -2, dtype=np.int64)  # -2: not read yet
    for i in (int(i) for i in ids[found[ids] == -2]):
        found[i] = -1
        text = sentence_text(data, i)
        pronoun = _PRONOUN_IN.search(text)
        if not pronoun or (pronoun.start() and _names_person(data, text[: pronoun.start()])):
            continue
        for k in range(1, PRONOUN_REACH + 1):
            j = i - k
            if j < 0 or docs[j] != docs[i]:
                break
            if _names_person(data, sentence_text(data, j)):
                found[i] = j if k > 1 else -1  # the one before: in the window already
                break
    return found[ids]


def _names_person(data: IndexData, text: str) -> bool:
    return any(a_person(data, tuple(m.group(0).split())) for m in _NAME_RUN.finditer(text))


def _presence(data: IndexData, spec: list[list[Phrase]], rows: np.ndarray) -> np.ndarray:
    """Boolean matrix (len(rows), len(spec)): does sentence rows[i] hold one of the phrases of
    spec[j] (each a term and the other names of what it names)?"""
    vocab = data.lexical.vocab
    stems = sorted({t for phrases in spec for p in phrases for t in p})
    column = {t: k for k, t in enumerate(stems)}
    base = term_presence(data, [vocab[t] for t in stems], rows)
    out = np.zeros((len(rows), len(spec)), dtype=bool)
    for j, phrases in enumerate(spec):
        for p in phrases:
            out[:, j] |= base[:, [column[t] for t in p]].all(axis=1)
    return out


def _phrase_docs(data: IndexData, phrases: list[Phrase]) -> np.ndarray:
    """The documents whose sentences use one of the phrases."""
    found = [data.sentences["doc"][_sentences_with(data, p)] for p in phrases]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def _spread(n_docs: int, term_docs: list[np.ndarray]) -> np.ndarray:
    """Per term, how few of the documents use it: 1 for a term one document uses, falling to about
    0.4 for one every document uses (the corpus's topic, which tells no sentence apart)."""
    if n_docs < 2:
        return np.ones(len(term_docs), np.float32)
    df = np.array([len(d) for d in term_docs], dtype=np.float32)
    return (np.log1p(n_docs / np.maximum(df, 1.0)) / np.log1p(n_docs)).astype(np.float32)


def of_namesakes(data: IndexData, question: str, ids: np.ndarray) -> np.ndarray:
    """Per candidate: it names a namesake of one of the question's compound names and not the name
    itself ("Cuba's ties with North Korea" for a question on South Korea and Cuba)."""
    names = compound_names(question)
    if not names:
        return np.zeros(len(ids), dtype=bool)
    texts = [sentence_text(data, int(i)) for i in ids]
    return np.array(
        [any(head in t and names_namesake(t, head, mods) for head, mods in names) for t in texts], dtype=bool
    )


def retrieve(
    data: IndexData,
    q_vec: np.ndarray,
    question: str,
    *,
    depth: int = DEPTH,
    dictionary: frozenset[str] = frozenset(),
    spelt: str = "",
    words: WordVectors | None = None,
) -> Candidates:
    """Candidate sentences for a question whose embedding is ``q_vec``: shape (dim,), or (n, dim)
    for n readings of it (as written, and with capitals written as their countries), each searched
    and the best cosine of any reading kept.

    ``dictionary`` holds known words that are never taken for typos; ``spelt`` is the question
    with its typos put right (``LexicalIndex.spelt``), kept with the candidates; ``words``, the
    model's word vectors, finds the corpus's word for a question's word it never uses
    (``word_matches``).
    """
    lex = data.lexical
    n = len(data.sentences["doc"])
    terms, names = lex.query_terms(HOW_VALUE.sub("how", question), dictionary)
    idf = {t: lex.idf(t) for t in terms}
    others = _alternatives(data, terms, question)
    for t, (used, cos) in word_matches(data, question, terms, names, words).items():
        if t not in others:  # "buy" is read as "bought", weighed as the corpus uses "bought"
            others[t] = [(used,)]
            idf[t] = lex.idf(used) * cos
    known = [t for t in terms if t in lex.vocab or t in others]  # "havana" is known where "cuba" is
    spec = [([(t,)] if t in lex.vocab else []) + others.get(t, []) for t in known]
    known_idf = np.array([idf[t] for t in known], dtype=np.float32)
    written = _on_pages(data, terms, names)  # names a page holds outside its sentences
    for t, dated in _dated_pages(data, question, terms).items():  # ... and the day it is dated
        written[t] = written[t] | dated if t in written else dated
    for t in (t for t in _WRITER_TERMS & set(terms) if t not in lex.vocab):  # "the blogger's nephew"
        found = _pages_using(data, t) | first_person_pages(data)
        if found.any():
            written[t] = found
    for t in cited_terms(question) & set(terms):  # the source that reports the answer, if a page
        found = _pages_using(data, t)  # names it ("the blogger" may be named by none: no clue then)
        written[t] = found if found.any() else np.ones(len(data.docs), dtype=bool)
    page_only = [t for t in terms if t not in known and t in written]  # ... and no sentence does
    total_idf = sum(idf.values())
    unknown = (
        (total_idf - float(known_idf.sum()) - sum(idf[t] for t in page_only)) / total_idf
        if total_idf
        else 0.0
    )
    if n == 0:
        return Candidates(
            np.zeros(0, dtype=np.int64),
            np.zeros((0, len(FEATURES)), np.float32),
            np.zeros(0, np.float32),
            unknown,
            terms,
        )
    q = np.ascontiguousarray(q_vec, dtype=np.float32)
    q = q.reshape(-1, q.shape[-1])
    _, dense_ids = data.sentence_index.search(q, min(depth, n))
    # a name the corpus never writes is searched for by the other names it does write
    bm25 = lex.scores(known + [w for t in known if t not in lex.vocab for p in others[t] for w in p])
    ids = np.unique(np.concatenate([dense_ids[dense_ids >= 0], _top(bm25, depth)]))
    ids = ids[~asks(data, ids)]

    s = data.sentences
    dense = (rows(data.sentence_index)[ids] @ q.T).max(axis=1)
    context = (rows(data.chunk_index)[s["chunk"][ids]] @ q.T).max(axis=1)
    lexical = bm25[ids] / max(float(known_idf.sum()) * (K1 + 1), 1e-6)

    docs = s["doc"]
    window = np.stack([np.clip(ids - 1, 0, n - 1), ids, np.clip(ids + 1, 0, n - 1)])
    same_doc = docs[window] == docs[ids][None, :]
    present = _presence(data, spec, window.reshape(-1)).reshape(3, len(ids), len(known))
    own_hit = present[1]
    near = (present & same_doc[:, :, None]).any(axis=0)
    # a sentence's "He", "she" or "his" is about the last person named before it: "He was buried
    # ... before an avalanche dog named Juno found him" two sentences after "Felix Ardent says ..."
    is_name = np.array([names[terms.index(t)] for t in known], dtype=bool)
    back = _referents(data, ids)
    leans = back >= 0
    if leans.any():
        near[leans] |= _presence(data, spec, back[leans]) & is_name[None, :]
    for j, t in enumerate(known):
        if t in written:
            near[:, j] |= written[t][docs[ids]]
    # per candidate, for each name only a page holds: its IDF where the candidate is not on that page
    off_page = {t: np.where(written[t][docs[ids]], 0.0, idf[t]) for t in page_only}
    weight = float(known_idf.sum()) or 1.0
    own = (own_hit * known_idf).sum(axis=1) / weight
    win = (near * known_idf).sum(axis=1) / weight
    term_docs = [_phrase_docs(data, phrases) for phrases in spec]
    telling = known_idf * _spread(len(data.docs), term_docs)  # the words that tell the documents apart
    distinct = (own_hit * telling).sum(axis=1) / (float(telling.sum()) or 1.0)
    missing_known = np.where(near, 0.0, known_idf[None, :]).max(axis=1, initial=0.0)
    unknown_max = max((idf[t] for t in terms if t not in known and t not in off_page), default=0.0)
    missing = np.maximum(missing_known, unknown_max)
    for gap in off_page.values():
        missing = np.maximum(missing, gap)
    name_idf = sum(idf[t] for t, nm in zip(terms, names, strict=True) if nm)
    unknown_names = sum(
        idf[t] for t, nm in zip(terms, names, strict=True) if nm and t not in known and t not in off_page
    )
    off_pages = sum(off_page.values(), np.zeros(len(ids)))
    # a name written short ("Bluecrest" for "Bluecrest Airways") is no gap
    named = near.copy()
    for t, rest in short_forms(data, question).items():
        if t in known and all(u in known for u in rest):
            named[:, known.index(t)] |= near[:, [known.index(u) for u in rest]].all(axis=1)
    name_gap = ((~named & is_name[None, :]) * known_idf).sum(axis=1) + unknown_names + off_pages
    name_gap = name_gap / name_idf if name_idf else np.zeros(len(ids))
    # per candidate and known term: does the candidate's page use it (in a sentence, or a name in
    # its byline, headline or masthead)?
    cand_docs = docs[ids]
    in_doc = np.zeros((len(ids), len(known)), dtype=bool)
    for j, (t, in_docs) in enumerate(zip(known, term_docs, strict=True)):
        in_doc[:, j] = np.isin(cand_docs, in_docs) | (written[t][cand_docs] if t in written else False)
    doc_gap = ((~in_doc & is_name[None, :]) * known_idf).sum(axis=1) + unknown_names + off_pages
    doc_gap = doc_gap / name_idf if name_idf else np.zeros(len(ids))
    # ... and the share of the question's terms (by IDF) the candidate's whole page never uses
    on_page = (in_doc * known_idf).sum(axis=1) + sum(idf[t] for t in page_only) - off_pages
    off_page_share = 1.0 - on_page / total_idf if total_idf else np.zeros(len(ids))
    length = np.log1p((s["end"][ids] - s["start"][ids]).astype(np.float32)) / 6.0
    lead = (ids == 0) | (docs[np.maximum(ids - 1, 0)] != docs[ids])
    X = np.stack(
        [dense, context, lexical, own, win, length, lead.astype(np.float32), name_gap, doc_gap, distinct],
        axis=1,
    )

    def never_written(words: str) -> bool:  # the words read as terms, none of which the corpus uses
        read = lex.query_terms(words, dictionary)[0]
        return bool(read) and not any(t in lex.vocab for t in read)

    def real(words: str) -> bool:  # a misspelling no corpus word puts right ("rsult") is no clue
        return not dictionary or all(w.lower() in dictionary for w in words.split())

    focus = focus_word(question)
    unknown_focus = bool(focus) and never_written(focus) and real(focus)
    if focus and focus.endswith("ed") and not unknown_focus:  # the event of "when was X founded"
        unknown_focus = lex.only_another_verb(focus)
    if unknown_focus and focus and any(not never_written(n) for n in doers(focus)):
        unknown_focus = False  # "Who founded X?" over "X's founder, Jane Doe"
    modifier = focus_modifier(question)
    if modifier and not unknown_focus and modifier in dictionary:  # "What is the cod quota in ...?"
        unknown_focus = never_written(modifier)
    role = role_asked(question)
    # "Who is Cuba's ambassador ...?" over a corpus with no ambassador, in real words; not "Who is
    # the boss of X?", which "X's chief executive, Jane Doe" answers
    if role and not unknown_focus and not top_posts(question):
        unknown_focus = never_written(role) and real(role)
    speaker = speaker_role(question)
    if speaker and not unknown_focus:  # "What did the governor say about ...?" over no governor
        unknown_focus = never_written(speaker) and real(speaker)
    if not unknown_focus:  # "Was anyone arrested ...?" over a corpus that reports no arrest
        unknown_focus = any(w in dictionary and never_written(w) for w in yes_no_deeds(question))
    return Candidates(
        ids,
        X.astype(np.float32),
        (missing * min(1.0, IDF_SCALE / lex.max_idf())).astype(np.float32),
        unknown,
        terms,
        unknown_names / name_idf if name_idf else 0.0,
        unknown_focus,
        q[0],
        off_page_share.astype(np.float32),
        spelt or question,
        of_namesakes(data, question, ids),
    )
