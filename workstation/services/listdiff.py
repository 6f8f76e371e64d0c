"""Comparing two versions of a list by the list's own ids and each entry's content fingerprint."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.fingerprint import changed_fields
from workstation.db.models import WatchlistEntry, WatchlistVersion
from workstation.db.store import Store
from workstation.errors import NotFoundError
from workstation.security.roles import require
from workstation.services.entries import content_of, entry_view
from workstation.services.versions import (
    latest_version,
    previous_version,
    version_numbered,
    watchlist_named,
)
from workstation.services.views import Actor, EntryChange, FieldChange, ListDiff

_CHUNK = 500


@dataclass
class VersionChanges:
    """Entry rows that differ between two versions; ``changed`` pairs (old row, new row)."""

    added: list[WatchlistEntry] = field(default_factory=list)
    removed: list[WatchlistEntry] = field(default_factory=list)
    changed: list[tuple[WatchlistEntry, WatchlistEntry]] = field(default_factory=list)
    unchanged: int = 0


def diff_versions(
    store: Store,
    actor: Actor,
    watchlist_name: str,
    *,
    old: int | None = None,
    new: int | None = None,
) -> ListDiff:
    """What changed from version ``old`` to version ``new`` (default: the two newest).

    Entries are paired by the list's own id; an entry whose fingerprint differs is changed, with
    the fields that differ. Without an older version, every entry is added.
    """
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        watchlist = watchlist_named(session, watchlist_name)
        newer = (
            version_numbered(session, watchlist, new)
            if new is not None
            else latest_version(session, watchlist.id)
        )
        if newer is None:
            raise NotFoundError(f"{watchlist.name} has no version yet.")
        older = (
            version_numbered(session, watchlist, old)
            if old is not None
            else previous_version(session, newer)
        )
        changes = compare_versions(session, older, newer)
        return ListDiff(
            watchlist=watchlist.name,
            old_version=older.version_no if older else None,
            new_version=newer.version_no,
            added=tuple(entry_view(r, watchlist.name, watchlist.kind) for r in changes.added),
            removed=tuple(entry_view(r, watchlist.name, watchlist.kind) for r in changes.removed),
            changed=tuple(
                EntryChange(
                    source_id=after.source_id,
                    before=entry_view(before, watchlist.name, watchlist.kind),
                    after=entry_view(after, watchlist.name, watchlist.kind),
                    fields=_field_changes(before, after),
                )
                for before, after in changes.changed
            ),
            unchanged=changes.unchanged,
        )


@dataclass
class VersionIds:
    """:class:`VersionChanges` as row ids, before any row is loaded."""

    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    changed: list[tuple[int, int]] = field(default_factory=list)
    unchanged: int = 0


def compare_versions(
    session: Session, older: WatchlistVersion | None, newer: WatchlistVersion
) -> VersionChanges:
    """Pair the entries of two versions by source id; equal fingerprints are unchanged.

    A list may repeat an id: the rows of one id are first matched by equal fingerprint, the
    rest paired in order (changed), and what is left over is added or removed.
    """
    ids = compare_ids(session, older, newer)
    rows = entry_rows(
        session, [*ids.added, *ids.removed, *(i for pair in ids.changed for i in pair)]
    )
    return VersionChanges(
        added=[rows[i] for i in ids.added],
        removed=[rows[i] for i in ids.removed],
        changed=[(rows[o], rows[n]) for o, n in ids.changed],
        unchanged=ids.unchanged,
    )


def compare_ids(
    session: Session, older: WatchlistVersion | None, newer: WatchlistVersion
) -> VersionIds:
    """:func:`compare_versions` by row ids only (a first version: every row added, by id)."""
    if older is None:
        query = select(WatchlistEntry.id, WatchlistEntry.source_id).where(
            WatchlistEntry.version_id == newer.id
        )
        found = sorted(session.execute(query), key=lambda row: (row[1], row[0]))
        return VersionIds(added=[entry_id for entry_id, _ in found])
    old_rows, new_rows = _prints(session, older.id), _prints(session, newer.id)
    ids = VersionIds()
    for source_id in sorted(old_rows.keys() | new_rows.keys()):
        olds, news = list(old_rows.get(source_id, ())), []
        for entry_id, fingerprint in new_rows.get(source_id, ()):
            same = next((o for o in olds if o[1] == fingerprint), None)
            if same is None:
                news.append(entry_id)
            else:
                olds.remove(same)
                ids.unchanged += 1
        pairs = min(len(olds), len(news))
        ids.changed.extend(zip((o[0] for o in olds[:pairs]), news[:pairs], strict=True))
        ids.removed.extend(o[0] for o in olds[pairs:])
        ids.added.extend(news[pairs:])
    return ids


def _prints(session: Session, version_id: int) -> dict[str, list[tuple[int, str]]]:
    by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
    query = (
        select(WatchlistEntry.id, WatchlistEntry.source_id, WatchlistEntry.fingerprint)
        .where(WatchlistEntry.version_id == version_id)
        .order_by(WatchlistEntry.id)
    )
    for entry_id, source_id, fingerprint in session.execute(query):
        by_source[source_id].append((entry_id, fingerprint))
    return by_source


def entry_rows(session: Session, ids: list[int]) -> dict[int, WatchlistEntry]:
    rows: dict[int, WatchlistEntry] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows.update(
            (r.id, r)
            for r in session.scalars(select(WatchlistEntry).where(WatchlistEntry.id.in_(chunk)))
        )
    return rows


def _field_changes(before: WatchlistEntry, after: WatchlistEntry) -> tuple[FieldChange, ...]:
    old, new = content_of(before), content_of(after)
    shown_old, shown_new = old.shown(), new.shown()
    return tuple(
        FieldChange(name, shown_old[name], shown_new[name]) for name in changed_fields(old, new)
    )
