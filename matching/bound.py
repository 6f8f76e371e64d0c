"""Upper bounds of a pair's score from what the index knows before scoring it, so that screening
a large list hands the scorer only entries that can reach the threshold.

For a traveller unit (a word or a compound), the index knows every list unit that can pair with it
(those sharing a key: only they may align, see :func:`matching.names.compare_names`) and so the
most the unit can add to the matched weight (``best``: similarity times pair weight). An entry name
sharing keys only with units S of the traveller's name then has

    gained <= G = free + sum of best over S       (free: initials and particles, never keyed)
    similarity <= G / (G + SURPLUS_COST * max(left_t, left_e))
    score <= NAME_POINTS * similarity * sqrt(min(1, G)) + most the other evidence can add

where left_t is the weight of the traveller's words no unit of S covers and left_e the entry
name's own weight less the most S can pair with. Both grow as S shrinks, so the bound is monotone
in S and an entry name needs some *seed set* of units whose bound reaches the threshold.

The names that pass get the same bound from the entry's side as well. An alignment pairs each of
the name's tokens once, through one of its units (the token itself or a compound holding it), so
what a unit can get is shared out over the tokens it covers, by their weights, and each token
counts the most any of its units gives it: G is also at most free plus the sum, over the name's
tokens, of those; the entry weight S can pair at most the weight of the tokens some unit pairing
with S covers; and the traveller weight an alignment pairs is at most the sum, over the name's
tokens, of the share of the heaviest traveller unit their units can pair with, so left_t is at
least the traveller's word weight less that. Each traveller word that can pair with the name's
one IVAN then no longer counts as paired (IVANO, YVANOV), nor does an entry's article count once
per compound it makes (AL MASRI, AL MOHAMMED).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.names import SURPLUS_COST
from matching.score import NAME_POINTS
from matching.vocabulary import IntArray

_MAX_ENUMERATED = 9  # more units than this: seed sets are single units (still exact, looser)
_MAX_SEED_SIZE = 3


@dataclass(frozen=True, slots=True)
class UnitBound:
    """What one traveller unit can contribute: ``best`` matched weight, split over its base
    ``parts`` in proportion to their weights (an alignment covers each part once), and the
    heaviest list unit it can pair with (``entry_weight``); ``fractions`` are the parts' shares of
    the unit's weight, which split what it adds to a particular name the same way."""

    parts: frozenset[int]
    best: float
    entry_weight: float
    shares: tuple[tuple[int, float], ...]
    fractions: tuple[tuple[int, float], ...]

    def lift(self, per_part: npt.NDArray[np.float64], values: npt.NDArray[Any]) -> None:
        """Raise each of this unit's parts (rows of ``per_part``, a column per name) to its share
        of ``values`` (per name, what the unit gives it)."""
        for part, share in self.fractions:
            np.maximum(
                per_part[part], values if share == 1.0 else share * values, out=per_part[part]
            )


def unit_bound(
    parts: frozenset[int], best: float, entry_weight: float, part_weights: list[float]
) -> UnitBound:
    total = sum(part_weights[i] for i in parts)
    fractions = tuple(
        (i, part_weights[i] / total if total > 0 else 1.0 / len(parts)) for i in sorted(parts)
    )
    shares = tuple((i, best * f) for i, f in fractions)
    return UnitBound(parts, best, entry_weight, shares, fractions)


def name_points_bound(gained: float, left_over: float) -> float:
    """The most name points a pair with at most ``gained`` matched weight and at least
    ``left_over`` weight unmatched (either side) can score."""
    if gained <= 0.0:
        return 0.0
    similarity = gained / (gained + SURPLUS_COST * left_over)
    return NAME_POINTS * similarity * math.sqrt(min(1.0, gained))


