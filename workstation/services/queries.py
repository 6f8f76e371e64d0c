"""What officers look at: flights, their travellers, a traveller's details and hits."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from workstation.db.models import (
    Flag,
    Flight,
    Hit,
    Interdiction,
    ReviewDecision,
    Traveller,
    User,
    Watchlist,
    WatchlistEntry,
)
from workstation.db.store import Store
from workstation.errors import NotFoundError
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.board import flight_summaries, list_flights
from workstation.services.entries import entry_view
from workstation.services.indicatorview import indicator_hit_view
from workstation.services.masking import masked, masked_documents, masked_hit
from workstation.services.memory import remembered_view
from workstation.services.revisions import revision_views
from workstation.services.travellers import list_travellers
from workstation.services.views import (
    Actor,
    DecisionView,
    DocumentView,
    HitView,
    InterdictionView,
    ReasonView,
    SameBookingTraveller,
    TravellerDetail,
)

__all__ = ["hit_view", "interdiction_views", "list_flights", "list_travellers", "open_traveller"]

_PRESSING = ("escalated", "open", "confirmed", "dismissed", "dismissed_by_memory")


def open_traveller(store: Store, actor: Actor, traveller_id: int) -> TravellerDetail:
    """A traveller's full record with hits and interdictions. Audited as a consultation."""
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        detail = traveller_detail(session, traveller_id)
        record_event(session, actor, "consult", "traveller", [traveller_id])
        return detail


def traveller_detail(
    session: Session, traveller_id: int, *, unmasked: bool = False
) -> TravellerDetail:
    """The record as officers see it: a masked traveller's data reads "masked" unless
    ``unmasked`` (only :func:`workstation.services.disclosure.unmask_traveller`, approved)."""
    t = session.get(Traveller, traveller_id, options=[selectinload(Traveller.documents)])
    if t is None:
        raise NotFoundError(f"Traveller {traveller_id} no longer exists.")
    hidden = t.masked_at is not None and not unmasked
    hits = session.scalars(
        select(Hit).where(Hit.traveller_id == t.id).order_by(Hit.score.desc())
    ).all()
    flags = session.scalars(select(Flag).where(Flag.traveller_id == t.id).order_by(Flag.id)).all()
    return TravellerDetail(
        id=t.id,
        flight=flight_summaries(session, Flight.id == t.flight_id)[0],
        role=t.role,
        surname=masked(t.surname, hidden),
        given_names=masked(t.given_names, hidden),
        birth_date=masked(t.birth_date, hidden),
        sex=masked(t.sex, hidden),
        nationality=masked(t.nationality, hidden),
        booking_reference=t.booking_reference,
        seat=t.seat,
        documents=masked_documents(
            tuple(
                DocumentView(d.doc_type, d.number, d.issuing_state, d.expiry) for d in t.documents
            ),
            hidden,
        ),
        hits=tuple(masked_hit(hit_view(session, h), hidden) for h in hits),
        flagged=bool(flags),
        flag_points=tuple(f.control_point for f in flags),
        interdictions=tuple(interdiction_views(session, t.id)),
        co_travellers=tuple(co_travellers(session, t)),
    )


def hit_view(session: Session, hit: Hit) -> HitView:
    if hit.rule_version_id is not None:
        return indicator_hit_view(session, hit, _decisions(session, hit))
    entry = session.get_one(WatchlistEntry, hit.entry_id)
    watchlist = session.get_one(Watchlist, hit.watchlist_id)
    return HitView(
        id=hit.id,
        traveller_id=hit.traveller_id,
        status=hit.status,
        score=hit.score,
        matched_name=hit.matched_name,
        reasons=tuple(ReasonView(**r) for r in hit.explanation),
        entry=entry_view(entry, watchlist.name, watchlist.kind),
        decisions=_decisions(session, hit),
        remembered=remembered_view(session, hit.memory_id),
    )


def _decisions(session: Session, hit: Hit) -> tuple[DecisionView, ...]:
    decisions = session.execute(
        select(ReviewDecision, User.username)
        .join(User, User.id == ReviewDecision.user_id)
        .where(ReviewDecision.hit_id == hit.id)
        .order_by(ReviewDecision.id)
    ).all()
    return tuple(
        DecisionView(d.decision, d.reason, d.control_point, username, d.decided_at)
        for d, username in decisions
    )


def interdiction_views(session: Session, traveller_id: int) -> list[InterdictionView]:
    rows = session.execute(
        select(Interdiction, User.username)
        .join(User, User.id == Interdiction.user_id)
        .where(Interdiction.traveller_id == traveller_id)
        .order_by(Interdiction.id)
    ).all()
    revisions = revision_views(session, [i.id for i, _username in rows])
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
            revisions=revisions.get(i.id, ()),
        )
        for i, username in rows
    ]


def co_travellers(session: Session, t: Traveller) -> list[SameBookingTraveller]:
    """The other travellers of the flight on the same booking (by PNR or booking reference)."""
    same = []
    if t.booking_id is not None:
        same.append(Traveller.booking_id == t.booking_id)
    if t.booking_reference:
        same.append(Traveller.booking_reference == t.booking_reference)
    if not same:
        return []
    others = session.scalars(
        select(Traveller)
        .where(and_(Traveller.flight_id == t.flight_id, Traveller.id != t.id, or_(*same)))
        .order_by(Traveller.surname, Traveller.given_names)
    ).all()
    statuses: dict[int, set[str]] = {}
    for tid, status in session.execute(
        select(Hit.traveller_id, Hit.status).where(Hit.traveller_id.in_([o.id for o in others]))
    ):
        statuses.setdefault(tid, set()).add(status)
    return [
        SameBookingTraveller(
            id=o.id,
            surname=masked(o.surname, o.masked_at is not None),
            given_names=masked(o.given_names, o.masked_at is not None),
            seat=o.seat,
            hit_status=next((s for s in _PRESSING if s in statuses.get(o.id, ())), "none"),
        )
        for o in others
    ]
