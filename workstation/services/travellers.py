"""Traveller tables: one flight's travellers, and a search across flights, paged and sorted in SQL.

Both read the same query: the traveller, their flight, the most pressing status of their hits
and their best score (aggregated in SQL, so the store sorts by them), whether they are flagged,
how many interdictions were recorded. A table asks for one page at a time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from workstation.db.models import Flag, Flight, Hit, Interdiction, TravelDocument, Traveller
from workstation.db.searchkey import SEPARATOR, search_terms
from workstation.db.store import Store
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.board import in_period
from workstation.services.masking import masked
from workstation.services.views import Actor, TravellerRow

PAGE = 200
SUPERVISORS = ("supervisor",)  # administrators see no case data at all
# The most pressing status first. An escalated hit is a supervisor's first concern and an
# officer's second (it waits for the supervisor); dismissed ones rank lowest.
_RANKS = {"open": 5, "escalated": 4, "confirmed": 3, "dismissed": 2, "dismissed_by_memory": 1}
_SUPERVISOR_RANKS = {**_RANKS, "escalated": 6}

SORT_KEYS = (
    "status",
    "score",
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "document",
    "booking",
    "seat",
    "role",
    "flight",
    "departure",
)


def _ranks(actor: Actor) -> dict[str, int]:
    return _SUPERVISOR_RANKS if actor.role in SUPERVISORS else _RANKS


def text_condition(text: str) -> ColumnElement[bool]:
    """Travellers matching every word of ``text`` by name, document or booking reference."""
    words = search_terms(text)
    if not words:
        return true()
    return and_(
        *(
            or_(*(Traveller.search_key.like(f"%{SEPARATOR}{term}%") for term in sorted(terms)))
            for terms in words
        )
    )


class _Query:
    """The traveller-row query for one actor: columns, aggregates, and sort expressions."""

    def __init__(self, actor: Actor) -> None:
        ranks = _ranks(actor)
        self.rank_of = {v: k for k, v in ranks.items()}
        rank = case(*((Hit.status == s, r) for s, r in ranks.items()), else_=0)
        self.hits = (
            select(
                Hit.traveller_id.label("tid"),
                func.max(rank).label("rank"),
                func.max(Hit.score).label("best"),
            )
            .group_by(Hit.traveller_id)
            .subquery()
        )
        self.flags = select(Flag.traveller_id.label("tid")).distinct().subquery()
        self.interdictions = (
            select(Interdiction.traveller_id.label("tid"), func.count().label("n"))
            .group_by(Interdiction.traveller_id)
            .subquery()
        )
        self.document = (
            select(TravelDocument.number)
            .where(TravelDocument.traveller_id == Traveller.id)
            .order_by(TravelDocument.id)
            .limit(1)
            .correlate(Traveller)
            .scalar_subquery()
        )

    def select(self) -> Select[Any]:
        return (
            select(
                Traveller,
                Flight.carrier,
                Flight.number,
                Flight.scheduled_departure,
                self.hits.c.rank,
                self.hits.c.best,
                self.flags.c.tid.label("flagged"),
                self.interdictions.c.n,
                self.document.label("document"),
            )
            .join(Flight, Flight.id == Traveller.flight_id)
            .outerjoin(self.hits, self.hits.c.tid == Traveller.id)
            .outerjoin(self.flags, self.flags.c.tid == Traveller.id)
            .outerjoin(self.interdictions, self.interdictions.c.tid == Traveller.id)
        )

    def order(self, key: str, descending: bool) -> list[ColumnElement[Any]]:
        columns: dict[str, list[Any]] = {
            "status": [func.coalesce(self.hits.c.rank, 0), func.coalesce(self.hits.c.best, -1)],
            "score": [func.coalesce(self.hits.c.best, -1)],
            "surname": [Traveller.surname, Traveller.given_names],
            "given_names": [Traveller.given_names, Traveller.surname],
            "birth_date": [Traveller.birth_date],
            "sex": [Traveller.sex],
            "nationality": [Traveller.nationality],
            "document": [self.document],
            "booking": [Traveller.booking_reference],
            "seat": [Traveller.seat],
            "role": [Traveller.role],
            "flight": [Flight.carrier, Flight.number, Flight.scheduled_departure],
            "departure": [Flight.scheduled_departure],
        }
        if key not in columns:
            raise ValueError(f"unknown sort key {key!r}")
        chosen = [c.desc() if descending else c.asc() for c in columns[key]]
        return [*chosen, Traveller.surname, Traveller.id]

    def row(self, r: Any) -> TravellerRow:
        t: Traveller = r.Traveller
        hidden = t.masked_at is not None  # older than the masking period: see services.masking
        return TravellerRow(
            id=t.id,
            flight_id=t.flight_id,
            role=t.role,
            surname=masked(t.surname, hidden),
            given_names=masked(t.given_names, hidden),
            birth_date=masked(t.birth_date, hidden),
            sex=masked(t.sex, hidden),
            nationality=masked(t.nationality, hidden),
            document_number=masked(r.document, hidden),
            booking_reference=t.booking_reference,
            seat=t.seat,
            hit_status=self.rank_of.get(r.rank or 0, "none"),
            best_score=r.best,
            flagged=r.flagged is not None,
            interdiction_count=r.n or 0,
            flight=f"{r.carrier}{r.number}",
            departure=r.scheduled_departure,
            search_key="" if hidden else t.search_key,
            has_api=t.has_api,
            has_pnr=t.has_pnr,
        )


def traveller_rows(
    session: Session,
    actor: Actor,
    condition: ColumnElement[bool],
    *,
    order_by: str = "status",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> list[TravellerRow]:
    query = _Query(actor)
    select_ = query.select().where(condition).order_by(*query.order(order_by, descending))
    if limit is not None:
        select_ = select_.limit(max(limit, 0)).offset(max(offset, 0))
    return [query.row(r) for r in session.execute(select_)]


def list_travellers(
    store: Store,
    actor: Actor,
    flight_id: int,
    *,
    order_by: str = "status",
    descending: bool = True,
) -> list[TravellerRow]:
    """The travellers of one flight, with the status of their hits, flags and interdictions.

    Audited as a consultation of the flight's passenger list (the flight and how many rows).
    """
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        condition = Traveller.flight_id == flight_id
        rows = traveller_rows(session, actor, condition, order_by=order_by, descending=descending)
        record_event(session, actor, "consult", "flight", [flight_id], travellers=len(rows))
        return rows


def _search_condition(
    text: str, since: datetime | None, until: datetime | None, with_hits: bool
) -> ColumnElement[bool]:
    parts = [text_condition(text), in_period(since, until)]
    if search_terms(text):  # masked travellers are never found by name, document or booking
        parts.append(Traveller.masked_at.is_(None))
    if with_hits:
        parts.append(Traveller.id.in_(select(Hit.traveller_id)))
    return and_(*parts)


def search_travellers(
    store: Store,
    actor: Actor,
    text: str,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    with_hits: bool = False,
    order_by: str = "status",
    descending: bool = True,
    limit: int = PAGE,
    offset: int = 0,
) -> list[TravellerRow]:
    """One page of the travellers of every flight in the period whose name, document or booking
    reference matches ``text`` the way the screener reads names (``DJORDJEVIC`` finds
    ``Đorđević`` and ``Ђорђевић``). The first page is audited as a free search: that one was
    made and how many travellers the page shows, never the query (its text is content).
    """
    require(actor.role, "search")
    with store.transaction() as session:
        condition = _search_condition(text, since, until, with_hits)
        rows = traveller_rows(
            session,
            actor,
            condition,
            order_by=order_by,
            descending=descending,
            limit=limit,
            offset=offset,
        )
        if offset == 0:
            record_event(
                session, actor, "consult", "free_search", [], shown=len(rows), with_hits=with_hits
            )
        return rows


def count_travellers(
    store: Store,
    actor: Actor,
    text: str,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    with_hits: bool = False,
) -> int:
    """How many travellers :func:`search_travellers` finds (not audited: it shows no one)."""
    require(actor.role, "search")
    with store.transaction() as session:
        condition = _search_condition(text, since, until, with_hits)
        query = select(func.count()).select_from(Traveller).join(Flight).where(condition)
        return int(session.scalar(query) or 0)
