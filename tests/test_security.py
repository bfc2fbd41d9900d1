"""Issue 7, security: kcqa serves this machine only unless told otherwise (and then warns), makes
no network connection at run time, never unpickles and never runs a model's own code, confines
uploads to the sources folder, and shows every piece of document text as inert, escaped text."""

from __future__ import annotations

import errno
import ipaddress
import json
import logging
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcqa.config import get_settings
from kcqa.errors import KcqaError, UploadError
from kcqa.pipeline import Engine
from kcqa.sources import add_source
from support import CITE_LINK, REPLY_TAGS, Page, free_port

ROOT = Path(__file__).resolve().parents[1]
S000 = "000_c4f3c2872cd10720.txt"
S003 = "003_c5b686a9497d3da5.txt"
DATE_QUESTION = "When did South Korea and Cuba establish diplomatic relations?"
UI_WARNINGS = pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword)")


# -- where the server listens ----------------------------------------------------------------


class FakeDemo:
    """Stands in for the Gradio Blocks in launch(): records how it would be served."""

    def __init__(self, max_upload_bytes: int = 2_000_000) -> None:
        self.kcqa = SimpleNamespace(
            warm_up=lambda: None, settings=SimpleNamespace(max_upload_bytes=max_upload_bytes)
        )
        self.launched: dict = {}

    def queue(self, **kwargs):
        return self

    def launch(self, **kwargs):
        self.launched = kwargs
        return None, f"http://{kwargs['server_name']}:{kwargs['server_port']}/", None


def test_kcqa_serve_listens_on_127_0_0_1_by_default(monkeypatch):
    import kcqa.ui
    from kcqa.cli import main

    calls = []
    monkeypatch.setattr(kcqa.ui, "launch", lambda settings, host, port: calls.append((host, port)))
    assert main(["serve"]) == 0
    assert calls == [("127.0.0.1", None)]  # the port left to launch(): GRADIO_SERVER_PORT or 7860


def test_the_port_comes_from_the_option_or_gradio_server_port_and_must_be_one(monkeypatch, capsys):
    from kcqa.cli import main
    from kcqa.errors import ConfigError
    from kcqa.ui import launch

    monkeypatch.delenv("GRADIO_SERVER_PORT", raising=False)
    demo = FakeDemo()
    launch(demo=demo, block=False)
    assert demo.launched["server_port"] == 7860
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7871")  # as Gradio's own message advises
    launch(demo=demo, block=False)
    assert demo.launched["server_port"] == 7871
    monkeypatch.setenv("GRADIO_SERVER_PORT", "99999")
    with pytest.raises(ConfigError, match="no port number"):
        launch(demo=demo, block=False)
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", "99999"])
    assert exited.value.code == 2 and "from 1 to 65535" in capsys.readouterr().err


def test_launch_serves_loopback_only_with_no_share_link_and_capped_uploads(monkeypatch, caplog):
    from kcqa.ui import launch

    monkeypatch.delenv("GRADIO_SERVER_NAME", raising=False)
    demo = FakeDemo(max_upload_bytes=2_000_000)
    with caplog.at_level(logging.WARNING, logger="kcqa"):
        launch(demo=demo, block=False)
    served = demo.launched
    assert served["server_name"] == "127.0.0.1"
    assert served["share"] is False
    assert served.get("mcp_server") is False and served.get("show_error") is False
    assert not served.get("allowed_paths")  # no folder of this machine is served as files
    assert 0 < served["max_file_size"] <= 10_000_000
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "my-laptop.local"])
def test_serving_beyond_this_machine_logs_a_warning(monkeypatch, caplog, host):
    from kcqa.ui import launch

    demo = FakeDemo()
    with caplog.at_level(logging.WARNING, logger="kcqa"):
        launch(demo=demo, host=host, block=False)
    assert demo.launched["server_name"] == host
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(host in m and "documents" in m for m in warned), warned


