"""Values as PAXLST writes them: dates, flight designators, country codes."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from matching.countries import to_alpha3
from matching.dates import PartialDate

_CODE = re.compile(r"^[A-Z]{1,3}$")
_UNKNOWN = re.compile(r"^(\d\d|XX)$")  # "00" or "XX" for an unknown month or day


def flight_designator(reference: str, carrier_hint: str) -> tuple[str, str] | None:
    """("JU", "211") from "JU211", "JU 211", "JU0211" or "JUA211"; None if it is not one."""
    compact = reference.replace(" ", "").upper()
    hint = carrier_hint.strip().upper()
    if hint and compact.startswith(hint):
        number = compact[len(hint) :].lstrip("0") or "0"
        if re.fullmatch(r"\d{1,4}[A-Z]?", number):
            return hint, number
    for pattern in (r"^([A-Z0-9]{2})0*(\d{1,4}[A-Z]?)$", r"^([A-Z]{3})0*(\d{1,4}[A-Z]?)$"):
        found = re.match(pattern, compact)
        if found:
            return found.group(1), found.group(2)
    return None


def flight_time(value: str, fmt: str) -> datetime | None:
    """A DTM 189/232 date-time (formats 201 YYMMDDHHMM, 203 CCYYMMDDHHMM, 102 CCYYMMDD), naive:
    the wall clock at the airport the leg names (made UTC by ``workstation.airports.to_utc``).
    """
    digits = value.strip()
    if not digits.isdigit():
        return None
    try:
        if fmt == "203" or (not fmt and len(digits) == 12):
            return datetime.strptime(digits[:12], "%Y%m%d%H%M")
        if fmt == "201" or (not fmt and len(digits) == 10):
            return datetime.strptime(digits[:10], "%y%m%d%H%M")
        if fmt == "204" or (not fmt and len(digits) == 14):
            return datetime.strptime(digits[:14], "%Y%m%d%H%M%S")
        if fmt == "102" or (not fmt and len(digits) == 8):
            return datetime.strptime(digits[:8], "%Y%m%d")
    except ValueError:
        return None
    return None


def partial_date(value: str, *, before: date | None) -> PartialDate | None:
    """A YYMMDD or CCYYMMDD date; "00" or "XX" month/day mean unknown.

    With ``before`` (births) a two-digit year is put in the century that keeps the date on or
    before it; without (document expiry) in 2000-2069 or else the 1900s.
    """
    text = value.strip().upper()
    if len(text) == 6:
        year_text, rest = text[:2], text[2:]
    elif len(text) == 8:
        year_text, rest = text[:4], text[4:]
    else:
        return None
    month_text, day_text = rest[:2], rest[2:]
    if not year_text.isdigit() or not all(_UNKNOWN.match(t) for t in (month_text, day_text)):
        return None
    month = int(month_text) if month_text.isdigit() and month_text != "00" else None
    day = int(day_text) if month and day_text.isdigit() and day_text != "00" else None
    year = int(year_text)
    if len(year_text) == 2:
        year = _century(year, month or 1, day or 1, before)
    try:
        result = PartialDate(year, month, day)
        if day is not None:
            date(year, month or 1, day)  # reject 31 February
    except ValueError:
        return None
    return result


def _century(yy: int, month: int, day: int, before: date | None) -> int:
    if before is None:
        return 2000 + yy if yy < 70 else 1900 + yy
    try:
        in_2000s = date(2000 + yy, month, min(day, 28))
    except ValueError:
        return 1900 + yy
    return 2000 + yy if in_2000s <= before else 1900 + yy


@cache
def country(code: str) -> str | None:
    """ISO 3166 alpha-3 (or the ICAO code kept as such) for a code as written; unknown codes are
    kept as given."""
    text = code.strip().upper()
    if not text:
        return None
    if _CODE.match(text):
        return to_alpha3(text) or text
    return text
