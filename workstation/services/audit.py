"""The audit trail: every import, screening, consultation, decision, interdiction and export."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import AuditEvent
from workstation.db.store import Store
from workstation.services.views import Actor, AuditEventView


def record_event(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    object_ids: Iterable[int | str] = (),
    **details: Any,
) -> None:
    """Add an audit event to the caller's transaction, so it lands with the change it records."""
    session.add(
        AuditEvent(
            user_id=actor.user_id,
            username=actor.username,
            action=action,
            object_type=object_type,
            object_ids=list(object_ids),
            details=details,
        )
    )


def list_events(store: Store, actor: Actor, *, limit: int = 500) -> list[AuditEventView]:
    """The newest events first."""
    with store.transaction() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit))
        return [
            AuditEventView(
                id=e.id,
                at=e.at,
                username=e.username,
                action=e.action,
                object_type=e.object_type,
                object_ids=tuple(e.object_ids),
                details=dict(e.details),
            )
            for e in rows
        ]
