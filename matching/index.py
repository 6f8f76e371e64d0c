"""The candidate index: built once from the entries, it hands the screener only the entries whose
score can reach the threshold, so nobody is compared with the whole list.

Keys per unit (see :mod:`matching.units`): its skeletons and their one-letter deletions, its
consonant skeleton and that one's deletions, one-letter deletions of its spellings, its name-variant
group, the prefixes of its spellings (so a truncated traveller token finds the full one); entry
initials under their letter; each document number. Two units may align in a scored pair only if
they share a key (:func:`matching.names.compare_names`), so the keys find every list unit a
traveller's word can pair with. :mod:`matching.bound` then bounds the score of each list name from
which of the traveller's words it can pair with: the index seeds the names some set of them can
lift to the threshold, :mod:`matching.narrowing` takes the bound per name, and only names whose
bound reaches the threshold are scored: a common word alone (MOHAMMED, JOVANOVIC) no longer hands
out every entry holding it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

from matching.bound import SeedPlanner, unit_bound
from matching.close_units import CloseUnits
from matching.evidence import (
    DOB_CONFLICT_FAR,
    DOB_CONFLICT_NEAR,
    NATIONALITY_AGREES,
    document_key,
)
from matching.evidence_arrays import EntryEvidence
from matching.model import ListedPerson, Person
from matching.names import (
    _INITIAL,
    _INITIAL_WEIGHT,
    Pairable,
)
from matching.narrowing import Held, NameNarrowing, Pairing, evidence_bonus
from matching.normalize import make_token
from matching.rarity import Rarity
from matching.score import NAME_POINTS
from matching.units import ParsedName, Unit, parse_fields
from matching.vocabulary import (
    IntArray,
    Vocabulary,
    distinct,
    run_starts,
)

BoolArray = npt.NDArray[np.bool_]
V = TypeVar("V")

_DOC_MIN_LEN = 5
_SLACK = 0.06  # scores are rounded to 0.1: a bound this far under the threshold may still alert
_TAKEN_PER_NAME = frozenset({"word", "initial", "particle"})  # what these take: known per name
_CACHE_LIMIT = 50_000  # pairings kept (a few hundred bytes each)
# Pairable texts kept (a few kB each): 2,000 screened 20,000 travellers at 1,000,000 names as fast
# as 5,000 (20.4 vs 22.0 s in one process, 11.2 vs 12.1 s in two, taking turns), in 55 MiB less
_TEXTS_CACHE_LIMIT = 2_000
# Posting unions kept, by the size of their arrays (each screening process keeps its own): at
# 1,000,000 names, 20,000 travellers took 21.3 s in one process with 128 MiB against 20.6 s
# with 256 MiB, and two processes 183 MiB less memory
_POSTINGS_CACHE_BYTES = 128 * 2**20
_MET_LIMIT = 100_000  # words met once that are remembered (some 150 bytes each)
_WARM_UNITS = 10_000  # the list's commonest words paired at build (see CandidateIndex._warm_up)
_WARM_PER_ENTRIES = 60  # ... one per this many entries, up to _WARM_UNITS
_WARM_POSTINGS = 3000  # ... the names holding what the commonest of them pair with, too
_WARM_BLOCK = 500  # ... looked up this many at a time


def _doc_keys(documents: Sequence[str]) -> set[str]:
    keys = {document_key(d) for d in documents}
    return {k for k in keys if len(k) >= _DOC_MIN_LEN}


class _Recent(Generic[V]):
    """The values last used, oldest dropped first once their sizes (``size`` of each, 1 unless
    given) would pass ``limit``."""

    def __init__(self, limit: int, size: Callable[[V], int] = lambda _: 1) -> None:
        self._values: OrderedDict[str, V] = OrderedDict()
        self._limit = limit
        self._size = size
        self._total = 0

    def __contains__(self, key: str) -> bool:
        return key in self._values

    def get(self, key: str) -> V | None:
        found = self._values.get(key)
        if found is not None:
            self._values.move_to_end(key)
        return found

    def put(self, key: str, value: V) -> V:
        size = self._size(value)
        while self._values and self._total + size > self._limit:
            self._total -= self._size(self._values.popitem(last=False)[1])
        self._values[key] = value
        self._total += size
        return value


class _YearOrder:
    """The order entries' names are numbered in: first the entries born in one year, by year,
    then those with years of birth in different years (``WIDE``), then the undated ones
    (``UNDATED``), each in list order."""

    WIDE = 30_000
    UNDATED = WIDE + 1

    def __init__(self, years: npt.NDArray[np.int16]) -> None:
        lo, hi = years.astype(np.int32)
        self._keys = np.where(lo == 0, self.UNDATED, np.where(lo == hi, lo, self.WIDE))
        self.entries: IntArray = np.argsort(self._keys, kind="stable")

    def name_keys(self, name_entry: IntArray) -> npt.NDArray[np.int16]:
        """Per name (numbered in this order), its entry's key: sorted."""
        keys: npt.NDArray[np.int16] = self._keys[name_entry].astype(np.int16)
        return keys