def test_gradio_server_name_from_the_environment_warns_too(monkeypatch, caplog):
    from kcqa.ui import launch

    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    demo = FakeDemo()
    with caplog.at_level(logging.WARNING, logger="kcqa"):
        launch(demo=demo, block=False)
    assert demo.launched["server_name"] == "0.0.0.0"
    assert any("0.0.0.0" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_do_not_warn(caplog, host):
    from kcqa.ui import launch

    with caplog.at_level(logging.WARNING, logger="kcqa"):
        launch(demo=FakeDemo(), host=host, block=False)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


# -- build, ask and serve with the network, pickle and remote code fenced off ----------------


class Fence:
    """Records (and refuses) every non-loopback connection and every unpickling attempt."""

    def __init__(self) -> None:
        self.network: list[str] = []
        self.pickle: list[str] = []
        self.models: list[dict] = []

    @staticmethod
    def _loopback(host) -> bool:
        if host in (None, "", "localhost", b"localhost"):
            return True
        try:
            return ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host).is_loopback
        except ValueError:
            return False  # a name other than localhost would need DNS

    def check(self, address, what: str) -> None:
        if not isinstance(address, tuple):  # a Unix socket path: never leaves the machine
            return
        if not self._loopback(address[0]):
            self.network.append(f"{what} {address[:2]}")
            raise OSError(errno.ENETUNREACH, f"test fence: no network ({what} {address[:2]})")

    def install(self, mp: pytest.MonkeyPatch) -> None:
        import pickle

        import numpy as np
        import sentence_transformers
        import torch

        fence = self
        connect, connect_ex, sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
        getaddrinfo, create_connection = socket.getaddrinfo, socket.create_connection

        def guarded_connect(sock, address):
            fence.check(address, "connect")
            return connect(sock, address)

        def guarded_connect_ex(sock, address):
            fence.check(address, "connect_ex")
            return connect_ex(sock, address)

        def guarded_sendto(sock, data, *args):
            fence.check(args[-1], "sendto")
            return sendto(sock, data, *args)

        def guarded_getaddrinfo(host, *args, **kwargs):
            fence.check((host, 0), "getaddrinfo")
            return getaddrinfo(host, *args, **kwargs)

        def guarded_create_connection(address, *args, **kwargs):
            fence.check(address, "create_connection")
            return create_connection(address, *args, **kwargs)

        mp.setattr(socket.socket, "connect", guarded_connect)
        mp.setattr(socket.socket, "connect_ex", guarded_connect_ex)
        mp.setattr(socket.socket, "sendto", guarded_sendto)
        mp.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
        mp.setattr(socket, "create_connection", guarded_create_connection)

        def refuse(what):
            def refused(*args, **kwargs):
                fence.pickle.append(what)
                raise RuntimeError(f"test fence: {what} is not allowed")

            return refused

        for name in ("load", "loads", "Unpickler"):
            mp.setattr(pickle, name, refuse(f"pickle.{name}"))
        mp.setattr(torch, "load", refuse("torch.load"))
        np_load = np.load

        def load_without_pickle(*args, allow_pickle=False, **kwargs):
            if allow_pickle:
                fence.pickle.append("numpy.load(allow_pickle=True)")
                raise RuntimeError("test fence: numpy.load with allow_pickle")
            return np_load(*args, allow_pickle=False, **kwargs)

        mp.setattr(np, "load", load_without_pickle)

        model_class = sentence_transformers.SentenceTransformer

        def spy(*args, **kwargs):
            fence.models.append(kwargs)
            return model_class(*args, **kwargs)

        mp.setattr(sentence_transformers, "SentenceTransformer", spy)


