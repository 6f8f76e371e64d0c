"""Sealing audit events into the keyed hash chain as they are written.

Every new :class:`AuditEvent` of a transaction is given its id and MAC at flush, after the
transaction has taken the chain's head row for writing: a no-op UPDATE of ``audit_chain_head``
comes first, so on SQLite the transaction holds the write lock (or fails, changing nothing)
before it reads the head, and on PostgreSQL the row lock queues concurrent writers until commit.
Two workstations therefore never chain two events after the same MAC.

The head row holds the count, last id and last MAC as the store sees them. It is not an
anchor against truncation (whoever edits the table can edit the row); the anchor is kept
outside the store (:class:`AnchorFile`, and the head printed in every supervisor export).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from workstation.db.models import AuditChainHead, AuditEvent
from workstation.security.auditchain import ChainHead, EventRecord, advance, link
from workstation.security.auditchain import canonical as canonical_bytes

log = logging.getLogger(__name__)

_AUDIT_KEY = "audit_key"
_SEALED = "audit_sealed_head"
_ORDER = "audit_order"


def workstation_name() -> str:
    """This computer's name, recorded with every event."""
    return os.environ.get("WORKSTATION_NAME") or socket.gethostname() or "unknown"


def record_of(event_row: AuditEvent) -> EventRecord:
    """The chain's view of a stored event."""
    return EventRecord(
        id=event_row.id,
        at=event_row.at,
        user=event_row.username,
        role=event_row.role,
        workstation=event_row.workstation,
        action=event_row.action,
        object_type=event_row.object_type,
        object_ids=tuple(event_row.object_ids),
        justification=event_row.justification,
        details=dict(event_row.details),
        mac=bytes.fromhex(event_row.mac) if event_row.mac else b"",
    )


def read_head(session: Session) -> ChainHead:
    """The chain's head as the store records it."""
    row = session.get(AuditChainHead, 1)
    if row is None or row.count == 0:
        return ChainHead(0, None, bytes(32))
    return ChainHead(row.count, row.last_id, bytes.fromhex(row.last_mac))


def _seal_new_events(session: Session, _context: Any, _instances: Any) -> None:
    new = [obj for obj in session.new if isinstance(obj, AuditEvent) and not obj.mac]
    if not new:
        return
    key: bytes = session.info[_AUDIT_KEY]
    # take the head for writing before reading it (see the module's docstring)
    session.execute(
        update(AuditChainHead).where(AuditChainHead.id == 1).values(count=AuditChainHead.count)
    )
    current = read_head(session)
    if current.last_id is None:
        # the first chained event follows any event written before the chain began
        last_legacy = session.scalar(select(func.max(AuditEvent.id)))
        current = ChainHead(0, last_legacy, current.last_mac)
    order: list[AuditEvent] = session.info.get(_ORDER, [])
    position = {id(obj): n for n, obj in enumerate(order)}
    for obj in sorted(new, key=lambda o: position.get(id(o), len(order))):
        obj.id = (current.last_id or 0) + 1
        obj.mac = link(key, current.last_mac, canonical_bytes(record_of(obj))).hex()
        current = advance(current, record_of(obj))
    session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == 1)
        .values(count=current.count, last_id=current.last_id, last_mac=current.last_mac.hex())
    )
    session.info[_SEALED] = current
    session.info[_ORDER] = []


def add_event(session: Session, event_row: AuditEvent) -> None:
    """Add an unsealed event to the session; it is sealed, in the order added, at flush."""
    session.info.setdefault(_ORDER, []).append(event_row)
    session.add(event_row)


def install(sessions: sessionmaker[Session], audit_key: bytes) -> None:
    """Seal audit events in every session the factory makes, with ``audit_key``."""
    sessions.configure(info={_AUDIT_KEY: audit_key})
    event.listen(sessions, "before_flush", _seal_new_events)


def sealed_head(session: Session) -> ChainHead | None:
    """The head after this session's last sealing, if it sealed any event."""
    head: ChainHead | None = session.info.get(_SEALED)
    return head


@dataclass(frozen=True)
class AnchorFile:
    """The chain head kept outside the store, so cutting events from the end shows.

    A small JSON file rewritten atomically after each commit that added events. It is not
    secret: it holds counts and a MAC, never an event's content.
    """

    path: Path

    def read(self) -> ChainHead | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return ChainHead(int(data["count"]), data["last_id"], bytes.fromhex(data["last_mac"]))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{self.path}: not an audit chain head ({exc})") from exc

    def write(self, head: ChainHead, holds: Callable[[ChainHead], bool] | None = None) -> None:
        """Keep ``head`` unless the kept head is later (another workstation wrote it meanwhile)
        or ``holds(kept)`` says the store no longer holds the kept head's last event as it was
        (events were cut or changed): then the kept head stays, as evidence for verify."""
        kept = self.read_quietly()
        if kept is not None and kept.count > head.count:
            return
        if kept is not None and holds is not None and not holds(kept):
            log.warning(
                "the audit head in %s is no longer in the store; it is kept for verification",
                self.path,
            )
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"count": head.count, "last_id": head.last_id, "last_mac": head.last_mac.hex()}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".audit-head-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)

    def read_quietly(self) -> ChainHead | None:
        try:
            return self.read()
        except ValueError:
            return None


def holds(session: Session, head: ChainHead) -> bool:
    """Whether the store still holds ``head``'s last event with that MAC (an empty head is
    held by any store)."""
    if head.count == 0 or head.last_id is None:
        return True
    mac = session.scalar(select(AuditEvent.mac).where(AuditEvent.id == head.last_id))
    return mac is not None and mac == head.last_mac.hex()


def iter_records(session: Session, *, batch: int = 2000) -> Iterator[EventRecord]:
    """Every stored event in id order, read in batches."""
    last = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            return
        for row in rows:
            yield record_of(row)
        last = rows[-1].id
        session.expunge_all()
