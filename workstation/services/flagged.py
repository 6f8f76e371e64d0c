"""The flagged list for supervisors: travellers flagged for control, filtered in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select
from sqlalchemy.orm import Session

from workstation.db.models import (
    Flag,
    Flight,
    Hit,
    Interdiction,
    TravelDocument,
    Traveller,
    User,
    Watchlist,
    WatchlistEntry,
)
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError
from workstation.security.roles import require
from workstation.services.masking import masked
from workstation.services.report import Period, Report, ReportTable, unit_name
from workstation.services.views import Actor
from workstation.services.vocabulary import CONTROL_POINTS, OUTCOMES

NO_INTERDICTION = "none"  # the outcome filter for flagged travellers with no interdiction yet

FLAGGED_COLUMNS = (
    "Flight",
    "Departure (UTC)",
    "From",
    "To",
    "Surname",
    "Given names",
    "Date of birth",
    "Nationality",
    "Document",
    "Booking",
    "Control point",
    "Flagged by",
    "Flagged at (UTC)",
    "List entry",
    "Entry name",
    "Score",
    "Interdictions",
    "List",
)

# What fits a printed landscape page; the CSV and XLSX files carry every column.
PRINTED_COLUMNS = (
    "Flight",
    "Departure (UTC)",
    "From",
    "To",
    "Surname",
    "Given names",
    "Date of birth",
    "Document",
    "Control point",
    "Flagged by",
    "Flagged at (UTC)",
    "List entry",
    "Score",
    "Interdictions",
)


@dataclass(frozen=True)
class FlaggedFilter:
    """What to show: every field left empty means "any"."""

    period: Period = field(default_factory=Period)  # the day the traveller was flagged
    flight: str = ""  # a designator or part of one, e.g. "JU211" or "JU"
    outcome: str | None = None  # an interdiction outcome code, or NO_INTERDICTION
    officer: str | None = None  # the user name of who flagged
    watchlist: str | None = None  # the name of the list whose hit was confirmed
    indicator: str | None = None  # a targeting rule, once rules exist (see _indicator_condition)

    def describe(self) -> tuple[tuple[str, str], ...]:
        """The filters applied, as (label, value) pairs for a report header."""
        pairs = [
            ("Flight", self.flight.strip()),
            ("Outcome", _outcome_label(self.outcome) if self.outcome else ""),
            ("Flagged by", self.officer or ""),
            ("List", self.watchlist or ""),
            ("Indicator", self.indicator or ""),
        ]
        return tuple((label, value) for label, value in pairs if value)


@dataclass(frozen=True)
class FlaggedRow:
    flag_id: int
    traveller_id: int
    flight: str
    scheduled_departure: datetime | None
    origin: str
    destination: str
    surname: str
    given_names: str
    birth_date: str | None
    nationality: str | None
    document_number: str | None
    booking_reference: str | None
    control_point: str  # a CONTROL_POINTS code
    flagged_by: str
    flagged_at: datetime
    watchlist: str | None
    entry_id: str | None  # the list's own id of the listed person
    entry_name: str | None
    score: float | None
    hit_kind: str | None  # watchlist, indicator (entry_name is then the rule's name)
    outcomes: tuple[str, ...]  # OUTCOMES codes of the traveller's interdictions, oldest first


def _outcome_label(code: str) -> str:
    return "No interdiction" if code == NO_INTERDICTION else OUTCOMES.get(code, code)


def _indicator_condition(indicator: str) -> ColumnElement[bool]:
    """Flags raised on an indicator hit of the rule named ``indicator`` (any version)."""
    return and_(Hit.kind == "indicator", Hit.matched_name == indicator)


def _conditions(filters: FlaggedFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.period.start is not None:
        conditions.append(Flag.created_at >= filters.period.start)
    if filters.period.end is not None:
        conditions.append(Flag.created_at < filters.period.end)
    flight = filters.flight.replace(" ", "").upper()
    if flight:
        designator = func.upper(Flight.carrier.concat(Flight.number))
        conditions.append(designator.contains(flight, autoescape=True))
    if filters.outcome == NO_INTERDICTION:
        conditions.append(~exists().where(Interdiction.traveller_id == Flag.traveller_id))
    elif filters.outcome is not None:
        if filters.outcome not in OUTCOMES:
            raise InvalidInputError(f"Unknown outcome {filters.outcome!r}.")
        conditions.append(
            exists().where(
                and_(
                    Interdiction.traveller_id == Flag.traveller_id,
                    Interdiction.outcome == filters.outcome,
                )
            )
        )
    if filters.officer:
        conditions.append(User.username == filters.officer)
    if filters.watchlist:
        conditions.append(Watchlist.name == filters.watchlist)
    if filters.indicator:
        conditions.append(_indicator_condition(filters.indicator))
    return conditions


def _joined(query: Select[Any]) -> Select[Any]:
    return (
        query.join(Traveller, Traveller.id == Flag.traveller_id)
        .join(Flight, Flight.id == Traveller.flight_id)
        .join(User, User.id == Flag.user_id)
        .outerjoin(Hit, Hit.id == Flag.hit_id)
        .outerjoin(WatchlistEntry, WatchlistEntry.id == Hit.entry_id)
        .outerjoin(Watchlist, Watchlist.id == Hit.watchlist_id)
    )


def list_flagged(store: Store, actor: Actor, filters: FlaggedFilter) -> list[FlaggedRow]:
    """The flags matching ``filters``, by departure then surname."""
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        return _flagged_rows(session, filters)


def _flagged_rows(session: Session, filters: FlaggedFilter) -> list[FlaggedRow]:
    conditions = _conditions(filters)
    first_document = (
        select(TravelDocument.number)
        .where(TravelDocument.traveller_id == Traveller.id)
        .order_by(TravelDocument.id)
        .limit(1)
        .correlate(Traveller)
        .scalar_subquery()
    )
    query = _joined(
        select(
            Flag,
            Traveller,
            Flight,
            User.username,
            first_document,
            Watchlist.name,
            WatchlistEntry.source_id,
            func.coalesce(WatchlistEntry.primary_name, Hit.matched_name),
            Hit.score,
            Hit.kind,
        ).select_from(Flag)
    ).where(*conditions)
    rows = session.execute(
        query.order_by(Flight.scheduled_departure, Traveller.surname, Flag.id)
    ).all()
    travellers = _joined(select(Flag.traveller_id).select_from(Flag)).where(*conditions)
    outcomes: dict[int, list[str]] = {}
    for tid, outcome in session.execute(
        select(Interdiction.traveller_id, Interdiction.outcome)
        .where(Interdiction.traveller_id.in_(travellers.scalar_subquery()))
        .order_by(Interdiction.id)
    ):
        outcomes.setdefault(tid, []).append(outcome)
    return [
        FlaggedRow(
            flag_id=flag.id,
            traveller_id=t.id,
            flight=f.carrier + f.number,
            scheduled_departure=f.scheduled_departure,
            origin=f.origin,
            destination=f.destination,
            surname=masked(t.surname, t.masked_at is not None),
            given_names=masked(t.given_names, t.masked_at is not None),
            birth_date=masked(t.birth_date, t.masked_at is not None),
            nationality=masked(t.nationality, t.masked_at is not None),
            document_number=masked(document, t.masked_at is not None),
            booking_reference=masked(t.booking_reference, t.masked_at is not None),
            control_point=flag.control_point,
            flagged_by=username,
            flagged_at=flag.created_at,
            watchlist=list_name,
            entry_id=source_id,
            entry_name=entry_name,
            score=score,
            hit_kind=kind,
            outcomes=tuple(outcomes.get(t.id, ())),
        )
        for flag, t, f, username, document, list_name, source_id, entry_name, score, kind in rows
    ]


def flagged_officers(store: Store, actor: Actor) -> list[str]:
    """The user names of everyone who ever flagged a traveller, for the officer filter."""
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        query = select(User.username).join(Flag, Flag.user_id == User.id).distinct()
        return sorted(session.scalars(query))


def _when(value: datetime | None, spec: str = "%Y-%m-%d %H:%M") -> str:
    return value.strftime(spec) if value else ""


def flagged_cells(row: FlaggedRow) -> tuple[str, ...]:
    """One row of the report, in the order of :data:`FLAGGED_COLUMNS`."""
    return (
        row.flight,
        _when(row.scheduled_departure),
        row.origin,
        row.destination,
        row.surname,
        row.given_names,
        row.birth_date or "",
        row.nationality or "",
        row.document_number or "",
        row.booking_reference or "",
        CONTROL_POINTS.get(row.control_point, row.control_point),
        row.flagged_by,
        _when(row.flagged_at, "%Y-%m-%d %H:%M:%S"),
        row.entry_id or "",
        row.entry_name or "",
        f"{row.score:.1f}" if row.score is not None else "",
        ", ".join(_outcome_label(o) for o in row.outcomes),
        row.watchlist or "",
    )


def flagged_report(store: Store, actor: Actor, filters: FlaggedFilter) -> Report:
    """The filtered flagged list as a report: header, one table, totals."""
    require(actor.role, "view_case_data")
    rows = list_flagged(store, actor, filters)
    return Report(
        kind="flagged",
        unit=unit_name(),
        title="Travellers flagged for control",
        period=filters.period,
        filters=filters.describe(),
        exported_by=actor.username,
        exported_by_name=actor.display_name,
        exported_at=utcnow(),
        tables=(
            ReportTable(
                "Flagged",
                FLAGGED_COLUMNS,
                tuple(flagged_cells(r) for r in rows),
                printed=tuple(FLAGGED_COLUMNS.index(c) for c in PRINTED_COLUMNS),
            ),
        ),
        totals=(
            ("Flags", str(len(rows))),
            ("Travellers", str(len({r.traveller_id for r in rows}))),
            ("Flights", str(len({(r.flight, r.scheduled_departure) for r in rows}))),
            ("With an interdiction", str(len({r.traveller_id for r in rows if r.outcomes}))),
        ),
        object_type="flag",
        record_ids=tuple(r.flag_id for r in rows),
    )
