"""What officers look at: flights, their travellers, a traveller's details and hits."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from workstation.db.models import (
    Flag,
    Flight,
    Hit,
    ImportBatch,
    Interdiction,
    ReviewDecision,
    ScreeningRun,
    Traveller,
    User,
    Watchlist,
    WatchlistEntry,
)
from workstation.db.store import Store
from workstation.errors import NotFoundError
from workstation.services.audit import record_event
from workstation.services.entries import entry_view
from workstation.services.views import (
    Actor,
    DecisionView,
    DocumentView,
    FlightSummary,
    HitView,
    InterdictionView,
    ReasonView,
    TravellerDetail,
    TravellerRow,
)

# The most pressing status of a traveller's hits, for badges: open beats confirmed beats dismissed.
_STATUS_RANK = {"open": 3, "confirmed": 2, "dismissed": 1}


def list_flights(store: Store, actor: Actor) -> list[FlightSummary]:
    """All stored flights by scheduled departure, with traveller and hit counts."""
    with store.transaction() as session:
        return _flight_summaries(session, None)


def _flight_summaries(session: Session, flight_id: int | None) -> list[FlightSummary]:
    travellers = (
        select(Traveller.flight_id, func.count().label("n"))
        .group_by(Traveller.flight_id)
        .subquery()
    )
    hits = (
        select(
            Traveller.flight_id,
            func.count(Hit.id).label("hits"),
            func.sum(case((Hit.status == "open", 1), else_=0)).label("open"),
        )
        .join(Hit, Hit.traveller_id == Traveller.id)
        .group_by(Traveller.flight_id)
        .subquery()
    )
    query = (
        select(Flight, travellers.c.n, hits.c.hits, hits.c.open)
        .outerjoin(travellers, travellers.c.flight_id == Flight.id)
        .outerjoin(hits, hits.c.flight_id == Flight.id)
        .order_by(Flight.scheduled_departure, Flight.carrier, Flight.number)
    )
    if flight_id is not None:
        query = query.where(Flight.id == flight_id)
    screened = _screened_flight_ids(session)
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
        )
        for f, n, hit_count, open_ in session.execute(query)
    ]


def _screened_flight_ids(session: Session) -> set[int]:
    """Flights whose travellers were all imported before the last full screening run ended."""
    last = session.scalar(
        select(func.max(ScreeningRun.finished_at)).where(ScreeningRun.scope == "all")
    )
    if last is None:
        return set()
    newest_import = (
        select(Traveller.flight_id, func.max(ImportBatch.imported_at).label("at"))
        .join(ImportBatch, ImportBatch.id == Traveller.batch_id)
        .group_by(Traveller.flight_id)
    )
    return {fid for fid, at in session.execute(newest_import) if at <= last}


def list_travellers(store: Store, actor: Actor, flight_id: int) -> list[TravellerRow]:
    """The travellers of one flight, with the status of their hits, flags and interdictions."""
    with store.transaction() as session:
        travellers = session.scalars(
            select(Traveller)
            .where(Traveller.flight_id == flight_id)
            .options(selectinload(Traveller.documents))
            .order_by(Traveller.role.desc(), Traveller.surname, Traveller.given_names)
        ).all()
        ids = [t.id for t in travellers]
        hit_rows = session.execute(
            select(Hit.traveller_id, Hit.status, Hit.score).where(Hit.traveller_id.in_(ids))
        ).all()
        flagged = set(session.scalars(select(Flag.traveller_id).where(Flag.traveller_id.in_(ids))))
        interdictions: dict[int, int] = {
            tid: n
            for tid, n in session.execute(
                select(Interdiction.traveller_id, func.count())
                .where(Interdiction.traveller_id.in_(ids))
                .group_by(Interdiction.traveller_id)
            )
        }
        status: dict[int, str] = {}
        best: dict[int, float] = {}
        for tid, hit_status, score in hit_rows:
            if _STATUS_RANK[hit_status] > _STATUS_RANK.get(status.get(tid, ""), 0):
                status[tid] = hit_status
            best[tid] = max(best.get(tid, 0.0), score)
        return [
            TravellerRow(
                id=t.id,
                flight_id=t.flight_id,
                role=t.role,
                surname=t.surname,
                given_names=t.given_names,
                birth_date=t.birth_date,
                sex=t.sex,
                nationality=t.nationality,
                document_number=t.documents[0].number if t.documents else None,
                booking_reference=t.booking_reference,
                seat=t.seat,
                hit_status=status.get(t.id, "none"),
                best_score=best.get(t.id),
                flagged=t.id in flagged,
                interdiction_count=interdictions.get(t.id, 0),
            )
            for t in travellers
        ]


def open_traveller(store: Store, actor: Actor, traveller_id: int) -> TravellerDetail:
    """A traveller's full record with hits and interdictions. Audited as a consultation."""
    with store.transaction() as session:
        detail = traveller_detail(session, traveller_id)
        record_event(session, actor, "consult", "traveller", [traveller_id])
        return detail


