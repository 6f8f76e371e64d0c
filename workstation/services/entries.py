"""Watchlist entry rows: built from what a reader gives, compared by content, shown as views."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from watchlists.entry import WatchlistEntry as ReadEntry
from workstation.db.fingerprint import EntryContent
from workstation.db.models import WatchlistEntry
from workstation.services.views import EntryView


def entry_row(version_id: int, e: ReadEntry) -> WatchlistEntry:
    """The stored row for one entry read from a list file, with its fingerprint."""
    return WatchlistEntry(**entry_values(version_id, e))


def entry_values(version_id: int, e: ReadEntry) -> dict[str, Any]:
    """The column values of one entry read from a list file, fingerprint included, for a bulk
    INSERT (every column but the id, so rows of one batch share their keys)."""
    names = list(e.names)
    dates = [str(d) for d in e.birth_dates]
    content = EntryContent(
        names=tuple(names),
        birth_dates=tuple(dates),
        sex=e.sex,
        nationalities=e.nationalities,
        documents=e.documents,
        category=e.category or "other",
        handling_notes=e.handling_notes or "",
    )
    return {
        "version_id": version_id,
        "source_id": e.entry_id,
        "primary_name": e.primary_name,
        "names": names,
        "birth_dates": dates,
        "sex": e.sex,
        "nationalities": list(e.nationalities),
        "documents": list(e.documents),
        "category": e.category,
        "handling_notes": e.handling_notes,
        "remarks": e.remarks,
        "fingerprint": content.fingerprint(),
        "valid_from": None,
        "valid_until": None,
        "source": "",
        "reference": "",
        "photo_id": None,
    }


def content_of(row: WatchlistEntry) -> EntryContent:
    """What the fingerprint and a diff compare, taken from a stored row."""
    return EntryContent(
        names=tuple(row.names),
        birth_dates=tuple(row.birth_dates or ()),
        sex=row.sex,
        nationalities=tuple(row.nationalities or ()),
        documents=tuple(row.documents or ()),
        category=row.category or "other",
        handling_notes=row.handling_notes or "",
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        source=row.source or "",
        reference=row.reference or "",
        photo=f"photo {row.photo_id}" if row.photo_id else "",
    )


def in_force(day: date) -> ColumnElement[bool]:
    """Entries whose validity period (if any) includes ``day``: the ones screening uses."""
    return and_(
        or_(WatchlistEntry.valid_from.is_(None), WatchlistEntry.valid_from <= day),
        or_(WatchlistEntry.valid_until.is_(None), WatchlistEntry.valid_until >= day),
    )


def entry_view(row: WatchlistEntry, watchlist: str, kind: str = "imported") -> EntryView:
    return EntryView(
        id=row.id,
        watchlist=watchlist,
        source_id=row.source_id,
        primary_name=row.primary_name,
        names=tuple(row.names),
        birth_dates=tuple(row.birth_dates),
        sex=row.sex,
        nationalities=tuple(row.nationalities),
        documents=tuple(row.documents),
        category=row.category,
        handling_notes=row.handling_notes,
        remarks=row.remarks,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        source=row.source,
        reference=row.reference,
        has_photo=row.photo_id is not None,
        list_kind=kind,
    )
