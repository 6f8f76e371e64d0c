"""The array helpers of the index's vocabulary."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import ListedPerson, Person, Screener
from matching.vocabulary import FrozenVocabulary, distinct, strings
from tests.matching.test_screener import generated


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


@pytest.fixture(scope="module")
def vocab() -> FrozenVocabulary:
    entries, _ = generated(seed=5, n_entries=300, n_travellers=1)
    return Screener(entries)._index._vocab


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_union_max_gives_the_names_holding_any_unit_with_their_largest_values(
    vocab: FrozenVocabulary, data: st.DataObject
) -> None:
    held = [vid for vid in range(len(vocab.texts)) if len(vocab.posting(vid))]
    vids = sorted(data.draw(st.sets(st.sampled_from(held), min_size=1, max_size=40)))
    values = st.floats(0.0, 3.0, width=32)
    gains = np.array(data.draw(st.lists(values, min_size=len(vids), max_size=len(vids))))
    weights = np.array(data.draw(st.lists(values, min_size=len(vids), max_size=len(vids))))
    expected: dict[int, tuple[float, float]] = {}
    for vid, gain, weight in zip(vids, gains.tolist(), weights.tolist(), strict=True):
        for name in vocab.posting(vid).tolist():
            g, w = expected.get(name, (0.0, 0.0))
            expected[name] = (max(g, gain), max(w, weight))
    names, most_gains, most_weights = vocab.union_max(
        np.array(vids), gains.astype(np.float32), weights.astype(np.float32)
    )
    assert names.tolist() == sorted(expected)
    assert list(zip(most_gains.tolist(), most_weights.tolist(), strict=True)) == [
        expected[n] for n in sorted(expected)
    ]
