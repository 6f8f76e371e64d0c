"""A traveller's booking as the airline pushed it: what each push carried, "masked" once masked
(:mod:`workstation.services.retention`), and the full record disclosed on approval only, as the PNR
Directive 2016/681 Art. 12(3) allows (permission ``view_masked_data``: password again and a
justification, both audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import (
    Booking,
    BookingContact,
    BookingTraveller,
    BookingVersion,
    Traveller,
)
from workstation.db.store import Store
from workstation.errors import NotFoundError
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.masking import MASKED, masked
from workstation.services.queries import traveller_detail
from workstation.services.users import Approval, require_approval
from workstation.services.views import Actor, TravellerDetail


@dataclass(frozen=True)
class BookingPushView:
    """One push of a traveller's booking: what PNR data it carried, or "masked"."""

    version_id: int
    version_no: int
    push_time: datetime | None
    record_locator: str
    masked: bool
    names: tuple[str, ...]  # "SURNAME/GIVEN NAMES" of each traveller it names
    frequent_flyer: tuple[str, ...]
    contacts: tuple[tuple[str, str], ...]  # (kind, value)
    payments: tuple[dict[str, Any], ...]
    remarks: tuple[str, ...]


@dataclass(frozen=True)
class UnmaskedTraveller:
    """A masked traveller's full record, disclosed on approval."""

    detail: TravellerDetail
    pushes: tuple[BookingPushView, ...]
    justification: str


def booking_pushes(store: Store, actor: Actor, traveller_id: int) -> list[BookingPushView]:
    """The pushes of the traveller's booking on their flight, masked ones reading "masked"."""
    require(actor.role, "view_case_data")
    with store.transaction() as session:
        pushes = _pushes(session, traveller_id, unmasked=False)
        record_event(session, actor, "consult", "booking", [p.version_id for p in pushes])
        return pushes


def unmask_traveller(
    store: Store, actor: Actor, traveller_id: int, approval: Approval | None = None
) -> UnmaskedTraveller:
    """The traveller's data as received, masked or not: needs ``view_masked_data`` approved
    (password again and a justification), recorded with the justification."""
    justification = require_approval(actor, "view_masked_data", approval)
    with store.transaction() as session:
        detail = traveller_detail(session, traveller_id, unmasked=True)
        pushes = _pushes(session, traveller_id, unmasked=True)
        record_event(
            session,
            actor,
            "consult",
            "masked_traveller",
            [traveller_id],
            justification=justification,
            booking_versions=[p.version_id for p in pushes],
        )
    return UnmaskedTraveller(detail, tuple(pushes), justification)


def _pushes(session: Session, traveller_id: int, *, unmasked: bool) -> list[BookingPushView]:
    t = session.get(Traveller, traveller_id)
    if t is None:
        raise NotFoundError(f"Traveller {traveller_id} no longer exists.")
    if t.booking_id is None:
        return []
    versions = session.execute(
        select(BookingVersion, Booking.record_locator)
        .join(Booking, Booking.id == BookingVersion.booking_id)
        .where(BookingVersion.booking_id == t.booking_id, BookingVersion.flight_id == t.flight_id)
        .order_by(BookingVersion.version_no)
    ).all()
    pushes = []
    for v, locator in versions:
        hidden = v.masked_at is not None and not unmasked
        people = session.scalars(
            select(BookingTraveller)
            .where(BookingTraveller.version_id == v.id)
            .order_by(BookingTraveller.id)
        ).all()
        contacts = session.scalars(
            select(BookingContact)
            .where(BookingContact.version_id == v.id)
            .order_by(BookingContact.id)
        ).all()
        pushes.append(
            BookingPushView(
                version_id=v.id,
                version_no=v.version_no,
                push_time=v.push_time,
                record_locator=locator,
                masked=v.masked_at is not None,
                names=tuple(masked(f"{p.surname}/{p.given_names}", hidden) for p in people),
                frequent_flyer=tuple(
                    masked(p.frequent_flyer, hidden) for p in people if p.frequent_flyer
                ),
                contacts=tuple((c.kind, masked(c.value, hidden)) for c in contacts),
                payments=tuple({k: MASKED for k in p} if hidden else dict(p) for p in v.payments),
                remarks=tuple(masked(str(r), hidden) for r in v.remarks),
            )
        )
    return pushes
