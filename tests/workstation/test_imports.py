from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.workstation.files import JU211_ROWS, write_manifest
from workstation.db.models import AuditEvent, Flight, ImportBatch, Traveller
from workstation.db.store import Store
from workstation.errors import CancelledError, InputFileError
from workstation.progress import CancelToken
from workstation.services.imports import import_passenger_files
from workstation.services.queries import list_flights, list_travellers
from workstation.services.views import Actor


def _count(store: Store, model: type) -> int:
    with store.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_manifest_lands_with_its_flight_travellers_and_an_audit_event(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    [summary] = import_passenger_files(any_store, officer, [write_manifest(tmp_path)])
    assert (summary.flights, summary.travellers, summary.duplicate) == (1, 4, False)
    [flight] = list_flights(any_store, officer)
    assert (flight.designator, flight.origin, flight.destination) == ("JU211", "IST", "BEG")
    assert flight.direction == "inbound"
    assert flight.scheduled_departure is not None
    assert flight.scheduled_departure.isoformat() == "2026-11-23T06:35:00+00:00"
    rows = list_travellers(any_store, officer, flight.id)
    assert sorted(r.surname for r in rows) == ["DJORDJEVIC", "HODZIC", "MARKOVIC", "YILMAZ"]
    crew = [r for r in rows if r.role == "crew"]
    assert [c.surname for c in crew] == ["MARKOVIC"]
    with any_store.transaction() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).one()
        assert event.username == officer.username
        assert event.details["travellers"] == 4


def test_importing_the_same_bytes_again_changes_nothing(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    path = write_manifest(tmp_path)
    import_passenger_files(any_store, officer, [path])
    [again] = import_passenger_files(any_store, officer, [path])
    assert again.duplicate
    assert _count(any_store, Traveller) == 4
    assert _count(any_store, ImportBatch) == 1


def test_an_updated_manifest_adds_only_the_new_travellers(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    import_passenger_files(any_store, officer, [write_manifest(tmp_path, "a.csv", JU211_ROWS[:2])])
    [update] = import_passenger_files(any_store, officer, [write_manifest(tmp_path, "b.csv")])
    assert update.travellers == 2
    assert _count(any_store, Traveller) == 4
    assert _count(any_store, Flight) == 1


def test_one_bad_file_among_several_stores_nothing_and_names_the_file(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    good = write_manifest(tmp_path)
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"\x00\x01\x02 this is not a manifest \xff\xfe")
    with pytest.raises(InputFileError) as caught:
        import_passenger_files(any_store, officer, [good, bad])
    assert "broken.csv" in str(caught.value)
    assert _count(any_store, Traveller) == 0
    assert _count(any_store, AuditEvent) == 0


def test_a_missing_file_is_named_and_nothing_is_written(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    with pytest.raises(InputFileError, match=r"nowhere\.csv: no such file"):
        import_passenger_files(any_store, officer, [tmp_path / "nowhere.csv"])
    assert _count(any_store, ImportBatch) == 0


def test_a_cancelled_import_leaves_the_store_as_it_was(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    token = CancelToken()
    paths = [write_manifest(tmp_path)]

    def cancel_when_storing(done: int, total: int, text: str) -> None:
        if text.startswith("Storing"):
            token.cancel()

    with pytest.raises(CancelledError):
        import_passenger_files(
            any_store, officer, paths, progress=cancel_when_storing, cancel=token
        )
    assert _count(any_store, Traveller) == 0
    assert _count(any_store, ImportBatch) == 0


def test_an_api_message_is_recognised_by_content_whatever_its_name(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    source = Path(__file__).parents[1] / "fixtures" / "paxlst"
    message = next(p for p in sorted(source.iterdir()) if "d05b" in p.name.lower())
    renamed = tmp_path / "from-the-gateway.csv"
    renamed.write_bytes(message.read_bytes())
    [summary] = import_passenger_files(any_store, officer, [renamed])
    assert summary.source_format == "paxlst"
    assert summary.travellers > 0
