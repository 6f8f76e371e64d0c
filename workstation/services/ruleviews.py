"""What the rule services hand back: frozen values, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workstation.services.views import IndicatorLine

LIST_KINDS = ("countries", "airports", "agencies")


@dataclass(frozen=True)
class RuleStatistics:
    """A rule's hits over all its versions: raised for review, and how officers decided them.

    ``hits`` counts every hit put to review (held-back hits are counted apart)."""

    hits: int = 0
    open: int = 0
    confirmed: int = 0
    dismissed: int = 0
    escalated: int = 0
    held_back: int = 0


@dataclass(frozen=True)
class RuleSummary:
    """One line of the rules list: the rule's current version and its statistics."""

    id: int
    name: str
    version: int
    enabled: bool
    weight: int
    owner: str
    description: str
    rationale: str
    effective_from: date | None
    effective_until: date | None
    statistics: RuleStatistics
    problems: tuple[str, ...] = ()  # why it cannot be enabled now (a list removed...)


@dataclass(frozen=True)
class RuleListView:
    """A named list rules may refer to: countries (alpha-3), airports (IATA) or agencies."""

    name: str
    kind: str
    items: tuple[str, ...]
    used_by: tuple[str, ...] = ()  # the rules (current versions) that refer to it


@dataclass(frozen=True)
class HeldBackNotice:
    """A rule held back on a flight by the runaway guard: too many of its travellers hit."""

    rule: str
    version: int
    flight_id: int
    flight: str  # designator
    departure: datetime | None
    hits: int
    travellers: int


@dataclass(frozen=True)
class WhatIf:
    """A rule tried on the stored travellers of the last ``days`` days, no hit written.

    ``flights`` pairs a flight ("JU211 2026-11-23") with the travellers the rule hits on it;
    ``later_confirmed`` counts those an officer flagged for control (by any hit).
    ``held_back`` names the flights on which the runaway guard would hold the rule back.
    """

    rule: str
    days: int
    travellers: int
    hit_count: int
    flights: tuple[tuple[str, int], ...]
    later_confirmed: int
    held_back: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleTest:
    """A rule on one stored traveller: whether it held, and each condition plainly."""

    traveller_id: int
    traveller: str  # "SURNAME, Given (JU211 2026-11-23)"
    held: bool
    lines: tuple[IndicatorLine, ...]
