"""The web UI: a Gradio Blocks app over one Engine (gradio is imported only here).

Every piece of document text is HTML-escaped before it reaches the page, and the chat shows
messages as sanitised HTML, never as Markdown, so a document cannot inject markup or scripts.
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

# A local app: no usage reports or version checks leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from .config import Settings, get_settings  # noqa: E402
from .errors import KcqaError, UploadError  # noqa: E402
from .pipeline import Engine, get_engine  # noqa: E402
from .schema import Answer, Passage  # noqa: E402
from .sources import add_source, safe_name  # noqa: E402

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]

GENERIC_ERROR = "Something went wrong; the details are in the server log."
ARTICLE_CHARS = 60_000  # longest stretch of a document shown under "Read the whole article"
# Example questions for the bundled seeds corpus, offered only when its files are the sources.
SEED_FILES = ("000_c4f3c2872cd10720.txt", "003_c5b686a9497d3da5.txt")
SEED_EXAMPLES = (
    "When did South Korea and Cuba establish diplomatic relations?",
    "How many people of Korean descent live in Cuba?",
    "Which Cuban president visited North Korea in 2018?",
    "What is the capital of France?",
)
# Markdown, LaTeX and autolink characters as entities ("#", "&", ";" are html.escape's own).
_MARKUP = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()+-!|~$:"}


def esc(text: str) -> str:
    """Text as inert HTML: tags escaped, Markdown and LaTeX characters neutralised, lines kept."""
    return html.escape(text, quote=True).translate(_MARKUP).replace("\n", "<br>")


def _note(text: str, cls: str = "kc-ok") -> str:
    return f'<p class="kc-note {cls}">{esc(text)}</p>'


def _message(exc: Exception, action: str) -> str:
    """What the user reads about a failure: a KcqaError's message, else a generic line."""
    if isinstance(exc, KcqaError):
        return str(exc)
    log.error("%s failed", action, exc_info=exc)
    return GENERIC_ERROR


class Activity:
    """What the engine is busy with, shared by every browser tab and shown on the page."""

    def __init__(self) -> None:
        self.label: str | None = None
        self.stage, self.done, self.total = "", 0, 0
        self.error: str | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total

    @contextmanager
    def running(self, label: str) -> Iterator[None]:
        self.label, self.stage, self.done, self.total, self.error = label, "", 0, 0, None
        try:
            yield
        except Exception as exc:
            self.error = _message(exc, label)
            raise
        finally:
            self.label = None


