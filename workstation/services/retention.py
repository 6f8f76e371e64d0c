"""Retention: API data deleted a day after arrival, PNR data masked at 6 months, deleted at 5 years.

The law (periods in :class:`workstation.config.Settings`, which may shorten but never lengthen
them):

- API Directive 2004/82 Art. 6: API data are deleted within 24 hours of the travellers' entry.
  A traveller only an API message or manifest names (no booking) is deleted ``api_hours``
  after the flight's scheduled arrival (else its departure, else when the file came in).
- PNR Directive 2016/681 Art. 12: PNR data are depersonalised by masking six months after
  their transfer (``pnr_mask_days``) and deleted five years after it (``pnr_delete_years``).
  The clock of a booking's data on a flight starts at its first push (push time, else when
  the file came in); all its pushes and its travellers are masked or deleted together, so a
  record is never half masked. Masked are the names, contacts, payment details, frequent-flyer
  numbers, remarks and the API data of the booking's travellers (names, date of birth, sex,
  nationality, documents).
- Data tied to a case are kept: a traveller with a hit (whatever its status), a flag or an
  interdiction is never deleted, nor is any booking that names one (Art. 12(5): data used in a
  specific case). Their PNR data are still masked at six months.

How masking is stored: the values stay where they are and ``masked_at`` is set on the
traveller row and on each booking push (migration 0007). Every ordinary view passes what it
shows through :mod:`workstation.services.masking` ("masked" instead of the value), free search
never finds a masked traveller by name, document or booking, and only
:func:`workstation.services.disclosure.unmask_traveller`
(permission ``view_masked_data``: password again and a justification, both audited) returns the
values, as Art. 12(3) allows full disclosure on approval. Keeping the values rather than moving
them elsewhere means nothing can be lost by masking and nothing needs re-linking; the store's
own protection (file permissions, the server's roles) covers them as it covers unmasked data.

Deletion removes the rows themselves (documents, booking segments, contacts and travellers,
the pushes, then bookings and flights left empty; search keys go with their rows). It never
touches the audit trail (append-only), review decisions, flags, interdictions or import
records: the file records stay so that a file re-sent after deletion is still recognised.

Each run is one transaction (all or nothing) and one audit event ``erasure`` giving the counts
and the ids of what was deleted or masked, never their content. The clock is a parameter
(``now``) so tests can set it. The application runs :func:`run_retention` at start and every
hour; ``python -m workstation retention run`` runs it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, false, func, or_, select, true, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.config import Settings
from workstation.db.models import (
    AuditEvent,
    Booking,
    BookingContact,
    BookingSegment,
    BookingTraveller,
    BookingVersion,
    Flag,
    Flight,
    Hit,
    ImportBatch,
    Interdiction,
    TravelDocument,
    Traveller,
)
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.users import sign_in_unchecked
from workstation.services.views import Actor

SYSTEM_USERNAME = "system.retention"
ERASURE = "erasure"
_CHUNK = 500  # ids per IN (...): well under every backend's limit on bound parameters

Group = tuple[int, int]  # (booking id, flight id): one booking's data on one flight


@dataclass(frozen=True)
class RetentionReport:
    """What one run did. ``ran`` is False when retention is switched off in the settings."""

    ran: bool
    as_of: datetime
    deleted_api_travellers: tuple[int, ...] = ()
    deleted_pnr_travellers: tuple[int, ...] = ()
    deleted_booking_versions: tuple[int, ...] = ()
    deleted_bookings: tuple[int, ...] = ()
    deleted_flights: tuple[int, ...] = ()
    masked_travellers: tuple[int, ...] = ()
    masked_booking_versions: tuple[int, ...] = ()
    kept_api_for_case: int = 0  # API-only travellers past the period, kept: tied to a case
    kept_bookings_for_case: int = 0  # bookings past five years, kept: tied to a case

    def counts(self) -> dict[str, int]:
        return {
            "deleted_api_travellers": len(self.deleted_api_travellers),
            "deleted_pnr_travellers": len(self.deleted_pnr_travellers),
            "deleted_booking_versions": len(self.deleted_booking_versions),
            "deleted_bookings": len(self.deleted_bookings),
            "deleted_flights": len(self.deleted_flights),
            "masked_travellers": len(self.masked_travellers),
            "masked_booking_versions": len(self.masked_booking_versions),
            "kept_api_for_case": self.kept_api_for_case,
            "kept_bookings_for_case": self.kept_bookings_for_case,
        }

    def describe(self) -> str:
        """One line for the command line and the log."""
        if not self.ran:
            return "retention is switched off in the settings: nothing deleted or masked"
        c = self.counts()
        return (
            f"retention as of {self.as_of:%Y-%m-%d %H:%M} UTC: "
            f"{c['deleted_api_travellers']} API-only traveller(s) deleted, "
            f"{c['masked_travellers']} traveller(s) and {c['masked_booking_versions']} booking "
            f"push(es) masked, {c['deleted_pnr_travellers']} PNR traveller(s) and "
            f"{c['deleted_booking_versions']} booking push(es) deleted; kept for a case: "
            f"{c['kept_api_for_case']} traveller(s), {c['kept_bookings_for_case']} booking(s)"
        )


@dataclass(frozen=True)
class RetentionStatus:
    """What is due now and what the last run did, for administrators and auditors."""

    enabled: bool
    as_of: datetime
    api_hours: int
    pnr_mask_days: int
    pnr_delete_years: int
    due: dict[str, int]  # the counts a run now would report (RetentionReport.counts)
    last_run_at: datetime | None
    last_run: dict[str, int] = field(default_factory=dict)  # its counts

    def lines(self) -> list[str]:
        state = "on" if self.enabled else "OFF (data are kept past their periods)"
        lines = [
            f"retention: {state}; API-only travellers deleted {self.api_hours} h after arrival, "
            f"PNR data masked after {self.pnr_mask_days} days and deleted after "
            f"{self.pnr_delete_years} years",
            f"due as of {self.as_of:%Y-%m-%d %H:%M} UTC: "
            + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in self.due.items()),
        ]
        if self.last_run_at is None:
            lines.append("last run: never")
        else:
            done = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in self.last_run.items())
            lines.append(f"last run: {self.last_run_at:%Y-%m-%d %H:%M} UTC: {done}")
        return lines


@dataclass
class _Plan:
    api_delete: list[int] = field(default_factory=list)
    api_kept: int = 0
    pnr_delete_groups: set[Group] = field(default_factory=set)
    pnr_delete_versions: list[int] = field(default_factory=list)
    pnr_delete_travellers: list[int] = field(default_factory=list)
    pnr_kept: int = 0
    mask_versions: list[int] = field(default_factory=list)
    mask_travellers: list[int] = field(default_factory=list)

    def report(
        self,
        now: datetime,
        deleted_bookings: Sequence[int] = (),
        deleted_flights: Sequence[int] = (),
    ) -> RetentionReport:
        """What carrying out this plan does (bookings and flights left empty: once it is done)."""
        return RetentionReport(
            ran=True,
            as_of=now,
            deleted_api_travellers=tuple(self.api_delete),
            deleted_pnr_travellers=tuple(self.pnr_delete_travellers),
            deleted_booking_versions=tuple(self.pnr_delete_versions),
            deleted_bookings=tuple(deleted_bookings),
            deleted_flights=tuple(deleted_flights),
            masked_travellers=tuple(self.mask_travellers),
            masked_booking_versions=tuple(self.mask_versions),
            kept_api_for_case=self.api_kept,
            kept_bookings_for_case=self.pnr_kept,
        )


def retention_actor(store: Store) -> Actor:
    """The system account automatic runs are recorded under (made on first use)."""
    return sign_in_unchecked(
        store, SYSTEM_USERNAME, role="administrator", display_name="Retention (automatic)"
    )


def run_retention(
    store: Store,
    actor: Actor | None = None,
    *,
    now: datetime | None = None,
    settings: Settings | None = None,
    trigger: str = "automatic",
) -> RetentionReport:
    """Delete and mask what the periods say, in one transaction, recorded as one erasure.

    ``actor`` None runs as the system account (the application's hourly run); a person
    running it needs ``manage_settings``. ``now`` sets the clock (tests); it defaults to the
    current time.
    """
    settings = settings or Settings.load()
    now = now or utcnow()
    if actor is None:
        actor = retention_actor(store)
    else:
        require(actor.role, "manage_settings")
    if not settings.retention_enabled:
        return RetentionReport(ran=False, as_of=now)
    with store.transaction() as session:
        plan = _plan(session, now, settings)
        report = plan.report(now, *_execute(session, plan, now))
        record_event(
            session,
            actor,
            ERASURE,
            "traveller",
            sorted({*plan.api_delete, *plan.pnr_delete_travellers}),
            as_of=now.isoformat(),
            trigger=trigger,
            periods={
                "api_hours": settings.api_hours,
                "pnr_mask_days": settings.pnr_mask_days,
                "pnr_delete_years": settings.pnr_delete_years,
            },
            counts=report.counts(),
            deleted_booking_versions=list(report.deleted_booking_versions),
            deleted_bookings=list(report.deleted_bookings),
            deleted_flights=list(report.deleted_flights),
            masked_travellers=list(report.masked_travellers),
            masked_booking_versions=list(report.masked_booking_versions),
        )
    return report


def retention_status(
    store: Store, actor: Actor, *, now: datetime | None = None, settings: Settings | None = None
) -> RetentionStatus:
    """What a run now would delete and mask, and when the last run was and what it did."""
    require(actor.role, "view_retention")
    settings = settings or Settings.load()
    now = now or utcnow()
    with store.transaction() as session:
        plan = _plan(session, now, settings)
        last = session.scalar(
            select(AuditEvent)
            .where(AuditEvent.action == ERASURE)
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )
    due = plan.report(now).counts()
    for later in ("deleted_bookings", "deleted_flights"):  # known only once the run is done
        due.pop(later)
    last_counts = last.details.get("counts", {}) if last is not None else {}
    return RetentionStatus(
        enabled=settings.retention_enabled,
        as_of=now,
        api_hours=settings.api_hours,
        pnr_mask_days=settings.pnr_mask_days,
        pnr_delete_years=settings.pnr_delete_years,
        due=due,
        last_run_at=last.at if last is not None else None,
        last_run={str(k): int(v) for k, v in dict(last_counts).items()},
    )


# --- the plan: what is due ------------------------------------------------------------------


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February in a year that has none
        return moment.replace(year=moment.year - years, day=28)


def _in_case(column: InstrumentedAttribute[Any] | ColumnElement[Any]) -> ColumnElement[bool]:
    """The traveller is tied to a case: a hit of any status, a flag or an interdiction."""
    return or_(
        column.in_(select(Hit.traveller_id)),
        column.in_(select(Flag.traveller_id)),
        column.in_(select(Interdiction.traveller_id)),
    )


def _plan(session: Session, now: datetime, settings: Settings) -> _Plan:
    plan = _Plan()
    _plan_api(session, plan, now - timedelta(hours=settings.api_hours))
    _plan_pnr_deletion(session, plan, _years_before(now, settings.pnr_delete_years))
    _plan_masking(session, plan, now - timedelta(days=settings.pnr_mask_days))
    return plan


def _plan_api(session: Session, plan: _Plan, cutoff: datetime) -> None:
    """API-only travellers whose flight arrived before ``cutoff``."""
    arrived = or_(
        Flight.scheduled_arrival <= cutoff,
        and_(Flight.scheduled_arrival.is_(None), Flight.scheduled_departure <= cutoff),
        and_(
            Flight.scheduled_arrival.is_(None),
            Flight.scheduled_departure.is_(None),
            ImportBatch.imported_at <= cutoff,
        ),
    )
    rows = session.execute(
        select(Traveller.id, case((_in_case(Traveller.id), 1), else_=0))
        .join(Flight, Flight.id == Traveller.flight_id)
        .join(ImportBatch, ImportBatch.id == Traveller.batch_id)
        .where(Traveller.has_pnr == false(), Traveller.has_api == true(), arrived)
        .order_by(Traveller.id)
    ).all()
    plan.api_delete = [tid for tid, kept in rows if not kept]
    plan.api_kept = len(rows) - len(plan.api_delete)


def _transfer_before(cutoff: datetime) -> ColumnElement[bool]:
    """The push was transferred before ``cutoff`` (its push time, else when the file came in);
    written without COALESCE so the push-time index serves it."""
    return or_(
        BookingVersion.push_time <= cutoff,
        and_(BookingVersion.push_time.is_(None), ImportBatch.imported_at <= cutoff),
    )


def _groups_older_than(cutoff: datetime) -> Any:
    """(booking, flight) pairs whose first push is older than ``cutoff``, as a subquery: those
    with any push older than it."""
    return (
        select(BookingVersion.booking_id, BookingVersion.flight_id)
        .join(ImportBatch, ImportBatch.id == BookingVersion.batch_id)
        .where(_transfer_before(cutoff))
        .distinct()
        .subquery()
    )


def _unmasked_groups_older_than(cutoff: datetime) -> Any:
    """The same, among pairs with a push not yet masked: only those are looked at, so an hourly
    run reads the last months' pushes, not five years of them."""
    unmasked = (
        select(BookingVersion.booking_id, BookingVersion.flight_id)
        .where(BookingVersion.masked_at.is_(None))
        .distinct()
        .subquery()
    )
    transfer = func.coalesce(BookingVersion.push_time, ImportBatch.imported_at)
    return (
        select(BookingVersion.booking_id, BookingVersion.flight_id)
        .join(ImportBatch, ImportBatch.id == BookingVersion.batch_id)
        .join(
            unmasked,
            and_(
                unmasked.c.booking_id == BookingVersion.booking_id,
                unmasked.c.flight_id == BookingVersion.flight_id,
            ),
        )
        .group_by(BookingVersion.booking_id, BookingVersion.flight_id)
        .having(func.min(transfer) <= cutoff)
        .subquery()
    )


def _versions_of(groups: Any) -> Any:
    return select(BookingVersion.id, BookingVersion.booking_id, BookingVersion.flight_id).join(
        groups,
        and_(
            groups.c.booking_id == BookingVersion.booking_id,
            groups.c.flight_id == BookingVersion.flight_id,
        ),
    )


def _travellers_of(groups: Any) -> Any:
    return select(Traveller.id, Traveller.booking_id, Traveller.flight_id).join(
        groups,
        and_(
            groups.c.booking_id == Traveller.booking_id,
            groups.c.flight_id == Traveller.flight_id,
        ),
    )


def _plan_pnr_deletion(session: Session, plan: _Plan, cutoff: datetime) -> None:
    """Bookings on flights whose first push is older than ``cutoff``, unless tied to a case."""
    groups = _groups_older_than(cutoff)
    versions = session.execute(_versions_of(groups)).all()
    if not versions:
        return
    travellers = session.execute(_travellers_of(groups)).all()
    named = session.execute(
        select(BookingTraveller.traveller_id, BookingVersion.booking_id, BookingVersion.flight_id)
        .join(BookingVersion, BookingVersion.id == BookingTraveller.version_id)
        .join(
            groups,
            and_(
                groups.c.booking_id == BookingVersion.booking_id,
                groups.c.flight_id == BookingVersion.flight_id,
            ),
        )
        .where(BookingTraveller.traveller_id.is_not(None))
    ).all()
    people = {tid for tid, _b, _f in (*travellers, *named)}
    in_case = _case_travellers(session, people)
    tied = {(b, f) for tid, b, f in (*travellers, *named) if tid in in_case}
    due = {(b, f) for _vid, b, f in versions} - tied
    plan.pnr_kept = len({b for b, _f in tied})
    plan.pnr_delete_groups = due
    plan.pnr_delete_versions = sorted(vid for vid, b, f in versions if (b, f) in due)
    plan.pnr_delete_travellers = sorted(tid for tid, b, f in travellers if (b, f) in due)


def _case_travellers(session: Session, ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(sorted(ids)):
        found.update(
            session.scalars(
                select(Traveller.id).where(Traveller.id.in_(chunk), _in_case(Traveller.id))
            )
        )
    return found


def _plan_masking(session: Session, plan: _Plan, cutoff: datetime) -> None:
    """Unmasked pushes and travellers of bookings whose first push is older than ``cutoff``."""
    groups = _unmasked_groups_older_than(cutoff)
    doomed = plan.pnr_delete_groups
    versions = session.execute(_versions_of(groups).where(BookingVersion.masked_at.is_(None))).all()
    travellers = session.execute(_travellers_of(groups).where(Traveller.masked_at.is_(None))).all()
    plan.mask_versions = sorted(vid for vid, b, f in versions if (b, f) not in doomed)
    plan.mask_travellers = sorted(tid for tid, b, f in travellers if (b, f) not in doomed)


# --- carrying it out ------------------------------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _execute(session: Session, plan: _Plan, now: datetime) -> tuple[list[int], list[int]]:
    """Carry the plan out; returns the bookings and flights deleted because left empty."""
    bookings = {b for b, _f in plan.pnr_delete_groups}
    flights = {f for _b, f in plan.pnr_delete_groups}
    for chunk in _chunks(plan.api_delete):
        flights.update(
            session.scalars(select(Traveller.flight_id).where(Traveller.id.in_(chunk)).distinct())
        )
    for chunk in _chunks(plan.pnr_delete_versions):
        for model in (BookingSegment, BookingContact, BookingTraveller):
            _delete(session, model.version_id.in_(chunk), model)
    for chunk in _chunks([*plan.api_delete, *plan.pnr_delete_travellers]):
        _unlink(session, chunk)
        _delete(session, TravelDocument.traveller_id.in_(chunk), TravelDocument)
        _delete(session, Traveller.id.in_(chunk), Traveller)
    for chunk in _chunks(plan.pnr_delete_versions):
        _delete(session, BookingVersion.id.in_(chunk), BookingVersion)
    for chunk in _chunks(plan.mask_versions):
        session.execute(
            update(BookingVersion).where(BookingVersion.id.in_(chunk)).values(masked_at=now),
            execution_options={"synchronize_session": False},
        )
    for chunk in _chunks(plan.mask_travellers):
        session.execute(
            update(Traveller).where(Traveller.id.in_(chunk)).values(masked_at=now),
            execution_options={"synchronize_session": False},
        )
    empty_bookings = _left_empty(
        session,
        sorted(bookings),
        Booking.id,
        (BookingVersion.booking_id, Traveller.booking_id),
    )
    empty_flights = _left_empty(
        session, sorted(flights), Flight.id, (BookingVersion.flight_id, Traveller.flight_id)
    )
    for chunk in _chunks(empty_bookings):
        _delete(session, Booking.id.in_(chunk), Booking)
    for chunk in _chunks(empty_flights):
        _delete(session, Flight.id.in_(chunk), Flight)
    return empty_bookings, empty_flights


def _delete(session: Session, condition: ColumnElement[bool], model: type[Any]) -> None:
    session.execute(
        delete(model).where(condition), execution_options={"synchronize_session": False}
    )


def _unlink(session: Session, traveller_ids: Sequence[int]) -> None:
    """Pushes kept (another flight's, or a case's) stop pointing at deleted traveller rows."""
    session.execute(
        update(BookingTraveller)
        .where(BookingTraveller.traveller_id.in_(traveller_ids))
        .values(traveller_id=None),
        execution_options={"synchronize_session": False},
    )


def _left_empty(
    session: Session,
    ids: Sequence[int],
    key: InstrumentedAttribute[int],
    referrers: tuple[InstrumentedAttribute[int], InstrumentedAttribute[int | None]],
) -> list[int]:
    """Of ``ids``, those no row of ``referrers`` points at any more."""
    empty: list[int] = []
    for chunk in _chunks(ids):
        used: set[int] = set()
        for column in referrers:
            used.update(v for v in session.scalars(select(column).where(column.in_(chunk))) if v)
        empty.extend(i for i in chunk if i not in used)
    return empty