class SeedPlanner:
    """Finds the seed sets of a traveller's units for a number of name points needed.

    ``base`` is the weight each base token leaves over when unpaired (0 for initials, particles,
    titles); ``free`` the most each of those never-keyed tokens can add."""

    def __init__(self, units: list[UnitBound], base: list[float], free: list[float]) -> None:
        self.units = units
        self.base = base
        self.free = free

    def free_rows(self, count: int) -> npt.NDArray[np.float64]:
        """Per base part (a row), for ``count`` names (columns), what it adds paired with none of
        them: the most its token can add if never keyed (``free``), else 0."""
        return np.repeat(np.array(self.free, dtype=np.float64)[:, None], count, axis=1)

    def points(self, chosen: tuple[int, ...]) -> float:
        """The bound of an entry name pairing only with the ``chosen`` units."""
        per_part = list(self.free)
        covered: set[int] = set()
        for i in chosen:
            covered |= self.units[i].parts
            for part, share in self.units[i].shares:
                per_part[part] = max(per_part[part], share)
        left = sum(w for i, w in enumerate(self.base) if i not in covered)
        return name_points_bound(sum(per_part), left)

    def seeds(self, needed: float) -> list[tuple[int, ...]]:
        """Sets of unit indices such that every entry name that can score ``needed`` name points
        pairs with all units of at least one of them."""
        k = len(self.units)
        everything = tuple(range(k))
        if k == 0 or self.points(everything) < needed:
            return []
        if k > _MAX_ENUMERATED:
            return [(i,) for i in everything]
        found: list[tuple[int, ...]] = []
        for size in range(1, min(_MAX_SEED_SIZE, k) + 1):
            for combo in combinations(everything, size):
                if any(set(f) <= set(combo) for f in found):
                    continue
                if self.points(combo) >= needed:
                    found.append(combo)
                elif size == _MAX_SEED_SIZE and k > size:
                    # a larger set of units may qualify: every such set holds this triple
                    found.append(combo)
        return found


class PerToken:
    """Spreads per-unit values of names (flat, each name's units starting at ``begins``, base
    tokens first) over the names' base tokens: each token gets the most any unit covering it
    gives it, a compound's value shared out over its kept tokens (see
    :data:`matching.vocabulary.PARTS_KEPT`) by their ``weights``. A plain token, or a compound
    with no token kept, keeps its value where it stands."""

    def __init__(
        self, parts: npt.NDArray[np.int8], begins: IntArray, weights: npt.NDArray[np.float64]
    ) -> None:
        self._compounds = np.flatnonzero(parts[:, 0] >= 0)
        compound_parts = parts[self._compounds]
        self._kept = compound_parts >= 0
        first = begins[np.searchsorted(begins, self._compounds, side="right") - 1]
        slots = first[:, None] + np.where(self._kept, compound_parts, 0)
        part_weights = np.where(self._kept, weights[slots], 0.0)
        total = part_weights.sum(axis=1, keepdims=True)
        even = self._kept / self._kept.sum(axis=1, keepdims=True)
        self._shares = np.where(total > 0, part_weights / np.where(total > 0, total, 1.0), even)
        self._slots = slots[self._kept]

    def most(self, values: npt.NDArray[Any], *, split: bool = True) -> npt.NDArray[np.float64]:
        """Per flat position, the most of ``values`` any unit gives the token standing there
        (shared out by weight, or whole unless ``split``); 0 where a compound stands."""
        most = values.astype(np.float64)
        if len(self._compounds):
            theirs = most[self._compounds]
            most[self._compounds] = 0.0
            spread = theirs[:, None] * self._shares if split else theirs[:, None] * self._kept
            np.maximum.at(most, self._slots, spread[self._kept])
        return most


@dataclass(frozen=True, slots=True)
class NameRows:
    """Per traveller unit (a row) and per unit of some list names (a column; each name's units
    side by side, from ``begins``, ``lengths`` of them): what the two can gain paired (0 where
    they cannot pair) and the pair's weight."""

    gains: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]
    begins: IntArray
    lengths: IntArray

    def of(self, names: npt.NDArray[np.bool_]) -> NameRows:
        """The columns of the names picked by ``names``."""
        picked = np.repeat(names, self.lengths)
        lengths = self.lengths[names]
        begins = np.cumsum(lengths) - lengths
        return NameRows(self.gains[:, picked], self.weights[:, picked], begins, lengths)

    def most_beyond(
        self, rho: npt.NDArray[np.float64], planner: SeedPlanner
    ) -> npt.NDArray[np.float64]:
        """Per name, a bound of ``sum((s - rho) * w)`` over the pairs of any alignment (``rho``
        per name; see matching.narrowing.NameNarrowing._alike_enough)."""
        per_part = planner.free_rows(len(self.begins))
        if not len(self.begins):
            none: npt.NDArray[np.float64] = per_part.sum(axis=0)
            return none
        beyond = self.gains - np.repeat(rho, self.lengths)[None, :] * self.weights
        per_unit = np.maximum.reduceat(np.maximum(beyond, 0.0), self.begins, axis=1)
        for unit, bound in enumerate(planner.units):
            bound.lift(per_part, per_unit[unit])
        most: npt.NDArray[np.float64] = per_part.sum(axis=0)
        return most
