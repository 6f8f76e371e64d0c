"""Plain records that passenger-data readers produce and the import service stores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from matching.dates import PartialDate


@dataclass(frozen=True)
class DocumentRecord:
    number: str
    doc_type: str = "P"  # ICAO document code: P passport, I identity card, V visa...
    issuing_state: str | None = None  # ISO 3166 alpha-3 or ICAO code
    expiry: PartialDate | None = None


@dataclass(frozen=True)
class TravellerRecord:
    surname: str
    given_names: str
    role: str = "passenger"  # "passenger" or "crew"
    birth_date: PartialDate | None = None
    sex: str | None = None  # "M", "F" or None
    nationality: str | None = None  # ISO 3166 alpha-3 or ICAO code
    documents: tuple[DocumentRecord, ...] = ()
    booking_reference: str | None = None
    seat: str | None = None
    source_line: int | None = None  # where the reader found it, for messages


@dataclass(frozen=True)
class FlightRecord:
    carrier: str  # IATA airline designator, e.g. "JU"
    number: str  # flight number without the carrier, e.g. "211"
    origin: str  # IATA airport code
    destination: str
    scheduled_departure: datetime | None  # timezone-aware UTC
    scheduled_arrival: datetime | None
    travellers: tuple[TravellerRecord, ...] = ()

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"


@dataclass(frozen=True)
class PassengerFile:
    """What a reader gives back for one file."""

    source_format: str  # "manifest-csv", "manifest-xlsx", "paxlst", "pnrgov"...
    flights: tuple[FlightRecord, ...]
    warnings: tuple[str, ...] = ()