@pytest.fixture(scope="module")
def fenced(tmp_path_factory, model_cache):
    """kcqa.build_index() (full, real model loaded afresh), kcqa.ask() and a served /ask, all inside
    the fence. Yields the fence, the settings and the URL of the server (still serving)."""
    import httpx

    import kcqa
    import kcqa.embedding
    import kcqa.pipeline
    from kcqa.ui import build_app, launch

    base = tmp_path_factory.mktemp("fenced")
    (base / "sources").mkdir()
    for name in (S000, S003):  # two articles keep the real-model build short
        shutil.copy(ROOT / "seeds" / name, base / "sources" / name)
    fence = Fence()
    with pytest.MonkeyPatch.context() as mp:
        for key, value in (
            ("KCQA_SOURCES", base / "sources"),
            ("KCQA_INDEX_DIR", base / "index"),
            ("KCQA_CACHE_DIR", model_cache),
        ):
            mp.setenv(key, str(value))
        mp.delenv("KCQA_MODEL", raising=False)
        mp.delenv("KCQA_REFRESH", raising=False)
        mp.setattr(kcqa.embedding, "_cache", {})  # the model is loaded again, inside the fence
        mp.setattr(kcqa.pipeline, "_engines", {})
        fence.install(mp)
        with pytest.raises(OSError):  # the fence works
            socket.create_connection(("203.0.113.7", 443), timeout=1)
        assert fence.network
        fence.network.clear()

        report = kcqa.build_index(full=True)
        answer = kcqa.ask(DATE_QUESTION)
        demo = build_app(get_settings())
        url = launch(demo=demo, host="127.0.0.1", port=free_port(), block=False)
        served = httpx.post(f"{url}gradio_api/call/ask", json={"data": [DATE_QUESTION]}, timeout=60)
        with httpx.stream(
            "GET", f"{url}gradio_api/call/ask/{served.json()['event_id']}", timeout=120
        ) as stream:
            events = [line for line in stream.iter_lines() if line.startswith("event:")]
    try:
        yield SimpleNamespace(
            fence=fence,
            report=report,
            answer=answer,
            events=events,
            url=url,
            settings=get_settings(sources=base / "sources", index_dir=base / "index", cache_dir=model_cache),
        )
    finally:
        demo.close()


@pytest.mark.slow
@UI_WARNINGS
def test_build_ask_and_serve_make_no_network_connection(fenced):
    assert fenced.report.full and len(fenced.report.added) == 2
    assert fenced.answer.answered
    assert "event: complete" in fenced.events
    assert fenced.fence.network == []


@pytest.mark.slow
@UI_WARNINGS
def test_nothing_is_unpickled_and_the_index_holds_no_pickle(fenced):
    import numpy as np

    assert fenced.fence.pickle == []
    index_dir = fenced.settings.index_dir
    files = [p for p in index_dir.rglob("*") if p.is_file()]
    assert files
    for path in files:
        if path.suffix in (".json", ".jsonl"):
            with open(path, encoding="utf-8") as fh:
                if path.suffix == ".json":
                    json.load(fh)
                else:
                    [json.loads(line) for line in fh if line.strip()]
        elif path.suffix == ".npy":
            with open(path, "rb") as fh:
                version = np.lib.format.read_magic(fh)
                read_header = (
                    np.lib.format.read_array_header_1_0
                    if version == (1, 0)
                    else np.lib.format.read_array_header_2_0
                )
                dtype = read_header(fh)[2]
            assert not dtype.hasobject, path  # object arrays are stored as pickles
        elif path.suffix == ".faiss":
            assert path.read_bytes()[:2] == b"Ix", path
        else:
            assert path.name == ".lock", f"unexpected file in the index: {path}"


@pytest.mark.slow
@UI_WARNINGS
def test_the_model_is_loaded_from_local_files_without_remote_code(fenced):
    assert fenced.fence.models, "the model was not loaded inside the fence"
    for kwargs in fenced.fence.models:
        assert kwargs.get("trust_remote_code") is False
        assert kwargs.get("local_files_only") is True
        assert kwargs.get("device") == "cpu"


@pytest.mark.slow
@UI_WARNINGS
@pytest.mark.parametrize(
    "path",
    [
        "{sources}/{doc}",
        "{index}/manifest.json",
        "/etc/passwd",
        "../../../../etc/passwd",
        "{sources}/../index/manifest.json",
    ],
)
def test_the_server_does_not_hand_out_files_of_this_machine(fenced, path):
    import httpx

    s = fenced.settings
    target = path.format(sources=Path(s.sources).resolve(), index=Path(s.index_dir).resolve(), doc=S003)
    for prefix in ("gradio_api/file=", "file=", "gradio_api/file/"):
        r = httpx.get(f"{fenced.url}{prefix}{target}", timeout=30)
        assert r.status_code in (403, 404), (prefix, target, r.status_code)
        assert "Cuba" not in r.text and "root:" not in r.text


