"""Watchlists: each import is a new version; only the newest version of a list is screened."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchlists.entry import WatchlistEntry as ReadEntry
from watchlists.errors import WatchlistFormatError
from watchlists.read import read_watchlist
from workstation.db.models import ImportBatch, Watchlist, WatchlistEntry, WatchlistVersion
from workstation.db.store import Store
from workstation.errors import InputFileError, InvalidInputError
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.readers.detect import read_file_bytes
from workstation.services.audit import record_event
from workstation.services.views import Actor, WatchlistImportSummary, WatchlistSummary

_BATCH = 1000
MAX_LIST_BYTES = 512 * 1024 * 1024


def import_watchlist(
    store: Store,
    actor: Actor,
    paths: list[Path],
    name: str,
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> WatchlistImportSummary:
    """Read list files whole, then store them as the list's next version in one transaction.

    Several files (a list published in parts) make one version together. Files identical to those
    of the current version change nothing.
    """
    cancel = cancel or CancelToken()
    name = name.strip()
    if not name:
        raise InvalidInputError("A watchlist needs a name (--name).")
    if not paths:
        raise InvalidInputError("Give at least one list file.")
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
    digest = sha.hexdigest()
    file_names = ", ".join(p.name for p in paths)
    total = len(entries)
    with store.transaction() as session:
        watchlist = session.scalar(select(Watchlist).where(Watchlist.name == name))
        if watchlist is None:
            watchlist = Watchlist(name=name)
            session.add(watchlist)
            session.flush()
        current = _latest_version(session, watchlist.id)
        if current is not None and _batch_sha(session, current) == digest:
            return WatchlistImportSummary(_summary(watchlist, current), True, tuple(warnings))
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
            session.add_all(_entry_row(version.id, e) for e in chunk)
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
        return WatchlistImportSummary(_summary(watchlist, version), False, tuple(warnings))


def list_watchlists(store: Store, actor: Actor) -> list[WatchlistSummary]:
    with store.transaction() as session:
        result = []
        for wl in session.scalars(select(Watchlist).order_by(Watchlist.name)):
            result.append(_summary(wl, _latest_version(session, wl.id)))
        return result


def _entry_row(version_id: int, e: ReadEntry) -> WatchlistEntry:
    return WatchlistEntry(
        version_id=version_id,
        source_id=e.entry_id,
        primary_name=e.primary_name,
        names=list(e.names),
        birth_dates=[str(d) for d in e.birth_dates],
        sex=e.sex,
        nationalities=list(e.nationalities),
        documents=list(e.documents),
        category=e.category,
        handling_notes=e.handling_notes,
        remarks=e.remarks,
    )


def _latest_version(session: Session, watchlist_id: int) -> WatchlistVersion | None:
    newest = (
        select(func.max(WatchlistVersion.version_no))
        .where(WatchlistVersion.watchlist_id == watchlist_id)
        .scalar_subquery()
    )
    return session.scalar(
        select(WatchlistVersion).where(
            WatchlistVersion.watchlist_id == watchlist_id, WatchlistVersion.version_no == newest
        )
    )


def active_versions(session: Session) -> list[WatchlistVersion]:
    """The newest version of every enabled list: what screening compares against."""
    return [
        v
        for wl in session.scalars(select(Watchlist).where(Watchlist.enabled.is_(True)))
        if (v := _latest_version(session, wl.id)) is not None
    ]


def _batch_sha(session: Session, version: WatchlistVersion) -> str | None:
    return session.scalar(select(ImportBatch.sha256).where(ImportBatch.id == version.batch_id))


def _summary(wl: Watchlist, v: WatchlistVersion | None) -> WatchlistSummary:
    return WatchlistSummary(
        id=wl.id,
        name=wl.name,
        version_no=v.version_no if v else None,
        entry_count=v.entry_count if v else 0,
        skipped_count=v.skipped_count if v else 0,
        imported_at=v.imported_at if v else None,
        enabled=wl.enabled,
        threshold=wl.threshold,
    )
