"""Applying risk rules to travellers: one rule on one traveller, or a compiled set on many.

Every hit is an indicator for an officer to review, never a decision: a rule adds its weight to
the traveller's risk score and explains which of its conditions held. The runaway guard holds
back a rule that hits too large a share of one flight (a rule that broad targets no one).

    rules = RuleSet(stored_rules, unit_lists)          # validates and compiles once
    hits = rules.evaluate(facts)                        # the rules that held, with reasons
    flight = rules.evaluate_flight(all_facts_on_board)  # hits after the runaway guard
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from matching.rules.compiled import (
    CompiledRule,
    ConditionCheck,
    Join,
    Test,
    compile_rule,
    explanation,
)
from matching.rules.facts import TravelFacts
from matching.rules.model import DEFAULT_MAX_SHARE, Rule
from matching.rules.validation import Lists

DEFAULT_MIN_HITS = 5


@dataclass(frozen=True)
class RuleResult:
    """One rule on one traveller: whether it held, what it adds to the score, and why."""

    held: bool
    score: int
    explanation: tuple[ConditionCheck, ...]


@dataclass(frozen=True)
class RuleHit:
    """A rule that held for a traveller. ``explanation`` is empty when not asked for."""

    rule: str
    version: int
    weight: int
    explanation: tuple[ConditionCheck, ...] = ()


@dataclass(frozen=True)
class FlightHits:
    """A flight's travellers' hits (in the order given) after the runaway guard.

    ``hit_counts`` counts every rule's hits before the guard; ``held_back`` names the rules
    whose hits were withheld from ``hits`` because they hit too many travellers.
    """

    hits: tuple[tuple[RuleHit, ...], ...]
    hit_counts: Mapping[str, int]
    held_back: frozenset[str]


def evaluate(rule: Rule, facts: TravelFacts, lists: Lists) -> RuleResult:
    """Whether ``rule`` holds for ``facts``, whatever its ``enabled`` flag and dates say.

    Raises ``RuleError`` when the rule does not validate against ``lists``.
    """
    compiled = compile_rule(rule, lists)
    lines = explanation(compiled.root, facts)
    held = lines[0].held
    return RuleResult(held, rule.weight if held else 0, lines)


def risk_score(hits: Iterable[RuleHit]) -> int:
    """A traveller's risk score: the sum of the weights of the rules that held."""
    return sum(hit.weight for hit in hits)


def runaway(
    rule_hits_per_rule: Mapping[str, int],
    flight_size: int,
    max_share: float | Mapping[str, float] = DEFAULT_MAX_SHARE,
    *,
    min_hits: int = DEFAULT_MIN_HITS,
) -> set[str]:
    """The rules to hold back on a flight: those hitting more than their ``max_share`` of its
    ``flight_size`` travellers, and at least ``min_hits`` of them (so that one hit on a
    five-seat flight is not "20 %"). ``max_share`` is one share for all or one per rule."""
    held = set()
    for name, count in rule_hits_per_rule.items():
        if isinstance(max_share, Mapping):
            share = max_share.get(name, DEFAULT_MAX_SHARE)
        else:
            share = max_share
        if count >= min_hits and count > share * flight_size:
            held.add(name)
    return held


