"""Taking in passenger data: every file read whole before anything is written, one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import Flight, ImportBatch, TravelDocument, Traveller
from workstation.db.store import Store
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.readers.detect import read_file_bytes, read_passenger_file
from workstation.readers.records import FlightRecord, PassengerFile, TravellerRecord
from workstation.services.audit import record_event
from workstation.services.views import Actor, ImportSummary

HOME_AIRPORTS = frozenset({"BEG", "SKP"})


@dataclass(frozen=True)
class _ReadFile:
    path: Path
    sha256: str
    content: PassengerFile


def import_passenger_files(
    store: Store,
    actor: Actor,
    paths: list[Path],
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> list[ImportSummary]:
    """Import manifests and messages. All files land together, or none does.

    A file whose bytes were imported before is a no-op (reported as a duplicate).
    """
    cancel = cancel or CancelToken()
    read: list[_ReadFile] = []
    for n, path in enumerate(paths):
        cancel.raise_if_cancelled()
        progress(n, len(paths) * 2, f"Reading {path.name}")
        digest = hashlib.sha256(read_file_bytes(path)).hexdigest()
        read.append(_ReadFile(path, digest, read_passenger_file(path)))
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
    )
    session.add(batch)
    session.flush()
    flight_ids: list[int] = []
    added = 0
    for record in content.flights:
        cancel.raise_if_cancelled()
        flight = _flight_for(session, record)
        flight_ids.append(flight.id)
        added += _add_travellers(session, flight, batch.id, record.travellers)
    batch.record_count = added
    record_event(
        session,
        actor,
        "import",
        "import_batch",
        [batch.id],
        file=name,
        sha256=item.sha256,
        flights=flight_ids,
        travellers=added,
    )
    return ImportSummary(
        name, content.source_format, len(flight_ids), added, False, content.warnings
    )


def _flight_for(session: Session, record: FlightRecord) -> Flight:
    flight = session.scalar(
        select(Flight).where(
            Flight.carrier == record.carrier,
            Flight.number == record.number,
            Flight.origin == record.origin,
            Flight.destination == record.destination,
            Flight.scheduled_departure == record.scheduled_departure,
        )
    )
    if flight is None:
        flight = Flight(
            carrier=record.carrier,
            number=record.number,
            origin=record.origin,
            destination=record.destination,
            scheduled_departure=record.scheduled_departure,
            scheduled_arrival=record.scheduled_arrival,
            direction=direction_of(record.origin, record.destination),
        )
        session.add(flight)
        session.flush()
    return flight


def direction_of(origin: str, destination: str) -> str:
    if destination in HOME_AIRPORTS:
        return "inbound"
    if origin in HOME_AIRPORTS:
        return "outbound"
    return "other"


def _identity(surname: str, given: str, birth: str | None, doc: str | None) -> tuple[str, ...]:
    return (surname.upper(), given.upper(), birth or "", (doc or "").upper())


def _add_travellers(
    session: Session, flight: Flight, batch_id: int, records: tuple[TravellerRecord, ...]
) -> int:
    """Add the travellers not already on the flight (an updated manifest never doubles anyone)."""
    known = {
        _identity(
            t.surname, t.given_names, t.birth_date, t.documents[0].number if t.documents else None
        )
        for t in session.scalars(select(Traveller).where(Traveller.flight_id == flight.id))
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
        session.add(
            Traveller(
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
        )
        added += 1
    session.flush()
    return added
