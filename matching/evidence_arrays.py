"""The evidence other than the name (date of birth, nationality, sex) of every entry in compact
arrays, graded for many entries at once exactly as :mod:`matching.evidence` grades one pair, so
that the candidate index can bound a pair's score by its name alone plus the points these add.

A same-name pair born in the same year but another month scores 27 points under one born on the
same day; a bound that assumed the best date handed such namesakes to the scorer by the dozen.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from matching.dates import PartialDate
from matching.evidence import (
    NATIONALITY_AGREES,
    NATIONALITY_DIFFERS,
    SEX_CONFLICT,
    _grade_dates,
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
        # per date, month * 32 + day (0 where unknown), see _date_tables
        self._md = np.array(months, dtype=np.int16) * 32 + np.array(days, dtype=np.int16)
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
        if date is None or not len(self._year):
            return np.zeros(len(entries), dtype=np.float64)
        start = self._ptr[entries]
        count = self._ptr[entries + 1] - start
        classes, table = _date_tables(date.month, date.day)

        def graded(at: npt.NDArray[np.int64]) -> FloatArray:
            near = np.minimum(np.abs(self._year.take(at, mode="clip") - date.year), _FAR)
            points: FloatArray = table[near * _CLASSES + classes[self._md.take(at, mode="clip")]]
            return points

        best = graded(start)  # an undated entry's start is another's date: set to 0 below
        for k in range(1, int(count.max(initial=0))):
            has = np.flatnonzero(count > k)
            best[has] = np.maximum(best[has], graded(start[has] + k))
        out: FloatArray = np.where(count > 0, best, 0.0)
        return out


_FAR = 6  # years apart from which every date grades the same (see _grade_dates)
_CLASSES = 64  # per entry date, six bits of how its month and day stand to the traveller's


@lru_cache(maxsize=512)
def _date_tables(month: int | None, day: int | None) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """For a traveller born on ``month`` and ``day`` (of any year): per entry month and day
    (``month * 32 + day``, 0 where unknown) its class, six bits saying whether each is known, equal
    to the traveller's month and equal to the traveller's day; and per number of years apart (up to
    ``_FAR``) and class, the points :func:`matching.evidence._grade_dates` gives. Those bits and the
    years apart are all it looks at, so the table holds its own grades, taken on one date of each
    class: a date of birth is graded with a few array operations instead of some thirty."""
    tm, td = month or 0, day or 0
    m = np.arange(13)[:, None]
    d = np.arange(32)[None, :]
    known = (m > 0) | (d > 0) << 3
    bits = known | (m == tm) << 1 | (m == td) << 2 | (d == td) << 4 | (d == tm) << 5
    classes = bits.ravel().astype(np.intp)
    table = np.zeros((_FAR + 1) * _CLASSES)
    traveller = PartialDate(2000, month, day)
    graded: set[int] = set()
    for md, kind in enumerate(classes.tolist()):
        entry_month, entry_day = divmod(md, 32)
        if kind in graded or (entry_day and not entry_month):
            continue  # no date has a day without a month
        graded.add(kind)
        for apart in range(_FAR + 1):
            entry = PartialDate(2000 + apart, entry_month or None, entry_day or None)
            table[apart * _CLASSES + kind] = _grade_dates(traveller, entry)[1]
    return classes, table
