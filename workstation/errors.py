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


# What the user can do, by the database's own words (SQLite's, PostgreSQL's): first match wins.
_FULL = "the disk holding the store is full: free some space on it, then try again"
_STORE_ADVICE = (
    ("disk is full", _FULL),
    ("no space left", _FULL),
    (
        "readonly database",
        "the store is read-only: ask for the right to write its file and its folder, then try "
        "again",
    ),
    ("database is locked", "another program is writing to the store: try again in a moment"),
    (
        "disk i/o error",
        "the disk or network share holding the store failed: check it, then try again",
    ),
    (
        "unable to open database",
        "check that the store's file and its folder exist and that you may write them, then "
        "try again",
    ),
)


def store_advice(problem: str) -> str:
    """What to do about a store that refused a read or a write, chosen from the database's own
    message (``problem``); a clause to follow "Nothing was changed; "."""
    text = problem.lower()
    return next(
        (advice for marker, advice in _STORE_ADVICE if marker in text),
        "check the network and that the database server is running, then try again",
    )


class StoreUnavailableError(WorkstationError):
    """The store cannot be reached or written (locked, disk full, read-only, server gone)."""
