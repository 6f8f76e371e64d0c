"""Plain passenger manifests kept as spreadsheets (CSV or XLSX), one traveller a row.

Columns are recognised by their headers in English, Serbian (Latin and Cyrillic) or Macedonian;
see ``VOCABULARY``. Names come from Surname and Given names columns or from one full-name column
(see ``workstation.readers.names``). The flight comes from a Flight column (``JU211``, ``JU 211``,
``JU0211``) or Carrier and Flight number columns, with Origin, Destination, Departure and Arrival;
whatever a row lacks is taken from the ``flight`` the caller gives, and a row that still lacks a
flight number or airports is an error. Rows are grouped into flights by carrier, number, origin,
destination and scheduled departure.

Times: a departure or arrival written with a clock time but no zone is the wall clock at the
airport it belongs to (origin, destination), as in API messages, and is made UTC with that
airport's zone (an unknown airport is warned of, its times taken as UTC); one written with a zone
(``Z``, ``+03:00``) is only converted; a date alone is kept as midnight UTC, a day rather than a
time. All datetimes returned are UTC-aware.
File, encoding, delimiter, header and date handling: ``watchlists.table``, ``watchlists.cells``.
Any problem raises InputFileError naming the file and line (CSV) or row (XLSX); nothing partial
is ever returned. When the columns cannot be told (no name column, or no flight or airport column
and no flight given) it is a ``ColumnsUnknownError``: a user may then map the columns by hand
(``mapping``: column position to one of ``MAPPABLE_FIELDS``), and such a mapping can be kept as
a profile for the next file with the same header (``workstation.readers.profiles``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from matching.countries import to_alpha3
from matching.dates import PartialDate
from watchlists.cells import Cell, cell_text, parse_date, parse_datetime, parse_sex
from watchlists.errors import WatchlistFormatError
from watchlists.table import Row, Vocabulary, header_key, read_table
from workstation.airports import airport_tz, to_utc
from workstation.errors import InputFileError
from workstation.readers.names import split_full_name, without_titles
from workstation.readers.records import DocumentRecord, FlightRecord, PassengerFile, TravellerRecord

VOCABULARY: Vocabulary = {
    "surname": "Surname|Surnames|Last Name|Family Name|Prezime|Презиме",
    "given_names": "Given Names|Given Name|First Name|First Names|Forename|Forenames|Ime|Име",
    "full_name": "Name|Full Name|Passenger Name|Traveller Name|Traveler Name|Pax Name|"
    "Ime i prezime|Име и презиме|Ime putnika|Име путника|Име на патник",
    "full_name_sf": "Surname and Name|Surname, Given Names|Prezime i ime|Презиме и име",
    "birth_date": "Date of Birth|DOB|Birth Date|Birthdate|Born|Datum rođenja|Datum rodjenja|"
    "Датум рођења|Датум на раѓање",
    "sex": "Sex|Gender|Pol|Spol|Пол",
    "nationality": "Nationality|Citizenship|Državljanstvo|Drzavljanstvo|Држављанство|Државјанство",
    "doc_number": "Document Number|Document No|Doc Number|Doc No|Passport Number|Passport No|"
    "Passport|Travel Document Number|Broj pasoša|Broj pasosa|Broj dokumenta|Број пасоша|"
    "Број документа|Број на пасош|Број на документ",
    "doc_type": "Document Type|Doc Type|Type of Document|Vrsta dokumenta|Врста документа|"
    "Вид на документ|Тип на документ",
    "issuing_state": "Issuing State|Issuing Country|Country of Issue|Issued By|Issuer|"
    "Država izdavanja|Држава издавања|Држава на издавање",
    "doc_expiry": "Document Expiry|Expiry Date|Expiry|Date of Expiry|Expiration Date|"
    "Passport Expiry|Valid Until|Važi do|Важи до|Datum isteka|Датум истека|Рок на важење",
    "booking_ref": "Booking Reference|Booking Ref|PNR|Record Locator|PNR Locator|Booking|"
    "Rezervacija|Резервација",
    "seat": "Seat|Seat Number|Seat No|Sedište|Sediste|Седиште",
    "role": "Role|Type|Pax Type|Passenger Type|Traveller Type|Uloga|Улога|Tip putnika",
    "flight": "Flight|Flight Number|Flight No|Flight Designator|Let|Broj leta|Број лета|Лет",
    "carrier": "Carrier|Airline|Carrier Code|Airline Code|Prevoznik|Превозник|Авиопревозник",
    "origin": "Origin|From|Departure Airport|Airport of Departure|Dep Airport|Polazište|"
    "Полазиште|Аеродром на поаѓање",
    "destination": "Destination|To|Arrival Airport|Airport of Arrival|Arr Airport|Odredište|"
    "Одредиште|Аеродром на пристигнување",
    "departure": "Departure|Scheduled Departure|Departure Time|Departure Date|STD|Dep Time|"
    "Flight Date|Date of Flight|Polazak|Vreme polaska|Datum leta|Полазак|Датум лета|Поаѓање",
    "arrival": "Arrival|Scheduled Arrival|Arrival Time|STA|Arr Time|Dolazak|Vreme dolaska|"
    "Долазак|Пристигнување",
}

MAPPABLE_FIELDS: dict[str, str] = {
    "surname": "Surname",
    "given_names": "Given names",
    "full_name": "Full name",
    "birth_date": "Date of birth",
    "sex": "Sex",
    "nationality": "Nationality",
    "doc_number": "Document number",
    "doc_type": "Document type",
    "issuing_state": "Issuing state",
    "doc_expiry": "Document expiry",
    "booking_ref": "Booking reference",
    "seat": "Seat",
    "role": "Role (passenger or crew)",
    "flight": "Flight",
    "carrier": "Carrier",
    "origin": "Origin",
    "destination": "Destination",
    "departure": "Departure",
    "arrival": "Arrival",
}
NAME_FIELDS = ("surname", "full_name")


class ColumnsUnknownError(InputFileError):
    """The reader cannot tell which column holds what; a mapping chosen by a user would do."""


_MISSING_HEADER = (
    "no column for surname or name found in the first 20 rows; expected headers such as "
    "Surname, Given Names, Date of Birth, Sex, Nationality, Document Number"
)
_DESIGNATOR = re.compile(r"^([A-Z0-9]{2}[A-Z]?)0*(\d{1,4}[A-Z]?)$")
_NUMBER = re.compile(r"^0*(\d{1,4}[A-Z]?)$")
_AIRPORT = re.compile(r"^[A-Z]{3}$")
_ZONE = re.compile(r"(?:Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE)
_ROLES = {
    "passenger": "passenger|pax|p|adt|adult|chd|child|cnn|inf|infant|yth|putnik|путник|патник",
    "crew": "crew|c|cr|crew member|flight crew|cabin crew|cockpit|dhc|posada|član posade|"
    "посада|члан посаде|екипаж|член на екипаж",
}
_ROLE_BY_KEY = {header_key(w): role for role, words in _ROLES.items() for w in words.split("|")}
_DOC_TYPES = {
    "P": "p|pp|passport|pasoš|пасош",
    "I": "i|id|id card|identity card|national id|lična karta|licna karta|лична карта",
    "V": "v|visa|viza|виза",
    "AC": "ac|crew member certificate|crew certificate",
}
_DOC_BY_KEY = {header_key(w): code for code, words in _DOC_TYPES.items() for w in words.split("|")}

MAX_TRAVELLERS = 10_000
_FlightKey = tuple[str, str, str, str, datetime | None]


def read_manifest(
    path: Path, *, flight: FlightRecord | None = None, mapping: Mapping[int, str] | None = None
) -> PassengerFile:
    """Read every traveller of a manifest spreadsheet, grouped by flight.

    ``mapping`` (column position, from 0, to a field of ``MAPPABLE_FIELDS``) replaces the
    recognition of the headers: the file's first non-blank row is then its header.
    A file over 50 MB or with more than 10,000 travellers is refused."""
    from workstation.readers.detect import MAX_FILE_BYTES, read_file_bytes

    if _too_big(path, MAX_FILE_BYTES):
        read_file_bytes(path, limit=MAX_FILE_BYTES)  # raises, naming the size or the problem
    if mapping is not None:
        check_mapping(path, mapping)
    try:
        table = read_table(
            path,
            VOCABULARY,
            required=("surname", "full_name", "full_name_sf"),
            missing_header=_MISSING_HEADER,
            columns=mapping,
        )
    except WatchlistFormatError as exc:
        unsure = exc.problem == _MISSING_HEADER and mapping is None
        error = ColumnsUnknownError if unsure else InputFileError
        raise error(path, exc.problem, where=exc.where) from exc
    warnings = list(table.notes)
    if table.ignored and mapping is None:
        warnings.append(f"columns not recognised and ignored: {', '.join(table.ignored)}")
    flights: dict[_FlightKey, FlightRecord] = {}
    travellers: dict[_FlightKey, list[TravellerRecord]] = {}
    count = 0
    for row in table.rows:
        reader = _RowReader(path, row, warnings, mapped=mapping is not None)
        traveller = reader.traveller()
        if traveller is None:
            continue
        record = reader.flight(flight)
        key = (
            record.carrier,
            record.number,
            record.origin,
            record.destination,
            record.scheduled_departure,
        )
        known = flights.setdefault(key, record)
        if known.scheduled_arrival is None and record.scheduled_arrival is not None:
            flights[key] = record
        travellers.setdefault(key, []).append(traveller)
        count += 1
        if count > MAX_TRAVELLERS:
            raise InputFileError(
                path, f"more than {MAX_TRAVELLERS:,} travellers; split the file", where=row.where
            )
    if not travellers:
        raise InputFileError(path, "the file has a header row but no travellers")
    return PassengerFile(
        source_format=f"manifest-{table.kind}",
        flights=tuple(replace(f, travellers=tuple(travellers[k])) for k, f in flights.items()),
        warnings=tuple(warnings),
    )


def check_mapping(path: Path, mapping: Mapping[int, str]) -> None:
    """A mapping names known fields, each once, and a surname or full-name column."""
    unknown = sorted({f for f in mapping.values() if f not in MAPPABLE_FIELDS})
    if unknown or any(position < 0 for position in mapping):
        raise InputFileError(path, f"the column mapping names unknown fields: {unknown}")
    twice = sorted({f for f in mapping.values() if list(mapping.values()).count(f) > 1})
    if twice:
        raise InputFileError(path, f"the column mapping names a field twice: {', '.join(twice)}")
    if not set(NAME_FIELDS) & set(mapping.values()):
        raise InputFileError(path, "the column mapping names no surname or full-name column")


def _too_big(path: Path, limit: int) -> bool:
    try:
        return path.stat().st_size > limit
    except OSError:
        return True  # read_file_bytes names the problem


def _wall_clock(value: Cell) -> bool:
    """Whether a cell holds a clock time without a zone (a date alone is not a clock time)."""
    if isinstance(value, datetime):
        return value.tzinfo is None
    if isinstance(value, float):
        return not value.is_integer()
    if isinstance(value, str):
        text = value.strip()
        return ":" in text and _ZONE.search(text) is None
    return False


class _RowReader:
    """Turns one row into a traveller and its flight; errors name the row."""

    def __init__(self, path: Path, row: Row, warnings: list[str], *, mapped: bool) -> None:
        self.path = path
        self.row = row
        self.warnings = warnings
        self.mapped = mapped

    def text(self, name: str) -> str:
        return cell_text(self.row.get(name))

    def fail(self, problem: str, *, column: str = "") -> InputFileError:
        """The error for this row; ``column`` names a field whose column the file lacks (then
        a mapping by hand may help, unless the columns were mapped already)."""
        unsure = column and column not in self.row.values and not self.mapped
        error = ColumnsUnknownError if unsure else InputFileError
        return error(self.path, problem, where=self.row.where)

    def warn(self, problem: str) -> None:
        self.warnings.append(f"{self.row.where}: {problem}")

    def traveller(self) -> TravellerRecord | None:
        surname, given = self.names()
        if not surname:
            if self.text("birth_date") or self.text("doc_number"):
                raise self.fail("the traveller has no surname or name")
            self.warn("no name; the row was skipped")
            return None
        return TravellerRecord(
            surname=surname,
            given_names=given,
            role=self.role(),
            birth_date=self.date("birth_date", "date of birth", birth=True),
            sex=parse_sex(self.row.get("sex")),
            nationality=self.country("nationality", "nationality"),
            documents=self.documents(),
            booking_reference=self.text("booking_ref").upper() or None,
            seat=self.text("seat").upper() or None,
            source_line=self.row.number,
        )

    def names(self) -> tuple[str, str]:
        surname = without_titles(self.text("surname"))
        if surname:
            return surname, without_titles(self.text("given_names")) or self.name_besides(surname)
        if full := self.text("full_name_sf"):
            return split_full_name(full, surname_first=True)
        return split_full_name(self.text("full_name"))

    def name_besides(self, surname: str) -> str:
        """Given names from a Name column next to a Surname column ("Surname;Name" lists)."""
        full = self.text("full_name")
        split_surname, given = split_full_name(full)
        return given if header_key(split_surname) == header_key(surname) else without_titles(full)

    def role(self) -> str:
        written = self.text("role")
        role = _ROLE_BY_KEY.get(header_key(written), "passenger")
        if written and header_key(written) not in _ROLE_BY_KEY:
            self.warn(f"role {written!r} is neither passenger nor crew; taken as passenger")
        return role

    def date(self, name: str, label: str, *, birth: bool = False) -> PartialDate | None:
        value: Cell = self.row.get(name)
        try:
            return parse_date(value, birth=birth)
        except ValueError as exc:
            raise self.fail(f"{label} {cell_text(value)!r} is not a date") from exc

    def moment(self, name: str, label: str, airport: str) -> datetime | None:
        value: Cell = self.row.get(name)
        try:
            parsed = parse_datetime(value)
        except ValueError as exc:
            raise self.fail(f"{label} {cell_text(value)!r} is not a date and time") from exc
        if parsed is None or not _wall_clock(value):
            return parsed
        if airport_tz(airport) is None:
            note = f"airport {airport!r} is not known; its times are taken as UTC"
            if note not in self.warnings:
                self.warnings.append(note)
        return to_utc(parsed.replace(tzinfo=None), airport)

    def country(self, name: str, label: str) -> str | None:
        written = self.text(name)
        code = to_alpha3(written) if written else None
        if written and code is None:
            self.warn(f"{label} {written!r} is not a known country; left empty")
        return code

    def documents(self) -> tuple[DocumentRecord, ...]:
        number = "".join(self.text("doc_number").split()).upper()
        if not number:
            return ()
        return (
            DocumentRecord(
                number=number,
                doc_type=self.doc_type(),
                issuing_state=self.country("issuing_state", "issuing state"),
                expiry=self.date("doc_expiry", "document expiry date"),
            ),
        )

    def doc_type(self) -> str:
        written = self.text("doc_type")
        if not written:
            return "P"
        code = _DOC_BY_KEY.get(header_key(written))
        if code is None and re.fullmatch(r"[A-Za-z]{1,2}", written):
            code = written.upper()
        if code is None:
            self.warn(f"document type {written!r} is not known; taken as passport")
        return code or "P"

    def flight(self, default: FlightRecord | None) -> FlightRecord:
        carrier, number = self.designator(default)
        origin = self.airport("origin", default.origin if default else "")
        destination = self.airport("destination", default.destination if default else "")
        departure = self.moment("departure", "departure", origin)
        arrival = self.moment("arrival", "arrival", destination)
        return FlightRecord(
            carrier=carrier,
            number=number,
            origin=origin,
            destination=destination,
            scheduled_departure=departure or (default.scheduled_departure if default else None),
            scheduled_arrival=arrival or (default.scheduled_arrival if default else None),
        )

    def designator(self, default: FlightRecord | None) -> tuple[str, str]:
        written = re.sub(r"[^A-Z0-9]", "", self.text("flight").upper())
        carrier = self.text("carrier").upper() or (default.carrier if default else "")
        if not written:
            if default is None:
                raise self.fail(
                    "no flight number, and no flight was given for the file", column="flight"
                )
            return default.carrier, default.number
        if m := _NUMBER.match(written):
            if not carrier:
                raise self.fail(f"flight {written!r} has no airline; add a Carrier column")
            return carrier, m[1]
        if m := _DESIGNATOR.match(written):
            return m[1], m[2]
        raise self.fail(f"flight {written!r} is not a flight number such as JU211")

    def airport(self, name: str, default: str) -> str:
        code = self.text(name).upper() or default
        if not code:
            raise self.fail(f"no {name} airport, and no flight was given for the file", column=name)
        if not _AIRPORT.match(code):
            raise self.fail(f"{name} {code!r} is not a three-letter IATA airport code")
        return code
