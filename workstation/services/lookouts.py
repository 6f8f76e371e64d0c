"""National lookouts: entries supervisors create, edit and retire by hand (``manage_lists``).

Every change makes a new version of the national list, like an import does: the unchanged
entries are copied into it in one INSERT ... SELECT (photos are shared, never copied), so a
diff, re-screening of recent flights and hits keyed by the list's own id work as for imported
lists, and a hit keeps pointing at the entry exactly as it was when it was raised. Every change
is audited: who, when, which entry and which fields, never their content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Integer, Table, func, insert, literal, select
from sqlalchemy.orm import Session

from workstation.db.fingerprint import changed_fields
from workstation.db.models import LookoutPhoto, Watchlist, WatchlistEntry, WatchlistVersion
from workstation.db.store import Store
from workstation.errors import InvalidInputError, NotFoundError
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.entries import content_of, entry_view
from workstation.services.lookoutform import LookoutInput, validated
from workstation.services.photos import store_photo
from workstation.services.rescreen import RESCREEN_HOURS, rescreen_update
from workstation.services.versions import latest_version
from workstation.services.views import Actor, EntryView, WatchlistSummary
from workstation.services.watchlists import watchlist_summary

__all__ = [
    "NATIONAL_LIST",
    "LookoutInput",
    "PhotoView",
    "create_lookout",
    "list_lookouts",
    "lookout_photo",
    "retire_lookout",
    "update_lookout",
]

NATIONAL_LIST = "National lookouts"
_ID_PREFIX = "LO-"
_ID_NUMBER = re.compile(r"^LO-(\d+)$")


@dataclass(frozen=True)
class PhotoView:
    media_type: str  # image/jpeg, image/png
    data: bytes


def create_lookout(
    store: Store,
    actor: Actor,
    lookout: LookoutInput,
    *,
    watchlist: str = NATIONAL_LIST,
    rescreen_hours: int = RESCREEN_HOURS,
) -> EntryView:
    """Add a lookout to a national list (created on first use) as the list's next version."""
    require(actor.role, "manage_lists")
    values = validated(lookout)
    with store.transaction() as session:
        wl = _national_list(session, watchlist)
        current = latest_version(session, wl.id)
        version = _next_version(session, wl, current, leave_out=None)
        row = WatchlistEntry(version_id=version.id, source_id=_new_source_id(session, wl), **values)
        row.photo_id = store_photo(session, lookout.photo) if lookout.photo else None
        new_hits = _land(session, actor, wl, version, row, rescreen_hours)
        record_event(
            session,
            actor,
            "lookout_create",
            "watchlist_entry",
            [row.id],
            watchlist=wl.name,
            source_id=row.source_id,
            version=version.version_no,
            new_hits=new_hits,
        )
        return entry_view(row, wl.name, wl.kind)


def update_lookout(
    store: Store,
    actor: Actor,
    entry_id: int,
    lookout: LookoutInput,
    *,
    rescreen_hours: int = RESCREEN_HOURS,
) -> EntryView:
    """Replace a lookout's content with ``lookout`` in a new version of its list.

    ``entry_id`` is the entry as shown (a row of the current version): if someone changed the
    lookout since, the update is refused rather than overwriting their change. The photo is kept
    unless a new one is given or ``remove_photo`` is set. An update that changes nothing makes no
    version.
    """
    require(actor.role, "manage_lists")
    values = validated(lookout)
    with store.transaction() as session:
        old, wl = _current_entry(session, entry_id)
        row = WatchlistEntry(source_id=old.source_id, **values)
        row.photo_id = None if lookout.remove_photo else old.photo_id
        if lookout.photo:
            row.photo_id = store_photo(session, lookout.photo)
        fields = changed_fields(content_of(old), content_of(row))
        if not fields:
            return entry_view(old, wl.name, wl.kind)
        current = session.get_one(WatchlistVersion, old.version_id)
        version = _next_version(session, wl, current, leave_out=old.source_id)
        row.version_id = version.id
        new_hits = _land(session, actor, wl, version, row, rescreen_hours)
        record_event(
            session,
            actor,
            "lookout_update",
            "watchlist_entry",
            [row.id],
            watchlist=wl.name,
            source_id=row.source_id,
            version=version.version_no,
            previous_entry=old.id,
            fields=fields,
            new_hits=new_hits,
        )
        return entry_view(row, wl.name, wl.kind)


def retire_lookout(store: Store, actor: Actor, entry_id: int) -> WatchlistSummary:
    """Take a lookout off its list: the next version no longer holds it.

    Hits it raised, and their decisions, stay; it is never screened again.
    """
    require(actor.role, "manage_lists")
    with store.transaction() as session:
        old, wl = _current_entry(session, entry_id)
        current = session.get_one(WatchlistVersion, old.version_id)
        version = _next_version(session, wl, current, leave_out=old.source_id)
        version.entry_count = _count(session, version)
        record_event(
            session,
            actor,
            "lookout_retire",
            "watchlist_entry",
            [old.id],
            watchlist=wl.name,
            source_id=old.source_id,
            version=version.version_no,
        )
        return watchlist_summary(wl, version)