def test_a_model_folder_with_its_own_code_is_refused_and_the_code_never_runs(
    tmp_path, monkeypatch, model_cache
):
    from kcqa.embedding import packaged_model_dir

    model = tmp_path / "model-with-code"
    shutil.copytree(packaged_model_dir(model_cache), model, copy_function=os.symlink)
    for name in ("modules.json", "config.json"):  # real files, to be edited below
        text = (model / name).read_text(encoding="utf-8")
        (model / name).unlink()
        (model / name).write_text(text, encoding="utf-8")
    marker = tmp_path / "code-ran"
    (model / "custom_module.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\nclass Custom:\n    pass\n", encoding="utf-8"
    )
    modules = json.loads((model / "modules.json").read_text(encoding="utf-8"))
    modules[1]["type"] = "custom_module.Custom"
    (model / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config["auto_map"] = {"AutoModel": "custom_module.Custom", "AutoConfig": "custom_module.Custom"}
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    monkeypatch.setenv("KCQA_MODEL", str(model))

    with pytest.raises(KcqaError, match="model"):
        Engine(get_settings()).ask(DATE_QUESTION)
    assert not marker.exists()


# -- uploads ---------------------------------------------------------------------------------

NAME_TAILS = [
    ".txt",
    ".md",
    ".TXT",
    ".Md",
    ".txt.exe",
    ".html",
    "/../x.txt",
    "\\..\\x.md",
    ".txt\x00.exe",
    "\u202etxt.exe",
    "／etc／passwd.txt",
    ".txt/",
    " .txt",
    "..txt",
    ".txt.",
    "ﬁle.md",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.one_of(
        st.text(max_size=150),
        st.builds(str.__add__, st.text(max_size=40), st.sampled_from(NAME_TAILS)),
        st.builds(
            str.__add__,
            st.sampled_from(["../", "/", "..\\", "~/", ".", ""]),
            st.text(max_size=20).map(lambda s: s + ".txt"),
        ),
    )
)
def test_any_upload_name_is_refused_or_saved_as_one_plain_file_inside_the_folder(name):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "sources"
        try:
            saved = add_source(folder, name, b"The ferry leaves at nine.\n", max_bytes=1000)
        except UploadError as exc:
            assert ".txt" in str(exc) or "name" in str(exc)
            assert not folder.exists() or not any(folder.iterdir())
            return
        written = [p for p in root.rglob("*") if p.is_file() or p.is_symlink()]
        assert written == [folder / saved]
        assert re.fullmatch(r"[\w.\- ]+\.(txt|md)", saved), saved
        assert not saved.startswith((".", " "))
        assert len(saved) <= 110
        assert (folder / saved).resolve().parent == folder.resolve()


def test_upload_never_writes_through_a_link_in_the_sources_folder(tmp_path):
    folder, outside = tmp_path / "uploads", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text("Original.\n", encoding="utf-8")
    os.symlink(outside / "victim.txt", folder / "notes.txt")  # a live link
    os.symlink(outside / "created.txt", folder / "report.md")  # a dangling one
    first = add_source(folder, "notes.txt", b"Uploaded notes.\n", max_bytes=1000)
    second = add_source(folder, "report.md", b"Uploaded report.\n", max_bytes=1000)
    assert (outside / "victim.txt").read_text(encoding="utf-8") == "Original.\n"
    assert not (outside / "created.txt").exists()
    for saved, data in ((first, b"Uploaded notes.\n"), (second, b"Uploaded report.\n")):
        assert not (folder / saved).is_symlink()
        assert (folder / saved).read_bytes() == data


def test_upload_size_is_capped_at_the_limit_before_the_file_is_read(
    kcqa_env, fake_embedder, tmp_path, monkeypatch
):
    from kcqa.ui import App

    app = App(Engine(get_settings(max_upload_bytes=1000), embedder=fake_embedder))
    exact, over = tmp_path / "exact.txt", tmp_path / "over.txt"
    exact.write_bytes(b"x" * 999 + b"\n")
    with open(over, "wb") as fh:
        fh.truncate(2**33)  # 8 GB, sparse: reading it would exhaust memory
    read = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or read_bytes(self))
    page = Page()
    page.feed(app.upload([str(over), str(exact)], lambda *a: None))
    assert "over.txt is too large" in page.text and "1,000" in page.text
    assert "over.txt" not in read
    assert "Saved as exact.txt" in page.text
    assert not (kcqa_env / "over.txt").exists() and (kcqa_env / "exact.txt").stat().st_size == 1000


