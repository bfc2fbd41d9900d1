"""The kcqa exception family: every error a user can meet is a KcqaError whose message says what to do."""

from __future__ import annotations


class KcqaError(Exception):
    """Base class of every error kcqa raises on purpose."""


class ConfigError(KcqaError):
    """A setting or option has a value kcqa does not accept."""


class QuestionError(KcqaError):
    """The question cannot be answered as given (empty, too long)."""


class SourcesError(KcqaError):
    """The sources folder or one of its files cannot be used."""


class ModelError(KcqaError):
    """The embedding model is missing, damaged or not the expected one."""


class IndexStateError(KcqaError):
    """The index on disk is missing, damaged or built with other settings."""


class IndexWriteError(IndexStateError):
    """The index folder cannot be written (read-only, no permission, disk full)."""


class IndexBusyError(KcqaError):
    """Another process is building the index right now."""


class UploadError(KcqaError):
    """An uploaded file was refused (type, size or name)."""


__all__ = [
    "ConfigError",
    "IndexBusyError",
    "IndexStateError",
    "IndexWriteError",
    "KcqaError",
    "ModelError",
    "QuestionError",
    "SourcesError",
    "UploadError",
]
