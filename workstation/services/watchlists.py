"""Watchlists: each import is a new version; only the newest version of an enabled list is
screened, at the list's own threshold. A new version lands whole, in one transaction, with the
hits it raises on recent flights; until then the previous version stays active.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching import DEFAULT_THRESHOLD
from watchlists.entry import WatchlistEntry as ReadEntry
from watchlists.errors import WatchlistFormatError
from watchlists.read import read_watchlist
from workstation.db.models import ImportBatch, Watchlist, WatchlistVersion
from workstation.db.store import Store
from workstation.errors import InputFileError, InvalidInputError
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.readers.detect import read_file_bytes
from workstation.services.audit import record_event
from workstation.services.entries import entry_row
from workstation.services.rescreen import RESCREEN_HOURS, rescreen_update
from workstation.services.versions import latest_version, watchlist_named
from workstation.services.views import Actor, WatchlistImportSummary, WatchlistSummary

_BATCH = 1000
MAX_LIST_BYTES = 512 * 1024 * 1024
MAX_PRIORITY = 99


def import_watchlist(
    store: Store,
    actor: Actor,
    paths: list[Path],
    name: str,
    *,
    rescreen_hours: int = RESCREEN_HOURS,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> WatchlistImportSummary:
    """Read list files whole, then store them as the list's next version in one transaction.

    Several files (a list published in parts) make one version together. Files identical to those
    of the current version change nothing. The travellers of flights that departed within
    ``rescreen_hours`` (and of future flights) are screened against the added and changed
    entries in the same transaction (see :func:`workstation.services.rescreen.rescreen_update`).
    """
    cancel = cancel or CancelToken()
    name = name.strip()
    if not name:
        raise InvalidInputError("A watchlist needs a name (--name).")
    if not paths:
        raise InvalidInputError("Give at least one list file.")
    digest, entries, skipped, warnings, formats = _read_files(paths, progress)
    file_names = ", ".join(p.name for p in paths)
    total = len(entries)
    with store.transaction() as session:
        watchlist = _imported_list(session, name)
        current = latest_version(session, watchlist.id)
        if current is not None and _batch_sha(session, current) == digest:
            return WatchlistImportSummary(
                watchlist_summary(watchlist, current), True, tuple(warnings)
            )
        batch = ImportBatch(
            kind="watchlist",
            source_format="+".join(sorted(set(formats))),
            file_name=file_names[:500],
            sha256=digest,
            user_id=actor.user_id,
            record_count=total,
            warnings=warnings,
        )
        session.add(batch)
        session.flush()
        version = WatchlistVersion(
            watchlist_id=watchlist.id,
            batch_id=batch.id,
            version_no=(current.version_no + 1) if current else 1,
            entry_count=total,
            skipped_count=skipped,
        )
        session.add(version)
        session.flush()
        for start in range(0, total, _BATCH):
            cancel.raise_if_cancelled()
            chunk = entries[start : start + _BATCH]
            session.add_all(entry_row(version.id, e) for e in chunk)
            session.flush()
            progress(start + len(chunk), total, f"Storing {name}")
        record_event(
            session,
            actor,
            "watchlist_import",
            "watchlist_version",
            [version.id],
            watchlist=name,
            files=file_names,
            sha256=digest,
            entries=total,
            skipped=skipped,
        )
        new_hits = rescreen_update(
            session,
            actor,
            watchlist,
            version,
            hours=rescreen_hours,
            progress=progress,
            cancel=cancel,
        )
        return WatchlistImportSummary(
            watchlist_summary(watchlist, version), False, tuple(warnings), new_hits
        )


def _read_files(
    paths: list[Path], progress: ProgressCallback
) -> tuple[str, list[ReadEntry], int, list[str], list[str]]:
    """Every file read whole before anything is stored: a broken file changes nothing."""
    sha = hashlib.sha256()
    entries: list[ReadEntry] = []
    skipped = 0
    warnings: list[str] = []
    formats: list[str] = []
    for path in paths:
        sha.update(hashlib.sha256(read_file_bytes(path, limit=MAX_LIST_BYTES)).digest())
        progress(0, 1, f"Reading {path.name}")
        try:
            content = read_watchlist(path)
        except WatchlistFormatError as exc:
            raise InputFileError(path, exc.problem, where=exc.where) from exc
        entries.extend(content.entries)
        skipped += content.skipped
        warnings.extend(f"{path.name}: {w}" for w in content.warnings)
        formats.append(content.source_format)
    return sha.hexdigest(), entries, skipped, warnings, formats


def _imported_list(session: Session, name: str) -> Watchlist:
    watchlist = session.scalar(select(Watchlist).where(Watchlist.name == name))
    if watchlist is None:
        watchlist = Watchlist(name=name, kind="imported")
        session.add(watchlist)
        session.flush()
    elif watchlist.kind != "imported":
        raise InvalidInputError(
            f"{name} is kept by hand (national lookouts): edit its entries, or import the file "
            "as a list of another name."
        )
    return watchlist


def list_watchlists(store: Store, actor: Actor) -> list[WatchlistSummary]:
    with store.transaction() as session:
        return [
            watchlist_summary(wl, latest_version(session, wl.id))
            for wl in session.scalars(select(Watchlist).order_by(Watchlist.name))
        ]


def set_watchlist_options(
    store: Store,
    actor: Actor,
    name: str,
    *,
    enabled: bool | None = None,
    threshold: float | None = None,
    priority: int | None = None,
) -> WatchlistSummary:
    """Switch a list on or off for this unit, or set its alert threshold (1-100) and priority.

    Options left as None stay as they are. A disabled list is not screened. Audited.
    """
    if threshold is not None and not 1 <= threshold <= 100:
        raise InvalidInputError(
            f"A threshold is a score from 1 to 100 (the default is {DEFAULT_THRESHOLD:g})."
        )
    if priority is not None and not 0 <= priority <= MAX_PRIORITY:
        raise InvalidInputError(f"A priority is a whole number from 0 to {MAX_PRIORITY}.")
    with store.transaction() as session:
        watchlist = watchlist_named(session, name, for_update=True)
        changes: dict[str, list[object]] = {}
        for option, value in (
            ("enabled", enabled),
            ("threshold", threshold),
            ("priority", priority),
        ):
            if value is not None and getattr(watchlist, option) != value:
                changes[option] = [getattr(watchlist, option), value]
                setattr(watchlist, option, value)
        if changes:
            record_event(
                session, actor, "watchlist_options", "watchlist", [watchlist.id], **changes
            )
        return watchlist_summary(watchlist, latest_version(session, watchlist.id))


def _batch_sha(session: Session, version: WatchlistVersion) -> str | None:
    if version.batch_id is None:
        return None
    return session.scalar(select(ImportBatch.sha256).where(ImportBatch.id == version.batch_id))


def watchlist_summary(wl: Watchlist, v: WatchlistVersion | None) -> WatchlistSummary:
    return WatchlistSummary(
        id=wl.id,
        name=wl.name,
        version_no=v.version_no if v else None,
        entry_count=v.entry_count if v else 0,
        skipped_count=v.skipped_count if v else 0,
        imported_at=v.imported_at if v else None,
        enabled=wl.enabled,
        threshold=wl.threshold,
        priority=wl.priority,
        kind=wl.kind,
    )
