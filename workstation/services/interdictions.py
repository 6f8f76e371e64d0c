"""Interdictions: what happened when a traveller was controlled.

A traveller may have several. An interdiction can be corrected: every edit keeps the values it
replaced, who edited and when (see :mod:`workstation.services.revisions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from workstation.db.models import Interdiction, InterdictionRevision, Traveller, User
from workstation.db.store import Store
from workstation.errors import InvalidInputError, NotFoundError
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.queries import interdiction_views
from workstation.services.revisions import snapshot
from workstation.services.views import Actor, InterdictionView
from workstation.services.vocabulary import AGENCIES, COMMODITIES, CONCEALMENTS, OUTCOMES, UNITS


@dataclass(frozen=True)
class InterdictionInput:
    outcome: str
    commodity: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None  # a code of UNITS, or a currency code for cash
    concealment: str | None = None
    agencies: tuple[str, ...] = field(default=())
    arrest: bool = False
    case_reference: str = ""
    notes: str = ""


def validate(data: InterdictionInput) -> None:
    """Refuse an incomplete or inconsistent record with a message saying what to fix."""
    _check_code("outcome", data.outcome, OUTCOMES)
    if data.commodity is not None:
        _check_code("commodity", data.commodity, COMMODITIES)
    if data.concealment is not None:
        _check_code("concealment method", data.concealment, CONCEALMENTS)
    for agency in data.agencies:
        _check_code("agency", agency, AGENCIES)
    if data.outcome == "seizure" and data.commodity is None:
        raise InvalidInputError("A seizure needs the commodity seized.")
    if data.quantity is not None:
        if data.quantity <= 0:
            raise InvalidInputError("The quantity must be greater than zero.")
        if not data.unit:
            raise InvalidInputError("Give the unit of the quantity (g, kg, pieces, or a currency).")
        is_currency = len(data.unit) == 3 and data.unit.isalpha() and data.unit.isupper()
        if data.commodity == "cash" and not is_currency:
            raise InvalidInputError("Cash is counted in a currency: give its code, e.g. EUR.")
        if data.commodity != "cash" and data.unit not in UNITS:
            raise InvalidInputError(f"Unknown unit {data.unit!r}; use one of {', '.join(UNITS)}.")


def _check_code(what: str, code: str, choices: dict[str, str]) -> None:
    if code not in choices:
        raise InvalidInputError(f"Unknown {what} {code!r}; choose one of {', '.join(choices)}.")


def record_interdiction(
    store: Store, actor: Actor, traveller_id: int, data: InterdictionInput
) -> InterdictionView:
    require(actor.role, "record_interdiction")
    validate(data)
    with store.transaction() as session:
        if session.get(Traveller, traveller_id) is None:
            raise NotFoundError(f"Traveller {traveller_id} no longer exists.")
        clean = _normalised(data)
        row = Interdiction(
            traveller_id=traveller_id,
            user_id=actor.user_id,
            outcome=clean.outcome,
            commodity=clean.commodity,
            quantity=clean.quantity,
            unit=clean.unit,
            concealment=clean.concealment,
            agencies=list(clean.agencies),
            arrest=clean.arrest,
            case_reference=clean.case_reference,
            notes=clean.notes,
        )
        session.add(row)
        session.flush()
        record_event(
            session,
            actor,
            "record_interdiction",
            "interdiction",
            [row.id],
            traveller=traveller_id,
            outcome=data.outcome,
        )
        return next(v for v in interdiction_views(session, traveller_id) if v.id == row.id)


def input_of(view: InterdictionView) -> InterdictionInput:
    """The editable values of a stored interdiction (to fill the edit dialog)."""
    return InterdictionInput(
        outcome=view.outcome,
        commodity=view.commodity,
        quantity=view.quantity,
        unit=view.unit,
        concealment=view.concealment,
        agencies=view.agencies,
        arrest=view.arrest,
        case_reference=view.case_reference,
        notes=view.notes,
    )


def edit_interdiction(
    store: Store, actor: Actor, interdiction_id: int, data: InterdictionInput
) -> InterdictionView:
    """Correct an interdiction; the values replaced are kept as a revision."""
    require(actor.role, "record_interdiction")
    validate(data)
    with store.transaction() as session:
        row = session.get(Interdiction, interdiction_id, with_for_update=True)
        if row is None:
            raise NotFoundError(f"Interdiction {interdiction_id} no longer exists.")
        if input_of(_view_of(row)) == _normalised(data):
            raise InvalidInputError("Nothing was changed.")
        recorded_by = session.get_one(User, row.user_id).username
        session.add(
            InterdictionRevision(
                interdiction_id=row.id, user_id=actor.user_id, previous=snapshot(row, recorded_by)
            )
        )
        row.outcome, row.commodity, row.quantity = data.outcome, data.commodity, data.quantity
        row.unit, row.concealment, row.agencies = data.unit, data.concealment, list(data.agencies)
        row.arrest = data.arrest or data.outcome == "arrest"
        row.case_reference, row.notes = data.case_reference.strip(), data.notes.strip()
        session.flush()
        record_event(
            session,
            actor,
            "edit_interdiction",
            "interdiction",
            [row.id],
            traveller=row.traveller_id,
            outcome=data.outcome,
        )
        return next(v for v in interdiction_views(session, row.traveller_id) if v.id == row.id)


def _normalised(data: InterdictionInput) -> InterdictionInput:
    return InterdictionInput(
        outcome=data.outcome,
        commodity=data.commodity,
        quantity=data.quantity,
        unit=data.unit,
        concealment=data.concealment,
        agencies=tuple(data.agencies),
        arrest=data.arrest or data.outcome == "arrest",
        case_reference=data.case_reference.strip(),
        notes=data.notes.strip(),
    )


def _view_of(row: Interdiction) -> InterdictionView:
    return InterdictionView(
        id=row.id,
        traveller_id=row.traveller_id,
        outcome=row.outcome,
        commodity=row.commodity,
        quantity=row.quantity,
        unit=row.unit,
        concealment=row.concealment,
        agencies=tuple(row.agencies),
        arrest=row.arrest,
        case_reference=row.case_reference,
        notes=row.notes,
        username="",
        recorded_at=row.recorded_at,
    )
