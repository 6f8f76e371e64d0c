"""The array helpers of the index's vocabulary."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching import ListedPerson, Person, Screener
from matching.vocabulary import distinct, strings


@given(st.lists(st.lists(st.integers(0, 50), max_size=30), max_size=5))
def test_distinct_gives_the_sorted_distinct_values_of_concatenated_runs(
    runs: list[list[int]],
) -> None:
    values = np.concatenate(
        [np.zeros(0, dtype=np.int32), *(np.sort(np.array(r, dtype=np.int32)) for r in runs)]
    )
    assert distinct(values).tolist() == sorted(set(values.tolist()))


def test_one_very_long_text_does_not_widen_every_string() -> None:
    texts = ["MARKO", "Z" * 500, "JOVANOVIC"]
    held = strings(texts)
    assert held.tolist() == texts
    assert held.nbytes < 100  # references, not 500 characters per item
    assert strings(["MARKO", "JOVANOVIC"]).tolist() == ["MARKO", "JOVANOVIC"]


def test_a_list_with_a_malformed_long_word_still_screens() -> None:
    long_word = "X" * 300
    entries = [ListedPerson("e1", (f"Marko {long_word}",)), ListedPerson("e2", ("Ana Ivić",))]
    screener = Screener(entries)
    hits = screener.screen([Person("t", "IVIC", "ANA"), Person("u", long_word, "MARKO")])
    assert {(m.traveller_key, m.entry_key) for m in hits} == {("t", "e2"), ("u", "e1")}
