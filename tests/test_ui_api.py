"""The web UI's API and its rendering: `/ask` through gradio_client against a live server, and the
chat reply HTML for a document full of markup (no browser needed)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from support import CITE_LINK, REPLY_TAGS, Page, free_port

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "When did South Korea and Cuba establish diplomatic relations?"
# Gradio's queue trips pandas deprecation warnings that say nothing about kcqa.
pytestmark = pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword)")


@pytest.fixture(scope="module")
def server(tmp_path_factory, model_cache):
    """One in-process server per module over a copy of the seeds, on a free loopback port."""
    from kcqa.config import get_settings
    from kcqa.ui import build_app, launch

    base = tmp_path_factory.mktemp("ui-api")
    shutil.copytree(ROOT / "seeds", base / "sources")
    settings = get_settings(
        sources=base / "sources", index_dir=base / "index", cache_dir=model_cache, refresh="auto"
    )
    demo = build_app(settings)
    url = launch(demo=demo, host="127.0.0.1", port=free_port(), block=False)
    yield url, settings
    demo.close()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server[0], verbose=False)


@pytest.mark.slow
def test_ask_returns_the_answer_as_json_with_verifiable_passages(client, server):
    result = client.predict(QUESTION, api_name="/ask")
    assert result["answered"] is True
    assert result["question"] == QUESTION
    assert result["passages"]
    assert "Feb. 14" in result["text"] or "February 14" in result["text"]
    sources = Path(server[1].sources)
    cited = [q for p in result["passages"] for q in (p, *p["also"])]
    for q in cited:
        text = (sources / q["source"]).read_text(encoding="utf-8")
        assert text[q["start"] : q["end"]] == q["text"]


@pytest.mark.slow
def test_ask_out_of_scope_offers_related_reading_not_an_answer(client):
    result = client.predict("What is the capital of France?", api_name="/ask")
    assert result["answered"] is False
    assert result["passages"] == []
    assert result["text"].startswith("Not found in the sources")


@pytest.mark.slow
@pytest.mark.parametrize("question", ["", "   ", "x" * 5000])
def test_ask_errors_come_back_as_a_message_not_a_traceback(client, question):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as info:
        client.predict(question, api_name="/ask")
    message = str(info.value)
    assert "question" in message
    assert "Traceback" not in message and 'File "' not in message


@pytest.mark.slow
def test_concurrent_questions_are_all_answered(client):
    questions = [QUESTION, "Which Cuban president visited North Korea in 2018?"] * 3
    jobs = [client.submit(q, api_name="/ask") for q in questions]
    results = [job.result(timeout=120) for job in jobs]
    assert [r["question"] for r in results] == questions
    assert all(r["answered"] for r in results)


@pytest.mark.slow
def test_only_ask_is_offered_as_an_api(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert set(api["named_endpoints"]) == {"/ask"}


def test_reply_html_escapes_document_text_and_numbers_citations_like_the_answer(tmp_path):
    from kcqa.answer import render
    from kcqa.schema import Answer, Claim, Conflict, Passage
    from kcqa.ui import render_answer

    evil = "<script>window.__pwned=1</script> [link](javascript:alert(1)) $$x$$ <img src=x onerror=alert(1)>"
    docs = {
        "a.txt": f"<b>Title</b>\n\n{evil}\n\nThe Zorblax Festival is on 7 March. More.\n",
        "b.md": "Other\n\nThe Zorblax Festival takes place on 7 March.\n",
        "c.txt": "Third\n\nThe Zorblax Festival is on 8 March.\n\nQuillmere is a village.\n",
    }
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def passage(source: str, sentence: str, **kw) -> Passage:
        start = docs[source].index(sentence)
        return Passage(
            text=sentence,
            source=source,
            title=docs[source].split("\n")[0],
            start=start,
            end=start + len(sentence),
            score=1.5,
            **kw,
        )

    also = passage("b.md", "The Zorblax Festival takes place on 7 March.")
    best = passage(
        "a.txt",
        "The Zorblax Festival is on 7 March.",
        date="2024-03-07",
        context_start=docs["a.txt"].index("<script>"),
        also=(also,),
    )
    rest = passage("c.txt", "Quillmere is a village.")
    differs = passage("c.txt", "The Zorblax Festival is on 8 March.")
    conflict = Conflict(kind="date", claims=(Claim("7 March", best), Claim("8 March", differs)))
    answer = Answer(
        question="When?",
        answered=True,
        passages=[best, rest],
        text=render([best, rest], [conflict]),
        conflicts=[conflict],
    )
    out = render_answer(answer, tmp_path)
    page = Page()
    page.feed(out)
    assert page.tags <= REPLY_TAGS
    assert not any(name.startswith("on") or name == "src" for name in page.attrs)
    # each [n] links to its source card in this reply, and nowhere else
    ids, hrefs = page.links["id"], page.links["href"]
    assert all(CITE_LINK.fullmatch(v) for v in ids + hrefs) and len(set(ids)) == len(ids) == 4
    assert {h[1:] for h in hrefs} == set(ids) and len(hrefs) == len(re.findall(r"\[\d+\]", answer.text)) - 4
    again = Page()
    again.feed(render_answer(answer, tmp_path))
    assert not set(again.links["id"]) & set(ids)  # the next reply's cards have ids of their own
    for literal in (
        evil,
        "<b>Title</b>",
        "Also reported by",
        "The sources differ",
        "Gives a different figure",
        "2024-03-07",
        "score 1.50",
        "b.md",
        "c.txt",
    ):
        assert literal in page.text
    assert "$$" not in out and "](" not in out  # no LaTeX or Markdown left for a renderer to find
    assert out.count("<mark>") == 8  # paragraph and article, for each of the four passages
    cited = re.findall(r"\[\d+\]", answer.text.split("Sources:")[0])
    assert re.findall(r"\[\d+\]", page.text[: page.text.index("Sources")]) == cited
    assert re.findall(r'class="kc-num">(\d+)<', out) == ["1", "2", "3", "4"]


def test_upload_saves_under_a_safe_unique_name_and_updates_the_index(tmp_path, kcqa_env, fake_embedder):
    from kcqa.config import get_settings
    from kcqa.pipeline import Engine
    from kcqa.ui import App

    app = App(Engine(get_settings(max_upload_bytes=1000), embedder=fake_embedder))
    app.engine.build()
    files = {
        "notes.md": "Quillmere hosts the lantern festival.",
        "big.txt": "x" * 2000,
        "photo.png": "not text",
        "../evil<b>.txt": "A name with a path and a tag.",
    }
    paths = []
    for n, (name, text) in enumerate(files.items()):
        (tmp_path / str(n)).mkdir()
        path = tmp_path / str(n) / name.replace("/", "_")
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    (kcqa_env / "notes.md").write_text("A different file of the same name.", encoding="utf-8")

    page = Page()
    page.feed(app.upload(paths, lambda *a: None))
    assert "notes.md was saved as notes-2.md" in page.text
    assert "big.txt is too large" in page.text
    assert "photo.png" in page.text and "upload .txt or .md" in page.text
    assert "b" not in page.tags and ".._evil<b>.txt was saved as evil_b.txt" in page.text
    assert "You can ask about it now" in page.text
    assert (kcqa_env / "notes-2.md").read_text(encoding="utf-8") == files["notes.md"]
    assert not (kcqa_env / "big.txt").exists() and not (kcqa_env / "photo.png").exists()
    status = app.engine.status()
    assert not status["stale"]
    assert status["documents"] == 8  # 5 seeds, notes.md, notes-2.md, evil_b.txt

    page = Page()
    page.feed(app.upload(paths[:1], lambda *a: None))  # the same file again: not saved twice
    assert "already in the sources as notes-2.md" in page.text


def test_rebuild_reports_a_full_rebuild_and_the_panel_shows_the_index(kcqa_env, fake_embedder):
    from kcqa.config import get_settings
    from kcqa.pipeline import Engine
    from kcqa.ui import App

    app = App(Engine(get_settings(), embedder=fake_embedder))
    assert "No index yet" in app.status_html()
    steps = []
    page = Page()
    page.feed(app.rebuild(lambda stage, done, total: steps.append(stage)))
    assert page.text.startswith("Full rebuild: 5 added") and steps
    page = Page()
    page.feed(app.status_html())
    assert "Up to date" in page.text and "Documents5" in page.text
    (kcqa_env / "new.txt").write_text("A new document.", encoding="utf-8")
    assert "Sources changed since the build (1 file)" in app.status_html()


def test_a_port_in_use_is_one_clear_error_naming_another_port(server):
    from urllib.parse import urlparse

    from kcqa.errors import ConfigError
    from kcqa.ui import build_app, launch

    url, settings = server
    port = urlparse(url).port
    with pytest.raises(ConfigError, match=rf"port {port} on 127.0.0.1 is in use.*--port {port + 1}"):
        launch(demo=build_app(settings), host="127.0.0.1", port=port, block=False)
