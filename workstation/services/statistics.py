"""The unit's figures for a period, counted in SQL: hits reviewed, flags, interdictions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.db.models import Flag, Flight, Hit, Interdiction, ReviewDecision, Traveller, User
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.security.roles import require
from workstation.services.report import Period, Report, ReportTable, unit_name
from workstation.services.views import Actor
from workstation.services.vocabulary import COMMODITIES

NO_COMMODITY = ""  # interdictions with nothing seized (refusals, referrals, no finding)


@dataclass(frozen=True)
class Count:
    key: str  # the stored code, airport, month (YYYY-MM) or user name
    label: str  # what a reader sees
    count: int


@dataclass(frozen=True)
class Statistics:
    period: Period
    hits_raised: int
    hits_reviewed: int
    confirmed: int
    dismissed: int
    escalated: int
    flags: int
    interdictions: int
    arrests: int
    by_commodity: tuple[Count, ...]
    by_route: tuple[Count, ...]  # by the origin airport of the traveller's flight
    by_month: tuple[Count, ...]  # every month from the first to the last, zeros included
    by_officer: tuple[Count, ...]  # by who recorded the interdiction


def _within(
    column: InstrumentedAttribute[object] | ColumnElement[object], period: Period
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if period.start is not None:
        conditions.append(column >= period.start)
    if period.end is not None:
        conditions.append(column < period.end)
    return conditions


def _month(dialect: str) -> ColumnElement[str]:
    """``YYYY-MM`` of an interdiction's time, in UTC, on either backend."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", Interdiction.recorded_at), "YYYY-MM")
    return func.strftime("%Y-%m", Interdiction.recorded_at)


def statistics(store: Store, actor: Actor, since: date | None, until: date | None) -> Statistics:
    """The figures for the days ``since`` to ``until`` (both included; None leaves an end open).

    A hit counts as reviewed in the period a decision on it was taken (once, however many
    decisions); an interdiction in the period it was recorded.
    """
    require(actor.role, "view_statistics")
    period = Period(since, until)
    with store.transaction() as session:
        decided = _decisions(session, period)
        reviewed = session.scalar(
            select(func.count(ReviewDecision.hit_id.distinct())).where(
                *_within(ReviewDecision.decided_at, period)
            )
        )
        in_period = _within(Interdiction.recorded_at, period)
        arrests = func.sum(case((Interdiction.arrest.is_(True), 1), else_=0))
        total, arrested = session.execute(
            select(func.count(Interdiction.id), arrests).where(*in_period)
        ).one()
        return Statistics(
            period=period,
            hits_raised=_count(session, Hit.id, Hit.created_at, period),
            hits_reviewed=int(reviewed or 0),
            confirmed=decided.get("confirmed", 0),
            dismissed=decided.get("dismissed", 0),
            escalated=decided.get("escalated", 0),
            flags=_count(session, Flag.id, Flag.created_at, period),
            interdictions=int(total),
            arrests=int(arrested or 0),
            by_commodity=_by_commodity(session, in_period),
            by_route=_grouped(session, Flight.origin, in_period),
            by_month=_months(_grouped(session, _month(store.dialect), in_period), period),
            by_officer=_grouped(session, User.username, in_period),
        )


def _count(
    session: Session,
    column: InstrumentedAttribute[int],
    at: InstrumentedAttribute[datetime],
    period: Period,
) -> int:
    return int(session.scalar(select(func.count(column)).where(*_within(at, period))) or 0)


def _decisions(session: Session, period: Period) -> dict[str, int]:
    """Hits decided in the period, by decision (an escalated hit may later be decided again)."""
    rows = session.execute(
        select(ReviewDecision.decision, func.count(ReviewDecision.hit_id.distinct()))
        .where(*_within(ReviewDecision.decided_at, period))
        .group_by(ReviewDecision.decision)
    )
    return {decision: int(n) for decision, n in rows}


def _grouped(
    session: Session,
    key: ColumnElement[str] | InstrumentedAttribute[str],
    in_period: list[ColumnElement[bool]],
) -> tuple[Count, ...]:
    """Interdictions in the period counted by ``key``: most first, then by key."""
    n = func.count(Interdiction.id).label("n")
    query = (
        select(key, n)
        .select_from(Interdiction)
        .join(Traveller, Traveller.id == Interdiction.traveller_id)
        .join(Flight, Flight.id == Traveller.flight_id)
        .join(User, User.id == Interdiction.user_id)
        .where(*in_period)
        .group_by(key)
        .order_by(n.desc(), key)
    )
    return tuple(Count(str(k), str(k), int(c)) for k, c in session.execute(query))


def _by_commodity(session: Session, in_period: list[ColumnElement[bool]]) -> tuple[Count, ...]:
    key = func.coalesce(Interdiction.commodity, NO_COMMODITY)
    counts = _grouped(session, key, in_period)
    return tuple(
        Count(c.key, COMMODITIES.get(c.key, c.key) if c.key else "Nothing seized", c.count)
        for c in counts
    )


def _months(counts: tuple[Count, ...], period: Period) -> tuple[Count, ...]:
    """Every month from the first to the last (of the period when both ends are set), in order."""
    found = {c.key: c.count for c in counts}
    if not found and not (period.since and period.until):
        return ()
    first = period.since.strftime("%Y-%m") if period.since else min(found)
    last = period.until.strftime("%Y-%m") if period.until else max(found)
    first, last = min([first, *found]), max([last, *found])
    year, month = int(first[:4]), int(first[5:7])
    months: list[Count] = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append(Count(key, key, found.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def statistics_report(stats: Statistics, actor: Actor) -> Report:
    """The figures as a report: a summary table and one table per breakdown."""
    require(actor.role, "view_statistics")
    summary = (
        ("Hits raised", stats.hits_raised),
        ("Hits reviewed", stats.hits_reviewed),
        ("Confirmed (flagged for control)", stats.confirmed),
        ("Dismissed (false positives)", stats.dismissed),
        ("Escalated", stats.escalated),
        ("Flags", stats.flags),
        ("Interdictions", stats.interdictions),
        ("Arrests", stats.arrests),
    )

    def table(title: str, column: str, counts: tuple[Count, ...]) -> ReportTable:
        return ReportTable(
            title, (column, "Interdictions"), tuple((c.label, c.count) for c in counts)
        )

    return Report(
        kind="statistics",
        unit=unit_name(),
        title="Statistics of the unit",
        period=stats.period,
        filters=(),
        exported_by=actor.username,
        exported_by_name=actor.display_name,
        exported_at=utcnow(),
        tables=(
            ReportTable("Summary", ("Measure", "Count"), summary),
            table("Interdictions by commodity", "Commodity", stats.by_commodity),
            table("Interdictions by route (origin)", "Origin", stats.by_route),
            table("Interdictions by month", "Month", stats.by_month),
            table("Interdictions by officer", "Officer", stats.by_officer),
        ),
        totals=(
            ("Hits reviewed", str(stats.hits_reviewed)),
            ("Confirmed", str(stats.confirmed)),
            ("Dismissed", str(stats.dismissed)),
            ("Interdictions", str(stats.interdictions)),
        ),
        object_type="statistics",
    )
