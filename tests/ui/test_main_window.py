"""The main window's wiring: welcome page, demo, imports from the menu, review, export, jobs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import DEMO_DAY, MANIFEST, WATCHLIST, WindowFactory
from ui.app import start_demo_day
from ui.dialogs.confirm_dialog import ConfirmHitDialog
from ui.dialogs.dismiss_dialog import DismissHitDialog
from ui.main_window import MainWindow
from workstation.db.store import Store
from workstation.progress import CancelToken, ProgressCallback
from workstation.services.audit import list_events
from workstation.services.screening import screen_stored
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist


def _select_open_hit(window: MainWindow) -> int:
    window.flights_view.select_flight(window.flights_view.model.flight(0).id)
    traveller_id = window.travellers_view.first_open_hit_id()
    assert traveller_id is not None
    window.travellers_view.select_traveller(traveller_id)
    return traveller_id


def test_an_empty_real_store_shows_how_to_import_data(
    make_window: WindowFactory, file_store: Store, actor: Actor
) -> None:
    window = make_window(file_store, actor)
    assert window.stack.currentWidget() is window.welcome_view
    assert "DEMO" not in window.windowTitle()


def test_the_demo_window_says_demo_and_fills_an_empty_demo_store_in_the_background(
    qtbot: QtBot, make_window: WindowFactory, file_store: Store, actor: Actor
) -> None:
    window = make_window(file_store, actor, demo=True)
    assert window.windowTitle().startswith("DEMO")
    assert window.stack.currentWidget() is window.workspace  # never the welcome page
    with qtbot.waitSignal(window.jobs.idle, timeout=60_000):
        assert start_demo_day(window, DEMO_DAY)
    flights = [
        window.flights_view.model.flight(r) for r in range(window.flights_view.model.rowCount())
    ]
    assert len(flights) > 5
    assert all(f.screened for f in flights)
    assert sum(f.open_hit_count for f in flights) > 0
    assert not start_demo_day(window, DEMO_DAY)  # only an empty demo store is filled


def test_importing_passenger_files_from_the_menu_imports_then_screens_them(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    file_store: Store,
    actor: Actor,
) -> None:
    import_watchlist(file_store, actor, [WATCHLIST], "National lookouts")
    window = make_window(file_store, actor)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(MANIFEST)], ""))
    )
    with qtbot.waitSignal(window.jobs.idle, timeout=30_000):
        window.data.import_passengers.trigger()
    assert window.stack.currentWidget() is window.workspace
    flight = window.flights_view.model.flight(0)
    assert (flight.designator, flight.traveller_count) == ("JU211", 13)
    assert flight.screened and flight.open_hit_count == 2
    assert window.travellers_view.model.rowCount() == 13  # the first flight is selected
    assert "new" in window.statusBar().currentMessage()


def test_a_file_that_cannot_be_read_is_reported_once_and_changes_nothing(
    qtbot: QtBot,
    make_window: WindowFactory,
    file_store: Store,
    actor: Actor,
    shown_boxes: list[str],
    tmp_path: Path,
) -> None:
    bad = tmp_path / "garbage.csv"
    bad.write_bytes(b"\x00\x01 not a manifest\n")
    window = make_window(file_store, actor)
    with qtbot.waitSignal(window.jobs.failed, timeout=30_000):
        window.data.start_passenger_import([bad])
    assert len(shown_boxes) == 1
    assert shown_boxes[0].startswith("Cannot do that: garbage.csv")
    assert window.stack.currentWidget() is window.welcome_view


def test_flagging_is_cancelled_when_the_dialog_is_cancelled(
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    screened_store: Store,
    actor: Actor,
    auditor: Actor,
) -> None:
    window = make_window(screened_store, actor)
    _select_open_hit(window)
    monkeypatch.setattr(ConfirmHitDialog, "ask", classmethod(lambda cls, *a: None))
    window.review_view.flag_action.trigger()
    hit = window.review_view.current_hit
    assert hit is not None and hit.status == "open"
    assert "confirm_hit" not in {e.action for e in list_events(screened_store, auditor)}


def test_dismissing_a_hit_from_the_review_pane_marks_the_traveller_dismissed(
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    screened_store: Store,
    actor: Actor,
) -> None:
    window = make_window(screened_store, actor)
    traveller_id = _select_open_hit(window)
    monkeypatch.setattr(
        DismissHitDialog, "ask", classmethod(lambda cls, *a: "Date of birth differs by 20 years")
    )
    window.review_view.dismiss_action.trigger()
    review = window.review_view
    assert review.current_hit is not None and review.current_hit.status == "dismissed"
    assert not review.dismiss_action.isEnabled() and not review.flag_action.isEnabled()
    assert "differs by 20 years" in review.history.decisions.item(0).text()
    model = window.travellers_view.model
    assert model.traveller(model.row_of(traveller_id) or 0).hit_status == "dismissed"
    assert window.travellers_view.current_traveller_id == traveller_id  # selection kept


def test_a_traveller_without_a_hit_can_only_get_an_interdiction(
    make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    model = window.travellers_view.model
    calm = next(
        model.traveller(r)
        for r in range(model.rowCount())
        if model.traveller(r).hit_status == "none"
    )
    window.travellers_view.select_traveller(calm.id)
    review = window.review_view
    assert review.detail is not None and review.current_hit is None
    assert not review.flag_action.isEnabled() and not review.dismiss_action.isEnabled()
    assert review.interdiction_action.isEnabled()
    assert review.comparison.entry["names"].text().startswith("No hit")


def test_exporting_the_flagged_list_writes_the_chosen_file(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    screened_store: Store,
    actor: Actor,
    tmp_path: Path,
) -> None:
    window = make_window(screened_store, actor)
    _select_open_hit(window)
    monkeypatch.setattr(ConfirmHitDialog, "ask", classmethod(lambda cls, *a: ("gate", "")))
    window.review_view.flag_action.trigger()
    out = tmp_path / "flagged"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "Excel (*.xlsx)"))
    )
    with qtbot.waitSignal(window.jobs.idle, timeout=30_000):
        window.data.export.trigger()
    sheet = load_workbook(tmp_path / "flagged.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3  # stamp, header, one flagged traveller
    assert rows[2][4] == "PETKOVIĆ"
    assert "flagged.xlsx" in window.statusBar().currentMessage()


def _blocking_job(started: threading.Event) -> object:
    def run(progress: ProgressCallback, cancel: CancelToken) -> None:
        started.set()
        progress(1, 10, "Working")
        while True:
            cancel.raise_if_cancelled()
            threading.Event().wait(0.005)

    return run


def test_a_second_writing_job_is_refused_and_cancel_stops_the_first(
    qtbot: QtBot,
    make_window: WindowFactory,
    screened_store: Store,
    actor: Actor,
    shown_boxes: list[str],
) -> None:
    window = make_window(screened_store, actor)
    started = threading.Event()
    window.jobs.start(_blocking_job(started), "Long import")  # type: ignore[arg-type]
    assert started.wait(5)
    assert not window.job_view.isHidden()
    assert not window.data.screen.isEnabled()
    window.data.start_screening()
    assert shown_boxes == ["Busy: Wait for “Long import” to finish, or cancel it."]
    with qtbot.waitSignal(window.jobs.idle, timeout=5_000):
        window.job_view.cancel_button.click()
    assert window.job_view.isHidden()
    assert window.data.screen.isEnabled()
    assert "cancelled" in window.statusBar().currentMessage()


def test_closing_the_window_cancels_a_running_job_and_waits_for_it(
    qtbot: QtBot, make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    started = threading.Event()
    window.jobs.start(_blocking_job(started), "Long import")  # type: ignore[arg-type]
    assert started.wait(5)
    window.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0  # no wait needed: it stopped
    with qtbot.waitSignal(window.jobs.cancelled, timeout=5_000):
        pass  # the worker's last report, delivered once events run again


def test_the_open_the_demo_button_starts_the_demo_process(
    monkeypatch: pytest.MonkeyPatch, make_window: WindowFactory, file_store: Store, actor: Actor
) -> None:
    launched: list[bool] = []
    monkeypatch.setattr("ui.main_window.launch_demo", lambda: launched.append(True) or True)
    window = make_window(file_store, actor)
    window.welcome_view.demo_button.click()
    assert launched == [True]


def test_a_traveller_with_several_hits_gets_a_hit_selector(
    make_window: WindowFactory, screened_store: Store, actor: Actor, tmp_path: Path
) -> None:
    regional = tmp_path / "regional.csv"
    regional.write_text(WATCHLIST.read_text(encoding="utf-8").replace("RS-NL-", "RG-"), "utf-8")
    import_watchlist(screened_store, actor, [regional], "Regional list")
    screen_stored(screened_store, actor)
    window = make_window(screened_store, actor)
    _select_open_hit(window)
    review = window.review_view
    assert review.detail is not None and len(review.detail.hits) == 2
    assert not review.hit_choice.isHidden() and review.hit_choice.count() == 2
    lists = set()
    for index in range(2):
        review.hit_choice.setCurrentIndex(index)
        assert review.current_hit is review.detail.hits[index]
        lists.add(review.entry_line.text().split(" · ")[0])
    assert lists == {"National lookouts", "Regional list"}
