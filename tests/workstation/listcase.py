"""Helpers for the list lifecycle tests: flights scheduled relative to now (re-screening
windows), small lookout spreadsheets, and the hits of a store per traveller.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from tests.workstation.files import write_manifest
from workstation.db.models import Hit, WatchlistEntry, WatchlistVersion
from workstation.db.store import Store

# surname, given names, date of birth, sex, nationality, document number
Traveller = tuple[str, str, str, str, str, str]


def write_flight(
    directory: Path, flight: str, hours_from_now: float, travellers: list[Traveller]
) -> Path:
    """A manifest of one flight IST-BEG departing ``hours_from_now`` (negative: in the past)."""
    departure = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(hours=hours_from_now)
    arrival = departure + timedelta(hours=2)
    rows = tuple(
        f"{flight},IST,BEG,{departure:%Y-%m-%dT%H:%M:%SZ},{arrival:%Y-%m-%dT%H:%M:%SZ},"
        f"passenger,{surname},{given},{dob},{sex},{nat},P,{doc},{nat},2032-01-01,PNR{n:03d},{n}A"
        for n, (surname, given, dob, sex, nat, doc) in enumerate(travellers, start=1)
    )
    return write_manifest(directory, f"{flight.lower()}-{len(travellers)}.csv", rows)


LIST_HEADER = (
    "ID,Name,Aliases,Date of Birth,Sex,Nationality,Document Number,Category,Handling Notes"
)


def write_list(directory: Path, name: str, *rows: str) -> Path:
    """A lookout spreadsheet (CSV) with the given data rows."""
    path = directory / name
    path.write_text("\n".join((LIST_HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def hits_by_traveller(store: Store) -> dict[int, list[tuple[str, int, str]]]:
    with store.transaction() as session:
        rows = session.execute(
            select(Hit.traveller_id, Hit.source_id, WatchlistVersion.version_no, Hit.status)
            .join(WatchlistEntry, WatchlistEntry.id == Hit.entry_id)
            .join(WatchlistVersion, WatchlistVersion.id == WatchlistEntry.version_id)
            .order_by(Hit.id)
        ).all()
    found: dict[int, list[tuple[str, int, str]]] = {}
    for traveller, source_id, version_no, status in rows:
        found.setdefault(traveller, []).append((source_id, version_no, status))
    return found
