"""Risk rules as plain values: conditions on ``TravelFacts`` fields, grouped with all/any.

A rule is pre-determined and written by people: it never changes itself. Whether it may be used
is checked by ``matching.rules.validation.validate``; stored as JSON by ``matching.rules.codec``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeAlias

OPERATORS = (
    "equals",
    "not_equals",
    "in_list",
    "not_in_list",
    "between",
    "less_than",
    "greater_than",
    "at_most",
    "at_least",
    "before",
    "after",
    "count_at_least",
    "is_true",
    "is_false",
    "contains_any",
)

DEFAULT_MAX_SHARE = 0.2


@dataclass(frozen=True)
class ListRef:
    """A named list kept by the unit ("source countries"), resolved when rules are compiled."""

    name: str


Value: TypeAlias = "str | int | float | bool | date | datetime | ListRef | tuple[Value, ...] | None"
"""What a condition compares with. By operator:

* ``equals``, ``not_equals``, ``less_than``, ``greater_than``, ``at_most``, ``at_least``:
  one number (or, for ``equals`` on text fields, one text);
* ``before``, ``after``: a ``date`` or a timezone-aware ``datetime``, as the field holds;
* ``between``: a pair ``(low, high)``, both ends included;
* ``in_list``, ``not_in_list``, ``contains_any``: a ``ListRef`` or a tuple of texts;
* ``count_at_least``: a pair ``(trips, window_days)``;
* ``is_true``, ``is_false``: None.
"""


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    value: Value = None


@dataclass(frozen=True)
class Group:
    """All of (``mode="all"``) or any of (``mode="any"``) the items hold."""

    mode: Literal["all", "any"]
    items: tuple[Condition | Group, ...]


@dataclass(frozen=True)
class Rule:
    """A targeting rule. It adds ``weight`` to a traveller's risk score when ``root`` holds.

    ``version`` counts edits (the store keeps every version; a hit names the version that fired).
    ``rationale`` says why the pattern points to a risk, for the supervisor who reviews it.
    The rule applies to flights departing from ``effective_from`` to ``effective_until``
    (both included, either open). ``max_share`` is the runaway guard: when a rule hits more
    than this share of one flight's travellers its hits on that flight are held back.
    """

    name: str
    weight: int
    root: Group
    version: int = 1
    description: str = ""
    rationale: str = ""
    owner: str = ""
    effective_from: date | None = None
    effective_until: date | None = None
    enabled: bool = False
    max_share: float = DEFAULT_MAX_SHARE

    @property
    def list_names(self) -> frozenset[str]:
        """The named lists this rule refers to."""
        return frozenset(_list_names(self.root))

    def conditions(self) -> Iterator[Condition]:
        """The conditions depth first: the order validation messages number them in."""
        return iter_conditions(self.root)


def iter_conditions(group: Group) -> Iterator[Condition]:
    for item in group.items:
        if isinstance(item, Group):
            yield from iter_conditions(item)
        else:
            yield item


def _list_names(group: Group) -> Iterator[str]:
    for condition in iter_conditions(group):
        if isinstance(condition.value, ListRef):
            yield condition.value.name
