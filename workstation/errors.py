"""Errors an officer can act on, and the ones that are bugs."""

from __future__ import annotations

from pathlib import Path


class WorkstationError(Exception):
    """A problem to tell the user about, with what to do next. Never a bug."""


class InputFileError(WorkstationError):
    """A file that cannot be read: names the file, and the line or segment when known."""

    def __init__(self, path: Path | str, problem: str, *, where: str | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.where = where
        location = f"{self.path.name}, {where}" if where else self.path.name
        super().__init__(f"{location}: {problem}")


class NotFoundError(WorkstationError):
    """A record asked for by id does not exist (any more)."""


class PermissionDeniedError(WorkstationError):
    """The acting user's role does not allow this."""


class InvalidInputError(WorkstationError):
    """A value typed or passed by the user is not acceptable (missing reason, bad quantity...)."""


class CancelledError(WorkstationError):
    """A long job was cancelled by the user; everything it did was rolled back."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


class StoreUnavailableError(WorkstationError):
    """The store cannot be reached or written (locked, disk full, server gone)."""
