"""The evidence other than the name (date of birth, nationality, sex) of every entry in compact
arrays, graded for many entries at once exactly as :mod:`matching.evidence` grades one pair, so
that the candidate index can bound a pair's score by its name alone plus the points these add.

A same-name pair born in the same year but another month scores 27 points under one born on the
same day; a bound that assumed the best date handed such namesakes to the scorer by the dozen.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matching.dates import PartialDate
from matching.evidence import (
    DOB_CONFLICT_FAR,
    DOB_CONFLICT_NEAR,
    DOB_EXACT,
    DOB_ONE_YEAR_OFF,
    DOB_SAME_YEAR_OTHER_DAY,
    DOB_SWAP,
    DOB_YEAR_MONTH,
    DOB_YEAR_ONLY,
    NATIONALITY_AGREES,
    NATIONALITY_DIFFERS,
    SEX_CONFLICT,
    nationality_code,
)
from matching.model import ListedPerson, Person

FloatArray = npt.NDArray[np.float64]
_SEXES = {"M": 1, "F": 2}


def _sex_code(sex: str | None) -> int:
    return _SEXES.get((sex or "").strip().upper()[:1], 0)


class EntryEvidence:
    """Per entry: its dates of birth (CSR arrays), its set of nationality codes, its sex."""

    def __init__(self, entries: Sequence[ListedPerson]) -> None:
        ptr = np.zeros(len(entries) + 1, dtype=np.int64)
        years: list[int] = []
        months: list[int] = []
        days: list[int] = []
        sets: dict[frozenset[str], int] = {frozenset(): 0}
        nat = np.zeros(len(entries), dtype=np.int32)
        sex = np.zeros(len(entries), dtype=np.int8)
        for i, e in enumerate(entries):
            for d in e.birth_dates:
                years.append(d.year)
                months.append(d.month or 0)
                days.append(d.day or 0)
            ptr[i + 1] = len(years)
            codes = frozenset(nationality_code(c) for c in e.nationalities if c.strip())
            nat[i] = sets.setdefault(codes, len(sets))
            sex[i] = _sex_code(e.sex)
        self._ptr = ptr
        # earliest and latest year of birth per entry (0: none)
        self.years = np.zeros((2, len(entries)), dtype=np.int16)
        dated = ptr[1:] > ptr[:-1]
        if len(years):
            year_array = np.array(years, dtype=np.int16)
            starts = ptr[:-1][dated]
            self.years[0, dated] = np.minimum.reduceat(year_array, starts)
            self.years[1, dated] = np.maximum.reduceat(year_array, starts)
        self._year = np.array(years, dtype=np.int32)
        self._month = np.array(months, dtype=np.int8)
        self._day = np.array(days, dtype=np.int8)
        self._nat = nat
        self._sets = list(sets)
        self._sex = sex
        self._nat_tables: dict[str, FloatArray] = {}

    def points(self, entries: npt.NDArray[np.int32], person: Person) -> FloatArray:
        """The points date of birth, nationality and sex add to the pairs of ``person`` with
        ``entries`` (positions), as :func:`matching.score.score_pair` adds them."""
        out = self._dob(entries, person.birth_date)
        if person.nationality and person.nationality.strip():
            out += self._nat_table(person.nationality)[self._nat[entries]]
        sex = _sex_code(person.sex)
        if sex:
            out += np.where(self._sex[entries] == 3 - sex, SEX_CONFLICT, 0.0)
        return out

    def _nat_table(self, code: str) -> FloatArray:
        """Points per nationality set for a traveller of ``code`` (cached per code)."""
        mine = nationality_code(code)
        table = self._nat_tables.get(mine)
        if table is None:
            table = np.array(
                [
                    0.0 if not s else NATIONALITY_AGREES if mine in s else NATIONALITY_DIFFERS
                    for s in self._sets
                ]
            )
            self._nat_tables[mine] = table
        return table

    def _dob(self, entries: npt.NDArray[np.int32], date: PartialDate | None) -> FloatArray:
        out = np.zeros(len(entries), dtype=np.float64)
        if date is None or not len(self._year):
            return out
        start = self._ptr[entries]
        count = self._ptr[entries + 1] - start
        best = np.full(len(entries), -np.inf)
        for k in range(int(count.max(initial=0))):
            has = count > k
            at = start[has] + k
            graded = _grade(date, self._year[at], self._month[at], self._day[at])
            best[has] = np.maximum(best[has], graded)
        out[count > 0] = best[count > 0]
        return out


def _grade(
    t: PartialDate,
    year: npt.NDArray[np.int32],
    month: npt.NDArray[np.int8],
    day: npt.NDArray[np.int8],
) -> FloatArray:
    """:func:`matching.evidence._grade_dates` over many entry dates (the traveller's date is one,
    so its own branches are taken once, in Python)."""
    tm, td = t.month or 0, t.day or 0
    dy = np.abs(year - t.year)
    # a date known only in part on either side
    if tm:
        near = np.where(
            month == tm,
            DOB_YEAR_MONTH,
            np.where(month > 0, DOB_SAME_YEAR_OTHER_DAY, DOB_YEAR_ONLY),
        )
    else:
        near = np.full(len(year), DOB_YEAR_ONLY)
    near = np.where(dy == 1, DOB_ONE_YEAR_OFF, near)
    if t.is_full:  # full dates on both sides
        same_md = (month == tm) & (day == td)
        same_year = np.where(
            same_md,
            DOB_EXACT,
            np.where(
                (month == td) & (day == tm),
                DOB_SWAP,
                np.where(month == tm, DOB_ONE_YEAR_OFF, DOB_SAME_YEAR_OTHER_DAY),
            ),
        )
        other_year = np.where((dy == 1) & same_md, DOB_ONE_YEAR_OFF, DOB_CONFLICT_NEAR)
        near = np.where(day > 0, np.where(dy == 0, same_year, other_year), near)
    graded: FloatArray = np.where(
        dy > 5, DOB_CONFLICT_FAR, np.where(dy >= 2, DOB_CONFLICT_NEAR, near)
    )
    return graded
