"""The one error list readers raise; the workstation turns it into its own InputFileError."""

from __future__ import annotations

from pathlib import Path


class WatchlistFormatError(ValueError):
    """A file that cannot be read: names the file, the problem, and the line or row when known."""

    def __init__(self, path: Path | str, problem: str, *, where: str | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.where = where
        location = f"{self.path.name}, {where}" if where else self.path.name
        super().__init__(f"{location}: {problem}")
