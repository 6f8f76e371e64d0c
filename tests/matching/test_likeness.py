"""The vectorised fuzzy bound never falls under the exact fuzzy similarity: the index drops every
list unit whose bound is under the floor, so a bound too low would lose a pair the scorer pairs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from matching.likeness import FloatArray, paired_fuzzy_bounds, suffix_masks
from matching.names import FUZZY_FLOOR, SURNAME_SUFFIXES, fuzzy
from matching.units import consonants

# skeleton-like words: a few letters (so that near misses come up often), often a surname suffix
STEMS = st.text(alphabet="AEIKMNORSTV", min_size=1, max_size=8)
SKELETONS = st.builds(
    lambda stem, suffix: stem + suffix, STEMS, st.sampled_from(("", *SURNAME_SUFFIXES))
)


def fuzzy_bounds(mine: Sequence[str], theirs: Sequence[str]) -> FloatArray:
    """Per skeleton of ``theirs``, its best bound with any skeleton of ``mine`` (every pair)."""
    bounds = paired_fuzzy_bounds(
        mine,
        np.repeat(np.arange(len(mine)), len(theirs)),
        [*theirs] * len(mine),
        [consonants(s) for s in theirs] * len(mine),
        np.tile([len(s) for s in theirs], len(mine)),
        np.tile(suffix_masks(theirs), len(mine)),
    )
    best: FloatArray = bounds.reshape(len(mine), len(theirs)).max(axis=0)
    return best


@settings(max_examples=400)
@example(["JOVANOVIC"], ["JOKANOVIC", "JOVANOVSKI", "IVANOVIC"])
@example(["PETROVIC"], ["PETKOVIC", "PETROV"])
@example(["MILOVIJEVIC"], ["MILINEVIC", "MILOVIC"])
@given(st.lists(SKELETONS, min_size=1, max_size=3), st.lists(SKELETONS, min_size=1, max_size=6))
def test_the_bound_is_never_under_the_exact_similarity(mine: list[str], theirs: list[str]) -> None:
    bounds = fuzzy_bounds(mine, theirs)
    for k, other in enumerate(theirs):
        best = max(fuzzy(a, other) for a in mine)
        assert best <= bounds[k] + 1e-9, (mine, other, best, bounds[k])


def test_the_bound_drops_most_unlike_words() -> None:
    theirs = ["PETROVIC", "MARKOVIC", "JOVANOVIC", "NIKOLIC", "STOJANOVSKI", "HASAN"]
    bounds = fuzzy_bounds(["PETKOVIC"], theirs)
    assert [t for t, b in zip(theirs, bounds, strict=True) if b >= FUZZY_FLOOR] == ["PETROVIC"]
