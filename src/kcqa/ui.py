"""The web UI: a Gradio Blocks app over one Engine (gradio is imported only here).

Every piece of document text is HTML-escaped before it reaches the page, and the chat renders
messages as (sanitised) HTML, never as Markdown, so a document cannot inject markup or scripts.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# A local app: no usage reports or update checks leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from .config import Settings, get_settings  # noqa: E402
from .errors import KcqaError  # noqa: E402
from .pipeline import Engine, get_engine  # noqa: E402
from .schema import Answer, Passage  # noqa: E402
from .sources import add_source  # noqa: E402

log = logging.getLogger(__name__)

GENERIC_ERROR = "Something went wrong while answering; the details are in the server log."
ARTICLE_CHARS = 60_000  # longest stretch of a document shown in "Read the whole article"
# Example questions for the bundled seeds corpus, offered only when its files are the sources.
SEED_FILES = ("000_c4f3c2872cd10720.txt", "003_c5b686a9497d3da5.txt")
SEED_EXAMPLES = (
    "When did South Korea and Cuba establish diplomatic relations?",
    "How many people of Korean descent live in Cuba?",
    "Which Cuban president visited North Korea in 2018?",
    "What is the capital of France?",
)

# Markdown, LaTeX and autolink characters, as entities ("#", "&" and ";" are left to html.escape).
_MARKUP = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()+-!|~$:"}


def esc(text: str) -> str:
    """Document text as inert HTML: tags escaped, Markdown and LaTeX characters neutralised,
    line breaks kept."""
    return html.escape(text, quote=True).translate(_MARKUP).replace("\n", "<br>")


class Activity:
    """What the engine is busy with (shared by every browser tab), shown in the index panel."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.label: str | None = None
        self.stage, self.done, self.total = "", 0, 0
        self.error: str | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total

    @contextmanager
    def running(self, label: str) -> Iterator[None]:
        with self._lock:
            self.label, self.stage, self.done, self.total, self.error = label, "", 0, 0, None
        try:
            yield
        except KcqaError as exc:
            self.error = str(exc)
            raise
        finally:
            self.label = None

    def claim(self, label: str) -> bool:
        """Mark the engine busy with ``label`` unless it already is; True when claimed."""
        with self._lock:
            if self.label is not None:
                return False
            self.label, self.stage, self.done, self.total, self.error = label, "", 0, 0, None
            return True


