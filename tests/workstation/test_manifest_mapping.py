"""Manifests whose columns cannot be told: an explicit mapping, and profiles kept for next time."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workstation.clicase import cli_store, sign_in_here
from workstation.cli import main
from workstation.db.store import Store
from workstation.errors import InputFileError
from workstation.readers.detect import read_passenger_data
from workstation.readers.manifest import ColumnsUnknownError, read_manifest
from workstation.readers.profiles import (
    load_profiles,
    profile_for,
    profiles_file,
    save_profile,
)
from workstation.services.imports import import_passenger_files
from workstation.services.queries import list_flights
from workstation.services.views import Actor

UNKNOWN = (
    "Col A;Col B;Col C;Col D;Col E;Col F;Col G\n"
    "JU211;IST;BEG;2025-03-12 11:05;PETKOVIĆ;Dragan;14.07.1979\n"
    "JU211;IST;BEG;2025-03-12 11:05;NIKOLIĆ;Jelena;22.11.1990\n"
    "Col A;Col B;Col C;Col D;Col E;Col F;Col G\n"
    "\n"
    "JU211;IST;BEG;2025-03-12 11:05;KARADAĞ;Emre;\n"
)
MAPPING = {0: "flight", 1: "origin", 2: "destination", 3: "departure", 4: "surname",
           5: "given_names", 6: "birth_date"}  # fmt: skip
NO_FLIGHT = "Surname,Given Names,Passport No\nPETKOVIĆ,Dragan,009876543\n"


def _write(tmp_path: Path, text: str, name: str = "sender.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_headers_are_refused_with_the_readers_message_as_unsure_columns(
    tmp_path: Path,
) -> None:
    with pytest.raises(ColumnsUnknownError, match="no column for surname or name found"):
        read_manifest(_write(tmp_path, UNKNOWN))


def test_a_missing_flight_column_without_a_flight_is_unsure_columns_too(tmp_path: Path) -> None:
    with pytest.raises(ColumnsUnknownError, match="no flight number"):
        read_manifest(_write(tmp_path, NO_FLIGHT))


def test_an_empty_flight_cell_in_a_flight_column_is_a_plain_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "Flight,Surname\n,PETKOVIĆ\n")
    with pytest.raises(InputFileError, match="no flight number") as caught:
        read_manifest(path)
    assert not isinstance(caught.value, ColumnsUnknownError)


def test_an_explicit_mapping_reads_a_file_with_unknown_headers(tmp_path: Path) -> None:
    content = read_manifest(_write(tmp_path, UNKNOWN), mapping=MAPPING)
    [flight] = content.flights
    assert (flight.carrier, flight.number, flight.origin, flight.destination) == (
        "JU", "211", "IST", "BEG",
    )  # fmt: skip
    assert flight.scheduled_departure is not None
    assert flight.scheduled_departure.isoformat() == "2025-03-12T08:05:00+00:00"  # IST is UTC+3
    assert [(t.surname, t.given_names, str(t.birth_date)) for t in flight.travellers] == [
        ("PETKOVIĆ", "Dragan", "1979-07-14"),
        ("NIKOLIĆ", "Jelena", "1990-11-22"),
        ("KARADAĞ", "Emre", "None"),
    ]
    assert [t.source_line for t in flight.travellers] == [2, 3, 6]
    assert content.warnings == ()


def test_a_mapping_without_a_name_column_or_with_a_field_twice_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, UNKNOWN)
    with pytest.raises(InputFileError, match="no surname or full-name column"):
        read_manifest(path, mapping={0: "flight"})
    with pytest.raises(InputFileError, match="a field twice: surname"):
        read_manifest(path, mapping={4: "surname", 5: "surname"})
    with pytest.raises(InputFileError, match="unknown fields"):
        read_manifest(path, mapping={4: "surname", 5: "shoe_size"})


def test_a_saved_profile_is_found_by_the_header_and_reused_by_the_import(
    sqlite_store: Store, tmp_path: Path
) -> None:
    first = _write(tmp_path, UNKNOWN)
    assert load_profiles() == []
    save_profile(("Col A", "Col B", "Col C", "Col D", "Col E", "Col F", "Col G"), MAPPING, "Acme")
    assert profiles_file().is_file()
    [profile] = load_profiles()
    assert profile.header == ("cola", "colb", "colc", "cold", "cole", "colf", "colg")
    assert (profile.columns, profile.source) == (MAPPING, "Acme")
    # The next file from the same sender: same header written a little differently.
    second = _write(tmp_path, UNKNOWN.replace("Col A;", "COL  a;").replace("JU211", "JU213"),
                    "next.csv")  # fmt: skip
    assert profile_for(second) == profile
    content = read_passenger_data(second)
    assert [f.number for f in content.flights] == ["213"]  # type: ignore[union-attr]
    from workstation.services.users import sign_in

    actor: Actor = sign_in(sqlite_store, "officer.petrovic")
    [summary] = import_passenger_files(sqlite_store, actor, [first])
    assert (summary.flights, summary.travellers) == (1, 3)
    assert [f.number for f in list_flights(sqlite_store, actor, day=None)] == ["211"]


def test_saving_a_profile_for_the_same_header_replaces_it(tmp_path: Path) -> None:
    header = ("Col A", "Col B")
    save_profile(header, {0: "surname"}, "one")
    save_profile(header, {1: "full_name"}, "two")
    save_profile(("Other",), {0: "surname"}, "three")
    assert [(p.source, dict(p.columns)) for p in load_profiles()] == [
        ("two", {1: "full_name"}),
        ("three", {0: "surname"}),
    ]


def test_a_broken_profiles_file_means_no_profiles(tmp_path: Path) -> None:
    profiles_file().parent.mkdir(parents=True, exist_ok=True)
    profiles_file().write_text('{"profiles": [{"header": 3}, "x", {"header": ["a"], '
                               '"columns": {"0": "surname"}}]}', encoding="utf-8")  # fmt: skip
    assert [p.header for p in load_profiles()] == [("a",)]
    profiles_file().write_text("not json", encoding="utf-8")
    assert load_profiles() == []


def test_the_command_line_keeps_the_readers_message_when_no_profile_fits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = cli_store(tmp_path, {"ana": "officer"})
    sign_in_here(monkeypatch)
    signed = ["--db", store.url, "--user", "ana"]
    path = _write(tmp_path, UNKNOWN)
    assert main([*signed, "import", str(path)]) == 1
    assert "no column for surname or name found" in capsys.readouterr().err
    save_profile(("Col A", "Col B", "Col C", "Col D", "Col E", "Col F", "Col G"), MAPPING, "")
    assert main([*signed, "import", str(path)]) == 0
    assert "1 flight(s), 3 traveller(s)" in capsys.readouterr().out


def test_a_workbook_is_mapped_from_its_first_filled_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from watchlists.table import read_head

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([])
    sheet.append(["Putnik", "Let", "Od", "Do"])
    sheet.append(["Dragan PETKOVIĆ", "JU211", "IST", "BEG"])
    path = tmp_path / "sender.xlsx"
    book.save(path)
    head = read_head(path)
    assert (head.kind, head.header, head.rows) == (
        "xlsx", ("Putnik", "Let", "Od", "Do"), (("Dragan PETKOVIĆ", "JU211", "IST", "BEG"),)
    )  # fmt: skip
    mapping = {0: "full_name", 1: "flight", 2: "origin", 3: "destination"}
    [flight] = read_manifest(path, mapping=mapping).flights
    [traveller] = flight.travellers
    assert (traveller.surname, traveller.given_names, traveller.source_line) == (
        "PETKOVIĆ", "Dragan", 3,
    )  # fmt: skip
