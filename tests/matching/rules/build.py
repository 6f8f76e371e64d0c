"""Small builders shared by the rule tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from matching.rules import Condition, Group, Rule, TravelFacts

DEPARTURE = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def facts(**values: Any) -> TravelFacts:
    """Facts departing at ``DEPARTURE`` unless told otherwise."""
    values.setdefault("departure", DEPARTURE)
    return TravelFacts(**values)


def rule_of(*items: Condition | Group, mode: str = "all", **extra: Any) -> Rule:
    """A valid enabled rule over ``items``."""
    settings: dict[str, Any] = {
        "name": "test rule",
        "weight": 10,
        "rationale": "for the test",
        "enabled": True,
    }
    settings.update(extra)
    return Rule(root=Group(mode, items), **settings)  # type: ignore[arg-type]
