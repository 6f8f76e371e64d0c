"""A store of real PNR and API files for the rule tests, and small rule builders."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from matching.rules import Condition, Group, Rule
from tests.conftest import FIXTURES
from workstation.db.models import Traveller
from workstation.db.store import Store
from workstation.services.imports import import_passenger_files
from workstation.services.views import Actor
from workstation.services.whatif import try_on_traveller

PNR_FILES = (
    FIXTURES / "pnrgov" / "ju211_full_push.edi",
    FIXTURES / "pnrgov" / "ju211_changes_push.edi",
    FIXTURES / "paxlst" / "ju211_d05b_passengers.edi",
    FIXTURES / "pnrgov" / "ju211_custom_una.edi",
)
AFTER_JU211 = datetime(2026, 11, 24, tzinfo=UTC)  # JU211 departs 2026-11-23 03:35 UTC


def import_ju211(store: Store, actor: Actor) -> None:
    """JU211 IST-BEG: four bookings (PNR, two pushes of one) and the API message, 15 travellers."""
    for path in PNR_FILES:
        import_passenger_files(store, actor, [path])


def rule(*items: Condition | Group, name: str = "test rule", **extra: Any) -> Rule:
    settings: dict[str, Any] = {"weight": 10, "rationale": "for the test", "owner": "unit"}
    settings.update(extra)
    return Rule(name=name, root=Group("all", items), **settings)


def traveller_ids(store: Store) -> dict[str, int]:
    """'SURNAME GIVEN' -> id, for travellers named once."""
    with store.transaction() as session:
        rows = session.execute(select(Traveller.surname, Traveller.given_names, Traveller.id))
        found: dict[str, list[int]] = {}
        for surname, given, tid in rows:
            found.setdefault(f"{surname} {given}", []).append(tid)
    return {name: ids[0] for name, ids in found.items() if len(ids) == 1}


def held_for(store: Store, actor: Actor, tried: Rule) -> set[str]:
    """The travellers (named once) for whom ``tried`` holds, tried one by one."""
    return {
        name
        for name, tid in traveller_ids(store).items()
        if try_on_traveller(store, actor, tried, tid).held
    }