class App:
    """The UI's handlers over one Engine; all methods return HTML or plain values for Gradio."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.settings: Settings = engine.settings
        self.activity = Activity()
        self._warm_lock = threading.Lock()
        self._warmed = False

    # -- index -----------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load the model and index in the background, building the index first if needed.

        Runs once per process; the page shows it while it runs.
        """
        with self._warm_lock:
            if self._warmed:
                return
            self._warmed = True
        try:
            built = self.engine.status().get("built", False)
        except Exception:
            built = False
        label = "Loading the model and index" if built else "Building the index (first start)"
        if self.activity.claim(label):
            threading.Thread(target=self._warm, name="kcqa-warm-up", daemon=True).start()

    def _warm(self) -> None:
        try:
            self.engine.index(progress=self.activity.progress)
        except KcqaError as exc:
            log.warning("index not ready: %s", exc)
            self.activity.error = str(exc)
        except Exception:
            log.exception("warm-up failed")
            self.activity.error = GENERIC_ERROR
        finally:
            self.activity.label = None

    def status_html(self) -> str:
        act = self.activity
        if act.label:
            pct = f"{act.done}/{act.total}" if act.total else ""
            bar = f'<progress max="{act.total}" value="{act.done}"></progress>' if act.total else (
                '<progress></progress>')
            return (f'<div class="kc-status"><p class="kc-badge kc-busy">{esc(act.label)}…</p>'
                    f'{bar}<p class="kc-small">{esc(act.stage)} {pct}</p></div>')
        try:
            s = self.engine.status()
        except KcqaError as exc:
            return f'<div class="kc-status"><p class="kc-badge kc-bad">{esc(str(exc))}</p></div>'
        except Exception:
            log.exception("status failed")
            return f'<div class="kc-status"><p class="kc-badge kc-bad">{esc(GENERIC_ERROR)}</p></div>'
        error = f'<p class="kc-badge kc-bad">{esc(act.error)}</p>' if act.error else ""
        if not s["built"]:
            return (f'<div class="kc-status">{error}<p class="kc-badge kc-stale">No index yet</p>'
                    '<p class="kc-small">It is built on the first question, or with Rebuild.</p>'
                    f'<p class="kc-small">Sources: {esc(s["sources"])}</p></div>')
        if s["stale"]:
            n = len(s["added"]) + len(s["changed"]) + len(s["removed"])
            badge = f'<p class="kc-badge kc-stale">Sources changed since the build ({n} files)</p>'
        else:
            badge = '<p class="kc-badge kc-ok">Up to date</p>'
        skipped = "".join(f'<li>{esc(x["name"])}: {esc(x["reason"])}</li>' for x in s["skipped"])
        rows = [("Documents", f'{s["documents"]:,}'), ("Chunks", f'{s["chunks"]:,}'),
                ("Model", s["model"].rsplit("/", 1)[-1]),
                ("Built", s["built_at"].replace("T", " ")[:16] + " UTC"), ("Sources", s["sources"])]
        dl = "".join(f"<dt>{k}</dt><dd>{esc(str(v))}</dd>" for k, v in rows)
        return (f'<div class="kc-status">{error}{badge}<dl>{dl}</dl>'
                + (f'<p class="kc-small">Skipped:</p><ul class="kc-small">{skipped}</ul>' if skipped else "")
                + "</div>")

    def banner_html(self) -> str:
        """A line above the chat while the index is being built or loaded."""
        label = self.activity.label
        return (f'<p class="kc-banner">{esc(label)}… Questions are answered as soon as it is '
                "ready.</p>" if label else "")

    def busy(self) -> bool:
        return self.activity.label is not None

    def rebuild(self, progress: Callable[[str, int, int], None]) -> str:
        """Rebuild the whole index; returns a message for the page."""
        try:
            with self.activity.running("Rebuilding the index"):
                report = self.engine.build(full=True, progress=_tee(self.activity.progress, progress))
            return _note(report.summary())
        except KcqaError as exc:
            return _note(str(exc), "kc-bad")
        except Exception:
            log.exception("rebuild failed")
            return _note(GENERIC_ERROR, "kc-bad")

    def upload(self, paths: list[str], progress: Callable[[str, int, int], None]) -> str:
        """Save uploaded .txt/.md files into the sources folder, then update the index."""
        folder, limit = Path(self.settings.sources), self.settings.max_upload_bytes
        lines, saved = [], 0
        for path in paths or []:
            name = Path(path).name
            try:
                size = os.path.getsize(path)
                if size > limit:  # refused before reading it
                    raise KcqaError(f"{name} is too large ({size:,} bytes; the limit is {limit:,}).")
                before = set(os.listdir(folder)) if folder.is_dir() else set()
                target = add_source(folder, name, Path(path).read_bytes(), max_bytes=limit)
            except KcqaError as exc:
                lines.append(("kc-bad", f"Not saved: {exc}"))
                continue
            except OSError:
                log.exception("upload of %s failed", name)
                lines.append(("kc-bad", f"Not saved: {name} could not be read or written."))
                continue
            if target in before:
                lines.append(("kc-ok", f"{name}: already in the sources as {target} (same content)."))
            else:
                saved += 1
                renamed = "" if target == name else " (a file of that name already existed)"
                lines.append(("kc-ok", f"{name}: saved as {target}{renamed}."))
        if saved:
            try:
                with self.activity.running("Adding to the index"):
                    report = self.engine.build(progress=_tee(self.activity.progress, progress))
                lines.append(("kc-ok", report.summary() + " You can ask about it now."))
            except KcqaError as exc:
                lines.append(("kc-bad", f"The index was not updated: {exc}"))
            except Exception:
                log.exception("index update after upload failed")
                lines.append(("kc-bad", GENERIC_ERROR))
        return "".join(_note(text, cls) for cls, text in lines)

    # -- answers ---------------------------------------------------------------------------
    def ask_dict(self, question: str) -> dict[str, Any]:
        """The /ask API: ``Answer.to_dict()``; a user-facing gr.Error on failure."""
        try:
            return self.engine.ask(question).to_dict()
        except KcqaError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        except Exception:
            log.exception("ask failed for %r", question)
            raise gr.Error(GENERIC_ERROR, print_exception=False) from None

    def reply_html(self, question: str) -> str:
        """The chat reply to a question, as safe HTML; errors become a short message."""
        try:
            answer = self.engine.ask(question)
        except KcqaError as exc:
            return f'<div class="kc-reply">{_note(str(exc), "kc-bad")}</div>'
        except Exception:
            log.exception("ask failed for %r", question)
            return f'<div class="kc-reply">{_note(GENERIC_ERROR, "kc-bad")}</div>'
        return render_answer(answer, Path(self.settings.sources))

    def examples(self) -> list[dict[str, str]]:
        folder = Path(self.settings.sources)
        if not all((folder / name).is_file() for name in SEED_FILES):
            return []
        return [{"text": q} for q in SEED_EXAMPLES]


