"""Storing PNR pushes: every push a new version of its booking, travellers never doubled.

A booking is found by the pushed flight's carrier and its record locator. Each push adds a
:class:`BookingVersion` with its itinerary, contacts and travellers as received. The flight's
traveller rows follow the newest push (by push time; a late-arriving older push is kept as a
version but changes no row): a booking traveller is found again by its reference within the
booking (so a corrected name updates the row), else by name within the booking; a traveller
new to the booking is linked to the API traveller of the same person (see ``linking``), else
becomes a passenger row with no API data.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.models import (
    Booking,
    BookingContact,
    BookingSegment,
    BookingTraveller,
    BookingVersion,
    Flight,
    ImportBatch,
    Traveller,
)
from workstation.readers.pnr_privacy import dropped_kind
from workstation.readers.pnr_records import PnrBooking, PnrFile, PnrTraveller
from workstation.services.flights import flight_for
from workstation.services.linking import PersonKey, add_documents, best_match, flight_rows


def store_pnr_file(session: Session, batch: ImportBatch, content: PnrFile) -> tuple[Flight, int]:
    """Store every booking of a push; the pushed flight and how many traveller rows were made."""
    flight = flight_for(session, content.flight)
    rows = flight_rows(session, flight.id)
    added = 0
    for pnr in content.bookings:
        if pnr.record_locator:
            added += _store_booking(session, batch, content, (flight, rows), pnr)
    session.flush()
    return flight, added


def _store_booking(
    session: Session,
    batch: ImportBatch,
    content: PnrFile,
    on_flight: tuple[Flight, list[Traveller]],
    pnr: PnrBooking,
) -> int:
    """Store one booking's push; ``on_flight`` is the flight and its traveller rows (kept up to
    date here). Returns how many rows were made."""
    flight, rows = on_flight
    booking = session.scalar(
        select(Booking).where(
            Booking.carrier == content.flight.carrier,
            Booking.record_locator == pnr.record_locator,
        )
    )
    if booking is None:
        booking = Booking(carrier=content.flight.carrier, record_locator=pnr.record_locator)
        session.add(booking)
        session.flush()
    version = _version(session, batch, content, flight, booking, pnr)
    newest = _is_newest(session, version)
    added = 0
    for person in pnr.travellers:
        row = _row_for(rows, booking, person)
        if row is None:
            row = _new_row(flight, batch, booking, person)
            session.add(row)
            rows.append(row)
            added += 1
        elif newest or row.booking_id is None:
            _update_row(row, batch, booking, person)
        session.flush()
        session.add(_booking_traveller(version, row.id, person))
    return added


def _version(
    session: Session,
    batch: ImportBatch,
    content: PnrFile,
    flight: Flight,
    booking: Booking,
    pnr: PnrBooking,
) -> BookingVersion:
    last = session.scalar(
        select(func.max(BookingVersion.version_no)).where(BookingVersion.booking_id == booking.id)
    )
    origin = pnr.originator
    version = BookingVersion(
        booking_id=booking.id,
        flight_id=flight.id,
        batch_id=batch.id,
        version_no=(last or 0) + 1,
        push_type=content.push_type,
        push_time=content.push_time,
        creation_time=pnr.creation_time,
        ticketing_time=pnr.ticketing_time,
        originator_system=origin.system if origin else None,
        originator_agency=origin.agency_code if origin else None,
        originator_office=origin.office if origin else None,
        originator_location=origin.location if origin else None,
        originator_kind=origin.kind if origin else None,
        originator_country=origin.country if origin else None,
        payments=[_payment(p) for p in (asdict(p) for p in pnr.payments)],
        tickets=list(pnr.tickets),
        bag_count=pnr.bag_count,
        bag_weight_kg=pnr.bag_weight_kg,
        group_name=pnr.group_name,
        group_size=pnr.group_size,
        remarks=list(pnr.remarks),
        dropped=sorted({dropped_kind(item) for item in pnr.dropped}),
    )
    session.add(version)
    session.flush()
    for n, leg in enumerate(pnr.itinerary, start=1):
        session.add(
            BookingSegment(
                version_id=version.id,
                position=n,
                carrier=leg.carrier,
                number=leg.number,
                origin=leg.origin,
                destination=leg.destination,
                departure=leg.departure,
                arrival=leg.arrival,
                operating_carrier=leg.operating_carrier,
                booking_class=leg.booking_class,
                status=leg.status,
            )
        )
    for contact in pnr.contacts:
        session.add(BookingContact(version_id=version.id, kind=contact.kind, value=contact.value))
    return version


def _payment(values: dict[str, object]) -> dict[str, object]:
    amount = values.get("amount")
    return {**values, "amount": str(amount) if amount is not None else None}


def _is_newest(session: Session, version: BookingVersion) -> bool:
    """Whether no other push of the booking for the flight is later than this one."""
    if version.push_time is None:
        return True
    later = session.scalar(
        select(func.count())
        .select_from(BookingVersion)
        .where(
            BookingVersion.booking_id == version.booking_id,
            BookingVersion.flight_id == version.flight_id,
            BookingVersion.id != version.id,
            BookingVersion.push_time > version.push_time,
        )
    )
    return not later


def _key(person: PnrTraveller, locator: str) -> PersonKey:
    birth = str(person.birth_date) if person.birth_date else None
    return PersonKey.of(
        person.surname, person.given_names, birth, (d.number for d in person.documents), locator
    )


def _row_for(rows: list[Traveller], booking: Booking, person: PnrTraveller) -> Traveller | None:
    """The flight's row for this booking traveller: by reference, by name in the booking, or
    the API traveller of the same person not yet tied to a booking."""
    mine = [r for r in rows if r.booking_id == booking.id]
    if person.traveller_ref:
        found = next((r for r in mine if r.booking_ref == person.traveller_ref), None)
        if found is not None:
            return found
    key = _key(person, booking.record_locator)
    named = best_match(key, mine)
    if named is not None:
        return named
    return best_match(key, [r for r in rows if r.has_api and r.booking_id is None])


def _new_row(
    flight: Flight, batch: ImportBatch, booking: Booking, person: PnrTraveller
) -> Traveller:
    row = Traveller(
        flight_id=flight.id,
        batch_id=batch.id,
        role="passenger",
        surname=person.surname,
        given_names=person.given_names,
        birth_date=str(person.birth_date) if person.birth_date else None,
        sex=person.sex,
        nationality=person.nationality,
        booking_reference=booking.record_locator,
        seat=person.seat,
        has_api=False,
        has_pnr=True,
        booking_id=booking.id,
        booking_ref=person.traveller_ref,
        documents=[],
    )
    add_documents(row, person.documents)
    return row


def _update_row(row: Traveller, batch: ImportBatch, booking: Booking, person: PnrTraveller) -> None:
    """Tie ``row`` to the booking; without API data, the booking's newest word is the row's."""
    row.booking_id, row.booking_ref, row.has_pnr = booking.id, person.traveller_ref, True
    row.booking_reference = row.booking_reference or booking.record_locator
    birth = str(person.birth_date) if person.birth_date else None
    if not row.has_api:
        if (row.surname, row.given_names, row.birth_date) != (
            person.surname,
            person.given_names,
            birth or row.birth_date,
        ):
            row.batch_id = batch.id  # changed: to be screened again
        row.surname, row.given_names = person.surname, person.given_names
        row.seat = person.seat or row.seat
    row.birth_date = row.birth_date or birth
    row.sex = row.sex or person.sex
    row.nationality = row.nationality or person.nationality
    row.seat = row.seat or person.seat
    if not row.documents:
        add_documents(row, person.documents)


def _booking_traveller(
    version: BookingVersion, traveller_id: int, person: PnrTraveller
) -> BookingTraveller:
    return BookingTraveller(
        version_id=version.id,
        traveller_id=traveller_id,
        ref=person.traveller_ref,
        surname=person.surname,
        given_names=person.given_names,
        title=person.title,
        is_infant=person.is_infant,
        infant_of=person.infant_of,
        birth_date=str(person.birth_date) if person.birth_date else None,
        sex=person.sex,
        nationality=person.nationality,
        documents=[
            {
                "doc_type": d.doc_type,
                "number": d.number,
                "issuing_state": d.issuing_state,
                "expiry": str(d.expiry) if d.expiry else None,
            }
            for d in person.documents
        ],
        seat=person.seat,
        frequent_flyer=person.frequent_flyer,
    )
