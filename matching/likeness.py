"""How alike traveller units can be to many list units at once: an upper bound of the fuzzy
similarity (:func:`matching.names.fuzzy`), computed in C over all their pairs of skeletons
together, so that the index runs the exact, slow comparison only on list units that may pair.

For skeletons a, b the fuzzy cost is min(F', C' + (F' - C') / 2) with F' the edit distance of a and
b less a surname suffix both share (n letters: the first of ``SURNAME_SUFFIXES`` both end with, each
keeping two letters more) and C' that of their consonant skeletons; the similarity is
1 - cost / L with L = max(len a, len b) - n + 0.3 n. Dropping a shared suffix never lowers an edit
distance, so F' >= F and C' >= C (the distances of the whole skeletons), and

    similarity <= 1 - min(F, C + max(0, F - C) / 2) / L.

Which suffix two skeletons share is known from one bit per suffix each ends with (``suffix_masks``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from matching.names import SUFFIX_SHARE, SURNAME_SUFFIXES, strippable
from matching.units import consonants

FloatArray = npt.NDArray[np.float64]
MaskArray = npt.NDArray[np.uint16]


def _stripped_lengths() -> npt.NDArray[np.int64]:
    """Per mask of suffixes two skeletons share, the length of the one fuzzy strips: the first of
    SURNAME_SUFFIXES, the mask's lowest bit."""
    lengths = np.zeros(2 ** len(SURNAME_SUFFIXES), dtype=np.int64)
    for mask in range(1, len(lengths)):
        lengths[mask] = len(SURNAME_SUFFIXES[(mask & -mask).bit_length() - 1])
    return lengths


_STRIPPED = _stripped_lengths()


def suffix_masks(skeletons: Sequence[str]) -> MaskArray:
    """Per skeleton, bit k set when :func:`matching.names.fuzzy` could strip
    ``SURNAME_SUFFIXES[k]`` from it (:func:`matching.names.strippable`)."""
    return np.array(
        [
            sum(1 << k for k, x in enumerate(SURNAME_SUFFIXES) if strippable(s, x))
            for s in skeletons
        ],
        dtype=np.uint16,
    )


def paired_fuzzy_bounds(
    mine: Sequence[str],
    mine_at: npt.NDArray[np.integer[Any]],
    theirs: Sequence[str],
    their_consonants: Sequence[str],
    their_lengths: npt.NDArray[np.integer[Any]],
    their_suffixes: MaskArray,
) -> FloatArray:
    """Per position k: the most :func:`matching.names.fuzzy` can give skeletons
    ``mine[mine_at[k]]`` and ``theirs[k]`` (before its floor), given the consonant skeletons, the
    lengths and the :func:`suffix_masks` of ``theirs``: the pairs of many traveller units cost
    one pass."""
    if not len(theirs):
        return np.zeros(0)
    picks = mine_at.tolist()
    mine_consonants = [consonants(s) for s in mine]
    full = process.cpdist([mine[i] for i in picks], theirs, scorer=OSA.distance, dtype=np.int32)
    cons = process.cpdist(
        [mine_consonants[i] for i in picks], their_consonants, scorer=OSA.distance, dtype=np.int32
    )
    cost = np.minimum(full, cons + np.maximum(0, full - cons) / 2)
    mine_len = np.array([len(s) for s in mine])[mine_at]
    stripped = _STRIPPED[suffix_masks(mine)[mine_at] & their_suffixes]
    # as fuzzy works it out: the longer stem, plus the shared suffix's share
    longest = np.maximum(mine_len, their_lengths) - stripped + SUFFIX_SHARE * stripped
    bound: FloatArray = 1.0 - cost / np.maximum(longest, 1)
    return bound
