"""Joining PAXLST messages into flights: multi-part messages in any arrival order, a flight's
passenger and crew lists together, nobody counted twice, totals checked against CNT."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from workstation.airports import airport_tz, to_utc
from workstation.readers.interchange import EdifactError
from workstation.readers.paxlst_message import Leg, MessagePart
from workstation.readers.records import FlightRecord, TravellerRecord

FlightKey = tuple[str, str, str, str, object]


def assemble(parts: list[MessagePart], warnings: list[str]) -> tuple[FlightRecord, ...]:
    """One FlightRecord per flight named in ``parts``; problems are added to ``warnings``."""
    _give_legs_by_access_reference(parts)
    flights: dict[FlightKey, dict[str, list[MessagePart]]] = {}
    for part in parts:
        if part.leg is None:
            raise EdifactError("the message names no flight (TDT)", where=part.header.where)
        lists = flights.setdefault(_key(part.leg), {})
        lists.setdefault(part.list_code, []).append(part)
    records = []
    for lists in flights.values():
        leg = next(iter(lists.values()))[0].leg
        assert leg is not None
        travellers: list[TravellerRecord] = []
        seen: dict[TravellerRecord, int | None] = {}
        for list_parts in lists.values():
            list_parts.sort(key=lambda p: p.sequence or 0)  # stable: arrival order otherwise
            _check_sequence(leg, list_parts, warnings)
            added = _merge(list_parts, travellers, seen, warnings)
            _check_total(leg, list_parts, added, warnings)
        records.append(_flight(leg, travellers, warnings))
    return tuple(records)


def _give_legs_by_access_reference(parts: list[MessagePart]) -> None:
    """A continuation part without its own TDT belongs with the part sharing its reference."""
    legs = {p.access_reference: p.leg for p in parts if p.leg and p.access_reference}
    for part in parts:
        if part.leg is None and part.access_reference in legs:
            part.leg = legs[part.access_reference]


def _key(leg: Leg) -> FlightKey:
    return (leg.carrier, leg.number, leg.origin, leg.destination, leg.departure)


def _name(leg: Leg) -> str:
    return f"flight {leg.carrier}{leg.number}"


def _check_sequence(leg: Leg, parts: list[MessagePart], warnings: list[str]) -> None:
    numbers = [p.sequence for p in parts if p.sequence is not None]
    if not numbers:
        return
    last = max(numbers)
    missing = sorted(set(range(1, last + 1)) - set(numbers))
    if missing:
        warnings.append(f"{_name(leg)}: part(s) {missing} of the list are missing")
    if len(numbers) != len(set(numbers)):
        warnings.append(f"{_name(leg)}: a part of the list arrived more than once")
    several = len(parts) > 1 or any(p.continued for p in parts)
    if several and not any(p.final for p in parts):
        warnings.append(f"{_name(leg)}: the last part of the list (marked F) has not arrived")


def _merge(
    parts: list[MessagePart],
    travellers: list[TravellerRecord],
    seen: dict[TravellerRecord, int | None],
    warnings: list[str],
) -> int:
    """Append the parts' travellers not already present; return how many the parts hold."""
    distinct: set[TravellerRecord] = set()
    for part in parts:
        for traveller in part.travellers:
            key = replace(traveller, source_line=None)
            distinct.add(key)
            if key in seen:
                warnings.append(
                    f"line {traveller.source_line}: the traveller of line {seen[key]} "
                    "is listed again; counted once"
                )
                continue
            seen[key] = traveller.source_line
            travellers.append(traveller)
        warnings.extend(part.warnings)
    return len(distinct)


def _check_total(leg: Leg, parts: list[MessagePart], found: int, warnings: list[str]) -> None:
    totals = [p.total for p in parts if p.total is not None]
    if not totals or found in (max(totals), sum(totals)):
        return
    warnings.append(
        f"{_name(leg)}: the list says it has {max(totals)} travellers (CNT) but holds {found}"
    )


def _flight(leg: Leg, travellers: list[TravellerRecord], warnings: list[str]) -> FlightRecord:
    for what, value in (
        ("departure airport (LOC 125)", leg.origin),
        ("arrival airport (LOC 87)", leg.destination),
    ):
        if not value:
            warnings.append(f"{_name(leg)}: no {what}")
    return FlightRecord(
        carrier=leg.carrier,
        number=leg.number,
        origin=leg.origin,
        destination=leg.destination,
        scheduled_departure=airport_time(leg.departure, leg.origin, _name(leg), warnings),
        scheduled_arrival=airport_time(leg.arrival, leg.destination, _name(leg), warnings),
        travellers=tuple(travellers),
    )


def airport_time(
    local: datetime | None, airport: str, what: str, warnings: list[str]
) -> datetime | None:
    """A wall-clock time at ``airport`` in UTC; an unknown airport is warned of, taken as UTC."""
    if local is None:
        return None
    if airport and local.tzinfo is None and airport_tz(airport) is None:
        note = f"{what}: airport {airport!r} is not known; its times are taken as UTC"
        if note not in warnings:
            warnings.append(note)
    return to_utc(local, airport)
