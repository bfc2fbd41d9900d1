"""kcqa: local, extractive question answering over a folder of documents, with verifiable citations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import KcqaError
from .schema import Answer, BuildReport, Passage

if TYPE_CHECKING:
    from .pipeline import ask, build_index

__version__ = "0.1.0"

__all__ = ["Answer", "BuildReport", "KcqaError", "Passage", "__version__", "ask", "build_index"]


def __getattr__(name: str) -> Any:
    """``ask`` and ``build_index``, imported on first use: the ``kcqa`` command starts (and can be
    interrupted with one clean line) before the pipeline's libraries are loaded."""
    if name in ("ask", "build_index"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kcqa' has no attribute {name!r}")
