"""What rules may see (and may not), and the starting library of indicator templates."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest

from matching.rules import (
    FIELDS,
    OPERATORS,
    OPERATORS_BY_KIND,
    TEMPLATE_LISTS,
    TEMPLATES,
    RuleSet,
    TravelFacts,
    template,
    validate,
)
from tests.matching.rules.build import facts

PROTECTED_WORDS = (
    "ethnic",
    "race",
    "racial",
    "religio",
    "faith",
    "health",
    "medical",
    "disab",
    "sex",
    "orientation",
    "politic",
    "union",
    "meal",
    "diet",
    "ssr",
    "remark",
    "osi",
)


def test_no_field_names_or_labels_a_protected_characteristic() -> None:
    words = [f.name for f in dataclasses.fields(TravelFacts)]
    words += [spec.label for spec in FIELDS.values()]
    offending = [w for w in words for bad in PROTECTED_WORDS if bad in w.lower()]
    assert offending == []


def test_the_registry_lists_every_fact_a_rule_may_see_and_nothing_else() -> None:
    fact_names = {f.name for f in dataclasses.fields(TravelFacts)} - {"key"}
    assert set(FIELDS) == fact_names
    assert all(spec.name == name for name, spec in FIELDS.items())


def test_every_operator_applies_to_some_kind_of_field() -> None:
    used = {op for ops in OPERATORS_BY_KIND.values() for op in ops}
    assert used == set(OPERATORS)


def test_codes_are_normalised_as_rules_compare_them() -> None:
    traveller = facts(
        origin=" beg ",
        carrier="ju",
        route_countries=frozenset({"srb ", "col", ""}),
        payment_forms=frozenset({"CASH"}),
        agency_code="",
    )
    assert traveller.origin == "BEG"
    assert traveller.carrier == "JU"
    assert traveller.route_countries == {"SRB", "COL"}
    assert traveller.payment_forms == {"cash"}
    assert traveller.agency_code is None


def test_departure_is_held_in_utc_and_must_carry_a_time_zone() -> None:
    belgrade = timezone(timedelta(hours=1))
    traveller = TravelFacts(departure=datetime(2025, 3, 15, 0, 30, tzinfo=belgrade))
    assert traveller.departure == datetime(2025, 3, 14, 23, 30, tzinfo=UTC)
    assert traveller.departure is not None and traveller.departure.day == 14
    with pytest.raises(ValueError, match="timezone-aware"):
        TravelFacts(departure=datetime(2025, 3, 15))


def test_travel_facts_are_frozen_and_hashable() -> None:
    traveller = facts(trips_in_window={30: 2})
    with pytest.raises(dataclasses.FrozenInstanceError):
        traveller.age = 3  # type: ignore[misc]
    assert hash(traveller) == hash(facts(trips_in_window={30: 2}))
    assert traveller == facts(trips_in_window={30: 2})


def test_every_template_is_valid_disabled_and_justified() -> None:
    lists: dict[str, set[str]] = {name: set() for name in TEMPLATE_LISTS}
    assert len(TEMPLATES) == 13
    assert len({t.name for t in TEMPLATES}) == len(TEMPLATES)
    for rule in TEMPLATES:
        assert validate(rule, lists) == [], rule.name
        assert rule.enabled is False
        assert len(rule.rationale) > 40 and rule.description
        assert 1 <= rule.weight <= 50
    assert RuleSet(TEMPLATES, {}).rules == ()


def test_templates_need_the_units_lists_before_they_can_be_switched_on() -> None:
    route = dataclasses.replace(template("Route via a source or transit country"), enabled=True)
    assert validate(route, {}) == [
        "condition 1: list 'source countries' is not defined",
        "condition 2: list 'transit countries' is not defined",
    ]
    with pytest.raises(KeyError):
        template("Ethnic origin")
