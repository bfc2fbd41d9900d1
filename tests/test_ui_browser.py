"""The web UI in a real browser: `kcqa serve` in a subprocess, driven by Playwright and Debian's
chromium. Screenshots are saved in each test's tmp_path."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support import free_port

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTION = "When did South Korea and Cuba establish diplomatic relations?"
EVIL = """The Zorblax Lantern Festival

<script>window.__pwned=1</script>
<img src=x onerror="window.__pwned=2">
[free tickets](javascript:window.__pwned=3) and $$\\pwned$$

The Zorblax Lantern Festival takes place every spring in the mountain village of Quillmere.
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory, model_cache):
    """`kcqa serve` on a free loopback port over a copy of the seeds (index built on start)."""
    base = tmp_path_factory.mktemp("ui-browser")
    shutil.copytree(ROOT / "seeds", base / "sources")
    port = free_port()
    path = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **os.environ,
        "KCQA_SOURCES": str(base / "sources"),
        "KCQA_INDEX_DIR": str(base / "index"),
        "KCQA_CACHE_DIR": str(model_cache),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "PYTHONPATH": os.pathsep.join(path),
    }
    env.pop("KCQA_REFRESH", None)
    url = f"http://127.0.0.1:{port}/"
    with open(base / "server.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kcqa.cli", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_serving(proc, url, base / "server.log")
            yield url, base / "sources"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_until_serving(proc: subprocess.Popen, url: str, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"the server exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"the server was not ready after {timeout:.0f} s")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _ask(page, question: str):
    """Type a question, press Enter, and return the reply that answers it."""
    from playwright.sync_api import expect

    replies = page.locator("#kc-chat .kc-reply")
    before = replies.count()
    box = page.locator("#kc-q textarea")
    box.fill(question)
    box.press("Enter")
    expect(replies).to_have_count(before + 1, timeout=120_000)
    expect(page.locator("#kc-chat .user-row").last).to_contain_text(question)
    return replies.last


def test_question_gets_a_cited_highlighted_answer(server, browser, tmp_path):
    from playwright.sync_api import expect

    url, sources = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    reply = _ask(page, QUESTION)
    expect(reply.locator(".kc-answer")).to_contain_text(re.compile(r"Feb\. 14|February 14"))
    card = reply.locator(".kc-card").first
    mark = card.locator(":scope > .kc-context mark")
    expect(mark).to_be_visible()
    name = card.locator(".kc-file").first.inner_text()
    assert mark.inner_text() in (sources / name).read_text(encoding="utf-8")
    expect(page.locator("#kc-status")).to_contain_text("Up to date")
    expect(page.locator("#kc-banner")).to_be_hidden()
    page.screenshot(path=tmp_path / "answer.png")

    from gradio_client import Client  # the page cites like Answer.text does

    text = Client(url, verbose=False).predict(QUESTION, api_name="/ask")["text"]
    cited = re.findall(r"\[\d+\]", text.split("Sources:")[0])
    assert re.findall(r"\[\d+\]", reply.locator(".kc-answer").inner_text()) == cited

    card.locator(":scope > details.kc-doc > summary").click()  # the whole article, span marked
    expect(card.locator(":scope > details.kc-doc mark")).to_be_visible()
    page.screenshot(path=tmp_path / "article.png")
    page.close()


def test_a_citation_opens_and_shows_its_source_card(server, browser, tmp_path):
    from playwright.sync_api import expect

    url, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    reply = _ask(page, "How much did South Korea export to Cuba in 2022?")
    also = reply.locator(".kc-also .kc-cite a").first  # a source folded under "Also reported by"
    href = also.get_attribute("href")
    card = page.locator(href)
    expect(card).to_be_hidden()
    page.wait_for_timeout(800)  # the chat's own scroll after an answer is over
    also.click()
    expect(card).to_be_visible()
    expect(card).to_be_in_viewport()
    assert page.url.rstrip("/") == url.rstrip("/")  # no navigation, no new tab
    assert card.locator(".kc-num").inner_text() == also.inner_text().strip("[]")
    page.screenshot(path=tmp_path / "citation.png")
    page.close()


def _contrast(page, selector: str) -> float:
    """The contrast ratio of an element's text colour against the page's background (WCAG)."""
    colours = page.evaluate(
        """(sel) => [getComputedStyle(document.querySelector(sel)).color,
                     getComputedStyle(document.body).backgroundColor]""",
        selector,
    )

    def luminance(css: str) -> float:
        r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", css)[:3])
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted(map(luminance, colours), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_question_box_is_named_focused_and_secondary_text_readable(server, browser):
    from playwright.sync_api import expect

    url, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    box = page.get_by_role("textbox", name="Question")  # a screen reader's name for it, not "Textbox"
    expect(box).to_be_focused()  # type at once
    # the chat looks like a conversation, but follow-ups are not understood yet: it says so
    expect(page.locator("#kc-chat")).to_contain_text("read on its own")
    expect(page.locator("#kc-status")).to_contain_text("Up to date", timeout=120_000)
    for selector in ("#kc-head p", "#kc-side .kc-small"):
        assert _contrast(page, selector) >= 4.5, selector  # WCAG AA for body text
    page.close()


def test_the_index_panel_follows_files_changed_on_disk_without_a_question(server, browser):
    from playwright.sync_api import expect

    url, sources = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    panel = page.locator("#kc-status")
    expect(panel).to_contain_text("Up to date", timeout=120_000)
    extra = sources / "late-note.txt"
    extra.write_text("A note added while the page was open.\n", encoding="utf-8")
    try:
        expect(panel).to_contain_text("Sources changed", timeout=30_000)
    finally:
        extra.unlink()
    expect(panel).to_contain_text("Up to date", timeout=30_000)  # the index matches the folder again
    page.close()


def test_uploaded_document_is_answerable_and_its_markup_stays_text(server, browser, tmp_path):
    from playwright.sync_api import expect

    url, sources = server
    doc = tmp_path / "zorblax festival.txt"
    doc.write_text(EVIL, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    with page.expect_file_chooser(timeout=120_000) as chooser:  # a loaded machine renders the page slowly
        page.locator("#kc-upload").click()
    chooser.value.set_files(doc)
    message = page.locator("#kc-message")
    expect(message).to_contain_text("Saved as zorblax festival.txt", timeout=120_000)
    expect(message).to_contain_text("You can ask about it now")
    assert (sources / "zorblax festival.txt").read_text(encoding="utf-8") == EVIL

    reply = _ask(page, "Where does the Zorblax Lantern Festival take place?")
    expect(reply.locator(".kc-answer")).to_contain_text("Quillmere")
    card = reply.locator(".kc-card").first
    expect(card.locator(".kc-file").first).to_have_text("zorblax festival.txt")
    card.locator(":scope > details.kc-doc > summary").click()
    article = card.locator(":scope > details.kc-doc .kc-article")
    for literal in (
        "<script>window.__pwned=1</script>",
        '<img src=x onerror="window.__pwned=2">',
        "[free tickets](javascript:window.__pwned=3)",
        "$$\\pwned$$",
    ):
        expect(article).to_contain_text(literal)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    injected = "#kc-chat img[src=x], #kc-chat .kc-reply a:not(.kc-cite > a[href^='#kc-']), #kc-chat .katex"
    assert page.locator(injected).count() == 0  # the only links: the [n] to the reply's source cards
    page.screenshot(path=tmp_path / "upload.png")

    # a file the page refuses is said in a toast, and the last upload's message does not stay
    # beside it as if it were about this file
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4 not text")
    with page.expect_file_chooser() as chooser:
        page.locator("#kc-upload").click()
    chooser.value.set_files(pdf)
    expect(page.get_by_test_id("toast-body")).to_contain_text("paper.pdf")
    expect(message).not_to_contain_text("Saved as")
    assert not (sources / "paper.pdf").exists()
    page.close()


def test_phone_width_layout_fits_the_screen_and_examples_ask(server, browser, tmp_path):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(server[0])
    page.locator("#kc-chat button.example", has_text="capital of France").click()
    reply = page.locator("#kc-chat .kc-reply").last
    expect(reply.locator(".kc-notfound")).to_contain_text("Not found in the sources")
    expect(reply.locator(".kc-related")).to_contain_text("not the answer")
    expect(reply.locator(".kc-related .kc-context mark").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=tmp_path / "phone-not-found.png")

    reply = _ask(page, "What was the value of trade between South Korea and Cuba in 2022?")
    expect(reply.locator(".kc-context mark").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the chat's Clear button does not cover the question just asked (shown at the top)
    clear = page.locator("#kc-chat [aria-label=Clear]").bounding_box()
    asked = page.locator("#kc-chat .user-row").last.bounding_box()
    across = min(clear["x"] + clear["width"], asked["x"] + asked["width"]) - max(clear["x"], asked["x"])
    down = min(clear["y"] + clear["height"], asked["y"] + asked["height"]) - max(clear["y"], asked["y"])
    assert across <= 0 or down <= 0, (clear, asked)
    page.screenshot(path=tmp_path / "phone.png")
    page.close()


def test_a_bad_question_gets_a_message_not_a_traceback(server, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server[0])
    _ask(page, QUESTION)  # one answered question, then a question far too long
    users = page.locator("#kc-chat .user-row")
    box = page.locator("#kc-q textarea")
    box.fill("why " * 600)
    box.press("Enter")
    toast = page.get_by_test_id("toast-body")
    expect(toast).to_contain_text("The question is too long")
    expect(toast).not_to_contain_text("Traceback")
    # not posted to the chat, and left in the box to be shortened
    expect(users).to_have_count(1)
    assert box.input_value() == "why " * 600
    page.close()
