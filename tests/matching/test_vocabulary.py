"""The array helpers of the index's vocabulary."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching.vocabulary import distinct


@given(st.lists(st.lists(st.integers(0, 50), max_size=30), max_size=5))
def test_distinct_gives_the_sorted_distinct_values_of_concatenated_runs(
    runs: list[list[int]],
) -> None:
    values = np.concatenate(
        [np.zeros(0, dtype=np.int32), *(np.sort(np.array(r, dtype=np.int32)) for r in runs)]
    )
    assert distinct(values).tolist() == sorted(set(values.tolist()))
