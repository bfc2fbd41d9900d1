"""The one place that wires the steps: sources -> index -> retrieval -> answer.

``Engine`` keeps the model and the loaded index for the life of a process (the web UI, a Python
session); ``ask()`` and ``build_index()`` use one Engine per settings.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from . import index as store
from .aliases import by_country, flags_named
from .answer import Scored, build_answer, drop_sources, not_found, score
from .config import Settings, get_settings
from .embedding import Embedder, WordVectors, get_embedder, word_ranks, word_vectors
from .errors import IndexBusyError, IndexStateError, IndexWriteError, QuestionError
from .indexer import build, diff_sources, settings_mismatch
from .lexical import content_words
from .quantities import QUESTION_WORDS, wh_spelt
from .retrieval import Candidates, retrieve, role_spelt, truecased
from .schema import Answer, BuildReport
from .stories import story_view, view

Progress = Callable[[str, int, int], None]
# Above this, looking at every source file before each answer costs more than it should: the
# Engine then watches the folder for changes and only looks again after one.
SLOW_SCAN_SECONDS = 0.002


# A question typed without its question mark ("how meny sites were in the trial", "korean
# imigrants came from wich country"): a question word anywhere, or an opening auxiliary verb.
_ASKING = "|".join(QUESTION_WORDS)
_QUESTION_FORM = re.compile(
    rf".*\b(?:{_ASKING})\b|\W*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b",
    re.I,
)


def as_asked(question: str) -> str:
    """The question with the question mark it was typed without, for the model, whose reading of
    "how meny sites were in the trial" is further from the sentence answering it than its reading
    of "how many sites were in the trial?"; words that ask nothing ("Rovers manager") stay as typed."""
    if not _QUESTION_FORM.match(question) or question.endswith("?"):
        return question
    return question.rstrip(" .!") + "?"


# A request wrapped around a question: "Can you tell me who ...", "I want to know how ..."
_FRAME = re.compile(
    r"\W*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show)\s+me|(?:please\s+)?tell\s+me"
    r"|i\s+(?:want|would\s+like|'d\s+like|’d\s+like|need)\s+to\s+know|do\s+you\s+know|i\s+wonder)"
    rf"[\s,:]+(?=(?:{_ASKING})\b)",
    re.I,
)


# Keywords asking for a count: "number of conditions", "total number of injured riders"
_NUMBER_OF = re.compile(r"^\W*(?:the\s+)?(?:total\s+)?number\s+of\s+(?=\w)", re.I)


def plain_question(question: str) -> str:
    """The question as the documents are searched with it: without a request wrapped around it
    ("Can you tell me who leads the union?" -> "who leads the union?"), and in lower case when
    typed all in capitals, whose case tells no name from any other word; with a misspelt question
    word put right ("how manny people" -> "how many people": "manny" is also a name); keywords
    asking for a count as the question they ask ("number of conditions" -> "how many conditions")."""
    question = wh_spelt(_FRAME.sub("", wh_spelt(flags_named(question)), count=1))
    if not _QUESTION_FORM.match(question):
        question = _NUMBER_OF.sub("how many ", question, count=1)
    letters = [c for c in question if c.isalpha()]
    if len(question.split()) >= 3 and letters and all(c.isupper() for c in letters):
        question = question.lower()
    return question


def clean_question(question: object, max_chars: int) -> str:
    """The question with control characters removed; QuestionError when empty, wordless or too long."""
    if not isinstance(question, str):
        raise QuestionError(f"the question must be text, not {type(question).__name__}.")
    if len(question) > max_chars:
        raise QuestionError(
            f"the question is too long ({len(question):,} characters; the limit is {max_chars:,}). "
            "Ask about one thing at a time."
        )
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in question
    )
    text = " ".join(text.split())
    if not text:
        raise QuestionError("the question is empty: type a question about your documents.")
    if not any(ch.isalnum() for ch in text):  # "?!", "🇰🇷❤️": nothing to search the documents for
        raise QuestionError("the question has no words: type a question about your documents.")
    return text


NOTHING_ASKED = (
    'the question names nothing to look for (only words such as "the" or "what", or a single '
    "letter): ask about a person, place, figure or event."
)


def script(ch: str) -> str:
    """The writing system of a letter, by its Unicode name: "LATIN", "HANGUL", "CYRILLIC", "CJK" ..."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def foreign_script(question: str, data: store.IndexData) -> str | None:
    """The writing system most of the question's letters are in, when no document is written in it
    ("한국과 쿠바는 언제 수교했나요?" over English articles): the model reads no meaning across
    it, so any sentence would be an arbitrary answer."""
    written = data.cache.get("scripts")
    if written is None:  # a document writes in a script that holds a fifth of its letters or more
        written = set()
        for doc in data.docs:
            seen: Counter[str] = Counter()
            for ch, n in Counter(doc["text"]).items():
                if ch.isalpha():
                    seen[script(ch)] += n
            written.update(s for s, n in seen.items() if n * 5 >= seen.total())
        data.cache["scripts"] = written
    letters = [script(ch) for ch in question if ch.isalpha()]
    unread = [s for s in letters if s not in written]
    if len(unread) * 2 <= len(letters):
        return None
    most = max(set(unread), key=unread.count)
    return most if len(most) <= 3 else most.title()  # "CJK", "Hangul"


