"""Single spreadsheet values read into text, dates, date-times and sex.

A cell is what the csv module or openpyxl gives: text, a number, a datetime, or nothing.

Dates are written day first (``12.03.1985``, ``12/03/1985``, ``12-03-85``), as ISO
(``1985-03-12``), compact (``19850312``), as ``12MAR85`` or ``12 Mar 1985``, as a year alone, or
as an Excel serial number. A number from 1800 to 2200 is read as a year, not as a serial. Unknown
parts written ``00`` or ``XX`` (``00.03.1985``, ``1985-00-00``) give a partial date. Two-digit
years of birth take the century that puts the date in the past; other two-digit years take the
century nearest today.

Date-times without a zone are taken as UTC (passenger lists give local times; until airports
carry their time zones the reader does not convert them). Results are timezone-aware UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from anyascii import anyascii

from matching.dates import PartialDate

Cell = str | int | float | bool | datetime | date | time | None

_EXCEL_EPOCH = datetime(1899, 12, 30)
_MAX_SERIAL = 2_958_465  # 9999-12-31
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
_UNKNOWN = r"(?:\d{1,2}|XX)"
_DAY_FIRST = re.compile(rf"^({_UNKNOWN})[./\-]({_UNKNOWN})[./\-](\d{{4}}|\d{{2}})\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{2}|XX)(?:-(\d{2}|XX))?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NAMED_MONTH = re.compile(r"^(\d{1,2})[\s\-]?([A-Z]{3})[\s\-]?(\d{4}|\d{2})$")
_MONTH_YEAR = re.compile(r"^([A-Z]{3})[\s\-]?(\d{4})$")
_MIDNIGHT = re.compile(r"[T\s]00:00(?::00(?:\.0+)?)?$")
_DAY_FIRST_TIME = re.compile(
    r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})\.?[\sT,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$"
)
_SEX = {
    "M": ("m", "male", "man", "muski", "musko", "м", "мушки", "мушко", "машки", "машко"),
    "F": ("f", "female", "woman", "w", "z", "zenski", "zensko", "ж", "женски", "женско"),
}


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(text).casefold())


_SEX_BY_KEY = {_fold(word): sex for sex, words in _SEX.items() for word in words}


def cell_text(value: Cell) -> str:
    """The cell as trimmed text with runs of white space made single; whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return " ".join(str(value).split())


def parse_sex(value: Cell) -> str | None:
    """``"M"``, ``"F"`` or None for M/F, male/female, muški/ženski, м/ж and the like."""
    return _SEX_BY_KEY.get(_fold(cell_text(value)))


def parse_date(
    value: Cell, *, birth: bool = False, today: date | None = None
) -> PartialDate | None:
    """A full or partial date, None for an empty cell; ValueError if it is not a date.

    ``birth`` makes a two-digit year take the century that puts the date in the past.
    """
    if value is None or isinstance(value, bool | time):
        if value is None:
            return None
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, date):  # datetime too
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int | float):
        return _number_date(value)
    text = _MIDNIGHT.sub("", " ".join(value.split()).upper())
    if not text:
        return None
    return _text_date(text, birth=birth, today=today or date.today())


def _number_date(number: float) -> PartialDate:
    if float(number).is_integer() and 1800 <= number <= 2200:
        return PartialDate(int(number))
    if not 1 <= number <= _MAX_SERIAL:
        raise ValueError(f"not an Excel date: {number}")
    day = (_EXCEL_EPOCH + timedelta(days=int(number))).date()
    return PartialDate(day.year, day.month, day.day)


def _text_date(text: str, *, birth: bool, today: date) -> PartialDate:
    if text.isdigit() and len(text) == 4:
        return PartialDate(int(text))
    if text.isdigit() and len(text) == 5:
        return _number_date(int(text))
    if m := _ISO.match(text):
        return _checked(int(m[1]), m[2], m[3])
    if m := _COMPACT.match(text):
        return _checked(int(m[1]), m[2], m[3])
    if m := _DAY_FIRST.match(text):
        return _with_century(m[3], m[2], m[1], birth=birth, today=today)
    if (m := _NAMED_MONTH.match(text)) and m[2] in _MONTHS:
        return _with_century(m[3], str(_MONTHS[m[2]]), m[1], birth=birth, today=today)
    if (m := _MONTH_YEAR.match(text)) and m[1] in _MONTHS:
        return PartialDate(int(m[2]), _MONTHS[m[1]])
    raise ValueError(f"not a date: {text!r}")


def _with_century(year: str, month: str, day: str, *, birth: bool, today: date) -> PartialDate:
    """A day-first date; a two-digit year takes the century described in the module text."""
    if len(year) == 4:
        return _checked(int(year), month, day)
    result = _checked(2000 + int(year), month, day)
    if birth:
        late = (result.year, result.month or 1, result.day or 1) > today.timetuple()[:3]
    else:
        late = result.year - today.year > 50
    return _checked(result.year - 100, month, day) if late else result


def _checked(year: int, month: str | None, day: str | None) -> PartialDate:
    """A PartialDate from parts, ``00``/``XX`` meaning unknown; ValueError for impossible dates."""
    known_month = int(month) if month and month not in ("00", "0", "XX") else None
    known_day = int(day) if day and day not in ("00", "0", "XX") and known_month else None
    if known_day is not None and known_month is not None:
        full = date(year, known_month, known_day)  # raises ValueError for 31.02 or 13th month
        return PartialDate(full.year, full.month, full.day)
    return PartialDate(year, known_month, None)


def parse_datetime(value: Cell) -> datetime | None:
    """A timezone-aware UTC date-time (naive ones taken as UTC), None for an empty cell.

    A date alone gives midnight. Raises ValueError if the cell is not a date-time.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, bool | time):
        raise ValueError(f"not a date-time: {value!r}")
    if isinstance(value, int | float):
        if not 1 <= value <= _MAX_SERIAL:
            raise ValueError(f"not an Excel date-time: {value}")
        return (_EXCEL_EPOCH + timedelta(days=value)).replace(tzinfo=UTC, microsecond=0)
    text = " ".join(value.split())
    if not text:
        return None
    if m := _DAY_FIRST_TIME.match(text):
        day, month, year, hour, minute, second = (int(part or 0) for part in m.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    try:
        return _utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    day_only = parse_date(text)
    if day_only is None or not day_only.is_full or day_only.month is None or day_only.day is None:
        raise ValueError(f"not a date-time: {text!r}")
    return datetime(day_only.year, day_only.month, day_only.day, tzinfo=UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
