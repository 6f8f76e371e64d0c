"""Evidence other than the name: date of birth, nationality, sex and document number, each graded
into a :class:`Reason` whose ``weight`` is the points it adds to (or takes from) the score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from matching.dates import PartialDate
from matching.model import Reason

# Points. A full date of birth that agrees nearly doubles the certainty of a name match; a clear
# disagreement outweighs a good name (same common name, different person).
DOB_EXACT = 15.0
DOB_YEAR_MONTH = 10.0
DOB_YEAR_ONLY = 8.0
DOB_SWAP = 8.0
DOB_ONE_YEAR_OFF = 3.0
DOB_SAME_YEAR_OTHER_DAY = -12.0
DOB_CONFLICT_NEAR = -25.0  # 2 to 5 years apart
DOB_CONFLICT_FAR = -40.0  # more than 5 years apart
NATIONALITY_AGREES = 3.0
NATIONALITY_DIFFERS = -4.0
SEX_CONFLICT = -15.0
DOCUMENT_MATCH = 25.0
DOCUMENT_FLOOR = 90.0  # an equal document number alone puts the score at least here
_DOC_MIN_LEN = 5

# ICAO codes that are not ISO 3166 alpha-3, and the ISO code meant.
_NATIONALITY_ALIASES = {"D": "DEU", "GBD": "GBR", "GBN": "GBR", "GBO": "GBR", "GBS": "GBR",
                        "RKS": "XKX", "UNK": "XKX", "GBP": "GBR"}  # fmt: skip


def _grade_dates(t: PartialDate, e: PartialDate) -> tuple[str, float, str]:
    # matching.evidence_arrays grades many entry dates through a table of this function's points,
    # one per number of years apart (up to 6) and per relation of the months and days (known,
    # equal to the traveller's month, equal to the traveller's day): look at nothing else.
    dy = abs(t.year - e.year)
    if dy > 5:
        return "conflict", DOB_CONFLICT_FAR, f"born {dy} years apart"
    if dy >= 2:
        return "conflict", DOB_CONFLICT_NEAR, f"born {dy} years apart"
    if t.is_full and e.is_full:
        if t == e:
            return "exact", DOB_EXACT, "same date of birth"
        if dy == 0 and (t.month, t.day) == (e.day, e.month):
            return "day_month_swap", DOB_SWAP, "day and month swapped"
        if dy == 1 and (t.month, t.day) == (e.month, e.day):
            return "one_year_off", DOB_ONE_YEAR_OFF, "same day and month, year one off"
        if dy == 0 and t.month == e.month:
            return "same_month", DOB_ONE_YEAR_OFF, "same year and month, other day"
        if dy == 0:
            return "same_year", DOB_SAME_YEAR_OTHER_DAY, "same year, other day and month"
        return "conflict", DOB_CONFLICT_NEAR, "other date, one year apart"
    if dy == 1:
        return "one_year_off", DOB_ONE_YEAR_OFF, "year of birth one off"
    if t.month is not None and e.month is not None:
        if t.month == e.month:
            return "year_month", DOB_YEAR_MONTH, "same year and month of birth"
        return "same_year", DOB_SAME_YEAR_OTHER_DAY, "same year, other month"
    return "year_only", DOB_YEAR_ONLY, "same year of birth (only the year is known)"


def birth_date_reason(traveller: PartialDate | None, entry: Iterable[PartialDate]) -> Reason:
    """The best agreement between the traveller's date of birth and any of the entry's."""
    dates = tuple(entry)
    if traveller is None or not dates:
        return Reason("birth_date", "unknown", str(traveller or ""), "", "no date to compare")
    best: Reason | None = None
    for e in dates:
        verdict, points, detail = _grade_dates(traveller, e)
        if best is None or points > best.weight:
            best = Reason("birth_date", verdict, str(traveller), str(e), detail, points)
    assert best is not None
    return best


def nationality_code(code: str) -> str:
    """Upper-case ISO alpha-3, with ICAO-only codes mapped (D -> DEU, RKS -> XKX)."""
    code = code.strip().upper()
    return _NATIONALITY_ALIASES.get(code, code)


def nationality_reason(traveller: str | None, entry: Iterable[str]) -> Reason:
    """Agree when the traveller's nationality is one of the entry's."""
    codes = {nationality_code(c) for c in entry if c.strip()}
    if not traveller or not traveller.strip() or not codes:
        return Reason("nationality", "unknown", traveller or "", ", ".join(sorted(codes)), "")
    mine = nationality_code(traveller)
    listed = ", ".join(sorted(codes))
    if mine in codes:
        return Reason(
            "nationality", "match", traveller, listed, "same nationality", NATIONALITY_AGREES
        )
    return Reason(
        "nationality", "differ", traveller, listed, "other nationality", NATIONALITY_DIFFERS
    )


def sex_reason(traveller: str | None, entry: str | None) -> Reason:
    """Only a clear conflict (M against F) counts."""
    t, e = (traveller or "").strip().upper()[:1], (entry or "").strip().upper()[:1]
    if t not in ("M", "F") or e not in ("M", "F"):
        return Reason("sex", "unknown", traveller or "", entry or "", "")
    if t == e:
        return Reason("sex", "match", traveller or "", entry or "", "same sex")
    return Reason("sex", "conflict", traveller or "", entry or "", "other sex", SEX_CONFLICT)


_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def document_key(number: str) -> str:
    """A document number without spaces, dashes and fillers, with the letter O read as zero."""
    return _NOT_ALNUM.sub("", number.upper()).replace("O", "0")


def document_reason(traveller: Iterable[str], entry: Iterable[str]) -> Reason | None:
    """A reason when a document number is on both sides and equal, else None."""
    listed = {document_key(d): d for d in entry if len(document_key(d)) >= _DOC_MIN_LEN}
    for number in traveller:
        key = document_key(number)
        if key in listed:
            return Reason(
                "document", "match", number, listed[key], "same document number", DOCUMENT_MATCH
            )
    return None
