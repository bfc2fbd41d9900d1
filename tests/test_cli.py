"""cli.py: `kcqa index|ask|status` called as ``main([...])``: exit codes, what is printed, and
errors as one line on stderr. Questions are asked over the session index of the real model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kcqa.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"  # read only
DATE_QUESTION = "When did South Korea and Cuba establish diplomatic relations?"
FEB_14 = "South Korea and Cuba established diplomatic relations on Feb. 14"
S003 = "003_c5b686a9497d3da5.txt"


@pytest.fixture
def shared(real_engine):
    """--sources/--index-dir of the session index (already built with the real model)."""
    s = real_engine.settings
    return ["--sources", str(s.sources), "--index-dir", str(s.index_dir)]


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kcqa: error: ")
    assert "Traceback" not in err
    return lines[0]


def test_ask_prints_the_sentence_and_its_source(shared, capsys):
    assert main(["ask", DATE_QUESTION, *shared]) == 0
    out = capsys.readouterr().out
    assert FEB_14 in out
    assert S003 in out


def test_ask_json_prints_the_answer_fields(shared, capsys):
    assert main(["ask", DATE_QUESTION, "--json", *shared]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"question", "answered", "passages", "text"} <= set(data)
    assert data["question"] == DATE_QUESTION and data["answered"] is True
    first = data["passages"][0]
    assert FEB_14 in first["text"] and first["source"] == S003
    assert len(data["passages"]) == 3


def test_ask_k_sets_the_number_of_passages(shared, capsys):
    assert main(["ask", DATE_QUESTION, "-k", "1", "--json", *shared]) == 0
    assert len(json.loads(capsys.readouterr().out)["passages"]) == 1


def test_unanswerable_question_says_not_found(shared, capsys):
    assert main(["ask", "How do I bake sourdough bread?", *shared]) == 0
    assert "Not found" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ask", "   "], "empty"),
        (["ask", "x" * 2001], "2,000"),
        (["ask", DATE_QUESTION, "-k", "0"], "1 to 20"),
        (["ask", DATE_QUESTION, "--sources", "no-such-folder"], "no-such-folder"),
        (["index", "--sources", "no-such-folder"], "no-such-folder"),
        # not the current folder, indexed with everything under it
        (["index", "--sources", ""], "sources is empty"),
    ],
    ids=[
        "blank-question",
        "long-question",
        "k-0",
        "ask-missing-sources",
        "index-missing-sources",
        "empty-sources",
    ],
)
def test_errors_are_one_line_on_stderr_with_exit_1(tmp_path, monkeypatch, capsys, args, words):
    monkeypatch.chdir(tmp_path)  # "no-such-folder" is relative: make sure it is missing
    assert main(args) == 1
    captured = capsys.readouterr()
    assert words in one_error_line(captured.err)
    assert captured.out == ""


def kcqa_command(*args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it (`python -m kcqa.cli` runs the same command() as `kcqa`),
    its output into a pipe, where Python buffers it until it is flushed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-m", "kcqa.cli", *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_the_command_prints_its_whole_answer_into_a_pipe(shared):
    # command() ends the process without Python's shutdown: the answer must be flushed first.
    done = kcqa_command("ask", DATE_QUESTION, "--json", *shared)
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout)["passages"][0]
    assert FEB_14 in first["text"] and first["source"] == S003


def test_python_dash_m_kcqa_runs_the_command():
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, "-m", "kcqa", "--help"], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0 and "usage: kcqa" in done.stdout, done.stderr


def test_the_command_keeps_its_exit_code_and_error_line(tmp_path):
    done = kcqa_command("index", "--sources", str(tmp_path / "no-such-folder"))
    assert done.returncode == 1
    assert "no-such-folder" in one_error_line(done.stderr)


def test_the_command_stops_quietly_when_its_reader_goes_away(shared):
    # unbuffered (as in many containers), each print writes at once and meets the closed pipe
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kcqa.cli", "status", *shared],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdout.close()  # "kcqa status | head -0": nobody reads what it prints
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err, err


def test_strict_index_fails_on_a_bad_file_and_names_it(kcqa_env, capsys):
    (kcqa_env / "latin1.txt").write_bytes("Caf\u00e9 at the harbour.".encode("latin-1"))
    assert main(["index", "--strict"]) == 1
    assert "latin1.txt" in one_error_line(capsys.readouterr().err)


def test_index_names_each_skipped_file_once_and_files_of_other_formats_in_one_line(kcqa_env):
    (kcqa_env / "empty.txt").write_text("", encoding="utf-8")
    for other in ("report.pdf", "photo.jpg"):
        (kcqa_env / other).write_bytes(b"%PDF-1.7")
    done = kcqa_command("index")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("empty.txt") == 1 and "empty.txt" not in done.stderr, done
    assert "Not read (2 files of another format): photo.jpg, report.pdf." in done.stdout, done.stdout
    # a PDF is no broken document: strict mode still builds
    (kcqa_env / "empty.txt").unlink()
    done = kcqa_command("index", "--strict")
    assert done.returncode == 0 and "Not read (2 files" in done.stdout, done


def test_status_of_a_damaged_index_is_an_error_that_says_what_to_do(kcqa_env, capsys):
    from kcqa.config import get_settings

    index_dir = get_settings().index_dir
    index_dir.mkdir()
    (index_dir / "manifest.json").write_text("{broken", encoding="utf-8")
    assert main(["status"]) == 1
    assert "kcqa index" in one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], [], ["ask"], ["ask", "q", "-k", "many"]],
    ids=["unknown-command", "no-command", "no-question", "k-not-a-number"],
)
def test_bad_usage_exits_2(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "usage: kcqa" in capsys.readouterr().err


def test_help_exits_0_and_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert all(cmd in out for cmd in ("index", "ask", "status", "serve", "eval"))


def test_index_then_status_in_a_fresh_folder(kcqa_env, capsys):
    assert main(["status"]) == 0
    assert "No index" in capsys.readouterr().out

    assert main(["index"]) == 0
    captured = capsys.readouterr()
    assert "Full rebuild: 5 added" in captured.out
    assert "chunks" in captured.out and "sentences" in captured.out
    # where no progress bar can show (a log file), a long build still says what it is doing
    assert "building the index: embedding" in captured.err

    assert main(["index"]) == 0
    assert "Index up to date (5 documents" in capsys.readouterr().out

    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "up to date" in out and "5 documents" in out
    assert "sentence-transformers/all-MiniLM-L6-v2" in out

    (kcqa_env / S003).unlink()
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "STALE" in out and f"removed: {S003}" in out


def test_one_document_is_said_in_the_singular(kcqa_env, fake_embedder, capsys):
    from kcqa.config import get_settings
    from kcqa.indexer import build

    for extra in list(kcqa_env.glob("*.txt"))[1:]:
        extra.unlink()
    build(get_settings(), fake_embedder)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert ": 1 document (1 story)," in out and "1 documents" not in out, out


def test_status_json(shared, capsys):
    assert main(["status", "--json", *shared]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["built"] is True and data["stale"] is False
    assert data["documents"] == 5
    assert data["sentences"] > data["chunks"] > 0
    assert data["model"] == "sentence-transformers/all-MiniLM-L6-v2"


def test_status_after_indexing_with_a_bad_file_is_up_to_date_and_names_it(kcqa_env, fake_embedder, capsys):
    # status never loads the model, so an index built with the fake embedder will do
    from kcqa.config import get_settings
    from kcqa.indexer import build
    from kcqa.sources import SourceWarning

    (kcqa_env / "latin1.txt").write_bytes("Caf\u00e9 at the harbour.".encode("latin-1"))
    with pytest.warns(SourceWarning):
        build(get_settings(), fake_embedder)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "up to date" in out and "STALE" not in out
    assert "Skipped latin1.txt" in out


def test_eval_prints_kcqa_and_both_peers_on_a_question_set(shared, tmp_path, capsys):
    questions = tmp_path / "questions.json"
    questions.write_text(
        json.dumps(
            {
                "questions": [
                    {"id": "q1", "question": DATE_QUESTION, "answers": ["Feb. 14"], "sources": [S003]},
                    {"id": "q2", "question": "How do I bake sourdough bread?", "answers": [], "sources": []},
                ]
            }
        ),
        encoding="utf-8",
    )
    assert main(["eval", str(questions), *shared]) == 0
    out = capsys.readouterr().out
    assert "2 questions (1 answerable, 1 out of scope)" in out
    rows = {
        line.split("|")[1].strip(): line.split("|")[2:-1]
        for line in out.splitlines()
        if line.startswith("| ")
    }
    assert set(rows) >= {"kcqa", "tutorial dense 1000/200", "bm25 500/50"}
    # columns: hit@1, hit@3, concise@1, answered, abstain, provenance
    assert [c.strip() for c in rows["kcqa"][:6]] == ["1.00", "1.00", "1.00", "1.00", "1.00", "1.00"]
    assert rows["bm25 500/50"][4].strip() == "0.00"  # the peers answer everything


def test_eval_over_a_folder_without_the_questions_files_says_which_folder_to_pass(shared, tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a01_wire.txt").write_text("Trains run.\n", encoding="utf-8")
    questions = tmp_path / "questions.json"
    questions.write_text(
        json.dumps(
            {"questions": [{"question": "Do trains run?", "answers": ["run"], "sources": ["a01_wire.txt"]}]}
        ),
        encoding="utf-8",
    )
    assert main(["eval", str(questions), *shared]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "a01_wire.txt" in line and f"--sources {tmp_path / 'articles'}" in line


def test_a_folder_with_no_documents_is_answered_plainly(kcqa_env, capsys):
    # an empty folder: no traceback, a line that says what to do
    for name in list(kcqa_env.iterdir()):
        name.unlink()
    assert main(["ask", DATE_QUESTION]) == 0
    out, err = capsys.readouterr()
    assert "hold no documents yet" in out and "Traceback" not in err, err
    # ... nor for a folder whose only file is empty, named on one line, not as Python shows a
    # warning (its file and line)
    (kcqa_env / "notes.txt").write_text("  \n", encoding="utf-8")
    done = kcqa_command("ask", DATE_QUESTION)
    assert done.returncode == 0 and "hold no documents yet" in done.stdout, done.stderr
    assert "kcqa: warning: skipped notes.txt: empty file" in done.stderr, done.stderr
    assert ".py:" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    # the documents added later are indexed over the empty index
    shutil.copy(SEEDS / S003, kcqa_env / S003)
    with pytest.warns(UserWarning, match="skipped notes.txt"):
        assert main(["ask", DATE_QUESTION]) == 0
    assert FEB_14 in capsys.readouterr().out


def test_a_file_where_a_folder_belongs_is_one_error_line(kcqa_env, tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    for argv in (
        ["ask", DATE_QUESTION, "--index-dir", str(a_file)],
        ["ask", DATE_QUESTION, "--index-dir", str(a_file / "index")],
        ["index", "--sources", str(kcqa_env / S003)],
        ["eval", str(tmp_path)],
    ):
        assert main(argv) == 1, argv
        line = one_error_line(capsys.readouterr().err)
        assert "is a file" in line or "is a folder" in line, line


def test_a_missing_sources_folder_is_one_error_line_and_leaves_no_index_folder(tmp_path, capsys):
    index_dir = tmp_path / "index"
    for argv in (["ask", DATE_QUESTION], ["index"]):
        assert main([*argv, "--sources", str(tmp_path / "nowhere"), "--index-dir", str(index_dir)]) == 1
        assert "sources folder" in one_error_line(capsys.readouterr().err)
        assert not index_dir.exists()  # a command that did nothing leaves nothing behind


def test_eval_refuses_a_gold_answer_that_is_not_text(tmp_path, capsys):
    questions = tmp_path / "numbers.json"
    gold = {"id": "q7", "question": "How many?", "answers": [5], "sources": [], "kind": "numeric"}
    questions.write_text(json.dumps({"questions": [gold]}), encoding="utf-8")
    assert main(["eval", str(questions)]) == 1
    assert "'q7' must be text" in one_error_line(capsys.readouterr().err)


def test_eval_refuses_a_question_set_with_no_questions(tmp_path, capsys):
    # not a table of "nan" figures: a question set must hold questions to score
    for body in ({"questions": []}, []):
        questions = tmp_path / "empty.json"
        questions.write_text(json.dumps(body), encoding="utf-8")
        assert main(["eval", str(questions)]) == 1
        line = one_error_line(capsys.readouterr().err)
        assert "holds no questions" in line and "nan" not in line, line


def test_eval_refuses_duplicate_ids_and_names_an_empty_question(tmp_path, capsys):
    one = {"id": "e1", "question": "When?", "answers": [], "sources": [], "kind": "out_of_scope"}
    for questions, said in (
        ([one, {**one, "question": "Where?"}], "the id 'e1' is given to two questions"),
        ([one, {**one, "id": "e2", "question": "  "}], "the question of 'e2' is empty"),
        ([one, {**one, "id": "e3", "question": "?!?"}], "the question of 'e3' has no words"),
        ([{**one, "sources": 5}], "the sources of 'e1' must be a list of file names"),
    ):
        path = tmp_path / "set.json"
        path.write_text(json.dumps({"questions": questions}), encoding="utf-8")
        assert main(["eval", str(path)]) == 1
        assert said in one_error_line(capsys.readouterr().err)


def test_eval_reads_a_question_set_saved_with_a_byte_order_mark(shared, tmp_path, capsys):
    questions = tmp_path / "notepad.json"
    gold = {"id": "q1", "question": DATE_QUESTION, "answers": ["Feb. 14"], "sources": [S003]}
    questions.write_text(json.dumps({"questions": [gold]}), encoding="utf-8-sig")
    assert main(["eval", str(questions), *shared, "--no-peers"]) == 0
    assert "| kcqa" in capsys.readouterr().out


def test_eval_of_a_set_without_out_of_scope_questions_gives_valid_json_and_no_nan(shared, tmp_path, capsys):
    questions = tmp_path / "questions.json"
    gold = {"id": "q1", "question": DATE_QUESTION, "answers": ["Feb. 14"], "sources": [S003]}
    questions.write_text(json.dumps({"questions": [gold]}), encoding="utf-8")
    assert main(["eval", str(questions), *shared, "--no-peers", "--json"]) == 0
    out = capsys.readouterr().out
    metrics = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))["kcqa"]["metrics"]
    assert metrics["abstain"] is None and metrics["hit@1"] == 1.0
    assert main(["eval", str(questions), *shared, "--no-peers"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| kcqa"))
    assert "n/a" in row and "nan" not in row, row


def test_an_index_folder_that_cannot_be_made_is_one_error_line(kcqa_env, capsys):
    # /proc takes no new folders, even from root (as a read-only mount would refuse them)
    for argv in (["index"], ["ask", DATE_QUESTION]):
        assert main([*argv, "--index-dir", "/proc/kcqa-nowhere/index"]) == 1
        line = one_error_line(capsys.readouterr().err)
        assert "cannot write the index in /proc/kcqa-nowhere/index" in line and "--index-dir" in line, line


def test_a_model_cache_that_cannot_be_made_is_one_error_line(kcqa_env, monkeypatch, capsys):
    monkeypatch.setenv("KCQA_CACHE_DIR", "/proc/kcqa-nowhere/cache")
    assert main(["ask", DATE_QUESTION]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "cannot extract the model" in line and "KCQA_CACHE_DIR" in line, line


def test_an_index_folder_that_is_the_sources_folder_is_refused_and_nothing_written(kcqa_env, capsys):
    (kcqa_env / "manifest.json").write_text('{"mine": 1}', encoding="utf-8")  # the user's file
    before = sorted(p.name for p in kcqa_env.iterdir())
    assert main(["index", "--index-dir", str(kcqa_env)]) == 1
    assert "the index folder is the sources folder" in one_error_line(capsys.readouterr().err)
    assert sorted(p.name for p in kcqa_env.iterdir()) == before
    assert (kcqa_env / "manifest.json").read_text(encoding="utf-8") == '{"mine": 1}'


def test_the_command_starts_before_the_pipeline_libraries_load():
    # Ctrl-C while torch and the model libraries load ends with "kcqa: interrupted", not a
    # traceback: the command's own handler must be in place before they are imported
    heavy = "('kcqa.pipeline', 'torch', 'faiss')"
    probe = f"import sys, kcqa.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    from kcqa import ask, build_index  # still there for the Python API

    assert callable(ask) and callable(build_index)
