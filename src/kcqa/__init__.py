"""kcqa: local, extractive question answering over a folder of documents, with verifiable citations."""

from .errors import KcqaError
from .pipeline import ask, build_index
from .schema import Answer, BuildReport, Passage

__version__ = "0.1.0"

__all__ = ["Answer", "BuildReport", "KcqaError", "Passage", "__version__", "ask", "build_index"]