@UI_WARNINGS
def test_the_upload_button_offers_only_text_and_markdown(kcqa_env):
    import gradio as gr

    from kcqa.ui import build_app

    demo = build_app(get_settings())
    buttons = [b for b in demo.blocks.values() if isinstance(b, gr.UploadButton)]
    assert buttons and all(sorted(b.file_types) == [".markdown", ".md", ".txt"] for b in buttons)


# -- document text in the page ---------------------------------------------------------------

ALLOWED_TAGS = REPLY_TAGS | {"h3", "dl", "dt", "dd", "progress"}
ALLOWED_ATTRS = {"class", "max", "value", "title"}  # "title": the fixed tooltip saying what a score is
HOSTILE_NAME = "<img src=x onerror=alert(1)>.txt"
HOSTILE_SKIPPED = "<svg onload=alert(2)>.txt"
HOSTILE_TITLE = '<script>alert("title")</script> Quillmere & "Co"'
HOSTILE_BODY = (
    f"{HOSTILE_TITLE}\n\n<iframe src=javascript:alert(3)></iframe> [x](javascript:alert(4)) "
    "$$\\alert$$ {{7*7}}\n\nThe Quillmere lantern festival drew 4,000 visitors on 7 March.\n"
)


def _assert_inert(html: str, *literals: str) -> Page:
    page = Page()
    page.feed(html)
    assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS
    assert page.attrs <= ALLOWED_ATTRS | {"href", "id"}, page.attrs - ALLOWED_ATTRS
    # links and ids only between a reply's [n] and its source cards, never from document text
    assert all(CITE_LINK.fullmatch(v) for v in page.links["href"] + page.links["id"]), page.links
    for literal in literals:
        assert literal in page.text, literal
    return page


def test_file_names_titles_and_text_of_documents_are_shown_as_text(kcqa_env, fake_embedder):
    from kcqa.ui import App

    (kcqa_env / HOSTILE_NAME).write_text(HOSTILE_BODY, encoding="utf-8")
    (kcqa_env / HOSTILE_SKIPPED).write_bytes("Caf\u00e9".encode("latin-1"))
    app = App(Engine(get_settings(), embedder=fake_embedder))
    with pytest.warns(UserWarning, match="svg"):
        app.engine.build()
    reply = app.reply_html("When was the Quillmere lantern festival and how many visitors came?")
    _assert_inert(
        reply,
        HOSTILE_NAME,
        "The Quillmere lantern festival drew 4,000 visitors on 7 March.",
        "<iframe src=javascript:alert(3)></iframe>",
    )
    assert "$$" not in reply and "](" not in reply and "{{" not in reply
    not_found = app.reply_html("zebra xylophone quasar")
    _assert_inert(not_found)
    status = app.status_html()
    _assert_inert(status, f"Skipped {HOSTILE_SKIPPED}")


def test_upload_messages_show_hostile_file_names_as_text(kcqa_env, fake_embedder, tmp_path):
    from kcqa.ui import App

    app = App(Engine(get_settings(), embedder=fake_embedder))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    bad = tmp_path / "a" / "<b onmouseover=alert(5)>.txt"
    bad.write_bytes("Caf\u00e9".encode("latin-1"))
    odd = tmp_path / "b" / "<i onclick=alert(6)>notes.html"
    odd.write_text("Notes.", encoding="utf-8")
    page = _assert_inert(app.upload([str(bad), str(odd)], lambda *a: None))
    assert "not UTF-8" in page.text and "upload .txt or .md" in page.text


@UI_WARNINGS
def test_the_question_echoed_in_the_chat_is_escaped(kcqa_env):
    from kcqa.ui import build_app

    demo = build_app(get_settings())
    (add_question,) = [f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == "add_question"]
    question = "<img src=x onerror=alert(1)> [a](javascript:alert(2)) $$x$$ **b**"
    _, history, pending = add_question(question, [])
    assert pending == question
    _assert_inert(history[-1]["content"], "<img src=x onerror=alert(1)>")
    assert "$$" not in history[-1]["content"] and "](" not in history[-1]["content"]
