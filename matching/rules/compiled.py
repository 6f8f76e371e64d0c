"""Rules compiled once for fast use: each condition becomes a predicate on one field's value.

Named lists become frozensets and codes are normalised as the facts hold them. An unknown value
(None, or a trip window the caller did not count) never makes a condition hold, whichever the
operator, including ``not_equals`` and ``not_in_list``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple, cast

from matching.rules.facts import FIELDS, FieldSpec, TravelFacts
from matching.rules.model import Condition, Group, ListRef, Rule, Value
from matching.rules.validation import Lists, RuleError, validate
from matching.rules.wording import describe, shower

Predicate = Callable[[Any], bool]


class ConditionCheck(NamedTuple):
    """One line of an explanation: a condition (or an all/any group) and whether it held.

    ``actual`` is the traveller's value shown plainly ("36 hours", "unknown"); for a group it
    says how many of its items held. ``depth`` is the nesting level, 0 for the whole rule.
    """

    text: str
    held: bool
    actual: str
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Test:
    field: str
    predicate: Predicate
    text: str  # the condition in words
    display: Callable[[Any], str]  # the traveller's value in words


@dataclass(frozen=True, slots=True)
class Join:
    any: bool
    items: tuple[Test | Join, ...]
    text: str  # "all of:" or "any of:"


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    root: Join
    first_day: int | None  # effective_from as an ordinal, or None
    last_day: int | None
    trip_windows: frozenset[int]
    # the values a traveller's explanation depends on, to share explanations between
    # travellers with the same values; None when a trip count is among them
    values: Callable[[TravelFacts], Hashable] | None


def compile_rule(rule: Rule, lists: Lists) -> CompiledRule:
    """Compile a rule; raise ``RuleError`` listing its problems when it is not valid."""
    problems = validate(rule, lists)
    if problems:
        raise RuleError(rule.name, problems)
    windows = frozenset(
        cast(tuple[int, int], c.value)[1]  # validated: (trips, window days)
        for c in rule.conditions()
        if c.operator == "count_at_least"
    )
    return CompiledRule(
        rule=rule,
        root=_join(rule.root, lists),
        first_day=rule.effective_from.toordinal() if rule.effective_from else None,
        last_day=rule.effective_until.toordinal() if rule.effective_until else None,
        trip_windows=windows,
        values=None if windows else attrgetter(*{c.field: 0 for c in rule.conditions()}),
    )


def explanation(root: Join, facts: TravelFacts) -> tuple[ConditionCheck, ...]:
    """Every group and condition of a compiled rule on one traveller's facts, depth first;
    the first line is the whole rule's."""
    lines: list[ConditionCheck] = []
    _explain(root, facts, 0, lines)
    return tuple(lines)


def _explain(node: Join, facts: TravelFacts, depth: int, lines: list[ConditionCheck]) -> bool:
    at = len(lines)
    lines.append(_PENDING)
    held_count = 0
    inner = depth + 1
    for item in node.items:
        if isinstance(item, Test):
            value = getattr(facts, item.field)
            held = item.predicate(value)
            lines.append(ConditionCheck(item.text, held, item.display(value), inner))
        else:
            held = _explain(item, facts, inner, lines)
        held_count += held
    size = len(node.items)
    held = held_count > 0 if node.any else held_count == size
    lines[at] = ConditionCheck(node.text, held, f"{held_count} of {size} held", depth)
    return held


_PENDING = ConditionCheck("", False, "")


def _join(group: Group, lists: Lists) -> Join:
    items = tuple(
        _join(item, lists) if isinstance(item, Group) else _test(item, lists)
        for item in group.items
    )
    return Join(group.mode == "any", items, f"{group.mode} of:")


def _test(condition: Condition, lists: Lists) -> Test:
    spec = FIELDS[condition.field]
    predicate = _predicate(spec, condition.operator, condition.value, lists)
    return Test(condition.field, predicate, describe(condition), shower(spec, condition))


def _predicate(spec: FieldSpec, op: str, value: Value, lists: Lists) -> Predicate:
    if op == "is_true":
        return lambda v: v is True
    if op == "is_false":
        return lambda v: v is False
    if op in ("in_list", "not_in_list", "contains_any"):
        members = _members(spec, value, lists)
        if op == "in_list":
            return lambda v: v in members
        if op == "not_in_list":
            return lambda v: v is not None and v not in members
        return lambda v: not members.isdisjoint(v)
    if op == "count_at_least":
        trips, days = cast(tuple[int, int], value)  # validated
        return lambda v: v.get(days, -1) >= trips
    if op == "between":
        low, high = (_normal(spec, v) for v in cast(tuple[Value, Value], value))
        return lambda v: v is not None and low <= v <= high
    return _comparison(op, _normal(spec, value))


def _comparison(op: str, x: Any) -> Predicate:
    if op == "equals":
        return lambda v: v is not None and v == x
    if op == "not_equals":
        return lambda v: v is not None and v != x
    if op in ("less_than", "before"):
        return lambda v: v is not None and v < x
    if op in ("greater_than", "after"):
        return lambda v: v is not None and v > x
    if op == "at_most":
        return lambda v: v is not None and v <= x
    if op == "at_least":
        return lambda v: v is not None and v >= x
    raise AssertionError(f"operator {op!r} passed validation but has no predicate")


def _members(spec: FieldSpec, value: Value, lists: Lists) -> frozenset[Any]:
    if isinstance(value, ListRef):
        source: Collection[Any] = lists[value.name]
    else:
        source = cast(tuple[str, ...], value)  # validated: texts
    return frozenset(_normal(spec, v) for v in source)


def _normal(spec: FieldSpec, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if spec.case == "upper":
            return value.upper()
        if spec.case == "lower":
            return value.lower()
    return value