def _year_gap(threshold: float) -> int | None:
    """The most years apart a traveller and an entry can be born and still reach ``threshold``
    (None: any), with a perfect name and every other piece of evidence agreeing."""
    best = NAME_POINTS + NATIONALITY_AGREES - _SLACK
    if best + DOB_CONFLICT_FAR >= threshold:
        return None
    return 1 if best + DOB_CONFLICT_NEAR < threshold else 5


class CandidateIndex:
    """The entries' names in compact arrays, searched by traveller."""

    def __init__(
        self,
        entries: Sequence[ListedPerson],
        thresholds: npt.NDArray[np.float32],
    ) -> None:
        self._evidence = EntryEvidence(entries)
        # Names are numbered by their entry's year of birth (see _YearOrder), an entry's names
        # side by side and in its order.
        order = _YearOrder(self._evidence.years)
        vocab = Vocabulary()
        self._documents: dict[str, list[int]] = {}
        for position in order.entries.tolist():
            vocab.add_entry(position, entries[position].names)
        for position, entry in enumerate(entries):
            for key in _doc_keys(entry.documents):
                self._documents.setdefault(key, []).append(position)
        self.rarity = Rarity(vocab.skeleton_counts, len(entries))
        self._vocab = vocab.freeze(self.rarity)
        self._thresholds = thresholds
        self._min_threshold = float(np.min(thresholds)) if len(entries) else 0.0
        # per name, its entry's earliest and latest year of birth side by side (one read per
        # name), an undated entry's as wide as can be
        span = self._evidence.years[:, self._vocab.name_entry].T.copy()
        span[span[:, 0] == 0] = (np.iinfo(np.int16).min, np.iinfo(np.int16).max)
        self._name_years = span.view(np.int32).ravel()  # read as one 32-bit value per name
        self._name_limits = self._thresholds[self._vocab.name_entry] - np.float32(_SLACK)
        self._name_order = order.name_keys(self._vocab.name_entry)
        # per entry, the position of its first name (an entry's names are numbered together)
        name_entry = self._vocab.name_entry
        starts = run_starts(name_entry)
        self._first_name = np.zeros(len(entries), dtype=np.int32)
        self._first_name[name_entry[starts]] = starts
        self._year_gap = _year_gap(self._min_threshold)
        # per traveller's year of birth, where the names near it, the names of entries with
        # years far apart and the undated ones start (see _window)
        self._year_slices: dict[int, IntArray] = {}
        self._max_unit_weight = float(self._vocab.weights.max(initial=1.0))
        self._close = CloseUnits(self._vocab)
        self._narrowing = NameNarrowing(
            self._vocab, self._evidence, self._name_limits, self._max_unit_weight
        )
        self._pairings: _Recent[Pairing] = _Recent(_CACHE_LIMIT)
        self._texts: _Recent[frozenset[str]] = _Recent(_TEXTS_CACHE_LIMIT)
        self._postings: _Recent[Held] = _Recent(_POSTINGS_CACHE_BYTES, lambda held: held.nbytes)
        self._met: _Recent[bool] = _Recent(_MET_LIMIT)  # words met once (see _names_of)
        self._size = len(entries)
        self._warm_up(min(_WARM_UNITS, len(entries) // _WARM_PER_ENTRIES))

    def __len__(self) -> int:
        return self._size

    def _warm_up(self, count: int) -> None:
        """Pair the ``count`` commonest words of the list, as travel documents write them, with
        the list now rather than during the first flight screened: travellers' names are mostly
        the list's common names, and each new word costs the index a search of its keys (ten
        thousand words, looked up in blocks, add under three seconds to the build at 1,000,000
        names, and save them on every day's first screenings). The commonest get the names
        holding their pairs worked out too."""
        vocab = self._vocab
        held = np.diff(vocab.indptr)
        single = np.array([" " not in t for t in vocab.texts.tolist()], dtype=bool)
        order = np.argsort(-np.where(single, held, 0), kind="stable")[:count]
        vids = order[held[order] > 0].tolist()
        names = [parse_fields(make_token(str(vocab.texts[vid])).display) for vid in vids]
        for start in range(0, len(names), _WARM_BLOCK):
            self.pair_ahead(names[start : start + _WARM_BLOCK])
        for name in names[:_WARM_POSTINGS]:
            for unit in name.units:
                if unit.kind == "word":
                    pairing = self._pairing(unit)
                    if len(pairing.vocab):
                        self._names_of(unit, pairing)

    def pair_ahead(self, names: Iterable[ParsedName]) -> None:
        """Pair the words of ``names`` the index has not paired yet, all in one go (see
        :mod:`matching.close_units`): what screening a block of travellers does first."""
        cold: dict[str, Unit] = {}
        for name in names:
            for unit in name.units:
                if unit.kind == "word" and unit.text not in self._pairings:
                    cold.setdefault(unit.text, unit)
        units = list(cold.values())[:_CACHE_LIMIT]
        for unit, close in zip(units, self._close.find(units), strict=True):
            self._pairings.put(unit.text, self._paired(unit, *close))

    def _pairing(self, unit: Unit) -> Pairing:
        """Cached per unit text: the list units sharing a key with it and scoring above 0."""
        found = self._pairings.get(unit.text)
        if found is not None:
            return found
        return self._pairings.put(unit.text, self._paired(unit, *self._close.find([unit])[0]))

    def _paired(
        self, unit: Unit, vids: IntArray, sims: npt.NDArray[np.float64], initial: BoolArray
    ) -> Pairing:
        """The pairing of ``unit`` with the list units ``vids`` (see CloseUnits.find)."""
        mine = self.rarity.unit_weight(unit)
        pair = (mine + self._vocab.weights[vids]) / 2 * np.where(initial, _INITIAL_WEIGHT, 1.0)
        order = np.argsort(vids)
        vocab = vids[order]
        gains = (sims * pair)[order].astype(np.float32)
        weights = self._vocab.weights[vocab].astype(np.float32)
        best = float(gains.max(initial=0.0))
        top = float(weights.max(initial=0.0))
        return Pairing(vocab, gains, weights, best, top, pair[order].astype(np.float32))

    def pairable(self, name: ParsedName) -> Pairable:
        """Per unit of a traveller's name, the texts of the list units it can pair with: every
        list word or initial with a similarity above 0 is among them (None for the traveller's
        initials, particles and titles, which are not looked up)."""
        return tuple(self._pairable_texts(u) if u.kind == "word" else None for u in name.units)

    def _pairable_texts(self, unit: Unit) -> frozenset[str]:
        """The texts of the list units ``unit`` can pair with (cached: the commonest words come
        back in flight after flight, with hundreds of texts each)."""
        found = self._texts.get(unit.text)
        if found is not None:
            return found
        found = frozenset(self._vocab.texts[self._pairing(unit).vocab].tolist())
        return self._texts.put(unit.text, found)

    def _names_of(self, unit: Unit, pairing: Pairing, person: Person | None = None) -> Held:
        """The list names holding a unit the traveller unit can pair with: all of them, cached,
        for a word met before (or with no ``person``); the first time a word is met, only those
        of entries born near enough ``person`` (see _window), not cached. Most words come once
        in a day, a spelling of one traveller's name (9,901 of the 15,237 words of 20,000
        travellers, at 1,000,000 names): their names are worked out for that traveller alone
        (a seventh of them, there) before being sorted, and those of the words that come back
        are kept for the next travellers. Screening those travellers took 8 % less time in one
        process than with every word's names worked out whole and cached (taking turns)."""
        found = self._postings.get(unit.text)
        if found is not None:
            return found
        keep = self._near(person) if person is not None else None
        if keep is not None and unit.text not in self._met:
            self._met.put(unit.text, True)
            return Held(*self._vocab.union_max(pairing.vocab, pairing.gains, pairing.weights, keep))
        held = Held(*self._vocab.union_max(pairing.vocab, pairing.gains, pairing.weights))
        return self._postings.put(unit.text, held)

    def _near(self, person: Person) -> Callable[[IntArray], BoolArray] | None:
        """Which of some names (numbered as the index numbers them, in any order) are of entries
        born near enough ``person`` to reach the lowest threshold whatever the name, as _window
        keeps them (None: all are, for a traveller with no date of birth or a list where any
        year may reach it)."""
        if person.birth_date is None or self._year_gap is None:
            return None
        year = person.birth_date.year
        near, far, wide, undated = self._year_ids(year).tolist()

        def kept(names: IntArray) -> BoolArray:
            keep: BoolArray = ((names >= near) & (names < far)) | (names >= undated)
            if wide < undated:  # most lists give each entry one year of birth, or none
                spread = np.flatnonzero((names >= wide) & (names < undated))
                keep[spread] = self._born_near(names[spread], year)
            return keep

        return kept

    def _free_weight(self, unit: Unit) -> float:
        """The most an initial, particle or title of the traveller's name can add."""
        mine = self.rarity.unit_weight(unit)
        if unit.kind == "initial":
            return max(mine, _INITIAL * _INITIAL_WEIGHT * (mine + self._max_unit_weight) / 2)
        if unit.kind == "particle":
            return max(mine, _INITIAL * _INITIAL_WEIGHT * (mine + 1.0) / 2)
        return (mine + self._max_unit_weight) / 2

    def lookup(self, name: ParsedName, person: Person) -> list[int]:
        """Positions, in list order, of the entries whose score may reach their threshold."""
        return list(self.lookup_names(name, person))

    def lookup_names(self, name: ParsedName, person: Person) -> dict[int, tuple[int, ...] | None]:
        """Per entry whose score may reach its threshold (in list order), the positions among its
        names of those whose score may (None: every name, for an entry found by a document
        number, which lifts any name's score)."""
        words = [u for u in name.units if u.kind == "word"]
        pairings = [self._pairing(u) for u in words]
        usable = [(u, p) for u, p in zip(words, pairings, strict=True) if len(p.vocab)]
        weights = [self.rarity.unit_weight(u) for u in name.base]
        free = [self._free_weight(u) if u.kind != "word" else 0.0 for u in name.base]
        base = [w if u.kind == "word" else 0.0 for u, w in zip(name.base, weights, strict=True)]
        bounds = [unit_bound(u.parts, p.best, p.top, weights) for u, p in usable]
        planner = SeedPlanner(bounds, base, free)
        needed = self._min_threshold - evidence_bonus(person) - _SLACK
        seeds = planner.seeds(needed)
        # once per traveller: the first time a word is met, its names are the traveller's own
        held = [self._names_of(u, p, person) for u, p in usable] if seeds else []
        names = self._seeded_names(seeds, held, person)
        found: dict[int, tuple[int, ...] | None] = {}
        if len(names):
            letters = {
                kind: [u.merged.display[:1] for u in name.base if u.kind == kind]
                for kind in ("initial", "particle")
            }
            # a title (kept when a name holds nothing else) can pair with any word of a name
            titles = sum(1 for u in name.base if u.kind not in _TAKEN_PER_NAME)
            taken = titles * self._max_unit_weight
            kept = self._narrowing.survivors(
                names,
                planner,
                held,
                [p for _, p in usable],
                person,
                taken,
                letters["initial"],
                letters["particle"],
            )
            entries = self._vocab.name_entry[kept]
            offsets = kept - self._first_name[entries]
            for entry, offset in zip(entries.tolist(), offsets.tolist(), strict=True):
                found[entry] = (*(found.get(entry) or ()), offset)
        for key in _doc_keys(person.documents):
            for entry in self._documents.get(key, ()):
                found[entry] = None
        return dict(sorted(found.items()))

    def _window(self, names: IntArray, person: Person) -> IntArray:
        """``names`` (sorted) less those of entries born too far from the traveller to reach the
        lowest threshold whatever the name: the names of entries born in one year are numbered
        together, so those near the traveller's year are a slice, and only the names of entries
        with years of birth far apart are filtered one by one; undated entries' names stay."""
        if person.birth_date is None or self._year_gap is None:
            return names
        year = person.birth_date.year
        near, far, wide, undated = np.searchsorted(names, self._year_ids(year)).tolist()
        if near == 0 and far == undated:
            return names
        spread = names[wide:undated]
        return np.concatenate(
            (names[near:far], spread[self._born_near(spread, year)], names[undated:])
        )

    def _year_ids(self, year: int) -> IntArray:
        """Where the names of entries born near ``year``, of those with years of birth far apart
        and of the undated ones start (cached per year)."""
        assert self._year_gap is not None
        ids = self._year_slices.get(year)
        if ids is None:
            keys = self._name_order
            bounds = (
                year - self._year_gap,
                year + self._year_gap + 1,
                _YearOrder.WIDE,
                _YearOrder.UNDATED,
            )
            ids = np.searchsorted(keys, np.array(bounds, dtype=keys.dtype))  # no cast of the keys
            self._year_slices[year] = ids
        return ids

    def _born_near(self, names: IntArray, year: int) -> BoolArray:
        """Which of ``names`` (of entries with years of birth far apart) are of entries born near
        enough ``year`` to reach the lowest threshold whatever the name."""
        assert self._year_gap is not None
        span = self._name_years[names].view(np.int16).reshape(-1, 2)
        near: BoolArray = (span[:, 0] <= year + self._year_gap) & (
            span[:, 1] >= year - self._year_gap
        )
        return near

    def _seeded_names(
        self, seeds: list[tuple[int, ...]], held: list[Held], person: Person
    ) -> IntArray:
        """The names holding, for each unit of some seed, a list unit it pairs with (``held``:
        per traveller unit, those names), born near enough the traveller."""
        chunks: list[IntArray] = []
        for seed in seeds:
            lists = sorted((held[i].names for i in seed), key=len)
            common = self._window(lists[0], person)
            for other in lists[1:]:
                if not len(common):
                    break
                at = np.searchsorted(other, common)
                at[at == len(other)] = 0
                common = common[other[at] == common]
            chunks.append(common)
        if not chunks:
            return np.zeros(0, dtype=np.int32)
        return chunks[0] if len(chunks) == 1 else distinct(np.concatenate(chunks))
