"""The index follows its sources: crash safety (kill -9 at several points of a build), one builder
at a time, and running processes picking up a new index version without restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from kcqa import index as store
from kcqa.config import get_settings
from kcqa.errors import IndexBusyError
from kcqa.indexer import build
from kcqa.pipeline import Engine

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent(
    """
    import os, sys, time, hashlib
    import numpy as np
    sys.path.insert(0, {tests!r})
    from conftest import FakeEmbedder
    import kcqa.index as store
    from kcqa.config import get_settings
    from kcqa.indexer import build

    point, marker = sys.argv[1], sys.argv[2]

    def pause(*args, **kwargs):
        open(marker, "w").close()
        time.sleep(60)

    embedder = FakeEmbedder()
    if point == "embedding":
        embedder.embed = lambda texts, progress=None: pause()
    elif point == "writing":
        store._fsync = pause          # every file of the new version written, not yet renamed
    elif point == "publish":
        store.publish_manifest = pause  # new version folder in place, manifest not yet switched
    elif point == "prune":
        store.prune = pause           # new manifest published, old versions not yet removed
    build(get_settings(), embedder)
    """
)

NEW_FACT = "\n\nThe Zorblax accord was signed in Reykjavik on March 3 by both delegations.\n"


def _child(point: str, marker: Path) -> subprocess.Popen:
    script = CHILD.format(tests=str(ROOT / "tests"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, "-c", script, point, str(marker)], env=env)


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, "the build process ended before reaching the crash point"
        assert time.monotonic() < deadline, "the build process never reached the crash point"
        time.sleep(0.05)


def _assert_answers_verbatim(settings, fake_embedder) -> str:
    engine = Engine(settings.with_(refresh="off"), embedder=fake_embedder)
    answer = engine.ask("When did South Korea and Cuba establish diplomatic relations?")
    data, _ = engine.index()
    texts = {d["name"]: d["text"] for d in data.docs}
    for p in [*answer.passages, *answer.related]:
        assert texts[p.source][p.start : p.end] == p.text
    return data.version


@pytest.mark.slow
@pytest.mark.parametrize("point", ["embedding", "writing", "publish", "prune"])
def test_kill_9_during_a_build_leaves_a_loadable_index(point, kcqa_env, fake_embedder, tmp_path):
    settings = get_settings()
    build(settings, fake_embedder)
    before = store.read_manifest(settings.index_dir)["version"]
    (kcqa_env / "003_c5b686a9497d3da5.txt").open("a", encoding="utf-8").write(NEW_FACT)

    marker = tmp_path / "reached"
    proc = _child(point, marker)
    try:
        _wait_for(marker, proc)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)

    version = _assert_answers_verbatim(settings, fake_embedder)
    expected_new = point == "prune"  # the switch had happened; before it, the old index stands
    assert (version != before) == expected_new
    report = build(settings, fake_embedder)  # the next build finishes the job and cleans up
    assert report.up_to_date == expected_new
    leftovers = [p.name for p in Path(settings.index_dir).glob("v-*.tmp")]
    assert leftovers == []
    assert len([p for p in Path(settings.index_dir).glob("v-*") if p.is_dir()]) <= 2


@pytest.mark.slow
def test_second_builder_waits_then_gets_a_clear_message(kcqa_env, fake_embedder, tmp_path):
    settings = get_settings()
    (kcqa_env / "extra.txt").write_text("A new article about the Zorblax accord.", encoding="utf-8")
    marker = tmp_path / "reached"
    proc = _child("embedding", marker)
    try:
        _wait_for(marker, proc)
        with pytest.raises(IndexBusyError, match="another kcqa process is building"):
            build(settings, fake_embedder, lock_timeout=0.5)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert build(settings, fake_embedder).added  # the lock died with its process


@pytest.mark.slow
def test_a_question_asked_while_another_process_builds_is_answered_from_the_current_index(
    kcqa_env, fake_embedder, tmp_path
):
    # the sources changed and another process holds the build lock: after waiting for it, the
    # question is answered from the index as it stands, with a notice, not an error
    settings = get_settings()
    build(settings, fake_embedder)
    (kcqa_env / "extra.txt").write_text("A new article about the Zorblax accord.", encoding="utf-8")
    marker = tmp_path / "reached"
    proc = _child("embedding", marker)
    try:
        _wait_for(marker, proc)
        answer = Engine(settings, embedder=fake_embedder).ask(
            "When did South Korea and Cuba establish diplomatic relations?"
        )
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert answer.passages and "Another kcqa process is updating the index" in (answer.notice or "")


def test_a_running_engine_answers_from_a_new_version_without_restart(kcqa_env, fake_embedder):
    settings = get_settings()
    serving = Engine(settings.with_(refresh="off"), embedder=fake_embedder)
    assert serving.ask("Where was the Zorblax accord signed?").answered in (True, False)
    old_version = serving.index()[0].version

    (kcqa_env / "zorblax.txt").write_text(
        "Zorblax accord\n\nThe Zorblax accord was signed in Reykjavik on March 3 by both delegations.\n",
        encoding="utf-8",
    )
    Engine(settings, embedder=fake_embedder).build()  # another process/thread rebuilds

    answer = serving.ask("Where was the Zorblax accord signed?", k=5)
    assert serving.index()[0].version != old_version
    cited = [p.source for p in [*answer.passages, *answer.related]]
    assert "zorblax.txt" in cited


def test_watch_updates_the_index_after_a_change(kcqa_env, fake_embedder):
    from kcqa.watch import watch

    settings = get_settings()
    engine = Engine(settings, embedder=fake_embedder)
    engine.build()
    before = store.read_manifest(settings.index_dir)["version"]
    reports, stop = [], threading.Event()
    thread = threading.Thread(
        target=watch,
        kwargs={"engine": engine, "on_report": reports.append, "delay": 0.2, "stop": stop},
        daemon=True,
    )
    thread.start()
    try:
        time.sleep(0.5)  # let the observer start
        (kcqa_env / "watched.txt").write_text("A watched article about the Zorblax accord.", encoding="utf-8")
        deadline = time.monotonic() + 20
        while not reports and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert reports and reports[0].added == ["watched.txt"]
    assert store.read_manifest(settings.index_dir)["version"] != before
