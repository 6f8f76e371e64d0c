"""How much a name token tells: its built-in weight (common names weigh less, see
:mod:`matching.lexicon`), lowered further when the token is frequent in the list being screened.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from matching.normalize import Token
from matching.units import ParsedName, Unit

_MIN_ENTRIES = 200  # lists smaller than this say nothing reliable about frequency
_MIN_COUNT = 5
_RARE_SHARE = 0.002  # a token in fewer than 0.2 % of entries keeps its full weight
_FLOOR = 0.25
_UNIT_CACHE_LIMIT = 500_000  # unit weights kept (the cache is emptied when it reaches this)


class Rarity:
    """Token weights, optionally informed by token counts in a list (one count per entry)."""

    def __init__(self, counts: Counter[str] | None = None, total: int = 0) -> None:
        self._counts: Counter[str] = counts if counts is not None else Counter()
        self._total = total
        self._cache: dict[str, float] = {}
        self._unit_cache: dict[str, float] = {}

    @classmethod
    def from_names(cls, names_per_entry: Iterable[Iterable[ParsedName]]) -> Rarity:
        """Count, per skeleton, the entries whose names contain it."""
        counts: Counter[str] = Counter()
        total = 0
        for names in names_per_entry:
            total += 1
            keys: set[str] = set()
            for name in names:
                for unit in name.base:
                    keys |= unit.merged.skeletons
            counts.update(keys)
        return cls(counts, total)

    def token_weight(self, tok: Token) -> float:
        """The token's built-in weight, capped by its frequency in the list."""
        if self._total < _MIN_ENTRIES or tok.kind != "word":
            return tok.weight
        cached = self._cache.get(tok.text)
        if cached is not None:
            return cached
        count = max((self._counts.get(s, 0) for s in tok.skeletons), default=0)
        weight = tok.weight
        share = count / self._total
        if count >= _MIN_COUNT and share > _RARE_SHARE:
            weight = min(weight, max(_FLOOR, 1.0 - 0.25 * math.log10(share / _RARE_SHARE)))
        self._cache[tok.text] = weight
        return weight

    def unit_weight(self, unit: Unit) -> float:
        """A compound weighs what its parts weigh together (cached by the unit's text, which
        names its tokens: ``AL MASRI``)."""
        cached = self._unit_cache.get(unit.text)
        if cached is not None:
            return cached
        weight = sum(self.token_weight(t) for t in unit.tokens)
        if len(self._unit_cache) >= _UNIT_CACHE_LIMIT:
            self._unit_cache.clear()
        self._unit_cache[unit.text] = weight
        return weight


DEFAULT_RARITY = Rarity()
