"""What risk rules see of stored travellers: ``matching.rules.TravelFacts`` built from the
flight, the newest push of the booking, the travel document and the traveller's other trips.

Only what ``TravelFacts`` names is read: never a special service request, a remark or a meal.
Everything is loaded per batch of travellers (a handful of queries), not per traveller.

* one way: the itinerary never comes back to its first airport (or that airport's country);
* stay: the longest time on the ground between two flights of a return itinerary, in days;
* transit airports: where a flight lands and the next leaves within 24 hours;
* route countries: the countries of the flight's airports and of every itinerary airport;
* lead times: hours from the booking's creation (or ticketing) to the flight's departure;
* name change: hours before departure of the push that changed the traveller's name;
* trips in a window: other flights of the same person (identity fingerprint, see ``memory``)
  departing in the window of days before this departure;
* travelling with flagged: another traveller of the flight on the same booking was flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matching.dates import PartialDate
from matching.rules import TravelFacts
from workstation.airports import airport_country
from workstation.db.models import (
    BookingSegment,
    BookingTraveller,
    BookingVersion,
    Flag,
    Flight,
    Traveller,
)
from workstation.services.memory import traveller_identity

CONNECTION = timedelta(hours=24)


@dataclass(frozen=True)
class _Booking:
    version: BookingVersion
    segments: tuple[BookingSegment, ...]
    renamed_at: dict[str | None, datetime]  # booking traveller ref -> push that renamed them
    size: int  # travellers named on the version (infants apart)


def travel_facts(
    session: Session, travellers: Sequence[Traveller], windows: Iterable[int] = ()
) -> list[TravelFacts]:
    """The facts of each traveller (documents loaded), in the order given; ``key`` is the
    traveller id. ``windows`` are the trip windows (days) the rules ask for."""
    flights = _flights(session, {t.flight_id for t in travellers})
    bookings = _bookings(session, travellers)
    flagged = _flagged_companions(session, travellers)
    trips = _trips(session, travellers, flights, frozenset(windows))
    return [
        _facts(t, flights[t.flight_id], bookings.get((t.booking_id, t.flight_id)), flagged, trips)
        for t in travellers
    ]


def _facts(
    t: Traveller,
    flight: Flight,
    booking: _Booking | None,
    flagged: set[int],
    trips: dict[int, dict[int, int]],
) -> TravelFacts:
    departure = flight.scheduled_departure
    document = next(iter(t.documents), None)
    airports = {flight.origin, flight.destination}
    extra: dict[str, object] = {}
    if booking is not None:
        extra = _booking_facts(booking, t, departure)
        airports.update(s.origin for s in booking.segments)
        airports.update(s.destination for s in booking.segments)
    return TravelFacts(
        key=str(t.id),
        origin=flight.origin,
        destination=flight.destination,
        route_countries=frozenset(c for a in airports if (c := airport_country(a))),
        carrier=flight.carrier,
        departure=departure,
        document_expiry=_day(document.expiry) if document else None,
        document_issuing_state=document.issuing_state if document else None,
        nationality=t.nationality,
        age=_age(t.birth_date, departure),
        trips_in_window=trips.get(t.id, {}),
        travelling_with_flagged=t.id in flagged if (t.booking_id or t.booking_reference) else None,
        **extra,  # type: ignore[arg-type]
    )


def _booking_facts(
    booking: _Booking, t: Traveller, departure: datetime | None
) -> dict[str, object]:
    v = booking.version
    segments = booking.segments
    one_way = _one_way(segments) if segments else None
    renamed = booking.renamed_at.get(t.booking_ref)
    return {
        "booking_lead_hours": _hours(v.creation_time, departure),
        "ticketing_lead_hours": _hours(v.ticketing_time, departure),
        "payment_forms": frozenset(str(p.get("form") or "") for p in v.payments),
        "one_way": one_way,
        "stay_days": _stay_days(segments) if one_way is False else None,
        "transit_airports": frozenset(_transits(segments)),
        "group_size": v.group_size or booking.size or None,
        "agency_code": v.originator_agency,
        "agency_office": v.originator_office,
        "agency_country": v.originator_country,
        "name_changed_hours_before_departure": _hours(renamed, departure),
        "bag_count": v.bag_count,
        "bag_weight_kg": v.bag_weight_kg,
    }


def _flights(session: Session, ids: set[int]) -> dict[int, Flight]:
    return {f.id: f for f in session.scalars(select(Flight).where(Flight.id.in_(ids)))}


def _bookings(
    session: Session, travellers: Sequence[Traveller]
) -> dict[tuple[int | None, int], _Booking]:
    """The newest push (by push time, then number) of each (booking, flight) of ``travellers``."""
    pairs = {(t.booking_id, t.flight_id) for t in travellers if t.booking_id is not None}
    if not pairs:
        return {}
    booking_ids = {b for b, _f in pairs}
    versions: dict[tuple[int | None, int], list[BookingVersion]] = defaultdict(list)
    for v in session.scalars(
        select(BookingVersion)
        .where(BookingVersion.booking_id.in_(booking_ids))
        .order_by(BookingVersion.version_no)
    ):
        if (v.booking_id, v.flight_id) in pairs:
            versions[(v.booking_id, v.flight_id)].append(v)
    all_ids = [v.id for vs in versions.values() for v in vs]
    segments: dict[int, list[BookingSegment]] = defaultdict(list)
    for s in session.scalars(
        select(BookingSegment)
        .where(BookingSegment.version_id.in_(all_ids))
        .order_by(BookingSegment.position)
    ):
        segments[s.version_id].append(s)
    named: dict[int, list[BookingTraveller]] = defaultdict(list)
    for bt in session.scalars(
        select(BookingTraveller).where(BookingTraveller.version_id.in_(all_ids))
    ):
        named[bt.version_id].append(bt)
    found = {}
    for key, pushes in versions.items():
        newest = max(pushes, key=lambda v: (_sortable(v.push_time), v.version_no))
        found[key] = _Booking(
            version=newest,
            segments=tuple(segments[newest.id]),
            renamed_at=_renames(pushes, named),
            size=sum(1 for bt in named[newest.id] if not bt.is_infant),
        )
    return found


def _renames(
    pushes: list[BookingVersion], named: dict[int, list[BookingTraveller]]
) -> dict[str | None, datetime]:
    """For each booking traveller ref, the push time of the last push that changed their name."""
    last_name: dict[str | None, tuple[str, str]] = {}
    renamed: dict[str | None, datetime] = {}
    for v in sorted(pushes, key=lambda v: (_sortable(v.push_time), v.version_no)):
        for bt in named[v.id]:
            name = (bt.surname, bt.given_names)
            before = last_name.get(bt.ref)
            if before is not None and before != name and v.push_time is not None:
                renamed[bt.ref] = v.push_time
            last_name[bt.ref] = name
    return renamed


def _flagged_companions(session: Session, travellers: Sequence[Traveller]) -> set[int]:
    """The travellers with another traveller of their flight, on their booking, flagged."""
    flight_ids = {t.flight_id for t in travellers}
    on_board = session.execute(
        select(Traveller.id, Traveller.flight_id, Traveller.booking_id, Traveller.booking_reference)
        .join(Flag, Flag.traveller_id == Traveller.id)
        .where(Traveller.flight_id.in_(flight_ids))
    ).all()
    by_booking: dict[tuple[int, object], set[int]] = defaultdict(set)
    for tid, flight_id, booking_id, reference in on_board:
        if booking_id is not None:
            by_booking[(flight_id, ("id", booking_id))].add(tid)
        if reference:
            by_booking[(flight_id, ("ref", reference))].add(tid)
    found = set()
    for t in travellers:
        keys: list[tuple[int, object]] = []
        if t.booking_id is not None:
            keys.append((t.flight_id, ("id", t.booking_id)))
        if t.booking_reference:
            keys.append((t.flight_id, ("ref", t.booking_reference)))
        if any(by_booking.get(k, set()) - {t.id} for k in keys):
            found.add(t.id)
    return found


def _trips(
    session: Session,
    travellers: Sequence[Traveller],
    flights: dict[int, Flight],
    windows: frozenset[int],
) -> dict[int, dict[int, int]]:
    """For each traveller, window (days) -> other flights of the same person departing in the
    window before this departure. Empty when no rule asks."""
    dated = [(t, d) for t in travellers if (d := flights[t.flight_id].scheduled_departure)]
    if not windows or not dated:
        return {}
    earliest = min(d for _t, d in dated) - timedelta(days=max(windows))
    latest = max(d for _t, d in dated)
    others = session.execute(
        select(Traveller, Flight.scheduled_departure)
        .join(Flight, Flight.id == Traveller.flight_id)
        .where(Flight.scheduled_departure >= earliest, Flight.scheduled_departure <= latest)
        .options(selectinload(Traveller.documents))
    ).all()
    flown: dict[str, dict[int, datetime]] = defaultdict(dict)  # identity -> flight -> departure
    for other, departure in others:
        if departure is not None:
            flown[traveller_identity(other)][other.flight_id] = departure
    counts: dict[int, dict[int, int]] = {}
    for t, departure in dated:
        mine = flown.get(traveller_identity(t), {})
        counts[t.id] = {
            w: sum(
                1
                for fid, d in mine.items()
                if fid != t.flight_id and departure - timedelta(days=w) <= d < departure
            )
            for w in windows
        }
    return counts


def _one_way(segments: Sequence[BookingSegment]) -> bool:
    home = segments[0].origin
    home_country = airport_country(home)
    for s in segments[1:]:
        if s.destination == home or (
            home_country and airport_country(s.destination) == home_country
        ):
            return False
    return True


def _stay_days(segments: Sequence[BookingSegment]) -> int | None:
    gaps = [
        b.departure - a.arrival
        for a, b in pairwise(segments)
        if a.arrival is not None and b.departure is not None
    ]
    return max(gaps).days if gaps else None


def _transits(segments: Sequence[BookingSegment]) -> Iterable[str]:
    for a, b in pairwise(segments):
        if a.destination != b.origin or a.arrival is None or b.departure is None:
            continue
        if timedelta(0) <= b.departure - a.arrival <= CONNECTION:
            yield a.destination


def _hours(then: datetime | None, departure: datetime | None) -> float | None:
    if then is None or departure is None:
        return None
    return (departure - then).total_seconds() / 3600


def _sortable(when: datetime | None) -> datetime:
    return when if when is not None else datetime.min.replace(tzinfo=UTC)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _age(birth: str | None, departure: datetime | None) -> int | None:
    """Whole years at departure; None unless the full date of birth is known."""
    if not birth or departure is None:
        return None
    try:
        born = PartialDate.parse_iso(birth)
    except ValueError:
        return None
    if born.month is None or born.day is None:
        return None
    day = departure.date()
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
