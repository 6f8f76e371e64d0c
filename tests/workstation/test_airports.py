"""Airport-local times made UTC and back, across clock changes and for unknown airports."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from workstation.airports import airport_country, airport_name, airport_tz, local_time, to_utc
from workstation.readers.manifest import read_manifest
from workstation.readers.paxlst import read_paxlst

PAXLST = Path(__file__).parents[1] / "fixtures" / "paxlst" / "ju211_d05b_passengers.edi"


def test_belgrade_wall_clock_is_two_hours_ahead_in_summer_and_one_after_the_october_change() -> (
    None
):
    # Clocks go back on Sunday 25 October 2026 at 03:00 in Belgrade.
    assert to_utc(datetime(2026, 10, 24, 10, 0), "BEG") == datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
    assert to_utc(datetime(2026, 10, 26, 10, 0), "BEG") == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)
    assert to_utc(datetime(2026, 10, 25, 1, 30), "BEG") == datetime(
        2026, 10, 24, 23, 30, tzinfo=UTC
    )
    assert to_utc(datetime(2026, 10, 25, 4, 0), "BEG") == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)


def test_istanbul_keeps_utc_plus_three_all_year() -> None:
    for month in (1, 7, 11):
        assert to_utc(datetime(2026, month, 5, 6, 35), "IST").hour == 3


def test_a_utc_time_is_shown_as_the_airport_clock_shows_it() -> None:
    moment = datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
    assert local_time(moment, "BEG").replace(tzinfo=None) == datetime(2026, 10, 24, 10, 0)
    assert local_time(moment, "SKP").utcoffset() is not None
    assert to_utc(local_time(moment, "BEG").replace(tzinfo=None), "BEG") == moment


def test_an_aware_time_is_only_converted_whatever_the_airport() -> None:
    aware = datetime.fromisoformat("2026-11-23T06:35:00+03:00")
    assert to_utc(aware, "BEG") == datetime(2026, 11, 23, 3, 35, tzinfo=UTC)


def test_an_unknown_airport_is_logged_and_its_times_taken_as_utc(
    caplog: pytest.LogCaptureFixture,
) -> None:
    airport_tz.cache_clear()
    with caplog.at_level(logging.WARNING, logger="workstation.airports"):
        assert to_utc(datetime(2026, 11, 23, 6, 35), "QQQ") == datetime(
            2026, 11, 23, 6, 35, tzinfo=UTC
        )
    assert "QQQ" in caplog.text
    assert airport_tz("QQQ") is None
    assert airport_name("QQQ") is None and airport_country("QQQ") is None


def test_airport_names_and_countries_come_from_the_bundled_data() -> None:
    assert "Belgrade" in (airport_name("BEG") or "")
    assert (airport_country("BEG"), airport_country("SKP"), airport_country("ist")) == (
        "SRB",
        "MKD",
        "TUR",
    )


def test_a_manifest_across_the_october_change_gives_utc_by_the_airport_clock(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "Flight,Origin,Destination,Departure,Surname,Given Names\n"
        "JU500,BEG,SKP,2026-10-24 10:00,POPOV,IVAN\n"
        "JU500,BEG,SKP,26.10.2026 10:00,POPOVA,MARIJA\n"
        "JU500,BEG,SKP,2026-10-27,POPOVSKI,ANDREJ\n",
        encoding="utf-8",
    )
    departures = [f.scheduled_departure for f in read_manifest(path).flights]
    assert departures == [
        datetime(2026, 10, 24, 8, 0, tzinfo=UTC),
        datetime(2026, 10, 26, 9, 0, tzinfo=UTC),
        datetime(2026, 10, 27, 0, 0, tzinfo=UTC),  # a day alone is kept as that day
    ]


def test_an_api_message_naming_an_unknown_airport_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "unknown.edi"
    path.write_bytes(PAXLST.read_bytes().replace(b"LOC+125+IST'", b"LOC+125+QQQ'"))
    result = read_paxlst(path)
    (flight,) = result.flights
    assert flight.scheduled_departure == datetime(2026, 11, 23, 6, 35, tzinfo=UTC)
    assert any("'QQQ' is not known" in w for w in result.warnings)
