"""How alike one traveller unit can be to many list units at once: an upper bound of the fuzzy
similarity (:func:`matching.names.fuzzy`), computed in C over all their skeletons together, so
that the index runs the exact, slow comparison only on list units that may pair.

For skeletons a, b the fuzzy cost is min(F', C' + (F' - C') / 2) with F' the edit distance of a and
b less a surname suffix both share and C' that of their consonant skeletons; the similarity is
1 - cost / L, L at most the longer length. Dropping a shared suffix never lowers an edit distance,
so F' >= F and C' >= C (the distances of the whole skeletons), and

    similarity <= 1 - min(F, C + max(0, F - C) / 2) / max(len a, len b).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from matching.units import consonants

FloatArray = npt.NDArray[np.float64]


def fuzzy_bounds(
    mine: Sequence[str],
    theirs: Sequence[str],
    their_consonants: Sequence[str] | None = None,
    their_lengths: npt.NDArray[np.integer[Any]] | None = None,
) -> FloatArray:
    """Per skeleton of ``theirs``: the most :func:`matching.names.fuzzy` can give it with any
    skeleton of ``mine`` (before its floor: callers compare with the floor).
    ``their_consonants``, ``their_lengths``: the consonant skeletons and the lengths of
    ``theirs``, if known."""
    if not mine or not theirs:
        return np.zeros(len(theirs))
    if their_consonants is None:
        their_consonants = [consonants(s) for s in theirs]
    full = process.cdist(mine, theirs, scorer=OSA.distance, dtype=np.int32)
    cons = process.cdist(
        [consonants(s) for s in mine], their_consonants, scorer=OSA.distance, dtype=np.int32
    )
    cost = np.minimum(full, cons + np.maximum(0, full - cons) / 2)
    mine_len = np.array([len(s) for s in mine])[:, None]
    if their_lengths is None:
        their_lengths = np.array([len(s) for s in theirs])
    their_len = their_lengths[None, :]
    longest = np.maximum(np.maximum(mine_len, their_len), 1)
    bound: FloatArray = (1.0 - cost / longest).max(axis=0)
    return bound