class RuleSet:
    """Rules validated and compiled once, applied to many travellers.

    Disabled rules are left out unless ``include_disabled`` (for a what-if on drafts). A rule
    applies to travellers whose departure date (UTC) is within its effective dates; a traveller
    with no departure is screened by every rule. Raises ``RuleError`` for an invalid rule and
    ``ValueError`` when two rules share a name.
    """

    def __init__(
        self, rules: Iterable[Rule], lists: Lists, *, include_disabled: bool = False
    ) -> None:
        chosen = [r for r in rules if r.enabled or include_disabled]
        names = [r.name for r in chosen]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise ValueError(f"rule names must be unique: {', '.join(twice)}")
        self._compiled = tuple(compile_rule(rule, lists) for rule in chosen)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(c.rule for c in self._compiled)

    @property
    def trip_windows(self) -> frozenset[int]:
        """The windows (days) for which the caller must count trips in ``trips_in_window``."""
        return frozenset().union(*(c.trip_windows for c in self._compiled))

    def evaluate(self, facts: TravelFacts) -> list[RuleHit]:
        """The rules that held for one traveller, in rule order, with explanations."""
        return self.evaluate_many([facts])[0]

    def evaluate_many(
        self, facts_seq: Sequence[TravelFacts], *, explain: bool = True
    ) -> list[list[RuleHit]]:
        """Each traveller's hits, in the order given. Without ``explain`` the hits carry no
        explanation (much faster for what-if counts over many flights)."""
        hits: list[list[RuleHit]] = [[] for _ in facts_seq]
        for compiled, held in self._held(facts_seq):
            rule = compiled.rule
            if not explain:
                bare = RuleHit(rule.name, rule.version, rule.weight)
                for i in sorted(held):
                    hits[i].append(bare)
                continue
            values = compiled.values
            shared: dict[Hashable, RuleHit] = {}  # travellers with equal values, equal hits
            for i in sorted(held):
                facts = facts_seq[i]
                if values is None:
                    hits[i].append(_explained(compiled, facts))
                    continue
                key = values(facts)
                hit = shared.get(key)
                if hit is None:
                    hit = shared[key] = _explained(compiled, facts)
                hits[i].append(hit)
        return hits

    def count_hits(self, facts_seq: Sequence[TravelFacts]) -> dict[str, int]:
        """How many of the travellers each rule hits (every rule named, 0 included)."""
        return {compiled.rule.name: len(held) for compiled, held in self._held(facts_seq)}

    def evaluate_flight(
        self, facts_seq: Sequence[TravelFacts], *, explain: bool = True
    ) -> FlightHits:
        """One flight's travellers: hits after the runaway guard holds back too-broad rules."""
        hits = self.evaluate_many(facts_seq, explain=explain)
        counts = {c.rule.name: 0 for c in self._compiled}
        for traveller_hits in hits:
            for hit in traveller_hits:
                counts[hit.rule] += 1
        shares = {c.rule.name: c.rule.max_share for c in self._compiled}
        held_back = runaway(counts, len(facts_seq), shares)
        released = tuple(tuple(h for h in th if h.rule not in held_back) for th in hits)
        return FlightHits(released, counts, frozenset(held_back))

    def _held(self, facts_seq: Sequence[TravelFacts]) -> list[tuple[CompiledRule, set[int]]]:
        columns = _Columns(facts_seq)
        return [(c, _select(c.root, columns.effective(c), columns)) for c in self._compiled]


def _explained(compiled: CompiledRule, facts: TravelFacts) -> RuleHit:
    rule = compiled.rule
    return RuleHit(rule.name, rule.version, rule.weight, explanation(compiled.root, facts))


class _Columns:
    """The travellers' values field by field, read once each when first needed."""

    def __init__(self, facts_seq: Sequence[TravelFacts]) -> None:
        self.facts = facts_seq
        self.size = len(facts_seq)
        self._cache: dict[str, list[Any]] = {}
        self._days: list[int | None] | None = None

    def get(self, field: str) -> list[Any]:
        column = self._cache.get(field)
        if column is None:
            column = self._cache[field] = list(map(attrgetter(field), self.facts))
        return column

    def effective(self, compiled: CompiledRule) -> set[int] | None:
        """The travellers a dated rule applies to; None (all) for a rule without dates."""
        first, last = compiled.first_day, compiled.last_day
        if first is None and last is None:
            return None
        if self._days is None:
            self._days = [_day(f) for f in self.facts]
        low, high = first or 0, last or 10**9
        return {i for i, day in enumerate(self._days) if day is None or low <= day <= high}


def _day(facts: TravelFacts) -> int | None:
    return facts.departure.date().toordinal() if facts.departure else None


def _select(node: Test | Join, candidates: set[int] | None, columns: _Columns) -> set[int]:
    """The travellers among ``candidates`` (None: all) for whom ``node`` holds."""
    if isinstance(node, Test):
        column, predicate = columns.get(node.field), node.predicate
        if candidates is None:
            return {i for i, value in enumerate(column) if predicate(value)}
        return {i for i in candidates if predicate(column[i])}
    if not node.any:
        for item in node.items:
            candidates = _select(item, candidates, columns)
            if not candidates:
                return set()
        return candidates if candidates is not None else set(range(columns.size))
    found: set[int] = set()
    for item in node.items:
        found |= _select(item, candidates, columns)
    return found
