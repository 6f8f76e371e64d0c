"""Rules survive storage as JSON exactly; stored text that is not a rule is refused clearly."""

from __future__ import annotations

import json
from datetime import UTC, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.rules import (
    OPERATORS,
    SCHEMA_VERSION,
    TEMPLATES,
    Condition,
    Group,
    ListRef,
    Rule,
    RuleFormatError,
    Value,
    rule_from_json,
    rule_to_json,
    validate,
)

texts = st.text(st.characters(codec="utf-8"), max_size=12)
scalars: st.SearchStrategy[Value] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
    st.builds(ListRef, texts),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))])),
)
values: st.SearchStrategy[Value] = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3).map(tuple), max_leaves=6
)
conditions = st.builds(
    Condition, st.one_of(texts, st.just("stay_days")), st.sampled_from(OPERATORS), values
)
groups: st.SearchStrategy[Group] = st.recursive(
    st.builds(Group, st.sampled_from(["all", "any"]), st.lists(conditions, max_size=3).map(tuple)),
    lambda inner: st.builds(
        Group,
        st.sampled_from(["all", "any"]),
        st.lists(st.one_of(conditions, inner), max_size=3).map(tuple),
    ),
    max_leaves=8,
)
rules = st.builds(
    Rule,
    name=texts,
    weight=st.integers(-5, 200),
    root=groups,
    version=st.integers(1, 10**6),
    description=texts,
    rationale=texts,
    owner=texts,
    effective_from=st.none() | st.dates(),
    effective_until=st.none() | st.dates(),
    enabled=st.booleans(),
    max_share=st.floats(0, 1),
)


@given(rules)
def test_any_rule_reads_back_equal_from_its_json(rule: Rule) -> None:
    text = rule_to_json(rule)
    assert json.loads(text)["schema"] == SCHEMA_VERSION
    assert rule_from_json(text) == rule


def test_templates_read_back_equal_from_their_json() -> None:
    for rule in TEMPLATES:
        assert rule_from_json(rule_to_json(rule)) == rule


def test_a_stored_rule_naming_a_removed_field_reads_but_fails_validation() -> None:
    stored = {
        "schema": SCHEMA_VERSION,
        "name": "old rule",
        "version": 3,
        "weight": 20,
        "rationale": "written before the field was removed",
        "root": {"mode": "all", "items": [{"field": "meal", "operator": "equals", "value": "x"}]},
    }
    rule = rule_from_json(json.dumps(stored))
    assert rule.enabled is False
    assert rule.max_share == 0.2
    assert validate(rule, {}) == ["condition 1: field 'meal' does not exist"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ("[]", "a rule must be a JSON object"),
        ('{"schema": 99}', "rule schema 99 is not 1"),
        ('{"schema": 1, "weight": 5}', "'name' is missing"),
        ('{"schema": 1, "name": "r", "version": 1, "weight": "5"}', "'weight' must be int"),
        ('{"schema": 1, "name": "r", "version": true, "weight": 5}', "'version' must be int"),
        (
            '{"schema": 1, "name": "r", "version": 1, "weight": 5, "root": {"mode": "all"}}',
            "root: a group needs 'mode' and a list of 'items'",
        ),
        (
            '{"schema": 1, "name": "r", "version": 1, "weight": 5, '
            '"root": {"mode": "all", "items": [{"field": "age"}]}}',
            "root.1: neither a condition nor a group",
        ),
        (
            '{"schema": 1, "name": "r", "version": 1, "weight": 5, "effective_from": "soon",'
            '"root": {"mode": "all", "items": []}}',
            "'effective_from' is not a date",
        ),
        (
            '{"schema": 1, "name": "r", "version": 1, "weight": 5, "root": {"mode": "all", '
            '"items": [{"field": "age", "operator": "equals", "value": {"date": "x"}}]}}',
            "root.1: Invalid isoformat",
        ),
    ],
)
def test_text_that_is_not_a_rule_is_refused_with_where_and_why(text: str, message: str) -> None:
    with pytest.raises(RuleFormatError, match=message):
        rule_from_json(text)