class App:
    """The page's handlers over one Engine; they return HTML, or plain values for the API."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.settings: Settings = engine.settings
        self.activity = Activity()
        self._warm_lock = threading.Lock()
        self._warmed = False

    def warm_up(self) -> None:
        """Load the model and index in the background (building the index if needed), once."""
        with self._warm_lock:
            if self._warmed:
                return
            self._warmed = True
        try:
            built = self.engine.status()["built"]
        except Exception:
            built = False
        label = "Loading the model and index" if built else "Building the index (first start)"
        self.activity.label = label  # before the thread starts, so the page shows it at once

        def run() -> None:
            try:
                with self.activity.running(label):
                    self.engine.index(progress=self.activity.progress)
            except KcqaError as exc:  # shown on the page too
                log.warning("the index is not ready: %s", exc)
            except Exception:  # logged by Activity.running, shown on the page
                pass

        threading.Thread(target=run, name="kcqa-warm-up", daemon=True).start()

    def busy(self) -> bool:
        return self.activity.label is not None

    def banner_html(self) -> str:
        """A line above the chat while the index is being built or loaded."""
        label = self.activity.label
        return (f'<p class="kc-banner">{esc(label)}… Questions are answered as soon as it is '
                "ready.</p>") if label else ""

    def status_html(self) -> str:
        """The index panel: counts, model, build time, stale or not, or the build in progress."""
        return f'<div class="kc-status"><h3>Index</h3>{self._status_body()}</div>'

    def _status_body(self) -> str:
        act = self.activity
        if act.label:
            bar = f'<progress max="{act.total}" value="{act.done}"></progress>' if act.total else ""
            count = f"{act.done:,}/{act.total:,}" if act.total else ""
            return (f'<p class="kc-badge kc-busy">{esc(act.label)}…</p>{bar}'
                    f'<p class="kc-small">{esc(act.stage)} {count}</p>')
        error = f'<p class="kc-note kc-bad">{esc(act.error)}</p>' if act.error else ""
        try:
            s = self.engine.status()
        except Exception as exc:
            return error + _note(_message(exc, "status"), "kc-bad")
        if not s["built"]:
            return (f'{error}<p class="kc-badge kc-stale">No index yet</p>' + _note(
                f'It is built on the first question, or with Rebuild. Sources: {s["sources"]}',
                "kc-small"))
        if not s["stale"]:  # a usable, current index: an earlier failure no longer matters
            act.error, error = None, ""
        n = len(s["added"]) + len(s["changed"]) + len(s["removed"])
        files = f"{n} file{'s' * (n != 1)}"
        badge = (f'<p class="kc-badge kc-stale">Sources changed since the build ({files})</p>'
                 if s["stale"] else '<p class="kc-badge kc-ok">Up to date</p>')
        rows = {"Documents": f'{s["documents"]:,}', "Chunks": f'{s["chunks"]:,}',
                "Model": s["model"].rsplit("/", 1)[-1],
                "Built": s["built_at"].replace("T", " ")[:16] + " UTC", "Sources": s["sources"]}
        dl = "".join(f"<dt>{k}</dt><dd>{esc(str(v))}</dd>" for k, v in rows.items())
        skipped = "".join(_note(f'Skipped {x["name"]}: {x["reason"]}', "kc-small")
                          for x in s["skipped"])
        return f"{error}{badge}<dl>{dl}</dl>{skipped}"

    def rebuild(self, progress: Progress) -> str:
        """Rebuild the whole index; a message for the page."""
        try:
            with self.activity.running("Rebuilding the index"):
                report = self.engine.build(full=True, progress=_tee(self.activity, progress))
            return _note(report.summary())
        except Exception as exc:
            return _note(_message(exc, "rebuild"), "kc-bad")

    def upload(self, paths: list[str], progress: Progress) -> str:
        """Save uploaded .txt/.md files into the sources folder, then update the index."""
        folder, limit = Path(self.settings.sources), self.settings.max_upload_bytes
        notes, saved = [], 0
        for path in paths:
            name = Path(path).name
            try:
                size = os.path.getsize(path)
                if size > limit:  # refused before it is read
                    raise UploadError(f"{name} is too large ({size:,} bytes; the limit is "
                                      f"{limit:,}).")
                before = set(os.listdir(folder)) if folder.is_dir() else set()
                target = add_source(folder, name, Path(path).read_bytes(), max_bytes=limit)
            except Exception as exc:
                notes.append(_note(f"Not saved: {_message(exc, 'upload')}", "kc-bad"))
                continue
            if target in before:
                notes.append(_note(f"{name} is already in the sources as {target}."))
            else:
                saved += 1
                notes.append(_note(_saved_as(name, target)))
        if saved:
            try:
                with self.activity.running("Adding to the index"):
                    report = self.engine.build(progress=_tee(self.activity, progress))
                notes.append(_note(f"{report.summary()} You can ask about it now."))
            except Exception as exc:
                notes.append(_note(f"The index was not updated: {_message(exc, 'update')}",
                                   "kc-bad"))
        return "".join(notes)

    def ask_dict(self, question: str) -> dict[str, Any]:
        """The /ask API: ``Answer.to_dict()``, or a gr.Error whose message is for people."""
        try:
            return self.engine.ask(question).to_dict()
        except Exception as exc:
            raise gr.Error(_message(exc, "ask"), print_exception=False) from None

    def reply_html(self, question: str) -> str:
        """The chat reply to a question, as safe HTML; a failure becomes a short message."""
        try:
            answer = self.engine.ask(question)
        except Exception as exc:
            return f'<div class="kc-reply">{_note(_message(exc, "ask"), "kc-bad")}</div>'
        return render_answer(answer, Path(self.settings.sources))

    def examples(self) -> list[dict[str, str]]:
        folder = Path(self.settings.sources)
        if all((folder / name).is_file() for name in SEED_FILES):
            return [{"text": q} for q in SEED_EXAMPLES]
        return []


def _saved_as(name: str, target: str) -> str:
    if target == name:
        return f"Saved as {target} in the sources folder."
    if target == safe_name(name):
        return f"{name} was saved as {target} (a safe file name)."
    return f"{name} was saved as {target}: a different file of that name is already there."


def _tee(activity: Activity, progress: Progress) -> Progress:
    def both(stage: str, done: int, total: int) -> None:
        activity.progress(stage, done, total)
        progress(stage, done, total)

    return both


# -- rendering an Answer ---------------------------------------------------------------------
class _Docs:
    """Source texts, read once per reply; None when a file no longer matches its passage."""

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
    return f"{esc(text[lo:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:hi])}"


def _card(n: int, p: Passage, docs: _Docs, *, extra: str = "") -> str:
    """One cited passage: title, file, date, score; its paragraph and its article, span marked."""
    meta = [f"<b>{esc(p.title)}</b>", f'<code class="kc-file">{esc(p.source)}</code>',
            *([esc(p.date)] if p.date else []), f"score {p.score:.2f}"]
    head = f'<div class="kc-meta"><span class="kc-num">{n}</span> {" · ".join(meta)}</div>'
    text = docs.text_for(p)
    if text is None:
        return (f'<div class="kc-card">{head}<blockquote class="kc-context"><mark>{esc(p.text)}'
                "</mark></blockquote>" + _note("The file changed since it was indexed, so its "
                                               "context cannot be shown.", "kc-small")
                + f"{extra}</div>")
    lo, hi = p.context_start, p.context_end
    if not lo <= p.start <= p.end <= hi <= len(text):
        lo, hi = p.start, p.end
    a = max(0, min(p.start - ARTICLE_CHARS // 2, len(text) - ARTICLE_CHARS))
    b = min(len(text), a + ARTICLE_CHARS)
    part = "" if b - a == len(text) else f" (characters {a:,}–{b:,} of {len(text):,})"
    article = "…" * (a > 0) + _marked(text, a, p.start, p.end, b) + "…" * (b < len(text))
    return (f'<div class="kc-card">{head}'
            f'<blockquote class="kc-context">{_marked(text, lo, p.start, p.end, hi)}</blockquote>'
            f'<details class="kc-doc"><summary>Read the whole article{part}</summary>'
            f'<div class="kc-article">{article}</div></details>{extra}</div>')


def render_answer(answer: Answer, sources: Path) -> str:
    """The chat reply for an Answer: the extractive answer with [n] citations, then the evidence.

    The layout and numbering follow ``Answer.text``: the best passage and the sources that also
    report it, any differing figures, the other relevant passages; [n] in order of first mention.
    """
    docs, refs = _Docs(sources), []

    def num(p: Passage) -> int:
        key = (p.source, p.start, p.end)
        for n, r in enumerate(refs, 1):
            if (r.source, r.start, r.end) == key:
                return n
        refs.append(p)
        return len(refs)

    def cite(p: Passage) -> str:
        return f'<sup class="kc-cite">[{num(p)}]</sup>'

    def with_also(p: Passage) -> str:
        line = f"{esc(p.text)} {cite(p)}"  # before its corroborations, as in Answer.text
        if p.also:
            also = "; ".join(f"{esc(a.title)} {cite(a)}" for a in p.also)
            line += f'<br><span class="kc-also">Also reported by: {also}</span>'
        return line

    out = ['<div class="kc-reply">', _note(answer.notice, "kc-warn") if answer.notice else ""]
    if not answer.answered or not answer.passages:
        head = answer.text.split("\n\n", 1)[0].split(": ", 1)
        why = f" {esc(head[1][:1].upper() + head[1][1:])}" if len(head) == 2 else ""
        out.append(f'<p class="kc-notfound"><b>Not found in the sources.</b>{why}</p>')
        if answer.related:
            out.append('<div class="kc-related"><p class="kc-label">Related reading, '
                       "<b>not the answer</b>: the nearest passages</p>")
            out += [_card(n, p, docs) for n, p in enumerate(answer.related, 1)] + ["</div>"]
        return "".join(out) + "</div>"
    best, *rest = answer.passages
    out.append(f'<div class="kc-answer"><p class="kc-best">{with_also(best)}</p>')
    for c in answer.conflicts:
        claims = "; ".join(f'{esc(cl.value)} {cite(cl.passage)} <code class="kc-file">'
                           f"{esc(cl.passage.source)}</code>" for cl in c.claims)
        out.append(f'<p class="kc-conflict"><b>The sources differ</b> on this: {claims}.</p>')
    if rest:
        items = "".join(f"<li>{with_also(p)}</li>" for p in rest)
        out.append(f'<p class="kc-label">Other relevant passages</p><ul class="kc-rest">{items}</ul>')
    out.append('</div><p class="kc-label">Sources</p>')
    nested = {num(a) for p in answer.passages for a in p.also}
    mains = {num(p): p for p in answer.passages}
    for n, r in enumerate(list(refs), 1):
        if n in nested:
            continue
        p = mains.get(n)
        if p is None:  # cited only for a differing figure
            out.append(_card(n, r, docs, extra=_note("Gives a different figure.", "kc-small")))
            continue
        s = "s" * (len(p.also) > 1)
        cards = "".join(_card(num(a), a, docs) for a in p.also)
        more = (f'<details class="kc-more"><summary>Also reported by {len(p.also)} other '
                f"source{s}</summary>{cards}</details>") if p.also else ""
        out.append(_card(n, p, docs, extra=more))
    return "".join(out) + "</div>"


# -- the page --------------------------------------------------------------------------------
CSS = """
#kc-head h1 { font-size: 1.6rem; margin: .2rem 0 0; }
#kc-head p { margin: .1rem 0 .4rem; color: var(--body-text-color-subdued); }
.kc-reply { font-size: 1rem; line-height: 1.55; }
.kc-answer p { margin: 0 0 .6rem; }
.kc-best { font-size: 1.08rem; }
.kc-rest { margin: 0 0 .4rem; padding-left: 1.2rem; }
.kc-rest li { margin-bottom: .35rem; }
.kc-cite { color: var(--color-accent); font-weight: 600; margin-left: .1rem; }
.kc-also { font-size: .88rem; color: var(--body-text-color-subdued); }
.kc-conflict { border-left: 4px solid #d97706; padding: .3rem .6rem;
  background: rgba(217,119,6,.08); }