def _tee(*callbacks: Callable[[str, int, int], None]) -> Callable[[str, int, int], None]:
    def progress(stage: str, done: int, total: int) -> None:
        for cb in callbacks:
            cb(stage, done, total)

    return progress


def _note(text: str, cls: str = "kc-ok") -> str:
    return f'<p class="kc-note {cls}">{esc(text)}</p>'


# -- rendering an Answer ---------------------------------------------------------------------
class _Docs:
    """Source texts read once per reply; None when a file no longer matches its passage."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self._texts: dict[str, str | None] = {}

    def text_for(self, p: Passage) -> str | None:
        if p.source not in self._texts:
            path = (self.folder / p.source).resolve()
            try:
                inside = path.is_relative_to(self.folder)
                self._texts[p.source] = path.read_text(encoding="utf-8") if inside else None
            except (OSError, UnicodeDecodeError):
                self._texts[p.source] = None
        text = self._texts[p.source]
        return text if text is not None and text[p.start : p.end] == p.text else None


def _marked(text: str, lo: int, start: int, end: int, hi: int) -> str:
    return (f"{esc(text[lo:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:hi])}")


def _card(n: int, p: Passage, docs: _Docs, *, extra: str = "") -> str:
    """One cited passage: title, file, date, score; its paragraph and its article, span marked."""
    meta = [f"<b>{esc(p.title)}</b>", f'<code class="kc-file">{esc(p.source)}</code>']
    if p.date:
        meta.append(esc(p.date))
    meta.append(f'<span class="kc-score">score {p.score:.2f}</span>')
    head = f'<div class="kc-meta"><span class="kc-num">{n}</span> {" · ".join(meta)}</div>'
    text = docs.text_for(p)
    if text is None:
        return (f'<div class="kc-card">{head}<blockquote class="kc-context"><mark>{esc(p.text)}'
                '</mark></blockquote><p class="kc-small">The file changed since it was indexed, '
                f"so its context cannot be shown.</p>{extra}</div>")
    lo, hi = p.context_start, p.context_end
    if not (lo <= p.start and p.end <= hi <= len(text)):
        lo, hi = p.start, p.end
    a = max(0, min(p.start - ARTICLE_CHARS // 2, len(text) - ARTICLE_CHARS))
    b = min(len(text), a + ARTICLE_CHARS)
    part = "" if (a, b) == (0, len(text)) else f" (characters {a:,}–{b:,} of {len(text):,})"
    article = ("…" if a else "") + _marked(text, a, p.start, p.end, b) + ("…" if b < len(text) else "")
    return (f'<div class="kc-card">{head}'
            f'<blockquote class="kc-context">{_marked(text, lo, p.start, p.end, hi)}</blockquote>'
            f'<details class="kc-doc"><summary>Read the whole article{part}</summary>'
            f'<div class="kc-article">{article}</div></details>{extra}</div>')


def render_answer(answer: Answer, sources: Path) -> str:
    """The chat reply for an Answer: the extractive answer with [n] citations, then the evidence.

    Citations are numbered in order of first mention, as in ``Answer.text``.
    """
    docs = _Docs(sources)
    refs: list[Passage] = []

    def num(p: Passage) -> int:
        for n, r in enumerate(refs, 1):
            if (r.source, r.start, r.end) == (p.source, p.start, p.end):
                return n
        refs.append(p)
        return len(refs)

    def cite(p: Passage) -> str:
        return f'<sup class="kc-cite">[{num(p)}]</sup>'

    out = ['<div class="kc-reply">']
    if answer.notice:
        out.append(_note(answer.notice, "kc-warn"))
    if not answer.answered:
        head = answer.text.split("\n\n", 1)[0].split(": ", 1)
        why = f" {esc(head[1][:1].upper() + head[1][1:])}" if len(head) == 2 else ""
        out.append(f'<p class="kc-notfound"><b>Not found in the sources.</b>{why}</p>')
        if answer.related:
            out.append('<div class="kc-related"><p class="kc-label">Related reading, '
                       "<b>not the answer</b>: the nearest passages</p>")
            out += [_card(n, p, docs) for n, p in enumerate(answer.related, 1)]
            out.append("</div>")
        return "".join(out) + "</div>"
    out.append('<div class="kc-answer">')
    for p in answer.passages:
        line = f"<p>{esc(p.text)} {cite(p)}"
        if p.also:
            also = ", ".join(f"{esc(a.title)} {cite(a)}" for a in p.also)
            line += f'<br><span class="kc-also">Also reported by: {also}</span>'
        out.append(line + "</p>")
    for c in answer.conflicts:
        claims = "; ".join(f'{esc(cl.value)} {cite(cl.passage)} <code class="kc-file">'
                           f"{esc(cl.passage.source)}</code>" for cl in c.claims)
        out.append(f'<p class="kc-conflict"><b>The sources differ</b> on this {esc(c.kind)}: '
                   f"{claims}.</p>")
    out.append('</div><p class="kc-label">Sources</p>')
    shown: set[int] = set()
    for p in answer.passages:
        cards = [_card(num(a), a, docs) for a in p.also]
        shown.update(num(x) for x in (p, *p.also))
        extra = (f'<details class="kc-more"><summary>Also reported by {len(cards)} other '
                 f'source{"s" if len(cards) > 1 else ""}</summary>{"".join(cards)}</details>'
                 if cards else "")
        out.append(_card(num(p), p, docs, extra=extra))
    rest = [(n, r) for n, r in enumerate(refs, 1) if n not in shown]
    if rest:
        out.append('<p class="kc-label">Sources that differ</p>')
        out += [_card(n, r, docs) for n, r in rest]
    return "".join(out) + "</div>"


# -- the Blocks app --------------------------------------------------------------------------
CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto; }
#kc-head h1 { font-size: 1.6rem; margin: .2rem 0 0; }
#kc-head p { margin: .1rem 0 .4rem; color: var(--body-text-color-subdued); }
.kc-reply { font-size: 1rem; line-height: 1.55; }
.kc-answer p { margin: 0 0 .6rem; }
.kc-cite { color: var(--color-accent); font-weight: 600; margin-left: .1rem; }
.kc-also { font-size: .88rem; color: var(--body-text-color-subdued); }
.kc-conflict { border-left: 4px solid #d97706; padding: .3rem .6rem; background: rgba(217,119,6,.08); }
.kc-label { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; margin: .8rem 0 .3rem;
  color: var(--body-text-color-subdued); }
.kc-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .5rem .7rem;
  margin: 0 0 .5rem; background: var(--background-fill-secondary); }
.kc-meta { font-size: .85rem; overflow-wrap: anywhere; }
.kc-num { display: inline-block; min-width: 1.4rem; text-align: center; border-radius: 999px;
  background: var(--color-accent); color: white; font-weight: 700; font-size: .75rem; }
.kc-file { font-size: .8rem; }
.kc-role { font-style: italic; color: var(--body-text-color-subdued); }
.kc-context { margin: .4rem 0; padding: .2rem .6rem; border-left: 3px solid var(--border-color-primary);
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: .93rem; }
.kc-reply mark { background: #fde68a; color: #1f2937; padding: 0 .1rem; border-radius: 3px;
  box-shadow: 0 0 0 1px #f59e0b; }
.kc-doc summary { cursor: pointer; font-size: .85rem; color: var(--color-accent); }
.kc-article { position: relative; max-height: 45vh; overflow: auto; white-space: pre-wrap;
  overflow-wrap: anywhere; font-size: .9rem; padding: .5rem; margin-top: .3rem;
  border: 1px solid var(--border-color-primary); border-radius: 6px; background: var(--background-fill-primary); }
.kc-notfound { font-size: 1.05rem; }
.kc-related { border: 1px dashed var(--border-color-primary); border-radius: 8px; padding: .4rem .6rem;
  opacity: .92; }
.kc-related .kc-card { background: transparent; }
.kc-note { margin: .3rem 0; font-size: .9rem; overflow-wrap: anywhere; white-space: pre-line; }
.kc-warn { border-left: 4px solid #d97706; padding-left: .5rem; }
.kc-bad { color: #b91c1c; }
.kc-status dl { display: grid; grid-template-columns: auto 1fr; gap: .15rem .8rem; margin: .4rem 0;
  font-size: .9rem; }
.kc-status dt { color: var(--body-text-color-subdued); }
.kc-status dd { margin: 0; overflow-wrap: anywhere; }
.kc-status progress { width: 100%; }
.kc-badge { display: inline-block; margin: 0; padding: .1rem .6rem; border-radius: 999px; font-size: .85rem; }
.kc-badge.kc-ok { background: rgba(22,163,74,.14); color: #15803d; }
.kc-badge.kc-stale, .kc-badge.kc-busy { background: rgba(217,119,6,.15); color: #b45309; }
.kc-badge.kc-bad { background: rgba(185,28,28,.12); }
.kc-banner { margin: 0; padding: .45rem .8rem; border-radius: 8px; background: rgba(217,119,6,.12);
  color: #92400e; font-weight: 600; }
#kc-side button { width: 100%; }
.kc-small { font-size: .82rem; color: var(--body-text-color-subdued); margin: .2rem 0; }
.dark .kc-reply mark { background: #facc15; color: #111827; }
@media (max-width: 640px) {
  .gradio-container { padding: 0 .4rem !important; }
  #kc-head h1 { font-size: 1.3rem; }
  .kc-reply { font-size: .95rem; }
  .kc-article { max-height: 60vh; }
}
"""

