"""Airports by IATA code: time zone, name and country, from the ``airportsdata`` package.

API and PNR messages give departure and arrival times local to the airport they name; the store
keeps UTC and the screens show airport-local time. An airport the data does not know is logged
once and its times are taken as UTC (the caller may warn the user: see ``known_airport``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from matching.countries import to_alpha3

log = logging.getLogger(__name__)


@cache
def _airports() -> dict[str, Any]:
    import airportsdata

    table: dict[str, Any] = airportsdata.load("IATA")
    return table


def _airport(iata: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = _airports().get(iata.strip().upper())
    return found


def known_airport(iata: str) -> bool:
    return _airport(iata) is not None


@cache
def airport_tz(iata: str) -> ZoneInfo | None:
    """The airport's time zone, or None when the airport (or its zone) is unknown."""
    airport = _airport(iata)
    if airport is None or not airport.get("tz"):
        log.warning("airport %r is not known; its times are taken as UTC", iata)
        return None
    try:
        return ZoneInfo(airport["tz"])
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("time zone %r of airport %r is not known", airport["tz"], iata)
        return None


def to_utc(local_naive: datetime, iata: str) -> datetime:
    """A wall-clock time at the airport as UTC; an aware time is only converted.

    Across a change of clocks, an hour that happens twice is read as its first occurrence and
    an hour that never happens as if the clocks had not changed yet (``fold=0``).
    """
    if local_naive.tzinfo is not None:
        return local_naive.astimezone(UTC)
    zone: tzinfo = airport_tz(iata) or UTC
    return local_naive.replace(tzinfo=zone).astimezone(UTC)


def local_time(utc: datetime, iata: str) -> datetime:
    """A UTC time as the wall clock at the airport shows it (aware; UTC if the airport is
    unknown)."""
    aware = utc if utc.tzinfo is not None else utc.replace(tzinfo=UTC)
    return aware.astimezone(airport_tz(iata) or UTC)


def airport_name(iata: str) -> str | None:
    airport = _airport(iata)
    return str(airport["name"]) if airport and airport.get("name") else None


def airport_country(iata: str) -> str | None:
    """ISO 3166 alpha-3 of the airport's country."""
    airport = _airport(iata)
    if airport is None or not airport.get("country"):
        return None
    return to_alpha3(str(airport["country"]))
