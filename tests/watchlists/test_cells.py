"""Reading dates, date-times and sex out of single spreadsheet cells."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from matching.dates import PartialDate
from watchlists.cells import cell_text, parse_date, parse_datetime, parse_sex

TODAY = date(2025, 3, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.03.1985", PartialDate(1985, 3, 12)),
        ("12.03.1985.", PartialDate(1985, 3, 12)),
        ("1.3.1985", PartialDate(1985, 3, 1)),
        ("12/03/1985", PartialDate(1985, 3, 12)),
        ("1985-03-12", PartialDate(1985, 3, 12)),
        ("1985-03-12 00:00:00", PartialDate(1985, 3, 12)),
        ("19850312", PartialDate(1985, 3, 12)),
        ("12MAR85", PartialDate(1985, 3, 12)),
        ("12 Mar 1985", PartialDate(1985, 3, 12)),
        ("12-mar-1985", PartialDate(1985, 3, 12)),
        ("1985", PartialDate(1985)),
        ("1985-03", PartialDate(1985, 3)),
        ("MAR 1985", PartialDate(1985, 3)),
        ("00.00.1985", PartialDate(1985)),
        ("00.03.1985", PartialDate(1985, 3)),
        ("XX.XX.1985", PartialDate(1985)),
        ("1985-00-00", PartialDate(1985)),
    ],
)
def test_written_dates_are_read(text: str, expected: PartialDate) -> None:
    assert parse_date(text, birth=True, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.03.85", PartialDate(1985, 3, 12)),
        ("12.03.24", PartialDate(2024, 3, 12)),
        ("11.03.25", PartialDate(2025, 3, 11)),
        ("13.03.25", PartialDate(1925, 3, 13)),
        ("01JAN30", PartialDate(1930, 1, 1)),
    ],
)
def test_two_digit_birth_years_take_the_century_that_puts_the_date_in_the_past(
    text: str, expected: PartialDate
) -> None:
    assert parse_date(text, birth=True, today=TODAY) == expected


def test_two_digit_expiry_years_take_the_nearest_century() -> None:
    assert parse_date("01JAN30", today=TODAY) == PartialDate(2030, 1, 1)
    assert parse_date("01JAN85", today=TODAY) == PartialDate(1985, 1, 1)


def test_excel_cells_are_read_as_dates() -> None:
    assert parse_date(31118) == PartialDate(1985, 3, 12)  # Excel serial number
    assert parse_date(31118.0) == PartialDate(1985, 3, 12)
    assert parse_date("31118") == PartialDate(1985, 3, 12)
    assert parse_date(datetime(1985, 3, 12, 0, 0)) == PartialDate(1985, 3, 12)
    assert parse_date(date(1985, 3, 12)) == PartialDate(1985, 3, 12)


def test_a_number_that_looks_like_a_year_is_a_year_not_a_serial() -> None:
    assert parse_date(1971) == PartialDate(1971)
    assert parse_date(1971.0) == PartialDate(1971)


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_an_empty_cell_gives_no_date(empty: str | None) -> None:
    assert parse_date(empty) is None


@pytest.mark.parametrize(
    "text", ["31.13.1980", "31.02.1980", "tomorrow", "12/03", "1985-13-01", "32MAR85", "12FOO85"]
)
def test_impossible_or_unreadable_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, birth=True)


def test_naive_date_times_are_taken_as_utc() -> None:
    expected = datetime(2025, 3, 12, 11, 5, tzinfo=UTC)
    assert parse_datetime("12.03.2025 11:05") == expected
    assert parse_datetime("12/03/2025 11:05:00") == expected
    assert parse_datetime("2025-03-12T11:05") == expected
    assert parse_datetime("2025-03-12 11:05") == expected
    assert parse_datetime(datetime(2025, 3, 12, 11, 5)) == expected


def test_date_times_with_an_offset_are_converted_to_utc() -> None:
    moment = parse_datetime("2025-03-12T14:05:00+03:00")
    assert moment == datetime(2025, 3, 12, 11, 5, tzinfo=UTC)
    assert moment is not None and moment.utcoffset() == timedelta(0)
    local = datetime(2025, 3, 12, 12, 5, tzinfo=timezone(timedelta(hours=1)))
    assert parse_datetime(local) == datetime(2025, 3, 12, 11, 5, tzinfo=UTC)


def test_excel_serial_date_times_and_bare_dates_are_read() -> None:
    assert parse_datetime(45728.4618055556) == datetime(2025, 3, 12, 11, 5, tzinfo=UTC)
    assert parse_datetime("12.03.2025") == datetime(2025, 3, 12, tzinfo=UTC)


@pytest.mark.parametrize("text", ["12.03.2025 25:00", "soon", "1985"])
def test_unreadable_date_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M", "M"),
        ("m", "M"),
        ("Male", "M"),
        ("muški", "M"),
        ("м", "M"),
        ("Мушки", "M"),
        ("машки", "M"),
        ("F", "F"),
        ("female", "F"),
        ("ženski", "F"),
        ("Ž", "F"),
        ("ж", "F"),
        ("женски", "F"),
        ("X", None),
        ("", None),
        (None, None),
        ("unknown", None),
    ],
)
def test_sex_is_read_in_english_serbian_and_macedonian(
    text: str | None, expected: str | None
) -> None:
    assert parse_sex(text) == expected


def test_cell_text_trims_and_drops_the_point_zero_of_whole_numbers() -> None:
    assert cell_text("  Marko   Petar \n") == "Marko Petar"
    assert cell_text(12345678.0) == "12345678"
    assert cell_text(None) == ""