def list_lookouts(store: Store, actor: Actor, watchlist: str = NATIONAL_LIST) -> list[EntryView]:
    """The lookouts of the current version of a national list, by their id."""
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        wl = session.scalar(select(Watchlist).where(Watchlist.name == watchlist))
        if wl is None:
            return []
        version = latest_version(session, wl.id)
        if version is None:
            return []
        rows = session.scalars(
            select(WatchlistEntry)
            .where(WatchlistEntry.version_id == version.id)
            .order_by(WatchlistEntry.source_id)
        )
        return [entry_view(r, wl.name, wl.kind) for r in rows]


def lookout_photo(store: Store, actor: Actor, entry_id: int) -> PhotoView | None:
    """The photo of an entry (any version), or None. Audited as a consultation."""
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        entry = session.get(WatchlistEntry, entry_id)
        if entry is None:
            raise NotFoundError(f"Entry {entry_id} does not exist.")
        if entry.photo_id is None:
            return None
        photo = session.get_one(LookoutPhoto, entry.photo_id)
        record_event(session, actor, "consult_photo", "watchlist_entry", [entry.id])
        return PhotoView(photo.media_type, photo.data)


def _national_list(session: Session, name: str) -> Watchlist:
    name = name.strip()
    if not name:
        raise InvalidInputError("Name the national list the lookout goes in.")
    wl = session.scalar(select(Watchlist).where(Watchlist.name == name).with_for_update())
    if wl is None:
        wl = Watchlist(name=name, kind="national")
        session.add(wl)
        session.flush()
    elif wl.kind != "national":
        raise InvalidInputError(
            f"{name} is imported from files: its entries change only with a new import. "
            "Put lookouts in a national list."
        )
    return wl


def _current_entry(session: Session, entry_id: int) -> tuple[WatchlistEntry, Watchlist]:
    """The lookout's row in the current version of its national list (the list locked).

    ``entry_id`` may be a row of an older version (other lookouts changed since): what counts
    is that this lookout still reads as it did when it was opened.
    """
    entry = session.get(WatchlistEntry, entry_id)
    if entry is None:
        raise NotFoundError(f"Lookout {entry_id} does not exist.")
    version = session.get_one(WatchlistVersion, entry.version_id)
    wl = session.scalar(
        select(Watchlist).where(Watchlist.id == version.watchlist_id).with_for_update()
    )
    assert wl is not None
    if wl.kind != "national":
        raise InvalidInputError(
            f"{entry.source_id} belongs to {wl.name}, which is imported from files: it changes "
            "only with a new import."
        )
    current = latest_version(session, wl.id)
    row = None
    if current is not None:
        row = session.scalar(
            select(WatchlistEntry)
            .where(
                WatchlistEntry.version_id == current.id,
                WatchlistEntry.source_id == entry.source_id,
            )
            .order_by(WatchlistEntry.id)
            .limit(1)
        )
    if row is None or row.fingerprint != entry.fingerprint:
        what = "retired" if row is None else "changed by someone else"
        raise InvalidInputError(
            f"Lookout {entry.source_id} was {what} since it was opened. Open it again and "
            "redo the change."
        )
    return row, wl


def _next_version(
    session: Session,
    wl: Watchlist,
    current: WatchlistVersion | None,
    *,
    leave_out: str | None,
) -> WatchlistVersion:
    """A new version holding the current one's entries, except the one ``leave_out`` names."""
    version = WatchlistVersion(
        watchlist_id=wl.id,
        batch_id=None,
        version_no=current.version_no + 1 if current else 1,
    )
    session.add(version)
    session.flush()
    if current is not None:
        table = cast(Table, WatchlistEntry.__table__)
        columns = [c for c in table.columns if c.name not in ("id", "version_id")]
        rows = select(literal(version.id, Integer), *columns).where(
            table.c.version_id == current.id
        )
        if leave_out is not None:
            rows = rows.where(table.c.source_id != leave_out)
        session.execute(insert(table).from_select(["version_id", *(c.name for c in columns)], rows))
    return version


def _land(
    session: Session,
    actor: Actor,
    wl: Watchlist,
    version: WatchlistVersion,
    row: WatchlistEntry,
    rescreen_hours: int,
) -> int:
    """Store the changed entry in ``version``, count it, and re-screen recent flights."""
    row.version_id = version.id
    row.primary_name = row.names[0]
    row.fingerprint = content_of(row).fingerprint()
    session.add(row)
    session.flush()
    version.entry_count = _count(session, version)
    return rescreen_update(session, actor, wl, version, hours=rescreen_hours)


def _count(session: Session, version: WatchlistVersion) -> int:
    count = select(func.count(WatchlistEntry.id)).where(WatchlistEntry.version_id == version.id)
    return session.scalar(count) or 0


def _new_source_id(session: Session, wl: Watchlist) -> str:
    """``LO-000042``: one more than any id the list ever used, so a retired id is never reused."""
    used = session.scalars(
        select(WatchlistEntry.source_id)
        .join(WatchlistVersion, WatchlistVersion.id == WatchlistEntry.version_id)
        .where(WatchlistVersion.watchlist_id == wl.id)
        .distinct()
    )
    numbers = [int(m.group(1)) for s in used if (m := _ID_NUMBER.match(s))]
    return f"{_ID_PREFIX}{max(numbers, default=0) + 1:06d}"
