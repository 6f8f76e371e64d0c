"""The inbox: a folder where airlines' and gateways' files land, imported as they arrive.

The folder is polled (no extra dependency). A file is taken once its size has not changed
between two polls; names of files still being written are left alone (``*.part``, ``*.tmp``,
``*.partial``, ``*.crdownload``, ``*.filepart``, ``~*``, ``.*``). Each file is one import
transaction, then the flights it named are screened. Then the file is moved:

- imported: to ``archive/YYYY-MM-DD/`` (the UTC day);
- the same bytes imported before: to the archive too, beside a ``.note.txt`` saying so;
- refused: to ``quarantine/`` beside ``FILE.error.txt`` (which file, what is wrong, where),
  and logged in the import-failure table in its own transaction.

When the store cannot be reached the file is left where it is and tried again at the next poll.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InputFileError, StoreUnavailableError, WorkstationError
from workstation.progress import CancelToken
from workstation.security.roles import require
from workstation.services.failures import record_import_failure
from workstation.services.imports import file_digest, import_passenger_files
from workstation.services.screening import screen_stored
from workstation.services.views import Actor

log = logging.getLogger(__name__)

ARCHIVE = "archive"
QUARANTINE = "quarantine"
_PARTIAL_SUFFIXES = (".part", ".tmp", ".partial", ".crdownload", ".filepart", ".error.txt")


@dataclass(frozen=True)
class InboxOutcome:
    file_name: str
    status: str  # imported, duplicate, refused
    detail: str  # what was imported, or what is wrong
    moved_to: Path
    new_hits: int = 0


def is_candidate(path: Path) -> bool:
    """A file to take: not hidden, not a temporary or partial name, not a folder."""
    name = path.name
    if name.startswith((".", "~")) or name.lower().endswith(_PARTIAL_SUFFIXES):
        return False
    return path.is_file()


class Inbox:
    """One watched folder. ``poll`` takes the files whose size held still since the last poll."""

    def __init__(self, store: Store, actor: Actor, folder: Path) -> None:
        require(actor.role, "import_files")
        self.store, self.actor, self.folder = store, actor, folder
        self._sizes: dict[Path, int] = {}
        if not folder.is_dir():
            raise WorkstationError(f"{folder}: the inbox folder does not exist.")

    def _snapshot(self) -> dict[Path, int]:
        sizes: dict[Path, int] = {}
        for path in sorted(self.folder.iterdir()):
            try:
                if is_candidate(path):
                    sizes[path] = path.stat().st_size
            except OSError:
                continue  # vanished or unreadable meanwhile: seen at the next poll
        return sizes

    def poll(self) -> list[InboxOutcome]:
        now = self._snapshot()
        stable = [p for p, size in now.items() if self._sizes.get(p) == size]
        self._sizes = now
        outcomes = []
        for path in stable:
            outcome = self.take(path)
            if outcome is not None:
                self._sizes.pop(path, None)
                outcomes.append(outcome)
        return outcomes

    def take(self, path: Path) -> InboxOutcome | None:
        """Import, screen and move one file; None when the store is unavailable (try later)."""
        digest: str | None = None
        try:
            digest = file_digest(path)
            [summary] = import_passenger_files(self.store, self.actor, [path])
        except StoreUnavailableError as exc:
            log.warning("inbox: store unavailable, %s left for the next poll: %s", path.name, exc)
            return None
        except WorkstationError as exc:
            return self._refuse(path, exc, digest)
        if summary.duplicate:
            moved = self._archive(path)
            _write(moved.with_name(moved.name + ".note.txt"), _duplicate_note(path, digest))
            return InboxOutcome(path.name, "duplicate", "imported before; nothing done", moved)
        new_hits, note = 0, ""
        if summary.flight_ids:
            try:
                run = screen_stored(self.store, self.actor, flight_ids=list(summary.flight_ids))
                new_hits = run.new_hits
            except WorkstationError as exc:  # imported all the same: screening can be redone
                note = f"; not screened: {exc}"
        detail = (
            f"{summary.flights} flight(s), {summary.travellers} new traveller(s), "
            f"{summary.bookings} booking(s), {new_hits} new hit(s){note}"
        )
        return InboxOutcome(path.name, "imported", detail, self._archive(path), new_hits)

    def _refuse(self, path: Path, exc: WorkstationError, digest: str | None) -> InboxOutcome:
        record_import_failure(
            self.store, self.actor, path, str(exc), channel="inbox", sha256=digest
        )
        target = _free_name(self.folder / QUARANTINE, path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
        _write(target.with_name(target.name + ".error.txt"), _error_report(path, exc, digest))
        log.warning("inbox: %s refused and quarantined", path.name)
        return InboxOutcome(path.name, "refused", str(exc), target)

    def _archive(self, path: Path) -> Path:
        target = _free_name(self.folder / ARCHIVE / utcnow().date().isoformat(), path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
        return target


def watch_inbox(
    store: Store,
    actor: Actor,
    folder: Path,
    *,
    interval: float = 5.0,
    once: bool = False,
    cancel: CancelToken | None = None,
    on_outcome: Callable[[InboxOutcome], None] = lambda _outcome: None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[InboxOutcome]:
    """Watch ``folder`` until cancelled; with ``once``, take what is there (two polls
    ``interval`` apart, so files still growing are left) and return."""
    require(actor.role, "import_files")
    inbox = Inbox(store, actor, folder)
    outcomes: list[InboxOutcome] = []
    inbox.poll()  # the first poll only learns the sizes
    while True:
        sleep(interval)
        if cancel is not None and cancel.cancelled:
            return outcomes
        for outcome in inbox.poll():
            outcomes.append(outcome)
            on_outcome(outcome)
        if once:
            return outcomes


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``... when taken."""
    target = folder / name
    stem, suffix, n = Path(name).stem, Path(name).suffix, 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _error_report(path: Path, exc: WorkstationError, digest: str | None) -> str:
    where = exc.where if isinstance(exc, InputFileError) else None
    problem = exc.problem if isinstance(exc, InputFileError) else str(exc)
    return (
        f"File: {path.name}\n"
        f"Refused at: {utcnow().isoformat(timespec='seconds')}\n"
        f"Problem: {problem}\n"
        f"Where: {where or 'the file as a whole'}\n"
        f"SHA-256: {digest or 'unknown (the file could not be read)'}\n"
        "Nothing of this file was stored. Correct it or ask the sender for a new one, then put "
        "it in the inbox again.\n"
    )


def _duplicate_note(path: Path, digest: str | None) -> str:
    return (
        f"File: {path.name}\n"
        f"Received: {utcnow().isoformat(timespec='seconds')}\n"
        f"The same bytes (SHA-256 {digest}) were imported before: nothing was done.\n"
    )
