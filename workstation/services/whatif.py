"""Trying a rule before it is used: on the stored travellers of the last days (what-if), or on
one stored traveller (which conditions held). Nothing is written but the audit event: both are
consultations of passenger data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matching.rules import Rule, RuleError, RuleSet, runaway
from matching.rules import evaluate as evaluate_rule
from workstation.db.models import Flag, Flight, Traveller
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError, NotFoundError
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.facts import travel_facts
from workstation.services.masking import masked
from workstation.services.rulestore import current_rules, named_lists
from workstation.services.ruleviews import RuleTest, WhatIf
from workstation.services.views import Actor, IndicatorLine

_FLIGHTS_PER_STEP = 20


def what_if(
    store: Store,
    actor: Actor,
    rule: Rule | str,
    days: int = 30,
    *,
    now: datetime | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> WhatIf:
    """How many stored passengers ``rule`` (a draft, or a stored rule's name) would have hit on
    flights departing in the ``days`` days up to ``now``, per flight, and how many of them were
    later flagged for control. Disabled and draft rules are tried as they are."""
    require(actor.role, "view_statistics")
    if days < 1:
        raise InvalidInputError("The what-if looks back a number of days, 1 or more.")
    cancel = cancel or CancelToken()
    until = now or utcnow()
    with store.transaction() as session:
        chosen = _rule(session, rule)
        rules = _ruleset(chosen, session)
        flights = session.scalars(
            select(Flight)
            .where(Flight.scheduled_departure >= until - timedelta(days=days))
            .where(Flight.scheduled_departure <= until)
            .order_by(Flight.scheduled_departure)
        ).all()
        per_flight: list[tuple[str, int]] = []
        held_back: list[str] = []
        hit_ids: list[int] = []
        travellers = 0
        for n, flight in enumerate(flights):
            if n % _FLIGHTS_PER_STEP == 0:
                cancel.raise_if_cancelled()
                progress(n, len(flights), f"Trying '{chosen.name}' on stored flights")
            passengers = _passengers(session, flight.id)
            travellers += len(passengers)
            facts = travel_facts(session, passengers, rules.trip_windows)
            hits = rules.evaluate_many(facts, explain=False)
            ids = [t.id for t, h in zip(passengers, hits, strict=True) if h]
            if ids:
                label = _flight_label(flight)
                per_flight.append((label, len(ids)))
                hit_ids += ids
                if runaway({chosen.name: len(ids)}, len(passengers), chosen.max_share):
                    held_back.append(label)
        confirmed = _flagged(session, hit_ids)
        record_event(
            session,
            actor,
            "what_if",
            "rule",
            [],
            rule=chosen.name,
            days=days,
            travellers=travellers,
            hits=len(hit_ids),
        )
    progress(len(flights), len(flights), "Done")
    return WhatIf(
        chosen.name, days, travellers, len(hit_ids), tuple(per_flight), confirmed, tuple(held_back)
    )


def try_on_traveller(store: Store, actor: Actor, rule: Rule | str, traveller_id: int) -> RuleTest:
    """``rule`` on one stored traveller: whether it holds and each condition plainly. Audited
    as a consultation of the traveller."""
    require(actor.role, "view_statistics")
    with store.transaction() as session:
        chosen = _rule(session, rule)
        t = session.get(Traveller, traveller_id, options=[selectinload(Traveller.documents)])
        if t is None:
            raise NotFoundError(f"Traveller {traveller_id} no longer exists.")
        lists = named_lists(session)
        windows = RuleSet([chosen], lists, include_disabled=True).trip_windows
        [facts] = travel_facts(session, [t], windows)
        result = evaluate_rule(chosen, facts, lists)
        flight = session.get_one(Flight, t.flight_id)
        hidden = t.masked_at is not None
        record_event(session, actor, "consult", "traveller", [t.id], rule_test=chosen.name)
        return RuleTest(
            traveller_id=t.id,
            traveller=f"{masked(t.surname, hidden)}, {masked(t.given_names, hidden)} "
            f"({_flight_label(flight)})",
            held=result.held,
            lines=tuple(
                IndicatorLine(c.text, c.held, c.actual, c.depth) for c in result.explanation
            ),
        )


def _rule(session: Session, rule: Rule | str) -> Rule:
    if isinstance(rule, Rule):
        return rule
    for _rule_id, _row, stored in current_rules(session):
        if stored.name == rule:
            return stored
    raise NotFoundError(f"There is no rule called '{rule}'.")


def _ruleset(rule: Rule, session: Session) -> RuleSet:
    try:
        # what-if looks at the rule itself: its effective dates are left aside
        undated = replace(rule, effective_from=None, effective_until=None)
        return RuleSet([undated], named_lists(session), include_disabled=True)
    except RuleError as exc:
        raise InvalidInputError(
            f"The rule '{rule.name}' cannot be tried: " + "; ".join(exc.problems)
        ) from exc


def _passengers(session: Session, flight_id: int) -> list[Traveller]:
    return list(
        session.scalars(
            select(Traveller)
            .where(Traveller.flight_id == flight_id, Traveller.role == "passenger")
            .options(selectinload(Traveller.documents))
            .order_by(Traveller.id)
        )
    )


def _flagged(session: Session, traveller_ids: list[int]) -> int:
    flagged: set[int] = set()
    for start in range(0, len(traveller_ids), 500):
        chunk = traveller_ids[start : start + 500]
        flagged.update(
            session.scalars(select(Flag.traveller_id).where(Flag.traveller_id.in_(chunk)))
        )
    return len(flagged)


def _flight_label(flight: Flight) -> str:
    day = flight.scheduled_departure.date().isoformat() if flight.scheduled_departure else "?"
    return f"{flight.carrier}{flight.number} {day}"
