"""The audit trail: every import, screening, consultation, decision, interdiction and export."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.db.auditseal import add_event, iter_records, read_head, workstation_name
from workstation.db.models import AuditEvent
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.security.auditchain import ChainHead, ChainReport, verify
from workstation.security.roles import require
from workstation.services.report import Period
from workstation.services.views import Actor, AuditEventView


def record_event(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    object_ids: Iterable[int | str] = (),
    *,
    justification: str = "",
    **details: Any,
) -> None:
    """Add an audit event to the caller's transaction, so it lands with the change it records.

    The event is sealed into the keyed chain when the transaction flushes
    (:mod:`workstation.db.auditseal`). ``details`` name objects and counts, never the content
    of a traveller's or an entry's data.
    """
    add_event(
        session,
        AuditEvent(
            at=utcnow(),
            user_id=actor.user_id,
            username=actor.username,
            role=actor.role,
            workstation=workstation_name(),
            action=action,
            object_type=object_type,
            object_ids=list(object_ids),
            justification=justification,
            details=details,
            mac="",
        ),
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
    """The events matching ``filters``, newest first, one page of ``limit`` from ``offset``.

    Reading the trail is itself a consultation: the first page is audited with the filters
    used (names of actions and users, no event's content).
    """
    require(actor.role, "view_audit")
    chosen = filters or AuditFilter()
    conditions = chosen.conditions()
    with store.transaction() as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(*conditions)
            .order_by(AuditEvent.id.desc())
            .offset(max(offset, 0))
            .limit(max(limit, 0))
        ).all()
        views = [
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
        if offset <= 0:
            record_event(
                session,
                actor,
                "consult",
                "audit_trail",
                [],
                period=chosen.period.text(),
                for_user=chosen.username or "",
                for_action=chosen.action or "",
                for_object_type=chosen.object_type or "",
                shown=len(views),
            )
        return views


def count_events(store: Store, actor: Actor, filters: AuditFilter | None = None) -> int:
    """How many events match ``filters``: the pager's total."""
    require(actor.role, "view_audit")
    conditions = (filters or AuditFilter()).conditions()
    with store.transaction() as session:
        return int(session.scalar(select(func.count(AuditEvent.id)).where(*conditions)) or 0)


def audit_choices(store: Store, actor: Actor) -> AuditChoices:
    """The users, actions and object types found in the trail, for the filters' choices."""
    require(actor.role, "view_audit")
    with store.transaction() as session:

        def distinct(column: InstrumentedAttribute[str]) -> tuple[str, ...]:
            return tuple(session.scalars(select(column).distinct().order_by(column)))

        return AuditChoices(
            usernames=distinct(AuditEvent.username),
            actions=distinct(AuditEvent.action),
            object_types=distinct(AuditEvent.object_type),
        )


@dataclass(frozen=True)
class ChainCheck:
    """``audit verify``'s answer: the chain's report, and what was compared with what."""

    report: ChainReport
    legacy_events: int  # written before the chain began (migration 0006), not chained
    stored_head: ChainHead
    anchor: ChainHead | None

    @property
    def ok(self) -> bool:
        return self.report.ok

    def describe(self) -> str:
        """What to print: where the chain breaks and why, or what was checked."""
        checked = f"{self.report.checked} chained event(s)"
        if self.legacy_events:
            checked += f" (and {self.legacy_events} written before the chain began)"
        if not self.report.ok:
            where = f"at event #{self.report.first_bad_id}: " if self.report.first_bad_id else ""
            return f"audit chain BROKEN {where}{self.report.problem} ({checked} checked before)."
        against = " against the kept head" if self.anchor is not None else ""
        return f"audit chain intact{against}: {checked}. {self.report.head.describe()}"


def chain_head(store: Store) -> ChainHead:
    """The chain's head as the store records it: printed in exports, kept in the anchor file."""
    with store.transaction() as session:
        return read_head(session)


def chain_head_now(session: Session) -> ChainHead:
    """The head including the events added so far in ``session`` (they are sealed first).

    What a disclosed file prints: read in the disclosure's own transaction, so it names the
    event that records the disclosure and no later one.
    """
    session.flush()
    return read_head(session)


def verify_chain(
    store: Store, actor: Actor, *, anchor: ChainHead | None = None, audit: bool = True
) -> ChainCheck:
    """Check every event's MAC in order, the stored head, and the kept head when given.

    An edited, deleted, inserted or reordered event breaks a MAC; events cut from the end are
    caught by the head kept outside the store (``anchor``) and by the stored head. The check
    itself is recorded (consultation of the audit trail).
    """
    require(actor.role, "verify_audit")
    key = store.keys.audit
    with store.transaction() as session:
        stored = read_head(session)
        records = iter_records(session)
        legacy = 0
        first = next(records, None)
        while first is not None and not first.mac:
            legacy += 1
            first = next(records, None)
        chained = itertools.chain([first] if first is not None else [], records)
        report = verify(chained, key, anchor=anchor)
        if report.ok and report.head.count != stored.count:
            problem = (
                f"the store's head says {stored.count} chained events but {report.head.count} "
                "were found: events were removed from its end"
            )
            report = replace(report, ok=False, problem=problem, first_bad_id=report.head.last_id)
        elif report.ok and report.head.last_mac != stored.last_mac:
            problem = "the store's head does not end with the last event's MAC"
            report = replace(report, ok=False, problem=problem, first_bad_id=report.head.last_id)
    if audit:
        with store.transaction() as session:
            record_event(
                session,
                actor,
                "verify_audit",
                "audit_chain",
                [],
                result="intact" if report.ok else "broken",
                checked=report.checked,
            )
    return ChainCheck(report, legacy, stored, anchor)
