"""The manifest spreadsheet reader, on real CSV and XLSX files written to a temporary folder."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from matching.dates import PartialDate
from workstation.errors import InputFileError
from workstation.readers.manifest import read_manifest
from workstation.readers.names import split_full_name
from workstation.readers.records import DocumentRecord, FlightRecord

FIXTURES = Path(__file__).parents[1] / "fixtures"
DEFAULT_FLIGHT = FlightRecord(
    carrier="JU",
    number="211",
    origin="IST",
    destination="BEG",
    scheduled_departure=datetime(2025, 3, 12, 11, 5, tzinfo=UTC),
    scheduled_arrival=datetime(2025, 3, 12, 12, 50, tzinfo=UTC),
)


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_the_sample_manifest_gives_one_flight_with_crew_and_passengers() -> None:
    result = read_manifest(FIXTURES / "manifest_ju211_beg.csv")

    assert result.source_format == "manifest-csv"
    assert result.warnings == ()
    (flight,) = result.flights
    assert (flight.designator, flight.origin, flight.destination) == ("JU211", "IST", "BEG")
    # 11:05 in Istanbul (UTC+3) and 12:50 in Belgrade (UTC+1 in March): local clocks.
    assert flight.scheduled_departure == datetime(2025, 3, 12, 8, 5, tzinfo=UTC)
    assert flight.scheduled_arrival == datetime(2025, 3, 12, 11, 50, tzinfo=UTC)
    assert len(flight.travellers) == 13
    assert [t.role for t in flight.travellers].count("crew") == 3
    dragan = flight.travellers[3]
    assert (dragan.surname, dragan.given_names) == ("PETKOVIĆ", "Dragan")
    assert dragan.birth_date == PartialDate(1979, 7, 14)
    assert (dragan.sex, dragan.nationality) == ("M", "SRB")
    assert dragan.documents == (DocumentRecord("009876543", "P", "SRB", PartialDate(2027, 10, 2)),)
    assert (dragan.booking_reference, dragan.seat, dragan.source_line) == ("K7QX2L", "12C", 5)
    by_surname = {t.surname: t for t in flight.travellers}
    assert by_surname["AL-HADDAD"].nationality == "JOR"  # written "Jordan"
    assert by_surname["KHALIL"].nationality == "LBN"  # written "Lebanon"
    assert by_surname["MAHMOUDI"].birth_date == PartialDate(1990)  # written 00.00.1990
    assert by_surname["ÖZTÜRK"].documents[0].doc_type == "I"


def test_a_title_block_above_the_header_and_commas_are_handled(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "manifest.csv",
        [
            "Air Serbia - passenger manifest",
            "Printed 12.03.2025",
            "",
            "No.,Last Name,First Name,DOB,Gender,Citizenship,Passport No.,Flight,From,To",
            '1,Yılmaz,"Ayşe Nur",12MAR85,female,Turkey,U 1234 567,JU 211,ist,beg',
            "",
            "2,Hoxha,Besart,1988-07-01,M,RKS,P00112233,JU0211,IST,BEG",
        ],
        encoding="utf-8-sig",
    )

    (flight,) = read_manifest(path).flights

    assert flight.designator == "JU211"
    assert (flight.origin, flight.destination) == ("IST", "BEG")
    ayse, besart = flight.travellers
    assert (ayse.surname, ayse.given_names, ayse.sex) == ("Yılmaz", "Ayşe Nur", "F")
    assert ayse.birth_date == PartialDate(1985, 3, 12)
    assert ayse.documents[0].number == "U1234567"
    assert (ayse.source_line, besart.source_line) == (5, 7)
    assert besart.birth_date == PartialDate(1988, 7, 1)


def test_serbian_latin_headers_in_cp1250_are_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "spisak.csv",
        [
            "Prezime;Ime;Datum rođenja;Pol;Državljanstvo;Broj pasoša",
            "Đorđević;Milica;07.11.1992.;ž;Srbija;012987654",
            "Šćepanović;Luka;1.2.1980;muški;Crna Gora;AB1234567",
        ],
        encoding="cp1250",
    )

    result = read_manifest(path, flight=DEFAULT_FLIGHT)

    milica, luka = result.flights[0].travellers
    assert (milica.surname, milica.given_names) == ("Đorđević", "Milica")
    assert (milica.sex, milica.nationality) == ("F", "SRB")
    assert milica.birth_date == PartialDate(1992, 11, 7)
    assert (luka.surname, luka.sex, luka.nationality) == ("Šćepanović", "M", "MNE")
    assert result.flights[0].designator == "JU211"
    assert result.flights[0].scheduled_departure == DEFAULT_FLIGHT.scheduled_departure


def test_cyrillic_headers_in_cp1251_are_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "списак.csv",
        [
            "Презиме;Име;Датум рођења;Пол;Држављанство;Број пасоша",
            "Јовановић;Љубомир;03.04.1970;м;Србија;011223344",
            "Стојановска;Ана;05.05.1995;ж;Северна Македонија;M5512873",
        ],
        encoding="cp1251",
    )

    travellers = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert [(t.surname, t.given_names) for t in travellers] == [
        ("Јовановић", "Љубомир"),
        ("Стојановска", "Ана"),
    ]
    assert [t.nationality for t in travellers] == ["SRB", "MKD"]
    assert [t.sex for t in travellers] == ["M", "F"]


def test_cp1251_is_told_from_cp1250_by_the_headers(tmp_path: Path) -> None:
    # No ђ or ѓ: these bytes are also valid cp1250, so only the headers tell the encodings apart.
    lines = ["Презиме;Име;Пол;Држављанство", "Јовановић;Милан;м;Србија"]
    path = write_csv(tmp_path / "списак.csv", lines, encoding="cp1251")

    (milan,) = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert (milan.surname, milan.given_names, milan.nationality) == ("Јовановић", "Милан", "SRB")


@pytest.mark.parametrize(
    ("encoding", "surname"), [("cp1251", "Јовановић"), ("cp1250", "Šćepanović Čolić")]
)
def test_english_headers_over_local_names_pick_the_encoding_that_gives_real_words(
    tmp_path: Path, encoding: str, surname: str
) -> None:
    lines = ["Surname;Given Names;Nationality", f"{surname};Милан;Србија"]
    if encoding == "cp1250":
        lines[1] = f"{surname};Milan Žarko;Srbija"
    path = write_csv(tmp_path / "list.csv", lines, encoding=encoding)

    (traveller,) = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert traveller.surname == surname
    assert traveller.nationality == "SRB"


def test_excel_unicode_text_in_utf16_is_read(tmp_path: Path) -> None:
    lines = ["Surname\tGiven Names\tFlight\tFrom\tTo", "Özdemir\tHakan\tJU-211\tIST\tBEG"]
    path = write_csv(tmp_path / "unicode.txt", lines, encoding="utf-16")

    (flight,) = read_manifest(path).flights

    assert flight.designator == "JU211"
    assert flight.travellers[0].surname == "Özdemir"


@pytest.mark.parametrize(
    ("name", "given"), [("Dragan", "Dragan"), ("PETKOVIĆ/DRAGAN MR", "DRAGAN"), ("", "")]
)
def test_a_name_column_beside_a_surname_column_gives_the_given_names(
    tmp_path: Path, name: str, given: str
) -> None:
    path = write_csv(tmp_path / "m.csv", ["Surname;Name", f"Petković;{name}"])

    (traveller,) = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert (traveller.surname, traveller.given_names) == ("Petković", given)


def test_airline_passenger_type_codes_are_passengers(tmp_path: Path) -> None:
    lines = ["Surname;Type", "Kaya;ADT", "Kaya;CHD", "Kaya;INF", "Aksoy;DHC", "Polat;Cabin crew"]
    path = write_csv(tmp_path / "m.csv", lines)

    result = read_manifest(path, flight=DEFAULT_FLIGHT)

    roles = [t.role for t in result.flights[0].travellers]
    assert roles == ["passenger", "passenger", "passenger", "crew", "crew"]
    assert result.warnings == ()


def test_macedonian_headers_in_utf8_are_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "патници.csv",
        [
            "Презиме\tИме\tДатум на раѓање\tДржавјанство\tБрој на пасош",
            "Трајков\tГоце\t1981\tMKD\tA1",
        ],
    )

    (goce,) = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert (goce.surname, goce.birth_date, goce.nationality) == (
        "Трајков",
        PartialDate(1981),
        "MKD",
    )
    assert goce.documents[0].number == "A1"


def build_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Prepared by the handling agent"])
    notes.append(["Times are local"])
    sheet = book.create_sheet("Manifest")
    sheet.append(["JU211 IST-BEG", None, None])
    sheet.append(["Passenger manifest"])
    sheet.append([])
    sheet.append(
        [
            "Passenger Name",
            "Date of Birth",
            "Sex",
            "Nationality",
            "Flight",
            "Origin",
            "Destination",
            "Departure",
            "Type",
            "Seat",
        ]
    )
    departure = datetime(2025, 3, 12, 11, 5)
    sheet.append(
        [
            "PETKOVIC/DRAGAN MR",
            datetime(1979, 7, 14),
            "M",
            "SRB",
            "JU211",
            "IST",
            "BEG",
            departure,
            "P",
            "12c",
        ]
    )
    sheet.append(
        ["KRSTEVSKA/MARIJA MRS", 27424, "F", "MK", "JU211", "IST", "BEG", departure, "P", "21C"]
    )
    sheet.append([None] * 10)
    sheet.append(
        [
            "NIKOLIC/JELENA MS",
            "22.11.1990",
            "F",
            "SRB",
            "JU211",
            "IST",
            "BEG",
            45728.4618055556,
            "crew",
            None,
        ]
    )
    book.save(path)
    return path


def test_a_workbook_is_read_from_its_first_sheet_with_a_header(tmp_path: Path) -> None:
    result = read_manifest(build_workbook(tmp_path / "manifest.xlsx"))

    assert result.source_format == "manifest-xlsx"
    assert any("Notes" in warning for warning in result.warnings)
    (flight,) = result.flights
    assert flight.scheduled_departure == datetime(2025, 3, 12, 8, 5, tzinfo=UTC)  # IST, UTC+3
    dragan, marija, jelena = flight.travellers
    assert (dragan.surname, dragan.given_names, dragan.seat) == ("PETKOVIC", "DRAGAN", "12C")
    assert dragan.birth_date == PartialDate(1979, 7, 14)
    assert (marija.surname, marija.given_names) == ("KRSTEVSKA", "MARIJA")
    assert marija.birth_date == PartialDate(1975, 1, 30)  # Excel serial 27424
    assert marija.nationality == "MKD"
    assert (jelena.role, jelena.birth_date) == ("crew", PartialDate(1990, 11, 22))
    assert [t.source_line for t in flight.travellers] == [5, 6, 8]


def test_a_bad_date_in_a_workbook_names_the_sheet_and_row(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "manifest.xlsx")
    book = openpyxl.load_workbook(path)
    book["Manifest"]["B6"] = "30.02.1975"
    book.save(path)

    with pytest.raises(InputFileError) as caught:
        read_manifest(path)

    assert caught.value.where == "sheet 'Manifest', row 6"
    assert caught.value.problem == "date of birth '30.02.1975' is not a date"


def workbook_with_formula(path: Path, cached: str | None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Surname", "Given Names", "Date of Birth"])
    sheet.append(["Hasani", "Arben", "=DATE(1992,6,5)"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if cached is not None and item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v />", f"<v>{cached}</v>".encode(), 1)
            target.writestr(item, data)
    return path


def test_a_formula_is_read_as_its_cached_value(tmp_path: Path) -> None:
    path = workbook_with_formula(tmp_path / "cached.xlsx", cached="33760")

    (arben,) = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert arben.birth_date == PartialDate(1992, 6, 5)


def test_a_formula_without_a_cached_value_is_reported(tmp_path: Path) -> None:
    path = workbook_with_formula(tmp_path / "uncalculated.xlsx", cached=None)

    with pytest.raises(InputFileError, match="never calculated") as caught:
        read_manifest(path, flight=DEFAULT_FLIGHT)

    assert caught.value.where == "row 2"


def test_a_bad_date_of_birth_names_the_line(tmp_path: Path) -> None:
    good = [f"Traveller{n};Test;01.01.1980" for n in range(2, 14)]
    path = write_csv(
        tmp_path / "m.csv", ["Surname;Given Names;Date of Birth", *good, "Ilić;Zoran;31.13.1980"]
    )

    with pytest.raises(InputFileError) as caught:
        read_manifest(path, flight=DEFAULT_FLIGHT)

    assert str(caught.value) == "m.csv, line 14: date of birth '31.13.1980' is not a date"


def test_a_header_repeated_on_every_printed_page_is_not_a_traveller(tmp_path: Path) -> None:
    lines = [
        "No.;Surname;Date of Birth",
        "1;Kaya;1980",
        "Page 1 of 2;;",
        "No.;SURNAME;DOB",
        "2;Aksoy;1981",
    ]
    path = write_csv(tmp_path / "m.csv", lines)

    result = read_manifest(path, flight=DEFAULT_FLIGHT)

    assert [t.surname for t in result.flights[0].travellers] == ["Kaya", "Aksoy"]
    assert "line 3: no name; the row was skipped" in result.warnings


def test_line_numbers_count_lines_inside_quoted_cells(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "m.csv",
        ["Surname,Given Names,Remarks", 'Aydın,Kemal,"two', 'lines"', "Demir,Ali,"],
    )

    travellers = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert [t.source_line for t in travellers] == [2, 4]


def test_rows_are_grouped_into_flights_in_order_of_appearance(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "m.csv",
        [
            "Surname;Given Names;Carrier;Flight number;Origin;Destination;Departure",
            "Kaya;Emre;JU;211;IST;BEG;2025-03-12T11:05:00Z",
            "Mitrevski;Petar;TK;1083;IST;SKP;2025-03-12T09:40:00+03:00",
            "Arslan;Elif;JU;0211;IST;BEG;12.03.2025 14:05",  # Istanbul time: 11:05 UTC
        ],
    )

    flights = read_manifest(path).flights

    assert [(f.designator, f.destination) for f in flights] == [("JU211", "BEG"), ("TK1083", "SKP")]
    assert [t.surname for t in flights[0].travellers] == ["Kaya", "Arslan"]
    assert flights[1].scheduled_departure == datetime(2025, 3, 12, 6, 40, tzinfo=UTC)


def test_missing_flight_information_without_a_default_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["Surname;Given Names", "Kaya;Emre"])

    with pytest.raises(InputFileError, match="no flight number") as caught:
        read_manifest(path)

    assert caught.value.where == "line 2"


def test_a_row_may_override_part_of_the_default_flight(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["Surname;Destination", "Kaya;", "Berisha;SKP"])

    flights = read_manifest(path, flight=DEFAULT_FLIGHT).flights

    assert [(f.designator, f.destination, len(f.travellers)) for f in flights] == [
        ("JU211", "BEG", 1),
        ("JU211", "SKP", 1),
    ]


def test_an_airport_that_is_not_an_iata_code_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["Surname;Flight;From;To", "Kaya;JU211;Istanbul;BEG"])

    with pytest.raises(InputFileError, match="'ISTANBUL' is not a three-letter IATA"):
        read_manifest(path)


def test_unknown_values_become_warnings_not_errors(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "m.csv",
        ["Surname;Nationality;Sex;Role;Meal", "Kaya;Atlantis;?;stowaway;VGML", ";;;;", ";;;;x"],
    )

    result = read_manifest(path, flight=DEFAULT_FLIGHT)

    (kaya,) = result.flights[0].travellers
    assert (kaya.nationality, kaya.sex, kaya.role) == (None, None, "passenger")
    text = "\n".join(result.warnings)
    assert "line 2: nationality 'Atlantis' is not a known country" in text
    assert "line 2: role 'stowaway'" in text
    assert "Meal" in text
    assert "line 4: no name; the row was skipped" in text


@pytest.mark.parametrize(
    ("written", "surname_first", "expected"),
    [
        ("PETKOVIC/DRAGAN MR", False, ("PETKOVIC", "DRAGAN")),
        ("AL HADDAD/OMAR MSTR", False, ("AL HADDAD", "OMAR")),
        ("Yılmaz, Ayşe Nur Mrs.", False, ("Yılmaz", "Ayşe Nur")),
        ("Ayşe Nur Yılmaz", False, ("Yılmaz", "Ayşe Nur")),
        ("Dr Marko Marković", False, ("Marković", "Marko")),
        ("Marković Marko", True, ("Marković", "Marko")),
        ("MADONNA", False, ("MADONNA", "")),
        ("", False, ("", "")),
    ],
)
def test_full_names_are_split_into_surname_and_given_names(
    written: str, surname_first: bool, expected: tuple[str, str]
) -> None:
    assert split_full_name(written, surname_first=surname_first) == expected


def test_a_full_name_column_written_surname_first_is_split_that_way(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["Prezime i ime;Pol", "Marković Marko Petar;M"])

    (marko,) = read_manifest(path, flight=DEFAULT_FLIGHT).flights[0].travellers

    assert (marko.surname, marko.given_names) == ("Marković", "Marko Petar")


def test_a_file_without_a_name_column_is_refused_with_a_useful_message(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["Colour;Size", "red;10"])

    with pytest.raises(InputFileError) as caught:
        read_manifest(path, flight=DEFAULT_FLIGHT)

    assert caught.value.problem.startswith("no column for surname or name found in the first 20")
    assert "Surname, Given Names" in caught.value.problem


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n  \n", "the file is empty"),
        (bytes(range(256)) * 40, "neither a text (CSV) file nor an Excel .xlsx workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Excel 97-2003 (.xls)"),
        (b"PK\x03\x04" + b"not really a zip" * 10, "not a readable Excel .xlsx workbook"),
    ],
)
def test_files_that_are_not_manifests_are_refused(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "upload.csv"
    path.write_bytes(content)

    with pytest.raises(InputFileError, match=r"upload\.csv") as caught:
        read_manifest(path, flight=DEFAULT_FLIGHT)

    assert problem in caught.value.problem


def test_a_header_without_rows_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", ["Surname;Given Names", ";"])

    with pytest.raises(InputFileError, match="no travellers"):
        read_manifest(path, flight=DEFAULT_FLIGHT)


def test_a_file_over_50_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)

    with pytest.raises(InputFileError, match="the limit is 52,428,800"):
        read_manifest(path, flight=DEFAULT_FLIGHT)


def test_reading_a_csv_manifest_loads_neither_pandas_nor_openpyxl() -> None:
    code = (
        "import sys; from pathlib import Path;"
        "from workstation.readers.manifest import read_manifest;"
        f"read_manifest(Path({str(FIXTURES / 'manifest_ju211_beg.csv')!r}));"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'openpyxl'});"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).parents[2], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
