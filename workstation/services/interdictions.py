"""Interdictions: what happened when a traveller was controlled."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from workstation.db.models import Interdiction, Traveller
from workstation.db.store import Store
from workstation.errors import InvalidInputError, NotFoundError
from workstation.services.audit import record_event
from workstation.services.queries import interdiction_views
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
    validate(data)
    with store.transaction() as session:
        if session.get(Traveller, traveller_id) is None:
            raise NotFoundError(f"Traveller {traveller_id} no longer exists.")
        row = Interdiction(
            traveller_id=traveller_id,
            user_id=actor.user_id,
            outcome=data.outcome,
            commodity=data.commodity,
            quantity=data.quantity,
            unit=data.unit,
            concealment=data.concealment,
            agencies=list(data.agencies),
            arrest=data.arrest or data.outcome == "arrest",
            case_reference=data.case_reference.strip(),
            notes=data.notes.strip(),
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
