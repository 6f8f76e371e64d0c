"""The index's evidence arrays grade many entries exactly as the scorer grades one pair: the
bound that decides which entries get scored relies on it."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from matching import ListedPerson, PartialDate, Person
from matching.evidence import birth_date_reason, nationality_reason, sex_reason
from matching.evidence_arrays import EntryEvidence


@st.composite
def dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.sampled_from([1960, 1967, 1969, 1970, 1971]))  # every grade of nearness
    # few months and days: same dates, swapped day and month, same month come up often
    month = draw(st.none() | st.integers(1, 3))
    day = None if month is None else draw(st.none() | st.integers(1, 3))
    return PartialDate(year, month, day)


NATIONALITIES = st.sampled_from(["SRB", "MKD", "D", "DEU", "RKS", " ", "syr"])
SEXES = st.sampled_from([None, "M", "F", "X", " m"])


@st.composite
def listed(draw: st.DrawFn, key: int) -> ListedPerson:
    born = tuple(draw(st.lists(dates(), max_size=3)))
    nationalities = tuple(draw(st.lists(NATIONALITIES, max_size=2)))
    return ListedPerson(f"e{key}", ("Marko Jovanović",), born, draw(SEXES), nationalities)


@settings(max_examples=300)
@example(  # month the traveller's day, day another: not a swap
    (ListedPerson("e0", ("Marko Jovanović",), (PartialDate(1970, 2, 3),)),),
    PartialDate(1970, 1, 2),
    None,
    None,
)
@example(  # day and month swapped
    (ListedPerson("e0", ("Marko Jovanović",), (PartialDate(1970, 2, 1),)),),
    PartialDate(1970, 1, 2),
    None,
    None,
)
@given(
    st.lists(st.integers(), min_size=1, max_size=8).flatmap(
        lambda keys: st.tuples(*(listed(i) for i in range(len(keys))))
    ),
    st.none() | dates(),
    st.none() | NATIONALITIES,
    SEXES,
)
def test_points_are_what_the_scorer_adds_for_each_entry(
    entries: tuple[ListedPerson, ...],
    born: PartialDate | None,
    nationality: str | None,
    sex: str | None,
) -> None:
    person = Person("t", "JOVANOVIC", "MARKO", born, sex, nationality)
    points = EntryEvidence(entries).points(np.arange(len(entries), dtype=np.int32), person)
    for entry, got in zip(entries, points.tolist(), strict=True):
        reasons = (
            birth_date_reason(person.birth_date, entry.birth_dates),
            nationality_reason(person.nationality, entry.nationalities),
            sex_reason(person.sex, entry.sex),
        )
        assert got == sum(r.weight for r in reasons), (entry, person)
