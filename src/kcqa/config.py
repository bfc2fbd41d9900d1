"""Settings: defaults in code, KCQA_* environment overrides, read when called (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError

REFRESH_POLICIES = ("auto", "warn", "off")


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kcqa"


@dataclass(frozen=True)
class Settings:
    """Everything that decides where kcqa reads and writes and how it builds the index.

    Attributes:
        sources: Folder of .txt/.md documents (KCQA_SOURCES, default ``seeds``).
        index_dir: Folder of the index (KCQA_INDEX_DIR, default ``index``).
        model: Local sentence-transformers model folder, or None for the packaged
            all-MiniLM-L6-v2 (KCQA_MODEL).
        refresh: What ask() does when the sources changed since the index was built:
            ``auto`` updates the index first, ``warn`` answers from the old index and says
            so, ``off`` does not look (KCQA_REFRESH).
        cache_dir: Where the packaged model is extracted once (KCQA_CACHE_DIR).
        chunk_size: Characters per retrieval chunk.
        chunk_overlap: Characters shared by neighbouring chunks.
        max_question_chars: Longest question accepted.
        max_file_bytes: Largest source file indexed; bigger ones are skipped with a warning.
        max_upload_bytes: Largest file accepted by the web upload.
        strict: Fail on a bad source file instead of skipping it with a warning.
        ann_threshold: Above this many vectors, an approximate (HNSW) index replaces exact search.
    """

    sources: Path = field(default_factory=lambda: Path("seeds"))
    index_dir: Path = field(default_factory=lambda: Path("index"))
    model: str | None = None
    refresh: str = "auto"
    cache_dir: Path = field(default_factory=_default_cache_dir)
    chunk_size: int = 800
    chunk_overlap: int = 120
    max_question_chars: int = 2000
    max_file_bytes: int = 20_000_000
    max_upload_bytes: int = 2_000_000
    strict: bool = False
    ann_threshold: int = 20_000

    def __post_init__(self) -> None:
        if self.refresh not in REFRESH_POLICIES:
            allowed = ", ".join(REFRESH_POLICIES)
            raise ConfigError(f"refresh policy {self.refresh!r} is not one of: {allowed}.")
        if not 100 <= self.chunk_size <= 20_000:
            raise ConfigError(f"chunk_size must be between 100 and 20000, not {self.chunk_size}.")
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise ConfigError("chunk_overlap must be at least 0 and smaller than chunk_size.")
        for what, path in (("index folder", self.index_dir), ("cache folder", self.cache_dir)):
            blocked = _file_in_the_way(Path(path))
            if blocked:
                raise ConfigError(
                    f"the {what} {str(path)!r} cannot be created: {str(blocked)!r} is a file; "
                    "choose another folder (--index-dir, KCQA_INDEX_DIR, KCQA_CACHE_DIR)."
                )

    def with_(self, **changes: object) -> Settings:
        """Return a copy with the given fields changed, ignoring those given as None."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def chunking(self) -> dict[str, int]:
        """The settings that shape chunks; a change to any of them needs a full rebuild."""
        return {"chunk_size": self.chunk_size, "chunk_overlap": self.chunk_overlap}


def _file_in_the_way(path: Path) -> Path | None:
    """The file at ``path`` or at the nearest of its parents that exists, where a folder must be."""
    for p in (path, *path.parents):
        if p.exists():
            return None if p.is_dir() else p
    return None


def get_settings(**overrides: object) -> Settings:
    """Build Settings from the environment (KCQA_*), then apply explicit overrides.

    Overrides given as None are ignored, so CLI flags can be passed straight through.
    """
    env = os.environ
    values: dict[str, object] = {}
    if env.get("KCQA_SOURCES"):
        values["sources"] = Path(env["KCQA_SOURCES"])
    if env.get("KCQA_INDEX_DIR"):
        values["index_dir"] = Path(env["KCQA_INDEX_DIR"])
    if env.get("KCQA_MODEL"):
        values["model"] = env["KCQA_MODEL"]
    if env.get("KCQA_REFRESH"):
        values["refresh"] = env["KCQA_REFRESH"].strip().lower()
    if env.get("KCQA_CACHE_DIR"):
        values["cache_dir"] = Path(env["KCQA_CACHE_DIR"])
    values.update({k: v for k, v in overrides.items() if v is not None})
    for key in ("sources", "index_dir", "cache_dir"):
        if key in values:
            if not str(values[key]).strip():  # Path("") would be the current folder
                raise ConfigError(f"{key} is empty: give a folder, or leave it out for the default")
            values[key] = Path(values[key]).expanduser()  # type: ignore[arg-type]
    try:
        return Settings(**values)  # type: ignore[arg-type]
    except TypeError as exc:
        raise ConfigError(f"unknown setting: {exc}") from None
