"""The flight board: the flights of a day (or a period), with traveller and hit counts.

Flights are chosen in SQL by scheduled time: a flight belongs to a period when it departs or
arrives in it (an inbound flight is on the board of the day it lands). Counts are computed for
the chosen flights only, so a store of years of flights costs the same as one day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, false, func, or_, select, true
from sqlalchemy.orm import Session

from workstation.db.models import Flight, Hit, ImportBatch, ScreeningRun, Traveller
from workstation.db.store import Store
from workstation.security.roles import require
from workstation.services.views import Actor, FlightSummary


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC start of ``day`` and of the next day."""
    start = datetime.combine(day, time(0, 0), tzinfo=UTC)
    return start, start + timedelta(days=1)


def in_period(since: datetime | None, until: datetime | None) -> ColumnElement[bool]:
    """Flights departing or arriving at or after ``since`` and before ``until`` (either open)."""

    def within(column: Any) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = [column.is_not(None)]
        if since is not None:
            parts.append(column >= since)
        if until is not None:
            parts.append(column < until)
        return and_(*parts)

    if since is None and until is None:
        return true()
    return or_(within(Flight.scheduled_departure), within(Flight.scheduled_arrival))


def list_flights(
    store: Store,
    actor: Actor,
    *,
    day: date | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[FlightSummary]:
    """The flights of ``day`` (UTC), or of the period ``since``..``until``, or all of them,
    by scheduled time, with traveller and hit counts."""
    require(actor.role, "view_case_data")
    if day is not None:
        since, until = day_bounds(day)
    with store.transaction() as session:
        return flight_summaries(session, in_period(since, until))


def flight_summaries(session: Session, condition: ColumnElement[bool]) -> list[FlightSummary]:
    chosen = select(Flight.id).where(condition)
    travellers = (
        select(
            Traveller.flight_id.label("flight_id"),
            func.count().label("n"),
            _count(Traveller.has_api == true(), "api"),
            _count(Traveller.has_api == false(), "pnr_only"),
        )
        .where(Traveller.flight_id.in_(chosen))
        .group_by(Traveller.flight_id)
        .subquery()
    )
    hits = _hit_counts(chosen)
    query = (
        select(
            Flight,
            travellers.c.n,
            travellers.c.api,
            travellers.c.pnr_only,
            hits.c.hits,
            hits.c.open,
            hits.c.escalated,
            hits.c.indicators,
        )
        .where(condition)
        .outerjoin(travellers, travellers.c.flight_id == Flight.id)
        .outerjoin(hits, hits.c.flight_id == Flight.id)
        .order_by(
            func.coalesce(Flight.scheduled_departure, Flight.scheduled_arrival),
            Flight.carrier,
            Flight.number,
        )
    )
    screened = _screened_flight_ids(session, chosen)
    return [
        FlightSummary(
            id=f.id,
            carrier=f.carrier,
            number=f.number,
            origin=f.origin,
            destination=f.destination,
            scheduled_departure=f.scheduled_departure,
            scheduled_arrival=f.scheduled_arrival,
            direction=f.direction,
            traveller_count=n or 0,
            open_hit_count=int(open_ or 0),
            hit_count=hit_count or 0,
            screened=f.id in screened,
            escalated_hit_count=int(escalated or 0),
            indicator_hit_count=int(indicators or 0),
            api_count=int(api or 0),
            pnr_only_count=int(pnr_only or 0),
        )
        for f, n, api, pnr_only, hit_count, open_, escalated, indicators in session.execute(query)
    ]


def _count(condition: ColumnElement[bool], label: str) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0)).label(label)


def _hit_counts(chosen: Select[Any]) -> Subquery:
    return (
        select(
            Traveller.flight_id.label("flight_id"),
            func.count(Hit.id).label("hits"),
            _count(Hit.status == "open", "open"),
            _count(Hit.status == "escalated", "escalated"),
            _count(Hit.kind != "watchlist", "indicators"),
        )
        .join(Hit, Hit.traveller_id == Traveller.id)
        .where(Traveller.flight_id.in_(chosen))
        .group_by(Traveller.flight_id)
        .subquery()
    )


def _screened_flight_ids(session: Session, chosen: Select[Any]) -> set[int]:
    """Flights whose travellers were all imported before the last full screening run ended."""
    last = session.scalar(
        select(func.max(ScreeningRun.finished_at)).where(ScreeningRun.scope == "all")
    )
    if last is None:
        return set()
    newest_import = (
        select(Traveller.flight_id, func.max(ImportBatch.imported_at).label("at"))
        .join(ImportBatch, ImportBatch.id == Traveller.batch_id)
        .where(Traveller.flight_id.in_(chosen))
        .group_by(Traveller.flight_id)
    )
    return {fid for fid, at in session.execute(newest_import) if at <= last}


def nearest_flight_day(store: Store, actor: Actor, day: date) -> date | None:
    """The day (UTC) nearest ``day`` with flights: the last one up to it, else the first after;
    None when the store holds no flight at all."""
    require(actor.role, "view_case_data")
    when = func.coalesce(Flight.scheduled_departure, Flight.scheduled_arrival)
    _start, end = day_bounds(day)
    with store.transaction() as session:
        before = session.scalar(
            select(func.max(Flight.scheduled_departure)).where(
                Flight.scheduled_departure.is_not(None), Flight.scheduled_departure < end
            )
        )
        if before is None:
            before = session.scalar(select(func.min(when)).where(when.is_not(None)))
    if before is None:
        return None
    if isinstance(before, str):  # a coalesce of two columns loses the column type on SQLite
        before = datetime.fromisoformat(before).replace(tzinfo=UTC)
    return before.astimezone(UTC).date()
