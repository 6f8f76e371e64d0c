"""Validation messages a supervisor can act on, numbered by condition and group."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import pytest

from matching.rules import (
    Condition,
    Group,
    ListRef,
    RuleError,
    RuleSet,
    Value,
    evaluate,
    validate,
)
from tests.matching.rules.build import facts, rule_of

LISTS = {"source countries": {"COL"}}


def problems_of(*items: Condition | Group, **extra: Any) -> list[str]:
    return validate(rule_of(*items, **extra), LISTS)


def test_a_valid_rule_has_no_problems() -> None:
    assert problems_of(Condition("one_way", "is_true")) == []


def test_a_field_that_does_not_exist_is_named_with_the_condition_number() -> None:
    problems = problems_of(
        Condition("one_way", "is_true"),
        Group("any", (Condition("stay_days", "at_most", 3), Condition("meal", "equals", "MOML"))),
    )
    assert problems == ["condition 3: field 'meal' does not exist"]


def test_an_undefined_list_is_named() -> None:
    problems = problems_of(Condition("route_countries", "contains_any", ListRef("transit")))
    assert problems == ["condition 1: list 'transit' is not defined"]


def test_a_rule_whose_list_was_removed_no_longer_compiles() -> None:
    rule = rule_of(Condition("route_countries", "contains_any", ListRef("source countries")))
    assert validate(rule, LISTS) == []
    with pytest.raises(RuleError) as caught:
        RuleSet([rule], {})
    assert caught.value.problems == ("condition 1: list 'source countries' is not defined",)
    with pytest.raises(RuleError, match="is not defined"):
        evaluate(rule, facts(), {})


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        (Condition("stay_days", "between", 3), "operator 'between' needs two values"),
        (Condition("stay_days", "between", (1, 2, 3)), "operator 'between' needs two values"),
        (Condition("stay_days", "between", (5, 1)), "operator 'between' needs the low value first"),
        (Condition("stay_days", "between", (1, "x")), "operator 'between' needs a number"),
        (Condition("stay_days", "less_than", "3"), "operator 'less_than' needs a number"),
        (Condition("stay_days", "less_than", True), "operator 'less_than' needs a number"),
        (Condition("stay_days", "less_than", float("nan")), "operator 'less_than' needs a number"),
        (Condition("carrier", "equals", " "), "operator 'equals' needs a text value"),
        (Condition("one_way", "is_true", 1), "operator 'is_true' takes no value"),
        (
            Condition("nationality", "in_list", ()),
            "operator 'in_list' needs a named list or at least one text value",
        ),
        (
            Condition("trips_in_window", "count_at_least", (3, 0)),
            "operator 'count_at_least' needs two whole numbers of 1 or more: trips and window days",
        ),
        (
            Condition("document_expiry", "before", datetime(2025, 1, 1, tzinfo=UTC)),
            "operator 'before' needs a date",
        ),
        (
            Condition("departure", "after", datetime(2025, 1, 1)),
            "operator 'after' needs a date and time with a time zone",
        ),
        (
            Condition("one_way", "between", (1, 2)),
            "operator 'between' cannot be used with field 'one_way' (use is_true, is_false)",
        ),
        (Condition("stay_days", "roughly", 3), "operator 'roughly' does not exist"),
    ],
)
def test_a_wrong_value_or_operator_is_explained(condition: Condition, problem: str) -> None:
    assert problems_of(condition) == [f"condition 1: {problem}"]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"weight": 0}, "weight must be 1..100"),
        ({"weight": 101}, "weight must be 1..100"),
        ({"weight": 10.5}, "weight must be 1..100"),
        ({"name": "  "}, "name is empty"),
        ({"version": 0}, "version must be 1 or more"),
        ({"rationale": ""}, "rationale is empty: say why this pattern points to a risk"),
        ({"max_share": 0.0}, "max_share must be more than 0 and at most 1"),
        ({"max_share": 1.5}, "max_share must be more than 0 and at most 1"),
        (
            {"effective_from": date(2025, 2, 1), "effective_until": date(2025, 1, 1)},
            "effective_from is after effective_until",
        ),
    ],
)
def test_rule_settings_out_of_range_are_explained(changes: dict[str, object], problem: str) -> None:
    rule = dataclasses.replace(rule_of(Condition("one_way", "is_true")), **changes)  # type: ignore[arg-type]
    assert validate(rule, LISTS) == [problem]


def test_groups_are_numbered_and_an_empty_group_is_a_problem() -> None:
    problems = problems_of(Condition("one_way", "is_true"), Group("any", ()))
    assert problems == ["group 2: has no conditions"]
    bad_mode = Group("some", (Condition("one_way", "is_true"),))  # type: ignore[arg-type]
    assert problems_of(bad_mode) == ["group 2: mode 'some' must be 'all' or 'any'"]


def test_every_problem_is_reported_at_once() -> None:
    value: Value = (1,)
    problems = validate(
        rule_of(
            Condition("meal", "equals", "x"), Condition("stay_days", "between", value), weight=0
        ),
        LISTS,
    )
    assert problems == [
        "weight must be 1..100",
        "condition 1: field 'meal' does not exist",
        "condition 2: operator 'between' needs two values",
    ]
