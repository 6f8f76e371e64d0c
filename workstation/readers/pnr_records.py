"""Plain records of PNR (booking) data as airlines push it to governments (PNRGOV).

What the EU PNR Directive forbids processing (meal and health special service requests, remarks
revealing religion or health) never reaches these records: ``PnrBooking.dropped`` only names
the kinds of item that were dropped, never their text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from matching.dates import PartialDate
from workstation.readers.records import DocumentRecord, FlightRecord


@dataclass(frozen=True)
class PnrTraveller:
    surname: str
    given_names: str  # without the title
    title: str | None = None  # "MR", "MRS", "MSTR"... as the booking wrote it
    is_infant: bool = False
    traveller_ref: str | None = None  # the sender's reference within the booking
    infant_of: str | None = None  # an infant's adult: that adult's traveller_ref
    birth_date: PartialDate | None = None
    sex: str | None = None  # "M", "F" or None
    nationality: str | None = None  # ISO 3166 alpha-3 or ICAO code
    documents: tuple[DocumentRecord, ...] = ()  # from SSR DOCS (and visas from DOCO)
    seat: str | None = None  # on the pushed flight
    frequent_flyer: str | None = None  # airline and number, e.g. "JU123456789"


@dataclass(frozen=True)
class PnrSegment:
    """One flight of the booking's itinerary."""

    carrier: str  # marketing carrier
    number: str
    origin: str
    destination: str
    departure: datetime | None  # UTC (sent as local at the airports)
    arrival: datetime | None
    operating_carrier: str | None = None  # when another airline flies it (codeshare)
    booking_class: str | None = None
    status: str | None = None  # "HK", "TK"... from RPI


@dataclass(frozen=True)
class PnrPayment:
    form: str  # "cash", "card", "invoice", "miscellaneous" or "other"
    card_type: str | None = None  # "VI", "CA", "AX"...
    masked_number: str | None = None  # never more than the last four digits in clear
    amount: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True)
class PnrContact:
    kind: str  # "phone", "email" or "address"
    value: str


@dataclass(frozen=True)
class PnrOriginator:
    """Who made the booking: a travel agency or airline office."""

    system: str | None = None  # reservation system, e.g. "1A"
    agency_code: str | None = None  # IATA agency number
    office: str | None = None  # office or in-house identifier
    location: str | None = None  # city or airport code
    kind: str | None = None  # originator type as sent: "T" travel agent, "A" airline...
    country: str | None = None  # ISO 3166 alpha-3


@dataclass(frozen=True)
class PnrBooking:
    record_locator: str
    creation_time: datetime | None = None
    ticketing_time: datetime | None = None
    originator: PnrOriginator | None = None
    travellers: tuple[PnrTraveller, ...] = ()
    itinerary: tuple[PnrSegment, ...] = ()
    payments: tuple[PnrPayment, ...] = ()
    contacts: tuple[PnrContact, ...] = ()
    tickets: tuple[str, ...] = ()  # ticket numbers
    bag_count: int | None = None
    bag_weight_kg: float | None = None
    group_name: str | None = None
    group_size: int | None = None
    remarks: tuple[str, ...] = ()  # free text that passed the EU PNR filter
    dropped: tuple[str, ...] = ()  # e.g. "SSR MOML", "remark (health/religion)"
    source_segments: tuple[int, int] = (0, 0)  # first and last segment index in the file


@dataclass(frozen=True)
class PnrFile:
    """What the PNRGOV reader gives back for one file."""

    push_type: str  # "full" (MSG 22) or "changes" (MSG 141)
    push_time: datetime | None  # from the interchange header
    flight: FlightRecord  # the pushed flight, without travellers
    bookings: tuple[PnrBooking, ...]
    warnings: tuple[str, ...] = ()
    source_format: str = "pnrgov"
