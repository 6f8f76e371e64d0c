"""The audit trail: every import, screening, consultation, decision, interdiction and export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.db.models import AuditEvent
from workstation.db.store import Store
from workstation.services.report import Period
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


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show: every field left empty means "any"."""

    period: Period = field(default_factory=Period)
    username: str | None = None
    action: str | None = None
    object_type: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.period.start is not None:
            conditions.append(AuditEvent.at >= self.period.start)
        if self.period.end is not None:
            conditions.append(AuditEvent.at < self.period.end)
        if self.username:
            conditions.append(AuditEvent.username == self.username)
        if self.action:
            conditions.append(AuditEvent.action == self.action)
        if self.object_type:
            conditions.append(AuditEvent.object_type == self.object_type)
        return conditions


@dataclass(frozen=True)
class AuditChoices:
    """The values the filters can take: those present in the trail."""

    usernames: tuple[str, ...]
    actions: tuple[str, ...]
    object_types: tuple[str, ...]


def list_events(
    store: Store,
    actor: Actor,
    filters: AuditFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 500,
) -> list[AuditEventView]:
    """The events matching ``filters``, newest first, one page of ``limit`` from ``offset``."""
    conditions = (filters or AuditFilter()).conditions()
    with store.transaction() as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(*conditions)
            .order_by(AuditEvent.id.desc())
            .offset(max(offset, 0))
            .limit(max(limit, 0))
        )
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


def count_events(store: Store, actor: Actor, filters: AuditFilter | None = None) -> int:
    """How many events match ``filters``: the pager's total."""
    conditions = (filters or AuditFilter()).conditions()
    with store.transaction() as session:
        return int(session.scalar(select(func.count(AuditEvent.id)).where(*conditions)) or 0)


def audit_choices(store: Store, actor: Actor) -> AuditChoices:
    with store.transaction() as session:

        def distinct(column: InstrumentedAttribute[str]) -> tuple[str, ...]:
            return tuple(session.scalars(select(column).distinct().order_by(column)))

        return AuditChoices(
            usernames=distinct(AuditEvent.username),
            actions=distinct(AuditEvent.action),
            object_types=distinct(AuditEvent.object_type),
        )
