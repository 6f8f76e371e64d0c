"""The audit trail as a keyed hash chain: each event's MAC covers its fields and the MAC before.

``mac(n) = HMAC-SHA256(audit key, mac(n-1) || canonical(event n))``, with 32 zero bytes
before the first event. Without the audit key nobody can edit, delete, insert or reorder
events and recompute the MACs; dropping events from the end leaves a valid shorter chain,
which :func:`verify` detects against a :class:`ChainHead` kept elsewhere (exports, keyring).

Events must be chained in id order, one writer at a time (on PostgreSQL the next session must
serialise appends, for instance with ``LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE``).
Ids may have gaps (a PostgreSQL sequence skips on rollback): the MACs, not the ids, prove
that nothing is missing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

GENESIS = bytes(32)


@dataclass(frozen=True)
class EventRecord:
    """One audit event as the chain sees it; ``mac`` is the stored MAC (empty before sealing)."""

    id: int
    at: datetime
    user: str
    role: str
    workstation: str
    action: str
    object_type: str
    object_ids: tuple[int | str, ...] = ()
    justification: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)
    mac: bytes = b""


@dataclass(frozen=True)
class ChainHead:
    """The chain's end, kept apart from the table: how many events, the last id and MAC."""

    count: int
    last_id: int | None
    last_mac: bytes

    def describe(self) -> str:
        """One line for an export's footer or the audit window."""
        if self.count == 0:
            return "Audit chain: empty."
        return f"Audit chain: {self.count} events, last #{self.last_id}, MAC {self.last_mac.hex()}."


EMPTY_HEAD = ChainHead(0, None, GENESIS)


@dataclass(frozen=True)
class ChainReport:
    """The outcome of :func:`verify`: ``ok``, or the first event found wrong and why."""

    ok: bool
    first_bad_id: int | None
    problem: str
    checked: int
    head: ChainHead


def _utc_text(moment: datetime) -> str:
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.isoformat(timespec="microseconds")


def canonical(event: EventRecord) -> bytes:
    """The bytes the MAC covers: sorted-key compact JSON in UTF-8, time in UTC to the µs."""
    fields = {
        "id": event.id,
        "at": _utc_text(event.at),
        "user": event.user,
        "role": event.role,
        "workstation": event.workstation,
        "action": event.action,
        "object_type": event.object_type,
        "object_ids": list(event.object_ids),
        "justification": event.justification,
        "details": dict(event.details),
    }
    text = json.dumps(
        fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def link(key: bytes, prev_mac: bytes, event_fields: bytes) -> bytes:
    """The MAC of an event whose canonical bytes are ``event_fields``, after ``prev_mac``."""
    return hmac.new(key, prev_mac + event_fields, hashlib.sha256).digest()


def seal(key: bytes, event: EventRecord, after: ChainHead = EMPTY_HEAD) -> EventRecord:
    """``event`` with its MAC, appended after the chain ending at ``after``."""
    return replace(event, mac=link(key, after.last_mac, canonical(event)))


def seal_all(
    key: bytes, events: Iterable[EventRecord], after: ChainHead = EMPTY_HEAD
) -> list[EventRecord]:
    """Every event sealed in order (for a chain started over existing events, and tests)."""
    sealed: list[EventRecord] = []
    current = after
    for event in events:
        sealed.append(seal(key, event, current))
        current = advance(current, sealed[-1])
    return sealed


def advance(current: ChainHead, event: EventRecord) -> ChainHead:
    """The head after appending ``event`` (already sealed)."""
    return ChainHead(current.count + 1, event.id, event.mac)


def head(events: Iterable[EventRecord], after: ChainHead = EMPTY_HEAD) -> ChainHead:
    """The head of a chain as stored (not verified): count, last id and last MAC."""
    current = after
    for event in events:
        current = advance(current, event)
    return current


def _mismatch(event: EventRecord, previous_id: int | None) -> str:
    if previous_id is not None and event.id != previous_id + 1:
        return (
            f"event #{event.id} does not follow #{previous_id}: the events between were "
            "deleted or moved, or this event was altered"
        )
    return f"event #{event.id} was altered, or an event before it was deleted"


def _check_anchor(anchor: ChainHead, current: ChainHead, mac_at_anchor: bytes | None) -> str:
    if current.count < anchor.count:
        return (
            f"the chain has {current.count} events but the kept head says {anchor.count}: "
            "events were removed from its end"
        )
    if mac_at_anchor is None or not hmac.compare_digest(mac_at_anchor, anchor.last_mac):
        return (
            f"event number {anchor.count} does not end with the kept head's MAC: "
            "the chain was rewritten"
        )
    return ""


def verify(
    events: Iterable[EventRecord],
    key: bytes,
    *,
    anchor: ChainHead | None = None,
    start: ChainHead = EMPTY_HEAD,
) -> ChainReport:
    """Check every MAC in id order; with ``anchor``, also that nothing was cut from the end.

    ``events`` are read once, in the order given (the store's id order). ``start`` is the head
    before the first event given, for a chain checked from a known point.
    """
    current = start
    mac_at_anchor = start.last_mac if anchor is not None and anchor.count == start.count else None
    for event in events:
        if current.last_id is not None and event.id <= current.last_id:
            problem = f"event #{event.id} comes after #{current.last_id}: events were reordered"
            return ChainReport(False, event.id, problem, current.count - start.count, current)
        expected = link(key, current.last_mac, canonical(event))
        if not hmac.compare_digest(expected, event.mac):
            problem = _mismatch(event, current.last_id)
            return ChainReport(False, event.id, problem, current.count - start.count, current)
        current = advance(current, event)
        if anchor is not None and current.count == anchor.count:
            mac_at_anchor = event.mac
    checked = current.count - start.count
    if anchor is not None:
        problem = _check_anchor(anchor, current, mac_at_anchor)
        if problem:
            return ChainReport(False, current.last_id, problem, checked, current)
    return ChainReport(True, None, "", checked, current)
