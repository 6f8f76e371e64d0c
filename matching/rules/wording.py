"""Conditions and values in plain English for the officer's explanation pane.

``describe`` turns a valid condition into a line ("Booked before departure is less than 48
hours"); ``shower`` gives the function that renders a traveller's actual value ("36 hours",
"CASH, CARD", "unknown").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, cast

from matching.rules.facts import FIELDS, FieldSpec
from matching.rules.model import Condition, ListRef

UNKNOWN = "unknown"

_PHRASES = {
    "equals": "is",
    "not_equals": "is not",
    "less_than": "is less than",
    "greater_than": "is more than",
    "at_most": "is at most",
    "at_least": "is at least",
    "before": "is before",
    "after": "is after",
}


def describe(condition: Condition) -> str:
    """One line for a condition that passed validation."""
    spec = FIELDS[condition.field]
    op, value = condition.operator, condition.value
    if op == "is_true":
        return f"{spec.label}: yes"
    if op == "is_false":
        return f"{spec.label}: no"
    if op == "count_at_least" and isinstance(value, tuple):
        trips, days = value
        return f"{spec.label}: at least {trips} in {days} days"
    if op == "between" and isinstance(value, tuple):
        low, high = value
        return f"{spec.label} is between {_plain(spec, low)} and {_plain(spec, high)}"
    if op == "contains_any":
        if isinstance(value, ListRef):
            return f"{spec.label}: any on list '{value.name}'"
        return f"{spec.label}: any of {_plain(spec, value)}"
    if op in ("in_list", "not_in_list"):
        verb = "is" if op == "in_list" else "is not"
        if isinstance(value, ListRef):
            return f"{spec.label} {verb} on list '{value.name}'"
        return f"{spec.label} {verb} one of {_plain(spec, value)}"
    return f"{spec.label} {_PHRASES[op]} {_plain(spec, value)}"


def shower(spec: FieldSpec, condition: Condition) -> Callable[[Any], str]:
    """How to show a traveller's value of ``spec``'s field plainly, for ``condition``'s line.

    None reads "unknown", an empty set of codes "none", a trip window not counted "unknown".
    """
    if spec.kind == "trips":
        window = cast(tuple[int, int], condition.value)[1]
        return lambda counts: _trips(counts.get(window), window)
    if spec.kind == "codes":
        return lambda codes: ", ".join(sorted(codes)) if codes else "none"
    if spec.kind == "flag":
        return lambda flag: UNKNOWN if flag is None else ("yes" if flag else "no")
    if spec.kind == "number":
        return _number_shower(spec.unit)
    return lambda value: UNKNOWN if value is None else _plain(spec, value)


def _number_shower(unit: str) -> Callable[[Any], str]:
    one = unit[:-1] if unit.endswith("s") else unit

    def number(value: int | float | None) -> str:
        if value is None:
            return UNKNOWN
        text = _number(value)
        if not unit:
            return text
        return f"{text} {one}" if value == 1 else f"{text} {unit}"

    return number


def _trips(count: int | None, window: int) -> str:
    if count is None:
        return UNKNOWN
    return f"{count} trip in {window} days" if count == 1 else f"{count} trips in {window} days"


def _plain(spec: FieldSpec, value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return _with_unit(_number(value), spec.unit, value == 1)
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(_plain(spec, v) for v in value)
    return str(value)


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    text = format(value, ".2f").rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _with_unit(number: str, unit: str, single: bool) -> str:
    if not unit:
        return number
    if single and unit.endswith("s"):
        unit = unit[:-1]
    return f"{number} {unit}"
