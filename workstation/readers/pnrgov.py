"""PNR data as airlines push it to governments: UN/EDIFACT PNRGOV (IATA guide 11.1 to 21.1).

A message (``UNH+...+PNRGOV:nn:1:IA``) opens with MSG (22 a full push, 141 changes only), ORG
(the sender), TVL (the pushed flight) and EQN (how many PNRs follow); each PNR then starts with
SRC and is read by ``pnr_booking``. Several messages of the same flight (parts of one push) are
read as one; a message for another flight is warned of and skipped. A file that is not EDIFACT,
holds no PNRGOV message or names no pushed flight, binary data, more than 10,000 travellers or over
50 MB is refused with the
segment named. Unknown segments and wrong counts are warnings.

What the EU PNR Directive forbids processing is dropped on arrival (see ``pnr_privacy``).

TVL times are local at the airports they name and are returned in UTC (an airport of unknown
zone is warned of and its times taken as UTC); booking, ticketing and push times are UTC.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from workstation.airports import known_airport
from workstation.errors import InputFileError
from workstation.readers.edifact import Segment, tokenize
from workstation.readers.edifact_messages import iter_messages
from workstation.readers.interchange import EdifactError, has_interchange
from workstation.readers.paxlst import MAX_TRAVELLERS
from workstation.readers.pnr_booking import BookingReader, read_tvl
from workstation.readers.pnr_records import PnrBooking, PnrFile
from workstation.readers.records import FlightRecord, PassengerFile, TravellerRecord

PUSH_TYPES = {"22": "full", "141": "changes"}
_HEADER = frozenset({"MSG", "ORG", "TVL", "EQN", "DAT", "UNT"})


def is_pnrgov(data: bytes) -> bool:
    """Whether ``data`` is EDIFACT whose first message is a PNRGOV message."""
    head = data[:65536]
    if not has_interchange(head):
        return False
    try:
        segments = tokenize(head).segments
    except EdifactError:
        return False
    unh = next((s for s in segments if s.tag == "UNH"), None)
    return unh is not None and unh.value(1).strip().upper() == "PNRGOV"


def read_pnrgov(path: Path) -> PnrFile:
    """The pushed flight and its bookings; InputFileError when the file cannot be read."""
    # Imported here: detect dispatches to the readers, so a top-level import would be circular.
    from workstation.readers.detect import read_file_bytes

    data = read_file_bytes(path)
    try:
        tokens = tokenize(data)
        warnings = list(tokens.warnings)
        return _read(list(tokens.segments), warnings)
    except EdifactError as exc:
        raise InputFileError(path, exc.problem, where=exc.where) from exc


def _read(segments: list[Segment], warnings: list[str]) -> PnrFile:
    messages = list(iter_messages(segments, warnings))
    pnr_messages = [m for m in messages if m[0].value(1).strip().upper() == "PNRGOV"]
    if not messages:
        raise EdifactError("the file holds no message (UNH)", where=segments[0].where)
    if not pnr_messages:
        kinds = sorted({m[0].value(1) or "nameless" for m in messages})
        raise EdifactError(
            f"the messages are {', '.join(kinds)}, not PNR data (PNRGOV)",
            where=messages[0][0].where,
        )
    for other in messages:
        if other not in pnr_messages:
            unh = other[0]
            warnings.append(f"{unh.where}: a {unh.value(1) or 'nameless'} message; skipped")
    flight: FlightRecord | None = None
    push_type = ""
    bookings: list[PnrBooking] = []
    for message in pnr_messages:
        kind, leg, body = _header(message, warnings)
        if flight is not None and _key(leg) != _key(flight):
            warnings.append(
                f"{message[0].where}: a push for flight {leg.designator} {leg.origin}-"
                f"{leg.destination}, not {flight.designator}; skipped"
            )
            continue
        if push_type and kind != push_type:
            warnings.append(f"{message[0].where}: a {kind} push among {push_type} pushes")
        flight, push_type = flight or leg, push_type or kind
        bookings.extend(_bookings(body, leg, warnings))
    assert flight is not None  # the first PNRGOV message gave it or raised
    if sum(len(b.travellers) for b in bookings) > MAX_TRAVELLERS:
        raise EdifactError(
            f"more than {MAX_TRAVELLERS:,} travellers; split the file",
            where=pnr_messages[0][0].where,
        )
    return PnrFile(
        push_type=push_type,
        push_time=_push_time(segments),
        flight=flight,
        bookings=tuple(bookings),
        warnings=tuple(warnings),
    )


def _header(message: list[Segment], warnings: list[str]) -> tuple[str, FlightRecord, list[Segment]]:
    """The push type, the pushed flight and the segments from the first SRC on."""
    unh = message[0]
    end = message[1:-1] if message[-1].tag == "UNT" else message[1:]
    first_src = next((i for i, s in enumerate(end) if s.tag == "SRC"), len(end))
    header, body = end[:first_src], end[first_src:]
    kind, leg, expected = "", None, None
    for segment in header:
        if segment.tag == "MSG" and not kind:
            code = segment.value(0, 1).strip() or segment.value(0, 0).strip()
            kind = PUSH_TYPES.get(code, "")
            if not kind:
                warnings.append(f"{segment.where}: push type {code!r} is unknown; read as full")
                kind = "full"
        elif segment.tag == "TVL" and leg is None:
            pushed = read_tvl(segment)
            if pushed is None:
                raise EdifactError("the pushed flight has no flight number", where=segment.where)
            for airport in (pushed.origin, pushed.destination):
                if not known_airport(airport):
                    warnings.append(
                        f"{segment.where}: airport {airport!r} is not known; "
                        "its times are taken as UTC"
                    )
            leg = FlightRecord(
                carrier=pushed.carrier,
                number=pushed.number,
                origin=pushed.origin,
                destination=pushed.destination,
                scheduled_departure=pushed.departure,
                scheduled_arrival=pushed.arrival,
            )
        elif segment.tag == "EQN" and expected is None:
            count = segment.value(0).strip()
            expected = int(count) if count.isdigit() else None
        elif segment.tag not in _HEADER:
            warnings.append(f"{segment.where}: unknown segment {segment.tag}; skipped")
    if leg is None:
        raise EdifactError("the message names no pushed flight (TVL)", where=unh.where)
    found = sum(1 for s in body if s.tag == "SRC")
    if expected is not None and expected != found:
        warnings.append(f"{unh.where}: the message says it holds {expected} PNRs but has {found}")
    return kind or "full", leg, body


def _bookings(body: list[Segment], flight: FlightRecord, warnings: list[str]) -> list[PnrBooking]:
    bookings: list[PnrBooking] = []
    reader: BookingReader | None = None
    for segment in body:
        if segment.tag == "SRC":
            if reader is not None:
                bookings.append(reader.finish())
            reader = BookingReader(segment, flight, warnings)
        elif reader is not None:
            reader.read(segment)
    if reader is not None:
        bookings.append(reader.finish())
    return bookings


def _key(flight: FlightRecord) -> tuple[object, ...]:
    departure = flight.scheduled_departure.date() if flight.scheduled_departure else None
    return (flight.carrier, flight.number, flight.origin, flight.destination, departure)


def _push_time(segments: list[Segment]) -> datetime | None:
    """The interchange's preparation date and time (UNB, YYMMDD:HHMM), taken as UTC."""
    unb = next((s for s in segments if s.tag == "UNB"), None)
    if unb is None:
        return None
    day, time = unb.value(3, 0).strip(), unb.value(3, 1).strip()
    if len(day) != 6 or not day.isdigit() or (time and (len(time) != 4 or not time.isdigit())):
        return None
    try:
        return datetime.strptime(day + (time or "0000"), "%y%m%d%H%M").replace(tzinfo=UTC)
    except ValueError:
        return None


def as_passenger_file(content: PnrFile) -> PassengerFile:
    """The pushed flight with the travellers of every booking (for screening without a store)."""
    travellers = tuple(
        TravellerRecord(
            surname=t.surname,
            given_names=t.given_names,
            birth_date=t.birth_date,
            sex=t.sex,
            nationality=t.nationality,
            documents=t.documents,
            booking_reference=b.record_locator or None,
            seat=t.seat,
        )
        for b in content.bookings
        for t in b.travellers
    )
    return PassengerFile(
        source_format=content.source_format,
        flights=(replace(content.flight, travellers=travellers),),
        warnings=content.warnings,
    )
