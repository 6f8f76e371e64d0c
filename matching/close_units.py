"""Which list units a traveller's words can pair with, worked out for many words at once.

Units sharing a *strong* key with a traveller unit (same skeleton, same name group, a prefix, an
initial) are compared exactly; the others can only be fuzzy matches, and get the vectorised bound
of :func:`matching.likeness.paired_fuzzy_bounds` (a unit whose bound is under the floor cannot
pair), except known names of another group than the traveller's: compared exactly, they mostly do
not pair at all (MARKO, MARIJA), which keeps such names out of the candidates.

A word new to the index costs about forty array operations whatever its size; the words of a
block of travellers are looked up together, each operation over all of them, so that a day's new
spellings do not pay that price one by one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matching.likeness import paired_fuzzy_bounds
from matching.names import FUZZY_FLOOR, FUZZY_GRADE, _similarity
from matching.units import Unit
from matching.vocabulary import (
    INITIAL_KEY,
    FrozenVocabulary,
    IntArray,
    distinct,
    run_starts,
    spans,
)

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
Close = tuple[IntArray, FloatArray, BoolArray]  # list units, similarities (or bounds), initials


def _strong_keys(unit: Unit) -> set[str]:
    tok = unit.merged
    keys = {f"D:{s}" for s in tok.skeletons | tok.alt_skeletons}
    keys |= {f"G:{g}" for g in tok.groups} | unit.query_prefix_keys
    keys.add(INITIAL_KEY + tok.display[:1])
    return keys


class CloseUnits:
    """Finds, per traveller unit, the list units of ``vocab`` it may pair with."""

    def __init__(self, vocab: FrozenVocabulary) -> None:
        self._vocab = vocab
        self._span = np.int64(max(1, len(vocab.texts)))  # (unit, list unit) pairs as one number

    def find(self, units: Sequence[Unit]) -> list[Close]:
        """Per unit of ``units`` (words), the list units it may pair with (each once), each with
        its similarity or a bound of it, and whether the two pair as an initial and a word."""
        keys: list[str] = []
        key_unit: list[int] = []
        key_strong: list[bool] = []
        for n, unit in enumerate(units):
            strong = _strong_keys(unit)
            weak = unit.keys - strong
            keys += [*strong, *weak]
            key_unit += [n] * (len(strong) + len(weak))
            key_strong += [True] * len(strong) + [False] * len(weak)
        found, which = self._vocab.vocab_under(keys)
        pairs = np.asarray(key_unit, dtype=np.int64)[which] * self._span + found
        strong_pairs = distinct(pairs[np.asarray(key_strong, dtype=bool)[which]])
        weak_pairs = distinct(pairs)
        if len(strong_pairs):
            at = np.minimum(np.searchsorted(strong_pairs, weak_pairs), len(strong_pairs) - 1)
            weak_pairs = weak_pairs[strong_pairs[at] != weak_pairs]
        fuzzy_pairs, bounds = self._fuzzy(units, weak_pairs)
        named = self._vocab.named[fuzzy_pairs % self._span]
        if named.any():
            # two known names of different groups (ZORAN, GORAN) never pair: say so exactly
            grouped = np.array([bool(u.merged.groups) for u in units])
            named &= grouped[fuzzy_pairs // self._span]
            strong_pairs = np.concatenate((strong_pairs, fuzzy_pairs[named]))
            fuzzy_pairs, bounds = fuzzy_pairs[~named], bounds[~named]
        exact_pairs, sims, initials = self._exact(units, strong_pairs)
        return self._per_unit(
            units,
            np.concatenate((exact_pairs, fuzzy_pairs)),
            np.concatenate((sims, np.minimum(1.0, bounds) * FUZZY_GRADE)),
            np.concatenate((initials, np.zeros(len(fuzzy_pairs), dtype=bool))),
        )

    def _fuzzy(self, units: Sequence[Unit], pairs: IntArray) -> tuple[IntArray, FloatArray]:
        """Of the (unit, list unit) ``pairs``, those whose fuzzy bound reaches the floor, with
        that bound (the best over both sides' skeletons)."""
        vocab = self._vocab
        skeletons, per_vid = vocab.skeleton_spans(pairs % self._span)
        rows = np.repeat(pairs, per_vid)  # per list skeleton, its pair
        # each list skeleton against each skeleton of its traveller unit
        mine = [sorted(u.merged.skeletons) for u in units]
        flat = [s for unit_skeletons in mine for s in unit_skeletons]
        first = np.cumsum([0, *(len(s) for s in mine)])
        row_units = rows // self._span
        count = (first[1:] - first[:-1])[row_units]
        at = np.repeat(np.arange(len(rows)), count)
        mine_at = spans(first[:-1][row_units], count)
        theirs = skeletons[at]
        bounds = paired_fuzzy_bounds(
            flat,
            mine_at,
            vocab.skeleton_text[theirs].tolist(),
            vocab.skeleton_consonants[theirs].tolist(),
            vocab.skeleton_size[theirs],
            vocab.skeleton_suffixes[theirs],
        )
        close = bounds >= FUZZY_FLOOR - 1e-9
        rows, bounds = rows[at[close]], bounds[close]
        order = np.lexsort((-bounds, rows))  # per pair, its best skeletons first
        rows, bounds = rows[order], bounds[order]
        best = run_starts(rows)
        return rows[best], bounds[best]

    def _exact(
        self, units: Sequence[Unit], pairs: IntArray
    ) -> tuple[IntArray, FloatArray, BoolArray]:
        """Of the (unit, list unit) ``pairs``, those that pair, compared exactly: with their
        similarity and whether they pair as an initial and a word."""
        texts = [u.merged.text for u in units]
        theirs = self._vocab.merged[pairs % self._span].tolist()
        kept: list[int] = []
        sims: list[float] = []
        initials: list[bool] = []
        for k, (n, text) in enumerate(zip((pairs // self._span).tolist(), theirs, strict=True)):
            sim, verdict = _similarity(texts[n], text)
            if sim > 0.0:
                kept.append(k)
                sims.append(sim)
                initials.append(verdict == "initial")
        return pairs[kept], np.array(sims, dtype=np.float64), np.array(initials, dtype=bool)

    def _per_unit(
        self, units: Sequence[Unit], pairs: IntArray, sims: FloatArray, initials: BoolArray
    ) -> list[Close]:
        order = np.argsort(pairs // self._span, kind="stable")
        pairs, sims, initials = pairs[order], sims[order], initials[order]
        bounds = np.searchsorted(pairs // self._span, np.arange(len(units) + 1)).tolist()
        vids = (pairs % self._span).astype(np.int32)
        found: list[Close] = []
        for n, unit in enumerate(units):
            part = slice(bounds[n], bounds[n + 1])
            alive = self._alignable(unit, vids[part], sims[part])
            found.append((vids[part][alive], sims[part][alive], initials[part][alive]))
        return found

    def _alignable(self, unit: Unit, vids: IntArray, sims: FloatArray) -> BoolArray:
        """Which of the list units ``vids`` (with similarities or bounds ``sims``) the compound
        ``unit`` can be aligned with in some name pair.

        A compound holding a particle (AL KUMAKI) and a list compound holding one equal to it
        (AL JUKAKI) are never aligned unless they are alike at 1.0: both names hold the two
        particles as tokens of their own, and :func:`matching.names.compare_names` aligns its
        most alike pairs first, so AL ~ AL (1.0) takes both particles before the compounds are
        considered. Left in, such a pair would credit the bound with KUMAKI's whole weight.
        """
        alive = np.ones(len(vids), dtype=bool)
        mine = [t.text for t in unit.tokens if t.kind == "particle"] if len(unit.tokens) > 1 else []
        if not mine:
            return alive
        equal = 0
        for bit, theirs in enumerate(self._vocab.particle_texts):
            if any(_similarity(p, theirs)[0] >= 1.0 for p in mine):
                equal |= 1 << bit
        if equal:
            shares = (self._vocab.particles[vids] & np.uint64(equal)) != 0
            alive &= ~shares | (sims >= 1.0)
        return alive
