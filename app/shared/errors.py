"""Typed errors that carry a sentence a user can act on."""

from __future__ import annotations

from pathlib import Path


class BriefingError(Exception):
    """Base error: ``message`` is for the user, ``detail`` is for the log."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # pickled across worker processes: rebuild from the fields, not from ``args``
        return type(self), (self.message, self.detail)


class IngestError(BriefingError):
    """An article could not be read. The message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str, detail: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}", detail)

    def __reduce__(self):
        return type(self), (self.path, self.problem, self.detail)


class ExportError(BriefingError):
    """A memo could not be written."""


class ProjectError(BriefingError):
    """A project file could not be read or written."""


class Cancelled(BriefingError):
    """The user cancelled a long-running job."""

    def __init__(self) -> None:
        super().__init__("Cancelled")

    def __reduce__(self):
        return type(self), ()