# Opening an article scrolls its marked span into view (inside the article box only).
HEAD = """<script>
document.addEventListener("toggle", (e) => {
  const d = e.target;
  if (!(d instanceof HTMLDetailsElement) || !d.open || !d.classList.contains("kc-doc")) return;
  const box = d.querySelector(".kc-article"), m = box && box.querySelector("mark");
  if (m) box.scrollTop = Math.max(0, m.offsetTop - box.clientHeight / 3);
}, true);
</script>"""


# After a question or an answer, bring the latest question to the top of the chat.
SCROLL_JS = """() => { for (const ms of [30, 150, 400]) setTimeout(() => {
  const rows = document.querySelectorAll("#kc-chat .user-row"), row = rows[rows.length - 1];
  let box = row && row.parentElement;
  while (box && box.scrollHeight <= box.clientHeight + 1) box = box.parentElement;
  if (box && box !== document.documentElement)
    box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - 6;
}, ms); }"""


def build_app(settings: Settings | None = None) -> gr.Blocks:
    """The kcqa Blocks app over the process-wide Engine for ``settings``.

    The returned Blocks carries ``.kcqa`` (the App with its handlers); ``launch()`` serves it.
    """
    app = App(get_engine(settings or get_settings()))

    def add_question(question: str, history: list) -> tuple:
        if not isinstance(question, str) or not question.strip():
            return gr.skip(), history, None
        return "", [*history, {"role": "user", "content": esc(question)}], question

    def answer(question: str | None, history: list) -> tuple:
        if question is None:
            gr.Warning("Type a question about your documents first.")
            return gr.skip(), gr.skip()
        reply = app.reply_html(question)
        return [*history, {"role": "assistant", "content": reply}], app.status_html()

    def pick_example(evt: gr.SelectData, history: list) -> tuple:
        value = evt.value if isinstance(evt.value, dict) else {}
        return add_question(value.get("text", ""), history)

    def refresh() -> tuple:
        return app.status_html(), app.banner_html(), gr.Timer(active=app.busy())

    def on_load() -> tuple:
        app.warm_up()
        return refresh()

    def rebuild(progress=gr.Progress()) -> tuple:  # noqa: B008 (Gradio injects the tracker)
        return app.rebuild(lambda s, d, t: progress((d, t), desc=s)), app.status_html()

    def upload(files: list[str] | None, progress=gr.Progress()) -> tuple:  # noqa: B008
        return app.upload(files or [], lambda s, d, t: progress((d, t), desc=s)), app.status_html()

    limit_mb = app.settings.max_upload_bytes / 1_000_000
    with gr.Blocks(title="kcqa: ask your documents") as demo:
        gr.HTML('<h1>kcqa</h1><p>Ask questions about your documents. Every answer is a verbatim '
                "passage, with its source.</p>", elem_id="kc-head")
        banner = gr.HTML(elem_id="kc-banner")
        pending = gr.State(None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chat = gr.Chatbot(
                    show_label=False, height="66vh", layout="panel", autoscroll=False,
                    render_markdown=False, sanitize_html=True, latex_delimiters=[], allow_tags=False,
                    buttons=[], feedback_options=None, examples=app.examples() or None,
                    elem_id="kc-chat", placeholder="<b>Ask a question about your documents.</b><br>"
                    "The answer is quoted from them, with each passage highlighted in its article.",
                )
                with gr.Row(equal_height=True):
                    box = gr.Textbox(placeholder="Ask a question…", scale=5, show_label=False,
                                     max_lines=4, elem_id="kc-q", submit_btn="Ask")
                    clear = gr.ClearButton([chat, box], value="New chat", scale=0, min_width=120)
            with gr.Column(scale=1, min_width=280, elem_id="kc-side"):
                gr.HTML("<h3>Index</h3>")
                status = gr.HTML('<p class="kc-small">Checking the index…</p>', elem_id="kc-status")
                rebuild_btn = gr.Button("Rebuild index", size="md")
                upload_btn = gr.UploadButton("Add documents", file_types=[".txt", ".md"],
                                             file_count="multiple", size="md", elem_id="kc-upload")
                gr.HTML(f'<p class="kc-small">Plain text (.txt, .md, UTF-8), up to {limit_mb:g} MB '
                        "each: saved into the sources folder, then indexed.</p>")
                message = gr.HTML(elem_id="kc-message")
        timer = gr.Timer(1.0, active=False)

        private: dict[str, Any] = {"api_visibility": "private"}
        asking = {"concurrency_id": "ask", "concurrency_limit": 2, **private}
        indexing = {"concurrency_id": "index", "concurrency_limit": 1, **private}
        def ask_on(trigger, fn: Callable, inputs: list) -> None:
            trigger(fn, inputs, [box, chat, pending], queue=False, **private).then(
                None, js=SCROLL_JS, **private).then(
                answer, [pending, chat], [chat, status], **asking).then(
                None, js=SCROLL_JS, **private)

        ask_on(box.submit, add_question, [box, chat])
        ask_on(chat.example_select, pick_example, [chat])
        clear.click(lambda: None, None, pending, queue=False, **private)
        rebuild_btn.click(rebuild, None, [message, status], **indexing)
        upload_btn.upload(upload, upload_btn, [message, status], **indexing)
        timer.tick(refresh, None, [status, banner, timer], concurrency_limit=None, **private)
        demo.load(on_load, None, [status, banner, timer], concurrency_limit=None, **private)
        gr.api(app.ask_dict, api_name="ask", concurrency_id="ask", concurrency_limit=2)
    demo.kcqa = app  # type: ignore[attr-defined]
    return demo


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def launch(settings: Settings | None = None, *, host: str | None = None, port: int | None = None,
           demo: gr.Blocks | None = None) -> None:
    """Serve the UI until interrupted; builds the index in the background on first start.

    Args:
        settings: Sources, index and model (default: from the environment).
        host: Address to bind (default 127.0.0.1, or GRADIO_SERVER_NAME); never a public share link.
        port: Port (default 7860, or GRADIO_SERVER_PORT).
        demo: An app from ``build_app()`` (built here when not given).
    """
    host = host or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    port = port or int(os.environ.get("GRADIO_SERVER_PORT") or 7860)
    if not _is_loopback(host):
        log.warning("serving on %s: anyone who can reach this address can read the documents "
                    "and add files to the sources folder", host)
    demo = demo or build_app(settings)
    app: App = demo.kcqa  # type: ignore[attr-defined]
    app.warm_up()
    font = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"]
    theme = gr.themes.Soft(primary_hue="indigo", font=font, font_mono=["ui-monospace", "monospace"])
    limit = app.settings.max_upload_bytes
    demo.queue(default_concurrency_limit=1).launch(
        server_name=host, server_port=port, share=False, show_error=False, ssr_mode=False,
        max_file_size=2 * limit + 1_000_000, theme=theme, css=CSS, head=HEAD,
        footer_links=["api"], mcp_server=False, run_history=False,
    )
