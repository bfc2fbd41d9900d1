"""Real English text available offline, for benchmarks: the docstrings of the Python packages
installed in the running interpreter (standard library first, then site-packages), packed into
news-article-sized .txt documents. Deterministic: same interpreter, same corpus."""

from __future__ import annotations

import ast
import hashlib
import inspect
import sys
import sysconfig
import warnings
from collections.abc import Iterator
from pathlib import Path


def _roots() -> list[Path]:
    paths = sysconfig.get_paths()
    roots = [Path(paths["stdlib"]), Path(paths["purelib"])]
    return [r for r in dict.fromkeys(roots) if r.is_dir()]


def docstrings() -> Iterator[str]:
    """Docstrings (module, class, function) of installed Python files, each cleaned, unique."""
    seen: set[str] = set()
    for root in _roots():
        for path in sorted(root.rglob("*.py")):
            if "test" in path.parts or "tests" in path.parts:
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    tree = ast.parse(path.read_bytes())
            except (SyntaxError, ValueError, OSError, RecursionError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    doc = ast.get_docstring(node, clean=False)
                    if not doc or len(doc) < 200:
                        continue
                    doc = inspect.cleandoc(doc)
                    key = hashlib.sha1(doc.encode("utf-8", "replace")).hexdigest()
                    if key not in seen:
                        seen.add(key)
                        yield doc


def write_corpus(
    folder: Path, *, total_chars: int, doc_chars: int = 3000, max_docs: int | None = None
) -> list[Path]:
    """Write about ``total_chars`` of docstring text (or ``max_docs`` documents) as documents of
    about ``doc_chars`` each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    parts: list[str] = []
    size = written = 0
    for doc in docstrings():
        text = doc.encode("utf-8", "replace").decode("utf-8")
        parts.append(text)
        size += len(text) + 2
        if size >= doc_chars:
            path = folder / f"doc_{len(paths):06d}.txt"
            body = "\n\n".join(parts)
            path.write_text(f"Document {len(paths)}\n\n{body}\n", encoding="utf-8")
            paths.append(path)
            written += len(body)
            parts, size = [], 0
            if written >= total_chars or (max_docs is not None and len(paths) >= max_docs):
                break
    return paths


if __name__ == "__main__":
    total = sum(len(d) for d in docstrings())
    print(f"{total:,} characters of docstrings available in {sys.prefix}")
