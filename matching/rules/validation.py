"""Whether a rule may be used: every problem in words a supervisor can act on.

Conditions are numbered depth first from 1 and groups likewise (the whole rule is group 1),
so a message reads "condition 3: field 'meal' does not exist".
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Mapping
from datetime import date, datetime

from matching.rules.facts import FIELDS, FieldSpec, Kind
from matching.rules.model import OPERATORS, Condition, Group, ListRef, Rule, Value

Lists = Mapping[str, Collection[str]]


class RuleError(ValueError):
    """A rule that fails validation was given to be compiled."""

    def __init__(self, rule: str, problems: list[str]) -> None:
        super().__init__(f"rule '{rule}': " + "; ".join(problems))
        self.rule = rule
        self.problems = tuple(problems)


def validate(rule: Rule, lists: Lists) -> list[str]:
    """Every problem with ``rule`` given the unit's named ``lists``; empty when it may be used."""
    problems = list(_rule_problems(rule))
    groups = 0
    conditions = 0
    for item in _walk(rule.root):
        if isinstance(item, Group):
            groups += 1
            problems += [f"group {groups}: {p}" for p in _group_problems(item)]
        else:
            conditions += 1
            problems += [f"condition {conditions}: {p}" for p in condition_problems(item, lists)]
    return problems


def condition_problems(condition: Condition, lists: Lists) -> list[str]:
    """The problems with one condition, without its number."""
    spec = FIELDS.get(condition.field)
    if spec is None:
        return [f"field '{condition.field}' does not exist"]
    operator = condition.operator
    if operator not in OPERATORS:
        return [f"operator '{operator}' does not exist"]
    if operator not in spec.operators:
        allowed = ", ".join(spec.operators)
        return [f"operator '{operator}' cannot be used with field '{spec.name}' (use {allowed})"]
    return _value_problems(spec, operator, condition.value, lists)


def _rule_problems(rule: Rule) -> Iterator[str]:
    if not rule.name.strip():
        yield "name is empty"
    if not (_is_whole(rule.version) and rule.version >= 1):
        yield "version must be 1 or more"
    if not (_is_whole(rule.weight) and 1 <= rule.weight <= 100):
        yield "weight must be 1..100"
    if not rule.rationale.strip():
        yield "rationale is empty: say why this pattern points to a risk"
    if not (isinstance(rule.max_share, int | float) and 0 < rule.max_share <= 1):
        yield "max_share must be more than 0 and at most 1"
    if rule.effective_from and rule.effective_until and rule.effective_from > rule.effective_until:
        yield "effective_from is after effective_until"


def _walk(group: Group) -> Iterator[Condition | Group]:
    yield group
    for item in group.items:
        if isinstance(item, Group):
            yield from _walk(item)
        else:
            yield item


def _group_problems(group: Group) -> Iterator[str]:
    if group.mode not in ("all", "any"):
        yield f"mode '{group.mode}' must be 'all' or 'any'"
    if not group.items:
        yield "has no conditions"


def _value_problems(spec: FieldSpec, operator: str, value: Value, lists: Lists) -> list[str]:
    need = f"operator '{operator}'"
    if operator in ("is_true", "is_false"):
        return [] if value is None else [f"{need} takes no value"]
    if operator in ("in_list", "not_in_list", "contains_any"):
        if isinstance(value, ListRef):
            return [] if value.name in lists else [f"list '{value.name}' is not defined"]
        if isinstance(value, tuple) and value and all(_is_text(v) for v in value):
            return []
        return [f"{need} needs a named list or at least one text value"]
    if operator == "count_at_least":
        if isinstance(value, tuple) and len(value) == 2 and all(_is_count(v) for v in value):
            return []
        return [f"{need} needs two whole numbers of 1 or more: trips and window days"]
    if operator == "between":
        if not isinstance(value, tuple) or len(value) != 2:
            return [f"{need} needs two values"]
        low, high = value
        problem = _scalar_problem(spec.kind, low) or _scalar_problem(spec.kind, high)
        if problem:
            return [f"{need} needs {problem}"]
        if low > high:  # type: ignore[operator]  # same kind, checked above
            return [f"{need} needs the low value first"]
        return []
    problem = _scalar_problem(spec.kind, value)
    return [f"{need} needs {problem}"] if problem else []


def _scalar_problem(kind: Kind, value: Value) -> str | None:
    """What kind of value is needed, or None when ``value`` is one."""
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        return None if ok else "a number"
    if kind == "text":
        return None if _is_text(value) else "a text value"
    if kind == "date":
        ok = isinstance(value, date) and not isinstance(value, datetime)
        return None if ok else "a date"
    if kind == "datetime":
        ok = isinstance(value, datetime) and value.utcoffset() is not None
        return None if ok else "a date and time with a time zone"
    return "no value"


def _is_text(value: Value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_count(value: Value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1