def traveller_detail(session: Session, traveller_id: int) -> TravellerDetail:
    t = session.get(Traveller, traveller_id, options=[selectinload(Traveller.documents)])
    if t is None:
        raise NotFoundError(f"Traveller {traveller_id} no longer exists.")
    hits = session.scalars(
        select(Hit).where(Hit.traveller_id == t.id).order_by(Hit.score.desc())
    ).all()
    flags = session.scalars(select(Flag).where(Flag.traveller_id == t.id).order_by(Flag.id)).all()
    return TravellerDetail(
        id=t.id,
        flight=_flight_summaries(session, t.flight_id)[0],
        role=t.role,
        surname=t.surname,
        given_names=t.given_names,
        birth_date=t.birth_date,
        sex=t.sex,
        nationality=t.nationality,
        booking_reference=t.booking_reference,
        seat=t.seat,
        documents=tuple(
            DocumentView(d.doc_type, d.number, d.issuing_state, d.expiry) for d in t.documents
        ),
        hits=tuple(hit_view(session, h) for h in hits),
        flagged=bool(flags),
        flag_points=tuple(f.control_point for f in flags),
        interdictions=tuple(interdiction_views(session, t.id)),
    )


def hit_view(session: Session, hit: Hit) -> HitView:
    entry = session.get_one(WatchlistEntry, hit.entry_id)
    watchlist = session.get_one(Watchlist, hit.watchlist_id)
    decisions = session.execute(
        select(ReviewDecision, User.username)
        .join(User, User.id == ReviewDecision.user_id)
        .where(ReviewDecision.hit_id == hit.id)
        .order_by(ReviewDecision.id)
    ).all()
    return HitView(
        id=hit.id,
        traveller_id=hit.traveller_id,
        status=hit.status,
        score=hit.score,
        matched_name=hit.matched_name,
        reasons=tuple(ReasonView(**r) for r in hit.explanation),
        entry=entry_view(entry, watchlist.name, watchlist.kind),
        decisions=tuple(
            DecisionView(d.decision, d.reason, d.control_point, username, d.decided_at)
            for d, username in decisions
        ),
    )


def interdiction_views(session: Session, traveller_id: int) -> list[InterdictionView]:
    rows = session.execute(
        select(Interdiction, User.username)
        .join(User, User.id == Interdiction.user_id)
        .where(Interdiction.traveller_id == traveller_id)
        .order_by(Interdiction.id)
    ).all()
    return [
        InterdictionView(
            id=i.id,
            traveller_id=i.traveller_id,
            outcome=i.outcome,
            commodity=i.commodity,
            quantity=i.quantity,
            unit=i.unit,
            concealment=i.concealment,
            agencies=tuple(i.agencies),
            arrest=i.arrest,
            case_reference=i.case_reference,
            notes=i.notes,
            username=username,
            recorded_at=i.recorded_at,
        )
        for i, username in rows
    ]
