"""Storing a list's entries while its files are read: plain rows in batches of bulk INSERTs.

Entries never become ORM objects on the way in: each is turned into a row of column values with
its fingerprint and inserted with the others of its batch in one executemany. Progress is
reported in bytes read across all the files, before each batch is stored; the cancel token is
checked between batches. The caller's transaction holds every batch, so a broken file or a
cancel leaves nothing behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from watchlists.errors import WatchlistFormatError
from watchlists.read import open_watchlist
from watchlists.stream import file_size
from workstation.db.models import WatchlistEntry
from workstation.errors import InputFileError
from workstation.progress import CancelToken, ProgressCallback
from workstation.services.entries import entry_values

BATCH = 2000
_CHUNK = 1 << 20


@dataclass
class StoredEntries:
    """What the files gave: entries stored, records skipped, warnings, each file's format."""

    entries: int = 0
    skipped: int = 0
    warnings: tuple[str, ...] = ()
    formats: list[str] = field(default_factory=list)


def file_digest(path: Path, *, limit: int, cancel: CancelToken) -> bytes:
    """The SHA-256 of the file, read in chunks; InputFileError saying why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputFileError(path, f"the file is {size:,} bytes; the limit is {limit:,}")
        sha = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                sha.update(chunk)
                cancel.raise_if_cancelled()
        return sha.digest()
    except FileNotFoundError as exc:
        raise InputFileError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputFileError(path, "this is a folder, not a file") from exc
    except PermissionError as exc:
        raise InputFileError(path, "permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise InputFileError(path, f"the file cannot be read ({exc.strerror})") from exc


def store_entries(
    session: Session,
    version_id: int,
    paths: Iterable[Path],
    progress: ProgressCallback,
    cancel: CancelToken,
) -> StoredEntries:
    """Read each file as a stream and insert its entries into ``version_id`` batch by batch."""
    paths = list(paths)
    total = max(sum(file_size(p) for p in paths), 1)
    stored = StoredEntries()
    warnings: list[str] = []
    before = 0  # bytes of the files already read
    for path in paths:
        label = f"Reading {path.name}"
        progress(before, total, label)
        try:
            stream = open_watchlist(path)
            rows: list[dict[str, Any]] = []
            for entry in stream:
                rows.append(entry_values(version_id, entry))
                if len(rows) >= BATCH:
                    cancel.raise_if_cancelled()
                    count = stored.entries + len(rows)
                    progress(before + stream.bytes_read, total, f"{label}: {count:,} entries")
                    stored.entries += _insert(session, rows)
                    rows = []
        except WatchlistFormatError as exc:
            raise InputFileError(path, exc.problem, where=exc.where) from exc
        cancel.raise_if_cancelled()
        stored.entries += _insert(session, rows)
        before += stream.size
        progress(before, total, f"{label}: {stored.entries:,} entries")
        stored.skipped += stream.skipped
        warnings.extend(f"{path.name}: {w}" for w in stream.warnings)
        stored.formats.append(stream.source_format)
    stored.warnings = tuple(warnings)
    return stored


def _insert(session: Session, rows: list[dict[str, Any]]) -> int:
    if rows:
        session.execute(insert(cast(Table, WatchlistEntry.__table__)), rows)
    return len(rows)
