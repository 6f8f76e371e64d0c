"""Machine readable zones of travel documents (ICAO Doc 9303), as pasted or scanned.

:func:`read_mrz` reads the two or three lines of a passport (TD3), identity card (TD1, TD2) or
visa (MRV-A, MRV-B) as an officer pastes them or a keyboard-wedge reader types them: surrounding
whitespace, any line ending, lower case and a trailing newline are accepted, and a space typed for
a filler ``<`` is read as one when every line then has the length of its format (a line that only
fits when padded is refused: its missing characters cannot be placed). Check digits (weights
7-3-1) are verified, the composite included; a failed check is reported in plain words, never
raised. Text that is not an MRZ raises :class:`~workstation.errors.InvalidInputError`.

TD1 and TD2 documents whose number is longer than nine characters put ``<`` in the number's check
digit position; the number then continues in the optional data, followed by its check digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from matching.countries import to_alpha3
from matching.dates import PartialDate
from workstation.errors import InvalidInputError
from workstation.readers.records import DocumentRecord, TravellerRecord

FILLER = "<"
_WEIGHTS = (7, 3, 1)
_CHARSET = re.compile(r"^[A-Z0-9<]+$")
_LINE_ENDS = re.compile(r"\r\n|\r|\n")
_SPECIMEN_STATES = frozenset({"UTO"})  # ICAO's Utopia, used on every Doc 9303 specimen
_FORMATS = {(3, 30): "TD1", (2, 36): "TD2", (2, 44): "TD3"}
_LINE_NAMES = {30: "an identity card (TD1)", 36: "an identity card (TD2)", 44: "a passport (TD3)"}
# Which of year, month and day may be known: a day needs a month, a month a year.
_DATE_SHAPES = ((True, True, True), (True, True, False), (True, False, False), (False,) * 3)
_LABELS = {
    "document_number": "the document number",
    "birth_date": "the date of birth",
    "expiry": "the date of expiry",
    "optional_data": "the optional data",
    "composite": "the whole line (composite)",
}


@dataclass(frozen=True)
class MrzResult:
    """What an MRZ says, with the outcome of each check digit (``checks``) and the problems."""

    format: str  # "TD1", "TD2", "TD3", "MRV-A" or "MRV-B"
    document_code: str  # "P", "I", "ID", "V", "AC"... without fillers
    issuing_state: str | None  # ISO alpha-3 or kept ICAO code (RKS, XXA, UNO...)
    surname: str
    given_names: str
    names_truncated: bool
    document_number: str
    nationality: str | None
    birth_date: PartialDate | None
    sex: str | None  # "M", "F" or None
    expiry: PartialDate | None
    optional_data: str
    lines: tuple[str, ...]
    checks: dict[str, bool] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def check_digit(data: str) -> int:
    """The 7-3-1 check digit of ``data`` (digits, ``A``-``Z`` as 10-35, ``<`` as 0)."""
    total = 0
    for i, ch in enumerate(data):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - ord("A") + 10
        elif ch == FILLER:
            value = 0
        else:
            raise ValueError(f"{ch!r} cannot be in an MRZ")
        total += value * _WEIGHTS[i % 3]
    return total % 10


def read_mrz(text: str, *, today: date | None = None) -> MrzResult:
    """Read an MRZ of 2 or 3 lines; raise InvalidInputError when the text is not one."""
    lines = _normalised_lines(text)
    kind = _FORMATS[(len(lines), len(lines[0]))]
    if kind != "TD1" and lines[0][0] == "V":
        kind = "MRV-A" if kind == "TD3" else "MRV-B"
    return _Reader(kind, lines, today or date.today()).result()


def to_traveller_record(result: MrzResult) -> TravellerRecord:
    """The traveller an MRZ describes, with its one document."""
    document = DocumentRecord(
        number=result.document_number,
        doc_type=result.document_code or "P",
        issuing_state=result.issuing_state,
        expiry=result.expiry,
    )
    return TravellerRecord(
        surname=result.surname,
        given_names=result.given_names,
        birth_date=result.birth_date,
        sex=result.sex,
        nationality=result.nationality,
        documents=(document,),
    )


def _normalised_lines(text: str) -> list[str]:
    raw = [line.strip() for line in _LINE_ENDS.split(text.strip().upper())]
    lines = [line for line in raw if line]
    if len(lines) == 1 and len(lines[0]) in (72, 88, 90) and " " not in lines[0]:
        width = {72: 36, 88: 44, 90: 30}[len(lines[0])]  # lines run together on one line
        lines = [lines[0][i : i + width] for i in range(0, len(lines[0]), width)]
    if not lines:
        raise InvalidInputError("No MRZ was given: the text is empty.")
    if len(lines) not in (2, 3):
        raise InvalidInputError(
            f"An MRZ has 2 or 3 lines; this text has {len(lines)}. "
            "Paste or scan the whole zone at the foot of the document's data page."
        )
    lines = [line.replace(" ", FILLER) for line in lines]
    _check_lengths(lines)
    for number, line in enumerate(lines, 1):
        if not _CHARSET.match(line):
            bad = next(ch for ch in line if not _CHARSET.match(ch))
            raise InvalidInputError(
                f"Line {number} has {bad!r} at position {line.index(bad) + 1}; an MRZ holds only "
                "the letters A-Z, digits and '<'."
            )
    if not lines[0][0].isalpha():
        raise InvalidInputError(
            f"Line 1 starts with {lines[0][0]!r}; an MRZ starts with the document code "
            "(P, I, A, C or V)."
        )
    return lines


def _check_lengths(lines: list[str]) -> None:
    two_line = next((len(x) for x in lines if len(x) in (36, 44)), 0)
    expected = 30 if len(lines) == 3 else two_line
    for number, line in enumerate(lines, 1):
        if expected == 0:
            raise InvalidInputError(
                f"Line {number} has {len(line)} characters; an MRZ of two lines has 36 "
                "(identity card, TD2) or 44 (passport, TD3) characters a line."
            )
        if len(line) != expected:
            raise InvalidInputError(
                f"Line {number} has {len(line)} characters; {_LINE_NAMES[expected]} line has "
                f"{expected}."
            )


class _Reader:
    """Cuts the lines of one format into fields and checks them."""

    def __init__(self, kind: str, lines: list[str], today: date) -> None:
        self.kind, self.lines, self.today = kind, lines, today
        self.checks: dict[str, bool] = {}
        self.problems: list[str] = []

    def result(self) -> MrzResult:
        one, two = self.lines[0], self.lines[1]
        if self.kind == "TD1":
            number, optional = self._number(one[5:14], one[14], one[15:30])
            optional2 = two[18:29].rstrip(FILLER)
            optional = f"{optional} {optional2}".strip() if optional2 else optional
            birth, sex, expiry, nationality = two[0:7], two[7], two[8:15], two[15:18]
            names, state = self.lines[2], one[2:5]
            self._check("composite", one[5:30] + two[0:7] + two[8:15] + two[18:29], two[29])
        else:
            names, state = one[5:], one[2:5]
            birth, sex, expiry, nationality = two[13:20], two[20], two[21:28], two[10:13]
            number, optional = self._optional_line(two)
        surname, given, truncated = _names(names)
        return MrzResult(
            format=self.kind,
            document_code=one[0:2].rstrip(FILLER),
            issuing_state=self._country("issuing state", state),
            surname=surname,
            given_names=given,
            names_truncated=truncated,
            document_number=number,
            nationality=self._country("nationality", nationality),
            birth_date=self._date("birth_date", birth, past=True),
            sex=self._sex(sex),
            expiry=self._date("expiry", expiry, past=False),
            optional_data=optional,
            lines=tuple(self.lines),
            checks=self.checks,
            problems=self.problems,
        )

    def _optional_line(self, two: str) -> tuple[str, str]:
        """Document number and optional data of line 2 of TD2, TD3 and visas."""
        if self.kind == "TD3":
            number, optional = self._number(two[0:9], two[9], two[28:42])
            self._check("optional_data", two[28:42], two[42], blank_ok=True)
            self._check("composite", two[0:10] + two[13:20] + two[21:43], two[43])
        elif self.kind == "TD2":
            number, optional = self._number(two[0:9], two[9], two[28:35])
            self._check("composite", two[0:10] + two[13:20] + two[21:35], two[35])
        else:
            number, optional = self._number(two[0:9], two[9], "")
            optional = two[28:].rstrip(FILLER)
        return number, optional

    def _number(self, head: str, digit: str, optional: str) -> tuple[str, str]:
        """The document number and what is left of the optional data after it."""
        if digit == FILLER and self.kind in ("TD1", "TD2") and optional[:1] not in ("", FILLER):
            run = optional.split(FILLER, 1)[0]
            number = head + run[:-1]
            self._check("document_number", number, run[-1])
            return number.rstrip(FILLER), optional[len(run) :].strip(FILLER)
        self._check("document_number", head, digit)
        return head.rstrip(FILLER), optional.rstrip(FILLER)

    def _check(self, name: str, data: str, digit: str, *, blank_ok: bool = False) -> None:
        label = _LABELS[name]
        if blank_ok and digit == FILLER and set(data) <= {FILLER}:
            self.checks[name] = True
            return
        if not digit.isdigit():
            self.checks[name] = False
            self.problems.append(f"the check digit of {label} is {digit!r}, not a digit")
            return
        expected = check_digit(data)
        self.checks[name] = int(digit) == expected
        if not self.checks[name]:
            self.problems.append(f"the check digit of {label} is {digit}, the data give {expected}")

    def _date(self, name: str, field_: str, *, past: bool) -> PartialDate | None:
        self._check(name, field_[:6], field_[6])
        text, label = field_[:6], _LABELS[name]
        parts = [text[0:2], text[2:4], text[4:6]]
        numbers: list[int | None] = [int(p) if p.isdigit() else None for p in parts]
        known = tuple(n is not None for n in numbers)
        garbled = any(p != FILLER * 2 and n is None for p, n in zip(parts, numbers, strict=True))
        if garbled or known not in _DATE_SHAPES:
            self.problems.append(f"{label} {text!r} is not a date (YYMMDD, '<' where unknown)")
            return None
        yy, month, day = numbers
        if yy is None:
            return None
        year = _century(yy, month, day, self.today, past=past)
        try:
            if month is not None and day is not None:
                date(year, month, day)
            return PartialDate(year, month, day)
        except ValueError:
            self.problems.append(f"{label} {text!r} is not a date")
            return None

    def _sex(self, value: str) -> str | None:
        if value in ("M", "F"):
            return value
        if value not in (FILLER, "X"):
            self.problems.append(f"the sex is {value!r}; an MRZ gives M, F, X or '<'")
        return None

    def _country(self, label: str, code: str) -> str | None:
        bare = code.replace(FILLER, "")
        if not bare:
            self.problems.append(f"the {label} is missing")
            return None
        if bare in _SPECIMEN_STATES:
            return bare
        found = to_alpha3(bare)
        if found is None:
            self.problems.append(f"the {label} {code!r} is not a known country code")
            return bare
        return found


def _names(field_: str) -> tuple[str, str, bool]:
    """Surname, given names, and whether the field is full (the names may be cut short)."""
    truncated = not field_.endswith(FILLER)
    surname, _sep, given = field_.rstrip(FILLER).partition(FILLER * 2)

    def words(text: str) -> str:
        return " ".join(text.replace(FILLER, " ").split())

    return words(surname), words(given), truncated


def _century(yy: int, month: int | None, day: int | None, today: date, *, past: bool) -> int:
    """Birth dates are in the past; expiry dates are 20YY unless that is absurdly far ahead."""
    year = 2000 + yy
    if past:
        if (year, month or 1, day or 1) > (today.year, today.month, today.day):
            year -= 100
    elif year > today.year + 50:
        year -= 100
    return year
