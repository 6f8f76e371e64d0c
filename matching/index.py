"""The candidate index: built once from the entries, it hands the screener only the entries whose
score can reach the threshold, so nobody is compared with the whole list.

Keys per unit (see :mod:`matching.units`): its skeletons and their one-letter deletions, its
consonant skeleton and that one's deletions, one-letter deletions of its spellings, its name-variant
group, the prefixes of its spellings (so a truncated traveller token finds the full one); entry
initials under their letter; each document number. Two units may align in a scored pair only if
they share a key (:func:`matching.names.compare_names`), so the keys find every list unit a
traveller's word can pair with. :mod:`matching.bound` then bounds the score of each list name from
which of the traveller's words it can pair with, and only names whose bound reaches the threshold
are scored: a common word alone (MOHAMMED, JOVANOVIC) no longer hands out every entry holding it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.bound import SeedPlanner, unit_bound
from matching.evidence import (
    DOB_CONFLICT_FAR,
    DOB_CONFLICT_NEAR,
    DOB_EXACT,
    DOB_ONE_YEAR_OFF,
    DOB_YEAR_MONTH,
    NATIONALITY_AGREES,
    document_key,
)
from matching.likeness import fuzzy_bounds
from matching.model import ListedPerson, Person
from matching.names import (
    _INITIAL,
    _INITIAL_WEIGHT,
    FUZZY_FLOOR,
    FUZZY_GRADE,
    SURPLUS_COST,
    _similarity,
)
from matching.rarity import Rarity
from matching.score import NAME_POINTS
from matching.units import ParsedName, Unit
from matching.vocabulary import INITIAL_KEY, IntArray, Vocabulary

_DOC_MIN_LEN = 5
_SLACK = 0.06  # scores are rounded to 0.1: a bound this far under the threshold may still alert
_CACHE_LIMIT = 50_000  # pairings kept (a few hundred bytes each)
_POSTINGS_CACHE_BYTES = 128 * 2**20  # posting unions kept, by the size of their arrays
_MASK_UNION_MIN = 200_000  # postings this long are united through a boolean mask, not a sort


def _doc_keys(documents: Sequence[str]) -> set[str]:
    keys = {document_key(d) for d in documents}
    return {k for k in keys if len(k) >= _DOC_MIN_LEN}


@dataclass(frozen=True)
class _Pairing:
    """The list units one traveller unit can pair with, the most it adds to the matched weight,
    and the heaviest of those list units."""

    vocab: tuple[int, ...]
    best: float
    top: float


def _years(
    entries: Sequence[ListedPerson],
) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int16], npt.NDArray[np.bool_]]:
    """Per entry: earliest and latest year of birth (0: none), whether any date is full."""
    lo = np.zeros(len(entries), dtype=np.int16)
    hi = np.zeros(len(entries), dtype=np.int16)
    full = np.zeros(len(entries), dtype=bool)
    for i, e in enumerate(entries):
        if e.birth_dates:
            years = [d.year for d in e.birth_dates]
            lo[i], hi[i] = min(years), max(years)
            full[i] = any(d.is_full for d in e.birth_dates)
    return lo, hi, full


class CandidateIndex:
    """The entries' names in compact arrays, searched by traveller."""

    def __init__(
        self,
        entries: Sequence[ListedPerson],
        thresholds: npt.NDArray[np.float32],
    ) -> None:
        vocab = Vocabulary()
        self._documents: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            vocab.add_entry(position, entry.names)
            for key in _doc_keys(entry.documents):
                self._documents.setdefault(key, []).append(position)
        self.rarity = Rarity(vocab.skeleton_counts, len(entries))
        self._vocab = vocab.freeze(self.rarity)
        self._thresholds = thresholds
        self._min_threshold = float(np.min(thresholds)) if len(entries) else 0.0
        self._year_lo, self._year_hi, self._full_date = _years(entries)
        self._max_unit_weight = float(self._vocab.weights.max(initial=1.0))
        self._pairings: OrderedDict[str, _Pairing] = OrderedDict()
        self._postings: OrderedDict[str, IntArray] = OrderedDict()
        self._postings_bytes = 0
        self._size = len(entries)

    def __len__(self) -> int:
        return self._size

    @property
    def key_count(self) -> int:
        return len(self._vocab.key_hashes)

    def _pairing(self, unit: Unit) -> _Pairing:
        """Cached per unit text: the list units sharing a key with it and scoring above 0."""
        found = self._pairings.get(unit.text)
        if found is not None:
            self._pairings.move_to_end(unit.text)
            return found
        mine = self.rarity.unit_weight(unit)
        vocab: list[int] = []
        best = top = 0.0
        for vid, sim, verdict in self._pairable(unit):
            theirs = float(self._vocab.weights[vid])
            pair = (mine + theirs) / 2 * (_INITIAL_WEIGHT if verdict == "initial" else 1.0)
            vocab.append(vid)
            best, top = max(best, sim * pair), max(top, theirs)
        found = _Pairing(tuple(sorted(vocab)), best, top)
        if len(self._pairings) >= _CACHE_LIMIT:
            self._pairings.popitem(last=False)
        self._pairings[unit.text] = found
        return found

    def _pairable(self, unit: Unit) -> list[tuple[int, float, str]]:
        """The list units that may pair with ``unit``, each with its similarity or a bound of it.

        Units sharing a *strong* key (same skeleton, same name group, a prefix, an initial) are
        compared exactly; the others can only be fuzzy matches, and get the vectorised bound of
        :func:`matching.likeness.fuzzy_bounds` (a unit whose bound is under the floor cannot pair).
        """
        tok = unit.merged
        initial = INITIAL_KEY + tok.display[:1]
        strong_keys = {f"D:{s}" for s in tok.skeletons | tok.alt_skeletons}
        strong_keys |= {f"G:{g}" for g in tok.groups} | unit.query_prefix_keys | {initial}
        strong = set(self._vocab.vocab_for(strong_keys))
        keys = unit.keys | unit.query_prefix_keys | {initial}
        weak = [v for v in self._vocab.vocab_for(keys) if v not in strong]
        out: list[tuple[int, float, str]] = []
        for vid in strong:
            sim, verdict = _similarity(tok.text, self._vocab.merged[vid])
            if sim > 0.0:
                out.append((vid, sim, verdict))
        split = [(v, self._vocab.skeletons[v].split("|")) for v in weak]
        owners = [v for v, skeletons in split for _ in skeletons]
        theirs = [s for _, skeletons in split for s in skeletons]
        bounds = fuzzy_bounds(sorted(tok.skeletons), theirs)
        best: dict[int, float] = {}
        for vid, bound in zip(owners, bounds.tolist(), strict=True):
            if bound >= FUZZY_FLOOR - 1e-9:
                best[vid] = max(best.get(vid, 0.0), bound)
        out.extend((vid, min(1.0, bound) * FUZZY_GRADE, "fuzzy") for vid, bound in best.items())
        return out

    def _names_of(self, unit: Unit, pairing: _Pairing) -> IntArray:
        """Sorted positions of the list names holding a unit the traveller unit can pair with."""
        found = self._postings.get(unit.text)
        if found is not None:
            self._postings.move_to_end(unit.text)
            return found
        found = self._vocab.union(pairing.vocab, _MASK_UNION_MIN)
        while self._postings and self._postings_bytes + found.nbytes > _POSTINGS_CACHE_BYTES:
            self._postings_bytes -= self._postings.popitem(last=False)[1].nbytes
        self._postings[unit.text] = found
        self._postings_bytes += found.nbytes
        return found

    def _free_weight(self, unit: Unit) -> float:
        """The most an initial, particle or title of the traveller's name can add."""
        mine = self.rarity.unit_weight(unit)
        if unit.kind == "initial":
            return max(mine, _INITIAL * _INITIAL_WEIGHT * (mine + self._max_unit_weight) / 2)
        if unit.kind == "particle":
            return max(mine, _INITIAL * _INITIAL_WEIGHT * (mine + 1.0) / 2)
        return (mine + self._max_unit_weight) / 2

    def _bonus(self, person: Person) -> float:
        bonus = DOB_EXACT if person.birth_date is not None else 0.0
        if person.nationality and person.nationality.strip():
            bonus += NATIONALITY_AGREES
        return bonus

    def lookup(self, name: ParsedName, person: Person) -> list[int]:
        """Positions, in list order, of the entries whose score may reach their threshold."""
        words = [u for u in name.units if u.kind == "word"]
        pairings = [self._pairing(u) for u in words]
        usable = [(u, p) for u, p in zip(words, pairings, strict=True) if p.vocab]
        weights = [self.rarity.unit_weight(u) for u in name.base]
        free = [self._free_weight(u) if u.kind != "word" else 0.0 for u in name.base]
        base = [w if u.kind == "word" else 0.0 for u, w in zip(name.base, weights, strict=True)]
        bounds = [unit_bound(u.parts, p.best, p.top, weights) for u, p in usable]
        planner = SeedPlanner(bounds, base, free)
        needed = self._min_threshold - self._bonus(person) - _SLACK
        names = self._seeded_names(planner, usable, needed)
        found: set[int] = set()
        if len(names):
            found.update(self._survivors(names, planner, usable, person).tolist())
        for key in _doc_keys(person.documents):
            found.update(self._documents.get(key, ()))
        return sorted(found)

    def _seeded_names(
        self, planner: SeedPlanner, usable: list[tuple[Unit, _Pairing]], needed: float
    ) -> IntArray:
        chunks: list[IntArray] = []
        for seed in planner.seeds(needed):
            lists = sorted((self._names_of(*usable[i]) for i in seed), key=len)
            common = lists[0]
            for other in lists[1:]:
                if not len(common):
                    break
                at = np.searchsorted(other, common)
                at[at == len(other)] = 0
                common = common[other[at] == common]
            chunks.append(common)
        if not chunks:
            return np.zeros(0, dtype=np.int32)
        return chunks[0] if len(chunks) == 1 else np.unique(np.concatenate(chunks))

    def _survivors(
        self,
        names: IntArray,
        planner: SeedPlanner,
        usable: list[tuple[Unit, _Pairing]],
        person: Person,
    ) -> IntArray:
        """Entries of ``names`` whose bound reaches their threshold, the bound now taken with the
        traveller units each name can pair with, the name's own weight and the entry's dates."""
        per_part = np.repeat(np.array(planner.free)[:, None], len(names), axis=1)
        pairable = np.zeros(len(names))
        covered = np.zeros((len(planner.base), len(names)), dtype=bool)
        for bound, (unit, pairing) in zip(planner.units, usable, strict=True):
            held = self._names_of(unit, pairing)
            at = np.searchsorted(held, names)
            at[at == len(held)] = 0
            mask = held[at] == names
            pairable += bound.entry_weight * mask
            for i, share in bound.shares:
                covered[i] |= mask
                np.maximum(per_part[i], share * mask, out=per_part[i])
        gained = per_part.sum(axis=0)
        weights = np.array(planner.base)
        left_t = weights @ ~covered if len(weights) else np.zeros(len(names))
        left_e = np.maximum(self._vocab.name_weight[names] - pairable, 0.0)
        # conflict + SURPLUS_COST * surplus grows with either side's left-over weight
        lost = np.minimum(left_t, left_e) + SURPLUS_COST * np.abs(left_t - left_e)
        ratio = gained / np.maximum(gained + lost, 1e-12)
        points = NAME_POINTS * ratio * np.sqrt(np.minimum(1.0, gained))
        entries = self._vocab.name_entry[names]
        points = points + self._evidence_bound(entries, person)
        keep: IntArray = entries[points >= self._thresholds[entries] - _SLACK]
        return np.unique(keep)

    def _evidence_bound(self, entries: IntArray, person: Person) -> npt.NDArray[np.float64]:
        out = np.zeros(len(entries), dtype=np.float64)
        if person.nationality and person.nationality.strip():
            out += NATIONALITY_AGREES
        if person.birth_date is None:
            return out
        year = person.birth_date.year
        lo, hi = self._year_lo[entries], self._year_hi[entries]
        dated = lo != 0
        apart = np.maximum(np.maximum(lo.astype(np.int32) - year, year - hi.astype(np.int32)), 0)
        best = np.where(self._full_date[entries] & person.birth_date.is_full, DOB_EXACT,
                        DOB_YEAR_MONTH)  # fmt: skip
        dob = np.where(apart == 1, DOB_ONE_YEAR_OFF, best)
        dob = np.where(apart >= 2, DOB_CONFLICT_NEAR, dob)
        dob = np.where(apart > 5, DOB_CONFLICT_FAR, dob)
        return out + np.where(dated, dob, 0.0)