.kc-label { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
  margin: .8rem 0 .3rem; color: var(--body-text-color-subdued); }
.kc-card { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .5rem .7rem; margin: 0 0 .5rem; background: var(--background-fill-secondary); }
.kc-meta { font-size: .85rem; overflow-wrap: anywhere; }
.kc-num { display: inline-block; min-width: 1.4rem; text-align: center; border-radius: 999px;
  background: var(--color-accent); color: white; font-weight: 700; font-size: .75rem; }
.kc-file { font-size: .8rem; }
.kc-context { margin: .4rem 0; padding: .2rem .6rem; white-space: pre-wrap;
  border-left: 3px solid var(--border-color-primary); overflow-wrap: anywhere; font-size: .93rem; }
.kc-reply mark { background: #fde68a; color: #1f2937; padding: .05rem .1rem; border-radius: 3px;
  border-bottom: 2px solid #f59e0b; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; }
.kc-doc summary, .kc-more summary { cursor: pointer; font-size: .85rem;
  color: var(--color-accent); }
.kc-more { margin-top: .3rem; }
.kc-more .kc-card { background: var(--background-fill-primary); margin: .4rem 0 0 .8rem; }
.kc-article { position: relative; max-height: 45vh; overflow: auto; white-space: pre-wrap;
  overflow-wrap: anywhere; font-size: .9rem; padding: .5rem; margin-top: .3rem;
  border: 1px solid var(--border-color-primary); border-radius: 6px;
  background: var(--background-fill-primary); }
.kc-notfound { font-size: 1.05rem; }
.kc-related { border: 1px dashed var(--border-color-primary); border-radius: 8px;
  padding: .4rem .6rem; }
.kc-related .kc-card { background: transparent; }
.kc-reply .kc-related mark { background: rgba(148,163,184,.22); color: inherit;
  border-bottom-color: #94a3b8; }
.kc-note { margin: .3rem 0; font-size: .9rem; overflow-wrap: anywhere; white-space: pre-line; }
.kc-warn { border-left: 4px solid #d97706; padding-left: .5rem; }
.kc-bad { color: #b91c1c; }
.kc-banner { margin: 0; padding: .45rem .8rem; border-radius: 8px; font-weight: 600;
  background: rgba(217,119,6,.12); color: #92400e; }
#kc-side button { width: 100%; }
.kc-status h3 { margin: 0 0 .5rem; }
.kc-status dl { display: grid; grid-template-columns: auto 1fr; gap: .15rem .8rem;
  margin: .4rem 0; font-size: .9rem; }
.kc-status dt { color: var(--body-text-color-subdued); }
.kc-status dd { margin: 0; overflow-wrap: anywhere; }
.kc-status progress { width: 100%; }
.kc-badge { display: inline-block; margin: 0; padding: .1rem .6rem; border-radius: 999px;
  font-size: .85rem; }
.kc-badge.kc-ok { background: rgba(22,163,74,.14); color: #15803d; }
.kc-badge.kc-stale, .kc-badge.kc-busy { background: rgba(217,119,6,.15); color: #b45309; }
.kc-small { font-size: .82rem; color: var(--body-text-color-subdued); margin: .2rem 0; }
.dark .kc-reply mark { background: #facc15; color: #111827; }
.dark .kc-reply .kc-related mark { background: rgba(148,163,184,.25); color: inherit; }
.dark .kc-badge.kc-ok { color: #4ade80; }
.dark .kc-badge.kc-stale, .dark .kc-badge.kc-busy, .dark .kc-banner { color: #fbbf24; }
.dark .kc-bad { color: #f87171; }
@media (max-width: 640px) {
  #kc-head h1 { font-size: 1.3rem; }
  #kc-chat .message-row { padding: 8px 4px !important; }
  #kc-chat .message { padding: 2px 4px !important; }
  .kc-reply { font-size: .95rem; }
  .kc-card { padding: .4rem .5rem; }
  .kc-context { padding: .1rem .4rem; }
  .kc-related { padding: .3rem .4rem; }
  .kc-more .kc-card { margin-left: .3rem; }
  .kc-article { max-height: 60vh; }
}
"""

# Page-level rules (Gradio scopes CSS to the app's content) and a script: opening an article
# scrolls its marked span into view, inside the article box only.
HEAD = """<style>
@media (max-width: 640px) { .gradio-container .main.app { padding: 8px 6px !important; } }
</style>
<script>
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

    The Blocks carries ``.kcqa``, the App with its handlers; ``launch()`` serves it.
    """
    app = App(get_engine(settings or get_settings()))

    def add_question(question: str, history: list) -> tuple:
        if not isinstance(question, str) or not question.strip():
            return gr.skip(), history, None
        return "", [*history, {"role": "user", "content": esc(question)}], question

    def answer(question: str | None, history: list) -> tuple:
        if question is None:
            gr.Warning("Type a question about your documents first.")
            return gr.skip(), gr.skip(), gr.skip()
        reply = {"role": "assistant", "content": app.reply_html(question)}
        return [*history, reply], *refresh()[:2]

    def pick_example(evt: gr.SelectData, history: list) -> tuple:
        value = evt.value if isinstance(evt.value, dict) else {}
        return add_question(value.get("text", ""), history)

    def refresh() -> tuple:
        banner = app.banner_html()
        return app.status_html(), gr.HTML(banner, visible=bool(banner)), gr.Timer(active=app.busy())

    def on_load() -> tuple:
        app.warm_up()
        return refresh()

    def rebuild(progress=gr.Progress()) -> tuple:  # noqa: B008 - Gradio injects the tracker
        return app.rebuild(lambda s, d, t: progress((d, t), desc=s)), app.status_html()

    def upload(files: list[str] | None, progress=gr.Progress()) -> tuple:  # noqa: B008
        return app.upload(files or [], lambda s, d, t: progress((d, t), desc=s)), app.status_html()

    with gr.Blocks(title="kcqa: ask your documents") as demo:
        gr.HTML('<h1>kcqa</h1><p>Ask questions about your documents. Every answer is a verbatim '
                "passage, with its source.</p>", elem_id="kc-head")
        banner = gr.HTML(elem_id="kc-banner", visible=False)
        pending = gr.State(None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chat = gr.Chatbot(
                    show_label=False, height="max(420px, calc(100vh - 250px))", layout="panel",
                    autoscroll=False, render_markdown=False, sanitize_html=True,
                    latex_delimiters=[], allow_tags=False, buttons=[], feedback_options=None,
                    examples=app.examples() or None, elem_id="kc-chat",
                    placeholder="<b>Ask a question about your documents.</b><br>The answer is "
                    "quoted from them, with each passage highlighted in its article.",
                )
                box = gr.Textbox(placeholder="Ask a question…", show_label=False, max_lines=4,
                                 elem_id="kc-q", submit_btn="Ask")
            with gr.Column(scale=1, min_width=280, elem_id="kc-side"):
                status = gr.HTML('<h3>Index</h3><p class="kc-small">Checking the index…</p>',
                                 elem_id="kc-status")
                rebuild_btn = gr.Button("Rebuild index")
                upload_btn = gr.UploadButton("Add documents", file_types=[".txt", ".md"],
                                             file_count="multiple", elem_id="kc-upload")
                limit_mb = app.settings.max_upload_bytes / 1_000_000
                gr.HTML(f'<p class="kc-small">Plain text (.txt, .md, UTF-8), up to {limit_mb:g} MB '
                        "each: saved into the sources folder, then indexed.</p>")
                message = gr.HTML(elem_id="kc-message")
        timer = gr.Timer(1.0, active=False)

        hidden: dict[str, Any] = {"api_visibility": "private"}
        asking = {"concurrency_id": "ask", "concurrency_limit": 2, **hidden}
        indexing = {"concurrency_id": "index", "concurrency_limit": 1, **hidden}

        def ask_on(trigger: Callable, fn: Callable, inputs: list) -> None:
            trigger(fn, inputs, [box, chat, pending], queue=False, **hidden).then(
                None, js=SCROLL_JS, **hidden).then(
                answer, [pending, chat], [chat, status, banner], **asking).then(
                None, js=SCROLL_JS, **hidden)

        ask_on(box.submit, add_question, [box, chat])
        ask_on(chat.example_select, pick_example, [chat])
        chat.clear(lambda: None, None, pending, queue=False, **hidden)
        rebuild_btn.click(rebuild, None, [message, status], **indexing)
        upload_btn.upload(upload, upload_btn, [message, status], **indexing)
        timer.tick(refresh, None, [status, banner, timer], concurrency_limit=None, **hidden)
        demo.load(on_load, None, [status, banner, timer], concurrency_limit=None, **hidden)
        gr.api(app.ask_dict, api_name="ask", concurrency_id="ask", concurrency_limit=2)
    demo.kcqa = app  # type: ignore[attr-defined]
    return demo


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def launch(settings: Settings | None = None, *, host: str | None = None, port: int | None = None,
           demo: gr.Blocks | None = None, block: bool = True) -> str:
    """Serve the UI; the model and index load (the index is built on first start) meanwhile.

    Args:
        settings: Sources, index and model (default: from the environment).
        host: Address to bind (default 127.0.0.1, or GRADIO_SERVER_NAME); never a share link.
        port: Port (default 7860, or GRADIO_SERVER_PORT).
        demo: An app from ``build_app()`` (built here when not given).
        block: Serve until interrupted; False returns once serving (stop with ``demo.close()``).

    Returns:
        The local URL.
    """
    host = host or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    port = port or int(os.environ.get("GRADIO_SERVER_PORT") or 7860)
    if not _is_loopback(host):
        log.warning("serving on %s: anyone who can reach it can read the documents and add "
                    "files to the sources folder", host)
    demo = demo or build_app(settings)
    app: App = demo.kcqa  # type: ignore[attr-defined]
    app.warm_up()
    font = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"]
    theme = gr.themes.Soft(primary_hue="indigo", font=font, font_mono=["ui-monospace", "monospace"])
    _, url, _ = demo.queue(default_concurrency_limit=1).launch(
        server_name=host, server_port=port, share=False, show_error=False, ssr_mode=False,
        max_file_size=2 * app.settings.max_upload_bytes + 1_000_000, theme=theme, css=CSS,
        head=HEAD, footer_links=["api"], mcp_server=False, run_history=False,
        prevent_thread_lock=not block,
    )
    return url
