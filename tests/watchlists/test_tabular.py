"""The generic watchlist spreadsheet reader, on real CSV and XLSX files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from matching.dates import PartialDate
from watchlists.errors import WatchlistFormatError
from watchlists.tabular import category_of, read_watchlist_table

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_the_sample_watchlist_is_read_whole() -> None:
    result = read_watchlist_table(FIXTURES / "watchlist_sample.csv")

    assert result.source_format == "watchlist-csv"
    assert len(result.entries) == 8
    assert result.warnings == ()
    first = result.entries[0]
    assert first.entry_id == "RS-NL-0001"
    assert first.names == ("Драган Петковић", "Dragan Petković", "Dragan Petkovic")
    assert first.birth_dates == (PartialDate(1979, 7, 14),)
    assert first.sex == "M"
    assert first.nationalities == ("SRB",)
    assert first.documents == ("009876543",)
    assert first.category == "drugs"
    assert "drug police" in first.handling_notes
    by_id = {entry.entry_id: entry for entry in result.entries}
    assert by_id["RS-NL-0003"].birth_dates == (PartialDate(1968), PartialDate(1969))
    assert by_id["MK-0004"].nationalities == ("MKD", "ALB")
    assert by_id["RS-NL-0005"].documents == ("P0123987", "004561238")
    assert by_id["RS-NL-0005"].birth_dates == (PartialDate(1972),)
    assert by_id["MK-0008"].nationalities == ("MKD",)
    assert [e.category for e in result.entries] == [
        "drugs",
        "migrant_smuggling",
        "wanted_person",
        "trafficking_in_persons",
        "stolen_lost_document",
        "terrorism",
        "other",
        "drugs",
    ]


def test_rows_without_an_id_are_given_their_row_number(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name;Date of Birth\nAyşe Yılmaz;1971\n\nKemal Aydın;1968\n", encoding="utf-8")

    entries = read_watchlist_table(path).entries

    assert [e.entry_id for e in entries] == ["row-2", "row-4"]


def test_serbian_cyrillic_headers_in_cp1251_are_read(tmp_path: Path) -> None:
    path = tmp_path / "poternice.csv"
    text = (
        "Шифра;Име и презиме;Псеудоними;Датум рођења;Пол;Држављанство;Број документа;Категорија\n"
        "П-17;Милан Ђурић;Мића;03.04.1970;м;Србија;123456789;Потерница\n"
    )
    path.write_bytes(text.encode("cp1251"))

    (entry,) = read_watchlist_table(path).entries

    assert entry.entry_id == "П-17"
    assert entry.names == ("Милан Ђурић", "Мића")
    assert entry.birth_dates == (PartialDate(1970, 4, 3),)
    assert entry.sex == "M"
    assert entry.nationalities == ("SRB",)
    assert entry.category == "wanted_person"


def test_macedonian_headers_in_a_workbook_are_read(tmp_path: Path) -> None:
    path = tmp_path / "листа.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Листа за надзор, февруари 2025"])
    sheet.append([])
    sheet.append(["Ознака", "Име и презиме", "Датум на раѓање", "Државјанство", "Постапување"])
    sheet.append(["MK-9", "Ана Стојановска", 1995, "Северна Македонија; ALB", "Известете"])
    book.save(path)

    result = read_watchlist_table(path)

    assert result.source_format == "watchlist-xlsx"
    (entry,) = result.entries
    assert entry.entry_id == "MK-9"
    assert entry.birth_dates == (PartialDate(1995),)
    assert entry.nationalities == ("MKD", "ALB")
    assert entry.handling_notes == "Известете"


def test_surname_and_given_name_columns_make_the_name(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("ID,Surname,Given Names\n7,Hoxha,Besart\n", encoding="utf-8")

    (entry,) = read_watchlist_table(path).entries

    assert entry.names == ("Hoxha Besart",)


def test_unknown_nationalities_and_columns_are_reported_as_warnings(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("ID;Name;Nationality;Colour\n1;Ali Demir;Atlantis; TUR;blue\n", "utf-8")

    result = read_watchlist_table(path)

    assert result.entries[0].nationalities == ()
    assert any("Atlantis" in w and "line 2" in w for w in result.warnings)
    assert any("Colour" in w for w in result.warnings)


def test_a_bad_date_of_birth_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    rows = "".join(f"{n};Person {n};1970\n" for n in range(1, 6))
    path.write_text(f'ID;Name;DOB\n{rows}6;Zoran Ilić;"1970; 31.13.1980"\n', encoding="utf-8")

    with pytest.raises(WatchlistFormatError) as caught:
        read_watchlist_table(path)

    assert caught.value.where == "line 7"
    assert caught.value.problem == "date of birth '31.13.1980' is not a date"
    assert str(caught.value) == "list.csv, line 7: date of birth '31.13.1980' is not a date"


def test_a_file_without_a_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Colour;Size\nred;10\n", encoding="utf-8")

    with pytest.raises(WatchlistFormatError, match="no column for the name"):
        read_watchlist_table(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drugs", "drugs"),
        ("narcotics trafficking", "drugs"),
        ("Droga", "drugs"),
        ("Дрога", "drugs"),
        ("Drugo", "other"),
        ("Друго", "other"),
        ("Trafficking in persons", "trafficking_in_persons"),
        ("trgovina ljudima", "trafficking_in_persons"),
        ("Трговија со луѓе", "trafficking_in_persons"),
        ("Smuggling of migrants", "migrant_smuggling"),
        ("krijumčarenje migranata", "migrant_smuggling"),
        ("Terrorism", "terrorism"),
        ("Тероризам", "terrorism"),
        ("Wanted", "wanted_person"),
        ("Interpol Red Notice", "wanted_person"),
        ("poternica", "wanted_person"),
        ("Stolen or lost document", "stolen_lost_document"),
        ("SLTD", "stolen_lost_document"),
        ("stolen_lost_document", "stolen_lost_document"),
        ("Vehicle", "other"),
        ("", "other"),
    ],
)
def test_categories_are_mapped_loosely(text: str, expected: str) -> None:
    assert category_of(text) == expected


def test_the_watchlists_package_never_imports_the_workstation(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from watchlists.tabular import read_watchlist_table;"
        f"read_watchlist_table(Path({str(FIXTURES / 'watchlist_sample.csv')!r}));"
        "top = {m.split('.')[0] for m in sys.modules};"
        "bad = sorted(top & {'workstation', 'ui', 'pandas'});"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).parents[2], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
