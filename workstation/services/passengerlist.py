"""The passenger list: one row per stored traveller, written to CSV or XLSX as a disclosure."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workstation.airports import local_time
from workstation.db.models import Flight, Traveller
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError
from workstation.readers.paxlst_values import flight_designator
from workstation.security.roles import require
from workstation.services.export import disclose, disclosure_reason
from workstation.services.masking import masked
from workstation.services.report import Period, Report, ReportTable, unit_name
from workstation.services.users import Approval, require_approval
from workstation.services.views import Actor, ExportSummary

PASSENGER_COLUMNS = (
    "surname",
    "given_names",
    "date_of_birth",
    "sex",
    "nationality",
    "document_number",
    "document_type",
    "role",
    "flight",
    "origin",
    "destination",
    "scheduled_departure",
    "scheduled_arrival",
    "booking_reference",
    "api_received",
    "pnr_received",
)


def utc_text(moment: datetime | None) -> str:
    """ISO 8601 in UTC with a Z: ``2026-11-23T03:35:00Z``."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def passengers_report(
    store: Store, actor: Actor, *, flight: str | None = None, day: date | None = None
) -> Report:
    """Every traveller (of ``flight``, e.g. ``JU211``, departing on ``day`` at its airport).

    Built to be disclosed (:func:`export_passengers` audits it), so not audited itself.
    """
    require(actor.role, "view_case_data")
    designator = flight_designator(flight, "") if flight else None
    if flight and designator is None:
        raise InvalidInputError(f"{flight!r} is not a flight number such as JU211.")
    with store.transaction() as session:
        query = select(Flight).order_by(Flight.scheduled_departure, Flight.carrier, Flight.number)
        if designator is not None:
            query = query.where(Flight.carrier == designator[0], Flight.number == designator[1])
        flights = [
            f
            for f in session.scalars(query)
            if day is None or _local_day(f.scheduled_departure, f.origin) == day
        ]
        rows: list[tuple[str | int, ...]] = []
        ids: list[int] = []
        for f in flights:
            travellers = session.scalars(
                select(Traveller)
                .where(Traveller.flight_id == f.id)
                .options(selectinload(Traveller.documents))
                .order_by(Traveller.role.desc(), Traveller.surname, Traveller.given_names)
            )
            for t in travellers:
                ids.append(t.id)
                rows.append(_row(f, t))
    filters = tuple(
        (label, value)
        for label, value in (("Flight", flight or ""), ("Date", day.isoformat() if day else ""))
        if value
    )
    return Report(
        kind="passengers",
        unit=unit_name(),
        title="Passenger list",
        period=Period(day, day),
        filters=filters,
        exported_by=actor.username,
        exported_by_name=actor.display_name,
        exported_at=utcnow(),
        tables=(ReportTable("Passengers", PASSENGER_COLUMNS, tuple(rows)),),
        totals=(("Travellers", str(len(rows))),),
        object_type="traveller",
        record_ids=tuple(ids),
    )


def _local_day(moment: datetime | None, airport: str) -> date | None:
    return local_time(moment, airport).date() if moment else None


def _row(f: Flight, t: Traveller) -> tuple[str, ...]:
    document = t.documents[0] if t.documents else None
    hidden = t.masked_at is not None
    return (
        masked(t.surname, hidden),
        masked(t.given_names, hidden),
        masked(t.birth_date or "", hidden),
        masked(t.sex or "", hidden),
        masked(t.nationality or "", hidden),
        masked(document.number if document else "", hidden),
        document.doc_type if document else "",
        t.role,
        f.carrier + f.number,
        f.origin,
        f.destination,
        utc_text(f.scheduled_departure),
        utc_text(f.scheduled_arrival),
        masked(t.booking_reference or "", hidden),
        "yes" if t.has_api else "no",
        "yes" if t.has_pnr else "no",
    )


def export_passengers(
    store: Store,
    actor: Actor,
    out: Path,
    *,
    reason: str,
    flight: str | None = None,
    day: date | None = None,
    approval: Approval | None = None,
) -> ExportSummary:
    """Write the passenger list to .csv or .xlsx, audited as a disclosure with its reason."""
    require_approval(actor, "export", approval)
    disclosure_reason(reason)
    report = passengers_report(store, actor, flight=flight, day=day)
    return disclose(store, actor, report, out, reason=reason, approval=approval)
