"""Taking in passenger data: every file read whole before anything is written, one transaction.

API messages and manifests add travellers to their flights; PNR pushes add booking versions
(see ``bookings``). A person both name is one traveller row (see ``linking``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import Flight, ImportBatch, TravelDocument, Traveller
from workstation.db.store import Store
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.readers.detect import read_file_bytes, read_passenger_data
from workstation.readers.pnr_records import PnrFile
from workstation.readers.records import PassengerFile, TravellerRecord
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.bookings import store_pnr_file
from workstation.services.flights import HOME_AIRPORTS, direction_of, flight_for
from workstation.services.linking import PersonKey, add_documents, best_match, flight_rows
from workstation.services.views import Actor, ImportSummary

__all__ = ["HOME_AIRPORTS", "direction_of", "file_digest", "import_passenger_files"]


@dataclass(frozen=True)
class _ReadFile:
    path: Path
    sha256: str
    content: PassengerFile | PnrFile


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (InputFileError when it cannot be read)."""
    return hashlib.sha256(read_file_bytes(path)).hexdigest()


def import_passenger_files(
    store: Store,
    actor: Actor,
    paths: list[Path],
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    mappings: Mapping[Path, Mapping[int, str]] | None = None,
) -> list[ImportSummary]:
    """Import manifests and messages. All files land together, or none does.

    A file whose bytes were imported before is a no-op (reported as a duplicate). ``mappings``
    gives the columns of manifests whose headers cannot be told (see ``read_manifest``);
    otherwise a saved column profile is used when one fits.
    """
    require(actor.role, "import_files")
    cancel = cancel or CancelToken()
    mappings = mappings or {}
    read: list[_ReadFile] = []
    for n, path in enumerate(paths):
        cancel.raise_if_cancelled()
        progress(n, len(paths) * 2, f"Reading {path.name}")
        content = read_passenger_data(path, mapping=mappings.get(path))
        read.append(_ReadFile(path, file_digest(path), content))
    summaries: list[ImportSummary] = []
    with store.transaction() as session:
        for n, item in enumerate(read):
            cancel.raise_if_cancelled()
            progress(len(paths) + n, len(paths) * 2, f"Storing {item.path.name}")
            summaries.append(_store_file(session, actor, item, cancel))
    progress(len(paths) * 2, len(paths) * 2, "Import finished")
    return summaries


def _store_file(
    session: Session, actor: Actor, item: _ReadFile, cancel: CancelToken
) -> ImportSummary:
    name, content = item.path.name, item.content
    seen = session.scalar(
        select(ImportBatch.id).where(
            ImportBatch.kind == "passengers", ImportBatch.sha256 == item.sha256
        )
    )
    if seen is not None:
        return ImportSummary(name, content.source_format, 0, 0, duplicate=True)
    batch = ImportBatch(
        kind="passengers",
        source_format=content.source_format,
        file_name=name,
        sha256=item.sha256,
        user_id=actor.user_id,
        warnings=list(content.warnings),
        carrier=_carrier(content),
    )
    session.add(batch)
    session.flush()
    flight_ids: list[int] = []
    added = 0
    bookings = 0
    if isinstance(content, PnrFile):
        flight, added = store_pnr_file(session, batch, content)
        flight_ids.append(flight.id)
        bookings = sum(1 for b in content.bookings if b.record_locator)
    else:
        for record in content.flights:
            cancel.raise_if_cancelled()
            flight = flight_for(session, record)
            flight_ids.append(flight.id)
            added += _add_travellers(session, flight, batch.id, record.travellers)
    batch.record_count = added
    record_event(
        session, actor, "import", "import_batch", [batch.id], file=name, sha256=item.sha256,
        flights=flight_ids, travellers=added, bookings=bookings,
    )  # fmt: skip
    return ImportSummary(
        name,
        content.source_format,
        len(flight_ids),
        added,
        False,
        content.warnings,
        flight_ids=tuple(flight_ids),
        bookings=bookings,
    )


def _carrier(content: PassengerFile | PnrFile) -> str | None:
    if isinstance(content, PnrFile):
        return content.flight.carrier[:3] or None
    return content.flights[0].carrier[:3] or None if content.flights else None


def _identity(surname: str, given: str, birth: str | None, doc: str | None) -> tuple[str, ...]:
    return (surname.upper(), given.upper(), birth or "", (doc or "").upper())


def _add_travellers(
    session: Session, flight: Flight, batch_id: int, records: tuple[TravellerRecord, ...]
) -> int:
    """Add the travellers not already on the flight (an updated manifest never doubles anyone);
    one a booking named first gains the API data instead of being added."""
    rows = flight_rows(session, flight.id)
    known = {
        _identity(
            t.surname, t.given_names, t.birth_date, t.documents[0].number if t.documents else None
        )
        for t in rows
        if t.has_api
    }
    added = 0
    for r in records:
        birth = str(r.birth_date) if r.birth_date else None
        key = _identity(
            r.surname, r.given_names, birth, r.documents[0].number if r.documents else None
        )
        if key in known:
            continue
        known.add(key)
        person = PersonKey.of(
            r.surname, r.given_names, birth, (d.number for d in r.documents), r.booking_reference
        )
        booked = best_match(person, [t for t in rows if not t.has_api])
        if booked is not None:
            _give_api_data(booked, batch_id, r, birth)
            continue
        row = Traveller(
            flight_id=flight.id,
            batch_id=batch_id,
            role=r.role,
            surname=r.surname,
            given_names=r.given_names,
            birth_date=birth,
            sex=r.sex,
            nationality=r.nationality,
            booking_reference=r.booking_reference,
            seat=r.seat,
            documents=[
                TravelDocument(
                    doc_type=d.doc_type,
                    number=d.number,
                    issuing_state=d.issuing_state,
                    expiry=str(d.expiry) if d.expiry else None,
                )
                for d in r.documents
            ],
        )
        session.add(row)
        rows.append(row)
        added += 1
    session.flush()
    return added


def _give_api_data(row: Traveller, batch_id: int, r: TravellerRecord, birth: str | None) -> None:
    """API data (read from the document) wins over the booking's; the booking fills the gaps."""
    row.has_api, row.batch_id, row.role = True, batch_id, r.role
    row.surname, row.given_names = r.surname, r.given_names
    row.birth_date = birth or row.birth_date
    row.sex = r.sex or row.sex
    row.nationality = r.nationality or row.nationality
    row.seat = r.seat or row.seat
    row.booking_reference = row.booking_reference or r.booking_reference
    add_documents(row, r.documents)
