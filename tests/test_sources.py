"""sources.py: which files are read, how bad files are reported, and how uploads are saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kcqa.errors import KcqaError, SourcesError, UploadError
from kcqa.sources import SourceWarning, add_source, load_documents, scan

MAX = 20_000_000
PROSE = "The ferry to the north island leaves the harbour at nine every morning.\n"


@pytest.fixture
def folder(tmp_path) -> Path:
    """An empty folder of its own (tmp_path already holds the seeds copy of the autouse fixture)."""
    path = tmp_path / "work"
    path.mkdir()
    return path


def names(folder: Path) -> list[str]:
    return [f.name for f in scan(folder, max_bytes=MAX)[0]]


def test_scan_finds_txt_and_md_recursively_with_names_relative_to_the_folder(folder):
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    (folder / "notes" / "2024").mkdir(parents=True)
    (folder / "notes" / "b.md").write_text(PROSE, encoding="utf-8")
    (folder / "notes" / "2024" / "c.txt").write_text(PROSE, encoding="utf-8")
    assert names(folder) == ["a.txt", "notes/2024/c.txt", "notes/b.md"]


def test_a_file_removed_while_the_folder_is_scanned_is_left_out_not_an_error(folder, monkeypatch):
    import kcqa.sources as sources

    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    (folder / "b.txt").write_text(PROSE, encoding="utf-8")
    checked = sources._unusable

    def check_then_vanish(path, root, max_bytes):  # removed right after its check, as in a rebuild
        reason = checked(path, root, max_bytes)
        if path.name == "b.txt":
            path.unlink()
        return reason

    monkeypatch.setattr(sources, "_unusable", check_then_vanish)
    files, skipped = scan(folder, max_bytes=MAX)
    assert [f.name for f in files] == ["a.txt"]
    assert [s["name"] for s in skipped] == ["b.txt"] and "cannot be read" in skipped[0]["reason"]


def test_scan_ignores_hidden_entries_and_lists_other_file_types_as_not_read(folder):
    (folder / "kept.txt").write_text(PROSE, encoding="utf-8")
    (folder / "notes.markdown").write_text(PROSE, encoding="utf-8")
    (folder / ".hidden.txt").write_text(PROSE, encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "inside.txt").write_text(PROSE, encoding="utf-8")
    others = ("script.py", "report.pdf", "data.json", "page.html", "notes.txt.bak", "README")
    for other in others:
        (folder / other).write_text(PROSE, encoding="utf-8")
    files, skipped = scan(folder, max_bytes=MAX)
    assert [f.name for f in files] == ["kept.txt", "notes.markdown"]
    assert sorted(s["name"] for s in skipped) == sorted(others)  # named once, hidden ones never
    assert all("reads plain text (.txt) and Markdown (.md)" in s["reason"] for s in skipped)


def test_seed_folder_lists_the_five_seed_articles(kcqa_env):
    assert names(kcqa_env) == sorted(p.name for p in kcqa_env.glob("*.txt"))
    assert len(names(kcqa_env)) == 5


def test_missing_folder_says_what_to_do(folder):
    missing = folder / "no-such-folder"
    with pytest.raises(SourcesError) as err:
        scan(missing, max_bytes=MAX)
    message = str(err.value)
    assert "no-such-folder" in message
    assert "KCQA_SOURCES" in message or "--sources" in message


BAD_FILES = {
    "latin1.txt": "Caf\u00e9 cr\u00e8me served at the harbour.".encode("latin-1"),
    "empty.txt": b"",
    "blank.md": b"   \n\n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
}


@pytest.mark.parametrize("bad", sorted(BAD_FILES))
def test_bad_file_raises_naming_it_when_strict(kcqa_env, bad):
    (kcqa_env / bad).write_bytes(BAD_FILES[bad])
    files, _ = scan(kcqa_env, max_bytes=MAX)
    with pytest.raises(SourcesError, match=bad.replace(".", r"\.")):
        load_documents(files, strict=True)


@pytest.mark.parametrize("bad", sorted(BAD_FILES))
def test_bad_file_is_skipped_with_a_warning_and_the_others_still_load(kcqa_env, bad):
    (kcqa_env / bad).write_bytes(BAD_FILES[bad])
    files, _ = scan(kcqa_env, max_bytes=MAX)
    with pytest.warns(SourceWarning, match=bad.replace(".", r"\.")):
        docs, skipped = load_documents(files)
    assert [s["name"] for s in skipped] == [bad]
    assert skipped[0]["reason"]
    assert sorted(d.name for d in docs) == sorted(p.name for p in kcqa_env.glob("0*.txt"))


@pytest.mark.parametrize(
    "raw",
    [
        "Harbour News\r\n\r\nThe ferry leaves at nine.\r\nIt returns at six.\r\n",
        "Harbour News\r\rThe ferry leaves at nine.\rIt returns at six.\r",
        "Harbour News\n\r\nThe ferry leaves at nine.\r\n\r\n\rIt returns at six.",
        "\ufeffHarbour News\r\n\r\nThe ferry leaves at nine.\r\n",
    ],
    ids=["crlf", "cr", "mixed", "bom-crlf"],
)
def test_text_equals_read_text_so_offsets_match(folder, raw):
    path = folder / "harbour.txt"
    path.write_bytes(raw.encode("utf-8"))
    docs, _ = load_documents(scan(folder, max_bytes=MAX)[0], strict=True)
    assert docs[0].text == path.read_text(encoding="utf-8")
    assert docs[0].size == len(raw.encode("utf-8"))


def test_file_over_the_size_limit_is_skipped_with_the_limit_in_the_reason(folder):
    (folder / "big.txt").write_text(PROSE * 50, encoding="utf-8")
    (folder / "small.txt").write_text(PROSE, encoding="utf-8")
    files, skipped = scan(folder, max_bytes=1000)
    assert [f.name for f in files] == ["small.txt"]
    assert skipped[0]["name"] == "big.txt"
    assert "1,000" in skipped[0]["reason"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlinks_leading_outside_the_folder_are_skipped_and_named(folder):
    outside = folder / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The password is swordfish, said the note.\n", encoding="utf-8")
    sources = folder / "sources"
    sources.mkdir()
    (sources / "real.txt").write_text(PROSE, encoding="utf-8")
    os.symlink(outside / "secret.txt", sources / "link.txt")
    os.symlink(outside, sources / "linked-folder", target_is_directory=True)
    os.symlink(sources / "real.txt", sources / "alias.txt")  # inside the folder: fine
    files, skipped = scan(sources, max_bytes=MAX)
    assert [f.name for f in files] == ["alias.txt", "real.txt"]
    # both are named, with the reason: a linked folder is not passed over in silence
    reasons = {s["name"]: s["reason"] for s in skipped}
    assert set(reasons) == {"link.txt", "linked-folder/"}
    assert "outside the sources folder" in reasons["link.txt"]
    assert "symbolic link to a folder" in reasons["linked-folder/"]
    docs, _ = load_documents(files, strict=True)
    assert all("swordfish" not in d.text for d in docs)


# add_source: what the web upload uses


@pytest.mark.parametrize(
    ("given", "saved"),
    [
        ("../../etc/x.txt", "x.txt"),
        ("..\\..\\windows\\notes.md", "notes.md"),
        ("/etc/passwd.txt", "passwd.txt"),
        (".bashrc.txt", "bashrc.txt"),
        ("my report; rm -rf.TXT", "my report_ rm -rf.txt"),
    ],
)
def test_add_source_keeps_uploads_inside_the_folder(folder, given, saved):
    uploads = folder / "deep" / "uploads"
    name = add_source(uploads, given, PROSE.encode(), max_bytes=MAX)
    assert name == saved
    assert (uploads / name).read_bytes() == PROSE.encode()
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert written == {f"deep/uploads/{saved}"}


@pytest.mark.parametrize("given", ["run.py", "setup.exe", "README", "archive.txt.zip", ".txt", "...md"])
def test_add_source_refuses_other_types(folder, given):
    with pytest.raises(UploadError) as err:
        add_source(folder, given, PROSE.encode(), max_bytes=MAX)
    assert isinstance(err.value, KcqaError)
    assert ".txt" in str(err.value)
    assert not any(folder.iterdir())


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"x" * 1001, "too large"),
        ("Caf\u00e9".encode("latin-1"), "UTF-8"),
        (b"text\x00with a zero byte", "binary"),
        (b"  \n ", "empty"),
        ("The ferry runs.".encode("utf-16"), "UTF-16 text; save it as UTF-8"),
    ],
    ids=["too-large", "not-utf8", "binary", "empty", "utf-16"],
)
def test_add_source_refuses_bad_content(folder, data, words):
    with pytest.raises(UploadError, match=words):
        add_source(folder, "notes.txt", data, max_bytes=1000)
    assert not any(folder.iterdir())


def test_add_source_never_overwrites_and_never_duplicates(folder):
    first = add_source(folder, "notes.txt", b"First version of the notes.\n", max_bytes=MAX)
    second = add_source(folder, "notes.txt", b"Second, different notes.\n", max_bytes=MAX)
    again = add_source(folder, "notes.txt", b"Second, different notes.\n", max_bytes=MAX)
    same = add_source(folder, "notes.txt", b"First version of the notes.\n", max_bytes=MAX)
    assert (first, second, again, same) == ("notes.txt", "notes-2.txt", "notes-2.txt", "notes.txt")
    assert (folder / "notes.txt").read_bytes() == b"First version of the notes.\n"
    assert (folder / "notes-2.txt").read_bytes() == b"Second, different notes.\n"
    assert sorted(p.name for p in folder.iterdir()) == ["notes-2.txt", "notes.txt"]


def test_uploaded_file_is_read_back_as_a_source(kcqa_env):
    name = add_source(kcqa_env, "ferry.txt", PROSE.encode(), max_bytes=MAX)
    docs, skipped = load_documents(scan(kcqa_env, max_bytes=MAX)[0], strict=True)
    assert not skipped
    assert name in {d.name for d in docs}


def test_a_utf16_file_is_skipped_as_utf16_not_as_binary(kcqa_env):
    (kcqa_env / "notes.txt").write_text("The ferry runs every hour.\n", encoding="utf-16")
    with pytest.warns(SourceWarning, match="skipped notes.txt: UTF-16 text"):
        _, skipped = load_documents(scan(kcqa_env, max_bytes=MAX)[0], strict=False)
    assert [s["reason"] for s in skipped if s["name"] == "notes.txt"] == [
        "UTF-16 text, which kcqa does not read; save it as UTF-8."
    ], skipped
