"""HTML for the web UI: an Answer as a chat reply with its evidence in place, and the page's CSS.

No gradio here. Every piece of document text goes through ``esc()``: HTML-escaped, with the
Markdown and LaTeX characters neutralised, so a document cannot inject markup or scripts.
"""

from __future__ import annotations

import html
import itertools
from pathlib import Path

from .schema import Answer, Passage

ARTICLE_CHARS = 60_000  # longest stretch of a document shown under "Read the whole article"
# Markdown, LaTeX and autolink characters as entities ("#", "&", ";" are html.escape's own).
_MARKUP = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()+-!|~$:"}


def esc(text: str) -> str:
    """Text as inert HTML: tags escaped, Markdown and LaTeX characters neutralised, lines kept."""
    return html.escape(text, quote=True).translate(_MARKUP).replace("\n", "<br>")


def note(text: str, cls: str = "kc-ok") -> str:
    return f'<p class="kc-note {cls}">{esc(text)}</p>'


_replies = itertools.count(1)  # numbers the replies of this process, for their cards' ids


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


def _card(n: int, p: Passage, docs: _Docs, *, extra: str = "", anchor: str = "") -> str:
    """One cited passage: title, file, date, score; its paragraph and its article, span marked."""
    meta = [
        f"<b>{esc(p.title)}</b>",
        f'<code class="kc-file">{esc(p.source)}</code>',
        *([esc(p.date)] if p.date else []),
        '<span title="How closely the passage matches the question, by meaning and words: higher is '
        f'closer. Not a probability.">score {p.score:.2f}</span>',
    ]
    head = f'<div class="kc-meta"><span class="kc-num">{n}</span> {" · ".join(meta)}</div>'
    text = docs.text_for(p)
    if text is None:
        return (
            f'<div class="kc-card"{anchor}>{head}<blockquote class="kc-context"><mark>{esc(p.text)}'
            "</mark></blockquote>"
            + note("The file changed since it was indexed, so its context cannot be shown.", "kc-small")
            + f"{extra}</div>"
        )
    lo, hi = p.context_start, p.context_end
    if not lo <= p.start <= p.end <= hi <= len(text):
        lo, hi = p.start, p.end
    a = max(0, min(p.start - ARTICLE_CHARS // 2, len(text) - ARTICLE_CHARS))
    b = min(len(text), a + ARTICLE_CHARS)
    part = "" if b - a == len(text) else f" (characters {a:,}–{b:,} of {len(text):,})"
    article = "…" * (a > 0) + _marked(text, a, p.start, p.end, b) + "…" * (b < len(text))
    return (
        f'<div class="kc-card"{anchor}>{head}'
        f'<blockquote class="kc-context">{_marked(text, lo, p.start, p.end, hi)}</blockquote>'
        f'<details class="kc-doc"><summary>Read the whole article{part}</summary>'
        f'<div class="kc-article">{article}</div></details>{extra}</div>'
    )


def render_answer(answer: Answer, sources: Path) -> str:
    """The chat reply for an Answer: the extractive answer with [n] citations, then the evidence.

    The layout and numbering follow ``Answer.text``: the best passage and the sources that also
    report it, any differing figures, the other relevant passages; [n] in order of first mention.
    """
    docs, refs = _Docs(sources), answer.references()
    numbers = {(r.source, r.start, r.end): n for n, r in enumerate(refs, 1)}
    reply = next(_replies)  # each reply's cards get their own ids: [1] of an earlier reply is another

    def num(p: Passage) -> int:
        return numbers[(p.source, p.start, p.end)]

    def cite(p: Passage) -> str:
        n = num(p)
        return f'<sup class="kc-cite"><a href="#kc-{reply}-{n}" title="Go to source {n}">[{n}]</a></sup>'

    def card(n: int, p: Passage, **kw) -> str:
        return _card(n, p, docs, anchor=f' id="kc-{reply}-{n}"', **kw)

    def with_also(p: Passage) -> str:
        line = f"{esc(p.text)} {cite(p)}"  # before its corroborations, as in Answer.text
        if p.also:
            also = "; ".join(f"{esc(a.title)} {cite(a)}" for a in p.also)
            line += f'<br><span class="kc-also">Also reported by: {also}</span>'
        return line

    out = ['<div class="kc-reply">', note(answer.notice, "kc-warn") if answer.notice else ""]
    if not answer.answered or not answer.passages:
        head = answer.text.split("\n\n", 1)[0].split(": ", 1)
        why = f" {esc(head[1][:1].upper() + head[1][1:])}" if len(head) == 2 else ""
        out.append(f'<p class="kc-notfound"><b>Not found in the sources.</b>{why}</p>')
        if answer.related:
            out.append(
                '<div class="kc-related"><p class="kc-label">Related reading, '
                "<b>not the answer</b>: the nearest passages</p>"
            )
            out += [_card(n, p, docs) for n, p in enumerate(answer.related, 1)] + ["</div>"]
        return "".join(out) + "</div>"
    best, *rest = answer.passages
    out.append(f'<div class="kc-answer"><p class="kc-best">{with_also(best)}</p>')
    for c in answer.conflicts:
        claims = "; ".join(
            f'{esc(cl.value)} {cite(cl.passage)} <code class="kc-file">{esc(cl.passage.source)}</code>'
            for cl in c.claims
        )
        out.append(f'<p class="kc-conflict"><b>The sources differ</b> on this: {claims}.</p>')
    if rest:
        items = "".join(f"<li>{with_also(p)}</li>" for p in rest)
        out.append(f'<p class="kc-label">Other relevant passages</p><ul class="kc-rest">{items}</ul>')
    out.append('</div><p class="kc-label">Sources</p>')
    nested = {num(a) for p in answer.passages for a in p.also}
    mains = {num(p): p for p in answer.passages}
    for n, r in enumerate(refs, 1):
        if n in nested:
            continue
        p = mains.get(n)
        if p is None:  # cited only for a differing figure
            out.append(card(n, r, extra=note("Gives a different figure.", "kc-small")))
            continue
        s = "s" * (len(p.also) > 1)
        cards = "".join(card(num(a), a) for a in p.also)
        more = (
            (
                f'<details class="kc-more"><summary>Also reported by {len(p.also)} other '
                f"source{s}</summary>{cards}</details>"
            )
            if p.also
            else ""
        )
        out.append(card(n, p, extra=more))
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
.kc-cite a { color: inherit; text-decoration: none; }
.kc-cite a:hover, .kc-cite a:focus-visible { text-decoration: underline; }
@keyframes kc-flash { from { box-shadow: 0 0 0 3px var(--color-accent); } to { box-shadow: none; } }
.kc-flash { animation: kc-flash 1.6s ease-out; }
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
/* the chat's Clear button on a row of its own, not over the first message's text */
#kc-chat .icon-button-wrapper.top-panel { position: static !important; width: fit-content;
  margin: 0 0 2px auto; }
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
// [n] goes to its source card in the same reply: opened if folded, brought into view, flashed.
document.addEventListener("click", (e) => {
  const a = e.target instanceof Element && e.target.closest(".kc-cite a[href^='#kc-']");
  if (!a) return;
  const card = document.getElementById(a.getAttribute("href").slice(1));
  if (!card) return;
  e.preventDefault();
  e.stopPropagation();
  for (let d = card.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  card.scrollIntoView({ block: "center" });
  card.classList.remove("kc-flash");
  void card.offsetWidth;
  card.classList.add("kc-flash");
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