_LANGUAGES = ("Spanish", "French", "German", "Italian", "Portuguese", "Dutch")


@functools.cache
def _little_words() -> dict[str, frozenset[str]]:
    """Per language of ``_LANGUAGES``, its stop words (bm25s's lists) that are no English ones."""
    import bm25s.stopwords as lists

    english = set(lists.STOPWORDS_EN_PLUS)
    return {
        language: frozenset(getattr(lists, f"STOPWORDS_{language.upper()}")) - english
        for language in _LANGUAGES
    }


def foreign_language(question: str, data: store.IndexData) -> str | None:
    """The language a question in Latin letters is written in, when a third or more of its words
    (two at least) are that language's little words ("es", "el", "und", "les"), none of them
    English nor used by the documents: "¿Quién es el presidente de Cuba?" over English articles
    (the model reads English, and would answer with an arbitrary sentence)."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", question)]
    written = data.lexical._word_set
    best, most = None, 0
    for language, little in _little_words().items():
        found = {w for w in words if w in little and w not in written}
        if len(found) > most:
            best, most = language, len(found)
    if most >= 2 and most * 3 >= len(words):
        return best
    return None


def check_k(k: object) -> None:
    """QuestionError unless ``k`` (the number of passages asked for) is a whole number from 1 to 20."""
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= 20:
        raise QuestionError(f"k must be a whole number from 1 to 20, not {k!r}.")


# In a folder of several stories, a question is read again within the stories of its best answers,
# this many (two: a story split in two by a short page still answers from both halves).
STORY_DEPTH = 2


class Engine:
    """Answers questions over one sources folder and index, reusing the model and index in memory."""

    def __init__(self, settings: Settings | None = None, *, embedder: Embedder | None = None) -> None:
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._data: store.IndexData | None = None
        self._lock = threading.RLock()
        self._monitor = None  # watches the sources once scanning them has become slow
        self._notice: str | None = None
        self._stale_sources: set[str] = set()
        self._manifest_cache: tuple[tuple, dict[str, Any]] | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings.model, self.settings.cache_dir)
        return self._embedder

    @property
    def dictionary(self) -> frozenset[str]:
        """Known words of the embedder (never corrected as typos); empty when it has none."""
        words = getattr(self.embedder, "vocabulary", None)
        return words() if callable(words) else frozenset()

    def word_vectors(self, progress: Progress | None = None) -> WordVectors | None:
        """The model's word vectors (encoded once per model into the cache, then read from it);
        None when the embedder has no vocabulary."""
        report = (lambda done, total: progress("vocabulary", done, total)) if progress else None
        return word_vectors(self.embedder, self.settings.cache_dir, progress=report)

    @property
    def word_ranks(self) -> dict[str, int]:
        """How common each known word is (the embedder's vocabulary order); empty when it has none."""
        return word_ranks(self.embedder)

    def build(
        self, *, full: bool = False, progress: Progress | None = None, recheck: frozenset[str] = frozenset()
    ) -> BuildReport:
        """Bring the index up to date with the sources (only what changed is embedded)."""
        with self._lock:
            report = build(self.settings, self.embedder, full=full, progress=progress, recheck=recheck)
            return report

    def index(self, *, progress: Progress | None = None) -> tuple[store.IndexData, str | None]:
        """The current index, refreshed or built as the refresh policy says, and a notice for the user."""
        with self._lock:
            for _ in range(3):
                manifest, notice = self._fresh_manifest(progress)
                if self._data is not None and self._data.version == manifest["version"]:
                    return self._data, notice
                try:
                    self._data = store.load_index(self.settings.index_dir, manifest)
                    self.word_vectors(progress)  # encoded now, the first time, not in a question
                    return self._data, notice
                except IndexStateError:
                    current = store.read_manifest(self.settings.index_dir)
                    if current and current["version"] != manifest["version"]:
                        continue  # another process switched versions while we were loading
                    if self.settings.refresh != "auto":
                        raise
                    self.build(full=True, progress=progress)
            raise IndexStateError(
                f"the index in {self.settings.index_dir} keeps changing or cannot be read; "
                "stop other kcqa processes and run `kcqa index --full`."
            )

    def _fresh_manifest(self, progress: Progress | None) -> tuple[dict[str, Any], str | None]:
        """The manifest to answer from, after building or refreshing as the policy says."""
        manifest = self._manifest()
        if manifest is None:  # a missing index is built on first use, whatever the policy
            self.build(progress=progress)
            return self._manifest(), None
        mismatch = settings_mismatch(manifest, self.settings, self.embedder)
        if not mismatch and manifest["model"].get("dim") != self.embedder.dim:
            mismatch = (
                f"its vectors have {manifest['model'].get('dim')} dimensions, the model's {self.embedder.dim}"
            )
        if mismatch:
            if self.settings.refresh != "auto":
                raise IndexStateError(
                    f"the index cannot be used: {mismatch}. Run `kcqa index` to rebuild it."
                )
            self.build(full=True, progress=progress)
            return self._manifest(), None
        if self.settings.refresh == "off":
            return manifest, None
        if self._monitor is not None and not self._monitor.changed():
            return manifest, self._notice
        t0 = time.perf_counter()
        diff = diff_sources(self.settings, manifest)
        if time.perf_counter() - t0 > SLOW_SCAN_SECONDS and self._monitor is None:
            from .watch import SourceMonitor

            self._monitor = SourceMonitor(self.settings.sources)
        self._notice = None
        self._stale_sources = set(diff.changed) | set(diff.removed)
        if not diff.stale:
            return manifest, None
        todo = "Run `kcqa index` to update."
        if self.settings.refresh == "auto":
            try:
                self.build(progress=progress)
                return self._manifest(), None
            except IndexWriteError as exc:  # a read-only index still answers, from what it holds
                todo = f"The index could not be updated: {exc}"
            except IndexBusyError:  # ... and so does one another process is updating
                todo = "Another kcqa process is updating the index: ask again once it has finished."
        n = len(diff.added) + len(diff.changed) + len(diff.removed)
        self._notice = (
            f"The sources changed since the index was built ({n} {'file' if n == 1 else 'files'}); "
            f"passages from changed files are left out. {todo}"
        )
        return manifest, self._notice

    def _manifest(self) -> dict[str, Any] | None:
        """The current manifest; re-read only when manifest.json was replaced (a cheap stat)."""
        path = Path(self.settings.index_dir) / store.MANIFEST
        try:
            st = path.stat()
            key = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            key = None
        if key is not None and self._manifest_cache is not None and self._manifest_cache[0] == key:
            return self._manifest_cache[1]
        try:
            manifest = store.read_manifest(self.settings.index_dir)
        except IndexStateError:
            if self.settings.refresh != "auto":
                raise
            self.build(full=True)
            manifest = store.read_manifest(self.settings.index_dir)
        self._manifest_cache = (key, manifest) if key is not None else None
        return manifest

    def candidates(self, data: store.IndexData, text: str) -> Candidates:
        """Candidate sentences for a cleaned question. The model reads the question with its typos
        put right ("how meny nurses were trainned"); the lexical side corrects its own terms."""
        q_vecs, spelt = self._read(data, text)
        return self._retrieve(data, q_vecs, text, spelt)

    def _retrieve(self, data: store.IndexData, q_vecs: np.ndarray, text: str, spelt: str) -> Candidates:
        """``retrieval.retrieve`` with the model's known words and word vectors."""
        words = self.word_vectors()
        return retrieve(data, q_vecs, text, dictionary=self.dictionary, spelt=spelt, words=words)

    def _read(self, data: store.IndexData, text: str) -> tuple[np.ndarray, str]:
        """The model's vectors of the question's readings, and the question with typos put right."""
        spelt = data.lexical.spelt(text, self.dictionary)
        asked = as_asked(spelt)
        readings = list(dict.fromkeys([asked, by_country(asked, data.lexical.vocab)]))
        return self.embedder.embed(readings), spelt

    def ranked(self, data: store.IndexData, text: str) -> tuple[store.IndexData, Scored]:
        """The question's candidates, ranked. In a folder of several stories the question is read
        again within the stories of its two best answers (``stories.story_view``), where words are
        weighed as those stories use them; the index answered from comes back with the ranking."""
        q_vecs, spelt = self._read(data, text)
        ranked = score(data, self._retrieve(data, q_vecs, text, spelt), text)
        if not len(ranked.order):
            return data, ranked
        best_docs = data.sentences["doc"][ranked.ids[ranked.order[:STORY_DEPTH]]]
        story = story_view(data, self.word_ranks, best_docs)
        if story is None:
            return data, ranked
        again = self._retrieve(story, q_vecs, text, spelt)
        return story, score(story, again, text)

    def ask(self, question: str, *, k: int = 3) -> Answer:
        """Answer a question with verbatim, cited passages (see ``kcqa.ask``)."""
        check_k(k)
        text = plain_question(clean_question(question, self.settings.max_question_chars))
        for attempt in range(2):
            data, notice = self.index()
            text = role_spelt(data, truecased(data, text))
            answer = replace(self._answer(data, text, k), question=question)
            if notice:  # the files changed since the index was built (refresh "warn") are left out
                answer = self._without(data, text, k, replace(answer, notice=notice), self._stale_sources)
            # A file edited with its size and mtime kept (`cp -p`, `rsync -t`) escapes the cheap
            # check: a citation is shown only once its file still holds the indexed text.
            altered = self._altered(answer, data) - self._stale_sources
            if not altered:
                return answer
            if self.settings.refresh == "auto" and attempt == 0:
                with contextlib.suppress(IndexWriteError):  # else left out, as without refresh
                    self.build(recheck=frozenset(altered))
                    continue
            gone = sorted(n for n in altered if not (Path(self.settings.sources) / n).is_file())
            stamped = sorted(n for n in altered - set(gone) if self._same_stamp(n, data))
            edited = sorted(altered - set(gone) - set(stamped))
            notes = []
            if gone:
                notes.append(
                    f"{', '.join(gone)}: no longer in the sources folder (removed or renamed); its "
                    "passages are left out. Run `kcqa index` to update."
                )
            if edited:
                notes.append(
                    f"{', '.join(edited)} changed since the index was built; its passages are left "
                    "out. Run `kcqa index` to update."
                )
            if stamped:
                notes.append(
                    f"{', '.join(stamped)} changed since the index was built, keeping its size and "
                    "time stamp; its passages are left out. Run `kcqa index --full` to update."
                )
            notice = " ".join(notes)
            answer = self._without(
                data, text, k, replace(answer, notice=notice), altered | self._stale_sources
            )
            return drop_sources(answer, self._altered(answer, data), len(data.docs))
        raise AssertionError("unreachable")

    def _without(self, data: store.IndexData, text: str, k: int, answer: Answer, names: set[str]) -> Answer:
        """The answer without the files ``names``: another outlet's report of the same fact, when
        the answer groups one (``drop_sources``), else the answer of the other files."""
        kept = drop_sources(answer, names, len(data.docs))
        if kept.answered or not answer.answered or not names:
            return kept
        again = self._answer(data, text, k, frozenset(names))
        return replace(again, question=answer.question, notice=answer.notice)

    def _answer(
        self, data: store.IndexData, text: str, k: int, leave_out: frozenset[str] = frozenset()
    ) -> Answer:
        """The answer from the index, without the documents named in ``leave_out``."""
        docs = len(data.docs)
        if leave_out:
            keep = np.array(
                [d for d, doc in enumerate(data.docs) if doc["name"] not in leave_out], dtype=np.int64
            )
            if not len(keep):
                return not_found(text, [], docs)
            if len(keep) < docs:
                views = data.cache.setdefault("without", {})
                if leave_out not in views:
                    views.clear()  # one view kept: the files left out change rarely
                    views[leave_out] = view(data, keep)
                data = views[leave_out]
        if not content_words(text):  # "a", "x", "What?": any sentence would be an arbitrary answer
            return not_found(text, [], docs, why=NOTHING_ASKED)
        alien = foreign_script(text, data)
        if alien:
            return not_found(
                text,
                [],
                docs,
                why=f"the question is written in {alien} letters, which the documents do not "
                "use: ask in the language the documents are written in.",
            )
        language = foreign_language(text, data)
        if language:
            return not_found(
                text,
                [],
                docs,
                why=f"the question reads as {language}, which the documents are not written in: "
                "ask in the language the documents are written in.",
            )
        story, ranked = self.ranked(data, text)
        return build_answer(story, text, ranked, k=k, n_docs=docs)

    @staticmethod
    def _indexed(data: store.IndexData) -> dict[str, dict[str, Any]]:
        """The index's documents by file name, made once per loaded index."""
        indexed = data.cache.get("doc_by_name")
        if indexed is None:
            indexed = data.cache["doc_by_name"] = {d["name"]: d for d in data.docs}
        return indexed

    def _same_stamp(self, name: str, data: store.IndexData) -> bool:
        """The file still has the size and modification time the index recorded for it."""
        record = self._indexed(data).get(name)
        try:
            st = (Path(self.settings.sources) / name).stat()
        except OSError:
            return False
        return record is not None and record["size"] == st.st_size and record["mtime_ns"] == st.st_mtime_ns

    def _altered(self, answer: Answer, data: store.IndexData) -> set[str]:
        """The answer's sources whose file no longer holds the text the index was built from."""
        indexed = self._indexed(data)
        altered = set()
        for name in {p.source for p in answer.every_passage()}:
            try:
                now = (Path(self.settings.sources) / name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                now = None
            if name not in indexed or now != indexed[name]["text"]:
                altered.add(name)
        return altered

    def status(self) -> dict[str, Any]:
        """Index state for people: counts, model, build time, and whether the sources changed."""
        manifest = store.read_manifest(self.settings.index_dir)
        if manifest is None:
            return {
                "built": False,
                "index_dir": str(self.settings.index_dir),
                "sources": str(self.settings.sources),
            }
        diff = diff_sources(self.settings, manifest)
        return {
            "built": True,
            "index_dir": str(self.settings.index_dir),
            "sources": str(self.settings.sources),
            "version": manifest["version"],
            "built_at": manifest["built_at"],
            "model": manifest["model"]["name"],
            "documents": manifest["counts"]["documents"],
            "chunks": manifest["counts"]["chunks"],
            "sentences": manifest["counts"]["sentences"],
            "stories": manifest["counts"].get("stories"),  # None for an index built before session 18
            "search": manifest.get("search", {}),
            "stale": diff.stale,
            "added": diff.added,
            "changed": diff.changed,
            "removed": diff.removed,
            "skipped": diff.skipped,
            "no_sentences": manifest.get("no_sentences", []),
        }


_engines: dict[Settings, Engine] = {}
_engines_lock = threading.Lock()


def get_engine(settings: Settings | None = None) -> Engine:
    """The process-wide Engine for these settings (created on first use)."""
    settings = settings or get_settings()
    with _engines_lock:
        engine = _engines.get(settings)
        if engine is None:
            engine = _engines[settings] = Engine(settings)
        return engine


def ask(
    question: str, *, k: int = 3, sources: str | Path | None = None, index_dir: str | Path | None = None
) -> Answer:
    """Answer ``question`` from the documents with verbatim, cited passages.

    Args:
        question: A question in plain language.
        k: How many passages to return (1-20), best first.
        sources: Folder of documents (default: KCQA_SOURCES or ``seeds``).
        index_dir: Index folder (default: KCQA_INDEX_DIR or ``index``); built on first use.

    Returns:
        An Answer. ``answered`` is False when the sources do not answer the question.

    Raises:
        QuestionError: The question is empty or too long.
        KcqaError: The sources, index or model cannot be used (the message says what to do).
    """
    return get_engine(get_settings(sources=sources, index_dir=index_dir)).ask(question, k=k)


def build_index(
    *,
    sources: str | Path | None = None,
    index_dir: str | Path | None = None,
    full: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build or update the index: embed added and changed documents, drop removed ones.

    Args:
        sources: Folder of documents (default: KCQA_SOURCES or ``seeds``).
        index_dir: Index folder (default: KCQA_INDEX_DIR or ``index``).
        full: Rebuild everything instead of updating.
        progress: Optional ``progress(stage, done, total)`` callback.
    """
    return get_engine(get_settings(sources=sources, index_dir=index_dir)).build(full=full, progress=progress)
