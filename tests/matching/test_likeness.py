"""The vectorised fuzzy bound never falls under the exact fuzzy similarity: the index drops every
list unit whose bound is under the floor, so a bound too low would lose a pair the scorer pairs."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from matching.likeness import fuzzy_bounds
from matching.names import FUZZY_FLOOR, SURNAME_SUFFIXES, fuzzy

# skeleton-like words: a few letters (so that near misses come up often), often a surname suffix
STEMS = st.text(alphabet="AEIKMNORSTV", min_size=1, max_size=8)
SKELETONS = st.builds(
    lambda stem, suffix: stem + suffix, STEMS, st.sampled_from(("", *SURNAME_SUFFIXES))
)


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
