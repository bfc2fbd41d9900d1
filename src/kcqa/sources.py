"""The sources step: a folder of .txt/.md files -> Documents.

The text of a Document is exactly what ``Path(...).read_text(encoding="utf-8")`` returns (universal
newlines), so every offset kcqa gives can be checked against the file itself.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from .errors import SourcesError, UploadError
from .furniture import find_author, find_boilerplate, find_date, find_title, logical_lines
from .schema import OTHER_FORMAT, Document

SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True)
class SourceFile:
    """What a cheap ``stat`` tells about one source file."""

    name: str
    path: Path
    size: int
    mtime_ns: int


class SourceWarning(UserWarning):
    """A source file was skipped; the message names it and says why."""


def check_folder(folder: Path) -> Path:
    """The sources folder as a Path; SourcesError, saying what to do, when it is missing or a file."""
    folder = Path(folder)
    if folder.is_file():
        raise SourcesError(
            f"sources {str(folder)!r} is a file: point --sources / KCQA_SOURCES at the folder of "
            "your documents (that file's folder, for instance)."
        )
    if not folder.is_dir():
        raise SourcesError(
            f"sources folder {str(folder)!r} not found: create it, run kcqa from the project "
            "folder, or point KCQA_SOURCES / --sources at your documents."
        )
    return folder


def scan(folder: Path, *, max_bytes: int) -> tuple[list[SourceFile], list[dict[str, str]]]:
    """List the source files under ``folder`` (recursively, hidden entries ignored).

    Returns the usable files, sorted by name, and the skipped ones as ``{"name", "reason"}``.
    Raises SourcesError when the folder itself is missing.
    """
    folder = check_folder(folder)
    root = folder.resolve()
    files: list[SourceFile] = []
    skipped: list[dict[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            dirnames.remove(d)  # os.walk would not enter it either; say so instead of keeping quiet
            skipped.append(
                {
                    "name": Path(dirpath, d).relative_to(folder).as_posix() + "/",
                    "reason": "symbolic link to a folder, which kcqa does not follow; move or copy "
                    "its documents into the sources folder",
                }
            )
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath, filename)
            name = path.relative_to(folder).as_posix()
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:  # bytes that are not UTF-8 in the name (an old zip, say)
                name = name.encode("utf-8", "replace").decode("utf-8")
                if filename.lower().endswith(SUFFIXES):
                    skipped.append({"name": name, "reason": "file name is not valid UTF-8; rename the file"})
                    continue
            if not filename.lower().endswith(SUFFIXES):
                skipped.append({"name": name, "reason": OTHER_FORMAT})
                continue
            reason = _unusable(path, root, max_bytes)
            if reason:
                skipped.append({"name": name, "reason": reason})
                continue
            try:
                st = path.stat()
            except OSError as exc:  # removed since it was checked (a file being replaced, say)
                skipped.append({"name": name, "reason": f"cannot be read ({exc.strerror or exc})"})
                continue
            files.append(SourceFile(name, path, st.st_size, st.st_mtime_ns))
    files.sort(key=lambda f: f.name)
    return files, skipped


def _unusable(path: Path, root: Path, max_bytes: int) -> str | None:
    try:
        real = path.resolve(strict=True)
        if path.is_symlink() and not real.is_relative_to(root):
            return "symbolic link to a file outside the sources folder"
        if not real.is_file():
            return "not a regular file"
        size = real.stat().st_size
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    except RuntimeError:  # a symbolic link loop (Python before 3.13 raises RuntimeError)
        return "symbolic link loop"
    if size > max_bytes:
        return f"too large ({size:,} bytes; the limit is {max_bytes:,})"
    return None


def read_document(file: SourceFile) -> Document:
    """Read one source file into a Document (title, date and furniture found).

    Raises SourcesError naming the file when it is not UTF-8 text, is empty, or vanished.
    """
    try:
        data = file.path.read_bytes()
        st = file.path.stat()
    except OSError as exc:
        raise SourcesError(f"{file.name}: cannot be read ({exc.strerror or exc}).") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourcesError(f"{file.name}: UTF-16 text, which kcqa does not read; save it as UTF-8.")
    if b"\x00" in data[:65536]:
        raise SourcesError(
            f"{file.name}: looks like a binary file, not text; remove it or convert it to UTF-8 text."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourcesError(
            f"{file.name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save it as UTF-8 or remove it."
        ) from None
    # What Path.read_text() does with newlines, so that offsets match what a user reads back.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourcesError(f"{file.name}: empty file; add text to it or remove it.")
    lines = logical_lines(text)
    return Document(
        name=file.name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        mtime_ns=st.st_mtime_ns,
        title=find_title(text, file.name, lines),
        date=find_date(text, lines),
        boilerplate=tuple(find_boilerplate(text, lines)),
        author=find_author(text, lines),
    )


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_documents(
    files: list[SourceFile], *, strict: bool = False
) -> tuple[list[Document], list[dict[str, str]]]:
    """Read files into Documents; a bad file is skipped with a SourceWarning (or raises, if strict)."""
    documents: list[Document] = []
    skipped: list[dict[str, str]] = []
    for file in files:
        try:
            documents.append(read_document(file))
        except SourcesError as exc:
            if strict:
                raise
            reason = str(exc).split(": ", 1)[-1]
            skipped.append({"name": file.name, "reason": reason})
            warnings.warn(f"skipped {exc}", SourceWarning, stacklevel=2)
    return documents, skipped


_UNSAFE = re.compile(r"[^\w.\- ]+")


def safe_name(filename: str) -> str:
    """A file name safe to create in the sources folder: no folders, no hidden names, only
    letters, digits, spaces, dots, dashes and underscores; .txt or .md."""
    base = unicodedata.normalize("NFKC", str(filename)).replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" ._")
    stem, dot, suffix = base.rpartition(".")
    if not dot or f".{suffix.lower()}" not in SUFFIXES or not stem.strip(" ._"):
        raise UploadError(f"{str(filename)[:80]!r} is not accepted: upload .txt or .md files with a name.")
    return f"{stem[:100].strip(' ._')}.{suffix.lower()}"


def add_source(folder: Path, filename: str, data: bytes, *, max_bytes: int) -> str:
    """Save an uploaded document into the sources folder and return the name it was saved as.

    The name is sanitised and confined to the folder; an existing file is never overwritten (a
    different file of the same name is saved as "name-2.txt"; the same bytes are not saved twice).
    Raises UploadError when the file is too large, not UTF-8 text, or has another type.
    """
    name = safe_name(filename)
    if len(data) > max_bytes:
        raise UploadError(f"{name} is too large ({len(data):,} bytes; the limit is {max_bytes:,}).")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UploadError(f"{name} is UTF-16 text; save it as UTF-8 and upload it again.")
    if b"\x00" in data:
        raise UploadError(f"{name} looks like a binary file; upload UTF-8 text.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadError(f"{name} is not UTF-8 text; save it as UTF-8 and upload it again.") from None
    if not text.strip():
        raise UploadError(f"{name} is empty.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = name.rsplit(".", 1)
    tmp = folder / f".upload-{os.getpid()}-{threading.get_ident()}.tmp"
    tmp.write_bytes(data)
    try:
        for n in range(1, 1000):
            candidate = name if n == 1 else f"{stem}-{n}.{suffix}"
            target = folder / candidate
            if target.exists() and target.read_bytes() == data:
                return candidate
            try:
                os.link(tmp, target)  # atomic, and fails instead of replacing an existing file
                return candidate
            except FileExistsError:
                continue
        raise UploadError(f"too many files named like {name}; rename it and upload again.")
    finally:
        tmp.unlink(missing_ok=True)
