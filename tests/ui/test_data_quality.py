"""The supervisor's Data quality tab shows the core's per-carrier figures for the chosen period."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from tests.conftest import FIXTURES
from tests.ui.conftest import WindowFactory
from ui.views.quality_view import COLUMNS, QualityModel, period_bounds
from workstation.db.store import Store
from workstation.errors import InputFileError
from workstation.services.failures import record_import_failure
from workstation.services.imports import import_passenger_files
from workstation.services.quality import quality_report
from workstation.services.report import Period
from workstation.services.views import Actor

API = FIXTURES / "paxlst" / "ju211_d05b_passengers.edi"
PNR = FIXTURES / "pnrgov" / "ju211_full_push.edi"
TK_MANIFEST = (
    "Flight,Origin,Destination,Departure,Surname,Given Names,Date of Birth,Document Number\n"
    "TK1083,IST,SKP,2026-11-23 09:40,ARSLAN,MEHMET,,U2\n"
    "TK1083,IST,SKP,2026-11-23 09:40,DEMIR,AYLA,1975-05-05,\n"
)


def _stock(store: Store, actor: Actor, tmp_path: Path) -> None:
    manifest = tmp_path / "tk1083.csv"
    manifest.write_text(TK_MANIFEST, encoding="utf-8")
    other = tmp_path / "ju213_push.edi"
    other.write_bytes(PNR.read_bytes().replace(b"+IST+BEG+JU+211'", b"+IST+BEG+JU+213'"))
    import_passenger_files(store, actor, [API, PNR, manifest, other])
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\x00\x01 not a manifest")
    try:
        import_passenger_files(store, actor, [broken])
    except InputFileError as exc:
        record_import_failure(store, actor, broken, str(exc), channel="cli")
    else:  # pragma: no cover - the file must be refused
        raise AssertionError("the broken file was imported")


def _table(model: QualityModel) -> list[list[str]]:
    return [
        [str(model.index(row, col).data()) for col in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_quality_model_passes_the_model_tester(
    qtmodeltester: ModelTester, file_store: Store, actor: Actor, tmp_path: Path
) -> None:
    _stock(file_store, actor, tmp_path)
    model = QualityModel()
    qtmodeltester.check(model)
    since, until = period_bounds(Period())
    model.set_lines(quality_report(file_store, actor, since=since, until=until))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Messages"
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) is not None


def test_an_open_period_covers_all_time_and_a_closed_one_ends_after_its_last_day() -> None:
    since, until = period_bounds(Period(until=date(2026, 11, 23)))
    assert since < datetime(2000, 1, 1, tzinfo=UTC)
    assert until == datetime(2026, 11, 24, tzinfo=UTC)


def test_the_data_quality_tab_shows_the_figures_of_the_service(
    make_window: WindowFactory, file_store: Store, actor: Actor, tmp_path: Path
) -> None:
    _stock(file_store, actor, tmp_path)
    window = make_window(file_store, actor)
    window.supervisor_menu.quality_action.trigger()
    desk = window.supervisor_menu.desk
    assert desk is not None and desk.tabs.currentWidget() is desk.quality_view
    view = desk.quality_view
    view.period.set_period(Period())
    since, until = period_bounds(Period())
    expected = quality_report(file_store, actor, since=since, until=until)
    shown = _table(view.model)
    assert shown == [[str(getattr(line, c[0])) for c in COLUMNS] for line in expected]
    header = [c[0] for c in COLUMNS]
    by_carrier = {row[0]: dict(zip(header, row, strict=True)) for row in shown}
    assert set(by_carrier) == {"?", "JU", "TK"}
    ju, tk = by_carrier["JU"], by_carrier["TK"]
    assert (ju["messages"], ju["travellers"], ju["flights"]) == ("3", "8", "2")
    assert ju["flights_pnr_without_api"] == "1"
    assert (tk["without_document"], tk["without_birth_date"]) == ("1", "1")
    assert by_carrier["?"]["refused"] == "1"
    assert "3 carrier(s)" in view.summary.text()
    view.period.set_period(Period(until=date(2000, 1, 2)))
    assert view.model.rowCount() == 0
    assert view.summary.text() == "Nothing received in this period."
