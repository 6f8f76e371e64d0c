"""Values as PNRGOV writes them: DDMMYY dates, titles glued to given names, SSR DOCS/DOCO/DOCA
free text, CTCE e-mail addresses, card numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from matching.dates import PartialDate
from workstation.readers.names import TITLES
from workstation.readers.paxlst_values import country, partial_date
from workstation.readers.records import DocumentRecord

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DDMMMYY = re.compile(r"^(\d{2})([A-Z]{3})(\d{2}|\d{4})$")
# Titles a booking glues to the given name ("MARKOMR"); DR and PROF only count when spaced,
# since ALEKSANDR and the like end in them.
_GLUED_TITLES = ("MSTR", "MISS", "MRS", "CHD", "INF", "MR", "MS")
_LANGUAGE_SUFFIX = re.compile(r"/[A-Z]{2}$")
_EMAIL_LANGUAGE = re.compile(r"(?<=[A-Za-z0-9])/[A-Za-z]{2}$")
_EMAIL_CODES = {"//": "@", "..": "_", "./": "-"}
PAYMENT_FORMS = {
    "CA": "cash",
    "CASH": "cash",
    "CC": "card",
    "DC": "card",
    "IN": "invoice",
    "INV": "invoice",
    "MS": "miscellaneous",
}


def pnr_datetime(day: str, time: str = "") -> datetime | None:
    """A DDMMYY date with an HHMM or HHMMSS time (midnight when absent), taken as UTC (booking
    and ticketing times are GMT in PNRGOV)."""
    local = pnr_local_time(day, time)
    return local.replace(tzinfo=UTC) if local else None


def pnr_local_time(day: str, time: str = "") -> datetime | None:
    """A DDMMYY date with an HHMM or HHMMSS time, naive: a wall clock (TVL times are local to
    the airport they name)."""
    digits, clock = day.strip(), time.strip()
    if len(digits) != 6 or not digits.isdigit():
        return None
    if clock and (not clock.isdigit() or len(clock) not in (4, 6)):
        return None
    try:
        return datetime.strptime(digits + (clock or "0000")[:4], "%d%m%y%H%M")
    except ValueError:
        return None


def ddmmmyy(text: str, *, before: date | None) -> PartialDate | None:
    """A DOCS date such as ``12JUL64``; ``before`` puts two-digit birth years in the past."""
    found = _DDMMMYY.match(text.strip().upper())
    if found is None or found.group(2) not in _MONTHS:
        return None
    month = _MONTHS.index(found.group(2)) + 1
    return partial_date(f"{found.group(3)}{month:02d}{found.group(1)}", before=before)


def split_title(given: str) -> tuple[str, str | None]:
    """``("MARKO", "MR")`` from ``MARKOMR`` or ``MARKO MR``; no title found: ``(given, None)``."""
    words = given.split()
    if not words:
        return "", None
    if len(words) > 1 and words[-1].upper().rstrip(".") in TITLES:
        return " ".join(words[:-1]), words[-1].upper().rstrip(".")
    last = words[-1]
    for title in _GLUED_TITLES:
        if last.upper().endswith(title) and len(last) - len(title) >= 2:
            words[-1] = last[: -len(title)]
            return " ".join(words), title
    if len(words) == 1 and last.upper() in TITLES:
        return "", last.upper()
    return " ".join(words), None


def decode_email(text: str) -> str:
    """An e-mail address from SSR CTCE text: ``//`` is @, ``..`` is _, ``./`` is -."""
    body = text.strip().lstrip("/")
    if "//" in body:  # a trailing language code: JOHN//EXAMPLE.COM/EN
        body = _EMAIL_LANGUAGE.sub("", body)
    out: list[str] = []
    i = 0
    while i < len(body):
        pair = body[i : i + 2]
        if pair in _EMAIL_CODES:
            out.append(_EMAIL_CODES[pair])
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out).lower()


def phone(text: str) -> str:
    """A telephone number from SSR CTCM/CTCH text: without the leading slash and language."""
    return _LANGUAGE_SUFFIX.sub("", text.strip().lstrip("/")).strip()


def masked(number: str) -> str | None:
    """A card number with all but its last four digits hidden (as sent when already masked)."""
    compact = re.sub(r"[\s-]", "", number).upper()
    if not compact:
        return None
    keep = compact[-4:]
    return "X" * max(len(compact) - 4, 0) + keep


@dataclass(frozen=True)
class Docs:
    """What one SSR DOCS says of a traveller and the travel document."""

    document: DocumentRecord | None
    birth_date: PartialDate | None
    sex: str | None
    is_infant: bool
    nationality: str | None
    surname: str
    given_names: str


def parse_docs(text: str, *, flight_day: date | None) -> Docs | None:
    """``/P/GBR/123456789/GBR/12JUL64/M/23AUG30/SMITH/JOHN/ROBERT``; None if it has no name
    and no document."""
    fields = [f.strip() for f in text.strip().removeprefix("/").split("/")]
    fields += [""] * (11 - len(fields))
    doc_type, issuer, number, nationality, birth, sex, expiry = fields[:7]
    surname, given = fields[7].upper(), " ".join(f for f in fields[8:10] if f).upper()
    sex_code = sex.upper()
    document = None
    if number:
        document = DocumentRecord(
            number.replace(" ", "").upper(),
            (doc_type or "P").upper()[:2],
            country(issuer),
            ddmmmyy(expiry, before=None) if expiry else None,
        )
    if document is None and not surname:
        return None
    return Docs(
        document=document,
        birth_date=ddmmmyy(birth, before=flight_day) if birth else None,
        sex=sex_code[:1] if sex_code[:1] in ("M", "F") else None,
        is_infant=sex_code in ("MI", "FI"),
        nationality=country(nationality),
        surname=surname,
        given_names=given,
    )


def parse_doco(text: str) -> DocumentRecord | None:
    """A visa from ``/BEG/V/A1234567/BEG/10JAN24/SRB`` (place of birth, type, number, place and
    date of issue, country it is valid for)."""
    fields = [f.strip() for f in text.strip().removeprefix("/").split("/")]
    fields += [""] * (6 - len(fields))
    doc_type, number, applicable = fields[1].upper(), fields[2], fields[5]
    if not number:
        return None
    return DocumentRecord(number.replace(" ", "").upper(), doc_type or "V", country(applicable))


def parse_doca(text: str) -> str | None:
    """An address as one line from ``/R/SRB/KNEZA MILOSA 10/BEOGRAD//11000``."""
    fields = [f.strip() for f in text.strip().removeprefix("/").split("/")]
    if len(fields) < 2:
        return None
    parts = [*fields[2:], fields[1]]
    line = ", ".join(p for p in parts if p)
    return line or None
