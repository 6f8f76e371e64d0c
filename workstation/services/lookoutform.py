"""What an officer types for a national lookout, and how it is checked before it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from matching.countries import to_alpha3
from matching.dates import PartialDate
from watchlists.cells import parse_date, parse_sex
from watchlists.tabular import CATEGORIES
from workstation.errors import InvalidInputError

MAX_NAMES = 50
MAX_NAME_LENGTH = 200
MAX_DOCUMENT_LENGTH = 40
MAX_TEXT_LENGTH = 4000


@dataclass(frozen=True)
class LookoutInput:
    """A national lookout as entered.

    ``names``: the primary name first, then aliases, each a full name in any script.
    ``birth_dates``: full or partial (``1979-04-12``, ``12.04.1979``, ``1979-04``, ``1979``).
    ``nationalities``: ISO 3166 codes or country names. ``category``: a code of
    :data:`watchlists.tabular.CATEGORIES`. The lookout is screened only from ``valid_from`` to
    ``valid_until`` (whole days, UTC, both included) when they are given. ``photo``: JPEG or PNG
    bytes, at most 2 MB; on an update, None keeps the current photo and ``remove_photo`` drops it.
    """

    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()
    sex: str | None = None
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    category: str = "other"
    handling_notes: str = ""
    source: str = ""
    reference: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    photo: bytes | None = None
    remove_photo: bool = False


def validated(lookout: LookoutInput) -> dict[str, Any]:
    """The entry's column values, or InvalidInputError saying what to correct."""
    names = _names(lookout.names)
    if lookout.category not in CATEGORIES:
        raise InvalidInputError(
            f"Unknown category {lookout.category!r}; choose one of {', '.join(CATEGORIES)}."
        )
    if lookout.valid_from and lookout.valid_until and lookout.valid_until < lookout.valid_from:
        raise InvalidInputError(
            "The lookout cannot end before it starts: check the validity dates."
        )
    sex = parse_sex(lookout.sex) if lookout.sex and lookout.sex.strip() else None
    if lookout.sex and lookout.sex.strip() and sex is None:
        raise InvalidInputError(f"Sex {lookout.sex!r}: write M or F, or leave it empty.")
    for label, text in (
        ("handling instructions", lookout.handling_notes),
        ("source", lookout.source),
        ("reference", lookout.reference),
    ):
        if len(text) > MAX_TEXT_LENGTH:
            raise InvalidInputError(f"The {label} are too long ({len(text)} characters).")
    if len(lookout.source.strip()) > 200 or len(lookout.reference.strip()) > 100:
        raise InvalidInputError("Keep the source under 200 characters and the reference under 100.")
    return {
        "primary_name": names[0],
        "names": names,
        "birth_dates": [str(d) for d in _birth_dates(lookout.birth_dates)],
        "sex": sex,
        "nationalities": _nationalities(lookout.nationalities),
        "documents": _documents(lookout.documents),
        "category": lookout.category,
        "handling_notes": lookout.handling_notes.strip(),
        "source": lookout.source.strip(),
        "reference": lookout.reference.strip(),
        "valid_from": lookout.valid_from,
        "valid_until": lookout.valid_until,
        "remarks": "",
    }


def _names(given: tuple[str, ...]) -> list[str]:
    names = list(dict.fromkeys(" ".join(n.split()) for n in given if n.strip()))
    if not names:
        raise InvalidInputError("A lookout needs at least one name.")
    if len(names) > MAX_NAMES:
        raise InvalidInputError(f"At most {MAX_NAMES} names per lookout.")
    for name in names:
        if len(name) > MAX_NAME_LENGTH:
            raise InvalidInputError(f"The name {name[:40]!r}... is too long.")
    return names


def _birth_dates(given: tuple[str, ...]) -> list[PartialDate]:
    today = date.today()
    dates: list[PartialDate] = []
    for text in given:
        try:
            found = parse_date(text, birth=True, today=today)
        except ValueError as exc:
            raise InvalidInputError(
                f"Date of birth {text!r} is not a date: write 1979-04-12, 1979-04 or 1979."
            ) from exc
        if found is None:
            continue
        if _after(found, today):
            raise InvalidInputError(f"Date of birth {text!r} is in the future.")
        if found not in dates:
            dates.append(found)
    return dates


def _after(found: PartialDate, today: date) -> bool:
    """True if the earliest day the partial date can mean is after ``today``."""
    earliest = (found.year, found.month or 1, found.day or 1)
    return earliest > (today.year, today.month, today.day)


def _nationalities(given: tuple[str, ...]) -> list[str]:
    codes: list[str] = []
    for text in given:
        if not text.strip():
            continue
        code = to_alpha3(text)
        if code is None:
            raise InvalidInputError(
                f"Nationality {text!r} is not a known country: use a code such as SRB, MKD."
            )
        if code not in codes:
            codes.append(code)
    return codes


def _documents(given: tuple[str, ...]) -> list[str]:
    numbers = list(dict.fromkeys("".join(d.split()).upper() for d in given if d.strip()))
    for number in numbers:
        if len(number) > MAX_DOCUMENT_LENGTH:
            raise InvalidInputError(f"Document number {number[:20]}... is too long.")
    return numbers
