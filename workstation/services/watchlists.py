"""Watchlists: each import is a new version; only the newest version of an enabled list is
screened, at the list's own threshold. A new version lands whole, in one transaction, with the
hits it raises on recent flights; until then the previous version stays active.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching import DEFAULT_THRESHOLD
from workstation.db.models import ImportBatch, Watchlist, WatchlistVersion
from workstation.db.store import Store
from workstation.errors import InvalidInputError
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.entrybatch import file_digest, store_entries
from workstation.services.rescreen import RESCREEN_HOURS, rescreen_update
from workstation.services.versions import latest_version, watchlist_named
from workstation.services.views import Actor, WatchlistImportSummary, WatchlistSummary

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
    """Store list files as the list's next version, in one transaction.

    Several files (a list published in parts) make one version together. Files identical to those
    of the current version change nothing. Entries are read as a stream and stored in batches
    while reading (progress is reported in bytes read); a broken file or a cancel rolls the whole
    version back. The travellers of flights that departed within ``rescreen_hours`` (and of
    future flights) are screened against the added and changed entries in the same transaction
    (see :func:`workstation.services.rescreen.rescreen_update`).
    """
    require(actor.role, "manage_lists")
    cancel = cancel or CancelToken()
    name = name.strip()
    if not name:
        raise InvalidInputError("A watchlist needs a name (--name).")
    if not paths:
        raise InvalidInputError("Give at least one list file.")
    digest = _digest(paths, progress, cancel)
    file_names = ", ".join(p.name for p in paths)
    with store.transaction() as session:
        watchlist = _imported_list(session, name)
        current = latest_version(session, watchlist.id)
        if current is not None and _batch_sha(session, current) == digest:
            return WatchlistImportSummary(watchlist_summary(watchlist, current), True, ())
        batch = ImportBatch(
            kind="watchlist",
            source_format="",
            file_name=file_names[:500],
            sha256=digest,
            user_id=actor.user_id,
            record_count=0,
            warnings=[],
        )
        session.add(batch)
        session.flush()
        version = WatchlistVersion(
            watchlist_id=watchlist.id,
            batch_id=batch.id,
            version_no=(current.version_no + 1) if current else 1,
            entry_count=0,
            skipped_count=0,
        )
        session.add(version)
        session.flush()
        stored = store_entries(session, version.id, paths, progress, cancel)
        batch.source_format = "+".join(sorted(set(stored.formats)))
        batch.record_count = version.entry_count = stored.entries
        batch.warnings = list(stored.warnings)
        version.skipped_count = stored.skipped
        session.flush()
        record_event(
            session,
            actor,
            "watchlist_import",
            "watchlist_version",
            [version.id],
            watchlist=name,
            files=file_names,
            sha256=digest,
            entries=stored.entries,
            skipped=stored.skipped,
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
            watchlist_summary(watchlist, version), False, stored.warnings, new_hits
        )


def _digest(paths: list[Path], progress: ProgressCallback, cancel: CancelToken) -> str:
    """One SHA-256 over the files' own digests, read in chunks; checks each file can be read."""
    sha = hashlib.sha256()
    for path in paths:
        progress(0, 1, f"Checking {path.name}")
        sha.update(file_digest(path, limit=MAX_LIST_BYTES, cancel=cancel))
    return sha.hexdigest()


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
    require(actor.role, "view_case_data")
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
    require(actor.role, "manage_lists")
    if threshold is not None and not 1 <= threshold <= 100:
        raise InvalidInputError(
            f"A threshold is a score from 1 to 100 (the default is {DEFAULT_THRESHOLD:g})."
        )
    if priority is not None and not 0 <= priority <= MAX_PRIORITY:
        raise InvalidInputError(f"A priority is a whole number from 0 to {MAX_PRIORITY}.")
    with store.transaction() as session:
        watchlist = watchlist_named(session, name, for_update=True)
        changes: dict[str, Any] = {}
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
