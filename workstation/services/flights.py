"""The stored flight a reader's flight record names, made when it is not stored yet."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import Flight
from workstation.readers.records import FlightRecord

HOME_AIRPORTS = frozenset({"BEG", "SKP"})


def flight_for(session: Session, record: FlightRecord) -> Flight:
    """The flight by carrier, number, airports and scheduled departure (UTC)."""
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
    elif flight.scheduled_arrival is None and record.scheduled_arrival is not None:
        flight.scheduled_arrival = record.scheduled_arrival
    return flight


def direction_of(origin: str, destination: str) -> str:
    if destination in HOME_AIRPORTS:
        return "inbound"
    if origin in HOME_AIRPORTS:
        return "outbound"
    return "other"
