"""The passenger list read back, the data-quality table against a hand count, and file caps."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import FIXTURES
from tests.workstation.accounts import JUSTIFICATION
from tests.workstation.clicase import cli_store, sign_in_here
from workstation.cli import main
from workstation.db.models import AuditEvent
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InputFileError
from workstation.readers.manifest import read_manifest
from workstation.services.failures import record_import_failure
from workstation.services.imports import import_passenger_files
from workstation.services.passengerlist import PASSENGER_COLUMNS, export_passengers
from workstation.services.quality import CarrierQuality, quality_report, quality_table
from workstation.services.users import Approval
from workstation.services.views import Actor

API = FIXTURES / "paxlst" / "ju211_d05b_passengers.edi"
PNR = FIXTURES / "pnrgov" / "ju211_full_push.edi"
BROKEN = b"UNA:+.? 'UNB+UNOA:4+JU:ZZ+RSAPI:ZZ+261123:0512+X'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
TK_MANIFEST = (
    "Flight,Origin,Destination,Departure,Surname,Given Names,Date of Birth,Document Number,Remark\n"
    'TK1083,IST,SKP,2026-11-23 09:40,=HYPERLINK("x"),ELIF,1980,U1,\n'
    "TK1083,IST,SKP,2026-11-23 09:40,ARSLAN,MEHMET,,U2,\n"
    "TK1083,IST,SKP,2026-11-23 09:40,DEMIR,AYLA,1975-05-05,,\n"
)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[1]) == PASSENGER_COLUMNS
    return [dict(zip(PASSENGER_COLUMNS, row, strict=True)) for row in rows[2:]]


def _stock(store: Store, actor: Actor, tmp_path: Path) -> None:
    manifest = tmp_path / "tk1083.csv"
    manifest.write_text(TK_MANIFEST, encoding="utf-8")
    import_passenger_files(store, actor, [API, PNR, manifest])


def test_the_passenger_list_gives_one_neutralised_row_per_traveller_with_utc_times(
    any_store: Store,
    officer: Actor,
    supervisor: Actor,
    approval: Callable[[Actor], Approval],
    tmp_path: Path,
) -> None:
    _stock(any_store, officer, tmp_path)
    out = tmp_path / "out" / "passengers.csv"
    summary = export_passengers(
        any_store,
        supervisor,
        out,
        reason="list for the border police",
        approval=approval(supervisor),
    )
    rows = _read(out)
    assert summary.rows == len(rows) == 8 + 8 - 1 + 3
    [obrien] = [r for r in rows if r["surname"] == "O'BRIEN"]
    assert obrien == {
        "surname": "O'BRIEN", "given_names": "SEAN PATRICK", "date_of_birth": "1968-11-30",
        "sex": "M", "nationality": "IRL", "document_number": "PA1234567", "document_type": "P",
        "role": "passenger", "flight": "JU211", "origin": "IST", "destination": "BEG",
        "scheduled_departure": "2026-11-23T03:35:00Z", "scheduled_arrival": "2026-11-23T07:10:00Z",
        "booking_reference": "Q8ZT3N", "api_received": "yes", "pnr_received": "no",
    }  # fmt: skip
    [elif_] = [r for r in rows if r["given_names"] == "ELIF"]
    assert elif_["surname"] == '\'=HYPERLINK("x")'
    assert (elif_["date_of_birth"], elif_["scheduled_departure"]) == (
        "1980",
        "2026-11-23T06:40:00Z",
    )
    [kaya] = [r for r in rows if r["surname"] == "KAYA"]
    assert (kaya["api_received"], kaya["pnr_received"]) == ("no", "yes")
    with any_store.transaction() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "disclose")).one()
    assert event.details["kind"] == "passengers" and event.details["rows"] == len(rows)
    assert event.details["reason"] == "list for the border police"
    assert event.justification == JUSTIFICATION


def test_the_command_line_writes_the_list_of_one_flight_on_one_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = cli_store(tmp_path, {"boss": "supervisor"})
    manifest = tmp_path / "tk1083.csv"
    manifest.write_text(TK_MANIFEST, encoding="utf-8")
    sign_in_here(monkeypatch)
    signed = ["--db", store.url, "--user", "boss"]
    assert main([*signed, "import", str(API), str(manifest)]) == 0
    out = tmp_path / "ju211.csv"
    done = store.run(
        "boss", "passengers", "--out", out, "--flight", "JU211", "--date", "2026-11-23",
        "--reason", "request of the prosecutor",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = _read(out)
    assert len(rows) == 8 and {r["flight"] for r in rows} == {"JU211"}
    again = [*signed, "passengers", "--out", str(out), "--date", "2026-11-24"]
    assert main([*again, "--reason", "request of the prosecutor"]) == 0
    assert _read(out) == []


def test_the_quality_table_matches_a_hand_count(
    any_store: Store,
    officer: Actor,
    supervisor: Actor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _stock(any_store, officer, tmp_path)
    other_flight = tmp_path / "ju213_push.edi"
    other_flight.write_bytes(PNR.read_bytes().replace(b"+IST+BEG+JU+211'", b"+IST+BEG+JU+213'"))
    import_passenger_files(any_store, officer, [other_flight])
    broken = tmp_path / "broken.edi"
    broken.write_bytes(BROKEN)
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x00\x01 not a manifest")
    for path in (broken, garbage):  # as the command line and the inbox record a refusal
        with pytest.raises(InputFileError) as refused:
            import_passenger_files(any_store, officer, [path])
        record_import_failure(
            any_store, officer, refused.value.path, str(refused.value), channel="cli"
        )
    now = utcnow()
    lines = quality_report(
        any_store, supervisor, since=now - timedelta(days=1), until=now + timedelta(minutes=1)
    )
    assert lines == [
        CarrierQuality("?", refused=1),
        CarrierQuality("JU", messages=3, refused=1, with_warnings=0, travellers=8,
                       without_document=0, without_birth_date=0, flights=2,
                       flights_pnr_without_api=1),
        CarrierQuality("TK", messages=1, with_warnings=1, travellers=3, without_document=1,
                       without_birth_date=1, flights=1),
    ]  # fmt: skip
    assert quality_report(any_store, supervisor, since=now + timedelta(days=1), until=now) == []
    table = quality_table(lines).splitlines()  # what ``quality`` prints
    assert table[0].split()[:3] == ["carrier", "msgs", "refused"]
    assert [line.split()[0] for line in table[1:]] == ["?", "JU", "TK"]


def test_a_manifest_with_more_than_ten_thousand_travellers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    rows = "".join(f"JU211,IST,BEG,P{n},X\n" for n in range(10_001))
    path.write_text("Flight,Origin,Destination,Surname,Given Names\n" + rows, encoding="utf-8")
    with pytest.raises(InputFileError, match="more than 10,000 travellers"):
        read_manifest(path)


def test_a_manifest_over_fifty_megabytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(InputFileError, match="the limit is"):
        read_manifest(path)
