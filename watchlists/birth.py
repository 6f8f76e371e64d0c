"""Dates of birth as sanctions lists write them in text, read into partial dates.

Accepted: ISO (``1963-04-11``, ``1963``), ``15 Aug 1959``, ``15 Aug. 1959``, ``Aug 1959``,
``August 1961``, ``Nov. 1973``, day-first numbers (``11.04.1963``), each optionally after
``circa``/``approximately``/``c.``; and ranges ``1955 to 1958``, ``1955-1958`` and
``01 Jan 1960 to 31 Dec 1962``. A range within one year gives that year (or month); a range over
several years gives every year in it as a year-only date, at most ``MAX_YEARS`` of them.
"""

from __future__ import annotations

import re

from matching.dates import PartialDate
from watchlists.cells import parse_date

MAX_YEARS = 10

_CIRCA = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.?|c\.)\s*", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")
_TO = re.compile(r"\s+(?:to|until|-|–)\s+", re.IGNORECASE)
_MONTH_WORDS = {
    "JANUARY": "JAN",
    "FEBRUARY": "FEB",
    "MARCH": "MAR",
    "APRIL": "APR",
    "JUNE": "JUN",
    "JULY": "JUL",
    "AUGUST": "AUG",
    "SEPTEMBER": "SEP",
    "SEPT": "SEP",
    "OCTOBER": "OCT",
    "NOVEMBER": "NOV",
    "DECEMBER": "DEC",
}


def parse_birth(text: str) -> tuple[PartialDate, ...]:
    """The dates one birth-date text stands for; ValueError if it cannot be read."""
    text = _CIRCA.sub("", " ".join(text.split()).strip(" .;,"))
    if m := _YEAR_RANGE.match(text):
        return year_span(int(m[1]), int(m[2]))
    ends = _TO.split(text)
    if len(ends) == 2:
        return _span(_one_date(ends[0]), _one_date(ends[1]))
    if len(ends) > 2:
        raise ValueError(f"not a date of birth: {text!r}")
    return (_one_date(text),)


def year_span(first: int, last: int) -> tuple[PartialDate, ...]:
    """Every year from ``first`` to ``last`` as year-only dates, at most ``MAX_YEARS``."""
    if last < first:
        raise ValueError(f"the range {first} to {last} runs backwards")
    return tuple(PartialDate(year) for year in range(first, min(last, first + MAX_YEARS - 1) + 1))


def _span(first: PartialDate, last: PartialDate) -> tuple[PartialDate, ...]:
    if first == last:
        return (first,)
    if first.year != last.year:
        return year_span(first.year, last.year)
    if first.month is not None and first.month == last.month:
        return (PartialDate(first.year, first.month),)
    return (PartialDate(first.year),)


def _one_date(text: str) -> PartialDate:
    words = []
    for word in re.sub(r"(?<=[A-Z])\.|,", " ", text.upper()).split():
        words.append(_MONTH_WORDS.get(word, word))
    date = parse_date(" ".join(words), birth=True)
    if date is None:
        raise ValueError("an empty date of birth")
    return date
