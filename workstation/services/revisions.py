"""Interdiction history: every edit keeps the values it replaced, who edited, and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import Interdiction, InterdictionRevision, User
from workstation.services.views import InterdictionRevisionView, InterdictionView


def snapshot(i: Interdiction, recorded_by: str) -> dict[str, Any]:
    """The values of an interdiction as JSON, before an edit replaces them."""
    return {
        "outcome": i.outcome,
        "commodity": i.commodity,
        "quantity": None if i.quantity is None else str(i.quantity),
        "unit": i.unit,
        "concealment": i.concealment,
        "agencies": list(i.agencies),
        "arrest": i.arrest,
        "case_reference": i.case_reference,
        "notes": i.notes,
        "username": recorded_by,
        "recorded_at": i.recorded_at.isoformat(),
    }


def _previous(interdiction: Interdiction, values: dict[str, Any]) -> InterdictionView:
    quantity = values.get("quantity")
    return InterdictionView(
        id=interdiction.id,
        traveller_id=interdiction.traveller_id,
        outcome=str(values.get("outcome", "")),
        commodity=values.get("commodity"),
        quantity=None if quantity is None else Decimal(str(quantity)),
        unit=values.get("unit"),
        concealment=values.get("concealment"),
        agencies=tuple(values.get("agencies", ())),
        arrest=bool(values.get("arrest", False)),
        case_reference=str(values.get("case_reference", "")),
        notes=str(values.get("notes", "")),
        username=str(values.get("username", "")),
        recorded_at=datetime.fromisoformat(str(values["recorded_at"]))
        if values.get("recorded_at")
        else interdiction.recorded_at,
    )


def revision_views(
    session: Session, interdiction_ids: Sequence[int]
) -> dict[int, tuple[InterdictionRevisionView, ...]]:
    """The edits of each interdiction, oldest first."""
    if not interdiction_ids:
        return {}
    rows = session.execute(
        select(InterdictionRevision, Interdiction, User.username)
        .join(Interdiction, Interdiction.id == InterdictionRevision.interdiction_id)
        .join(User, User.id == InterdictionRevision.user_id)
        .where(InterdictionRevision.interdiction_id.in_(interdiction_ids))
        .order_by(InterdictionRevision.id)
    ).all()
    found: dict[int, list[InterdictionRevisionView]] = {}
    for revision, interdiction, username in rows:
        found.setdefault(interdiction.id, []).append(
            InterdictionRevisionView(
                revised_at=revision.revised_at,
                username=username,
                previous=_previous(interdiction, revision.previous),
            )
        )
    return {k: tuple(v) for k, v in found.items()}
