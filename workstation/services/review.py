"""Decisions on hits: confirm and flag for control, dismiss with a reason, or escalate.

An escalated hit waits for a supervisor: only a supervisor (or administrator) confirms or
dismisses it. A dismissal is remembered (see :mod:`workstation.services.memory`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workstation.db.models import Flag, Hit, ReviewDecision
from workstation.db.store import Store
from workstation.errors import InvalidInputError, NotFoundError
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.memory import remember_dismissal
from workstation.services.queries import hit_view
from workstation.services.views import Actor, HitView
from workstation.services.vocabulary import CONTROL_POINTS

MIN_REASON_LENGTH = 5
DECIDES_ESCALATED = ("supervisor",)  # administrators see no case data at all


def confirm_hit(
    store: Store, actor: Actor, hit_id: int, control_point: str, note: str = ""
) -> HitView:
    """The traveller is the listed person, or may be: flag for control at a control point."""
    require(actor.role, "review")
    require(actor.role, "flag")
    if control_point not in CONTROL_POINTS:
        raise InvalidInputError(
            f"Choose where to control the traveller: {', '.join(CONTROL_POINTS.values())}."
        )
    with store.transaction() as session:
        hit = _open_hit(session, hit_id, actor)
        hit.status = "confirmed"
        session.add(
            ReviewDecision(
                hit_id=hit.id,
                user_id=actor.user_id,
                decision="confirmed",
                reason=note.strip(),
                control_point=control_point,
            )
        )
        session.add(
            Flag(
                traveller_id=hit.traveller_id,
                hit_id=hit.id,
                user_id=actor.user_id,
                control_point=control_point,
                note=note.strip(),
            )
        )
        session.flush()
        record_event(
            session,
            actor,
            "confirm_hit",
            "hit",
            [hit.id],
            traveller=hit.traveller_id,
            control_point=control_point,
        )
        return hit_view(session, hit)


def dismiss_hit(store: Store, actor: Actor, hit_id: int, reason: str) -> HitView:
    """Not the listed person: a false positive. The reason is required and kept."""
    require(actor.role, "review")
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidInputError(
            "Say why the hit is a false positive (for example: date of birth differs by 20 years)."
        )
    with store.transaction() as session:
        hit = _open_hit(session, hit_id, actor)
        hit.status = "dismissed"
        session.add(
            ReviewDecision(
                hit_id=hit.id, user_id=actor.user_id, decision="dismissed", reason=reason
            )
        )
        remember_dismissal(session, actor, hit, reason)
        session.flush()
        record_event(session, actor, "dismiss_hit", "hit", [hit.id], traveller=hit.traveller_id)
        return hit_view(session, hit)


def escalate_hit(store: Store, actor: Actor, hit_id: int, note: str) -> HitView:
    """Hand an open hit to a supervisor, saying why (the note is required and kept)."""
    require(actor.role, "review")
    note = note.strip()
    if len(note) < MIN_REASON_LENGTH:
        raise InvalidInputError(
            "Say what the supervisor should look at (for example: document number differs "
            "by one digit)."
        )
    with store.transaction() as session:
        hit = _open_hit(session, hit_id, actor)
        if hit.status == "escalated":
            raise InvalidInputError("This hit is already escalated; a supervisor will decide.")
        hit.status = "escalated"
        session.add(
            ReviewDecision(hit_id=hit.id, user_id=actor.user_id, decision="escalated", reason=note)
        )
        session.flush()
        record_event(session, actor, "escalate_hit", "hit", [hit.id], traveller=hit.traveller_id)
        return hit_view(session, hit)


def _open_hit(session: Session, hit_id: int, actor: Actor) -> Hit:
    """The hit, locked, when it still awaits a decision ``actor`` may take."""
    hit = session.get(Hit, hit_id, with_for_update=True)
    if hit is None:
        raise NotFoundError(f"Hit {hit_id} no longer exists.")
    if hit.status == "escalated" and actor.role not in DECIDES_ESCALATED:
        raise InvalidInputError("This hit was escalated to a supervisor: a supervisor decides it.")
    if hit.status == "held_back":
        raise InvalidInputError(
            "This indicator hit was held back: its rule hit too many travellers of the flight. "
            "A supervisor reviews the rule, not the hit."
        )
    if hit.status not in ("open", "escalated"):
        shown = hit.status.replace("_", " ")
        raise InvalidInputError(
            f"This hit was already {shown}; its decision stands and is kept in its history."
        )
    return hit
