"""UI fixtures: real SQLite stores filled from real files, windows that are closed and checked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.conftest import FIXTURES
from ui import messages
from ui.app import build_main_window
from ui.main_window import MainWindow
from workstation.db.store import Store
from workstation.services.demo import load_demo_day
from workstation.services.imports import import_passenger_files
from workstation.services.screening import screen_stored
from workstation.services.users import sign_in
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist

MANIFEST = FIXTURES / "manifest_ju211_beg.csv"
WATCHLIST = FIXTURES / "watchlist_sample.csv"
DEMO_DAY = date(2025, 5, 14)


@pytest.fixture(autouse=True)
def _nothing_left_running(qapp: QApplication) -> Iterator[None]:
    """Fails a test leaving a worker running or a window open (checked after qtbot cleans up)."""
    yield
    assert QThreadPool.globalInstance().waitForDone(10_000), "a job was left running"
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
    assert not left, f"windows left open: {left}"


@pytest.fixture(autouse=True)
def settings_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Window settings (geometry, columns, filters, the day) go to a fresh directory per test."""
    where = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(where))
    return where


@pytest.fixture(autouse=True)
def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message and error boxes are recorded (title: text) instead of blocking in ``exec()``."""
    shown: list[str] = []

    def run(dialog: QDialog) -> int:
        text = dialog.text() if hasattr(dialog, "text") else ""
        shown.append(f"{dialog.windowTitle()}: {text}")
        dialog.deleteLater()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(messages, "run", run)
    return shown


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def file_store(store_file: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{store_file}")
    yield store
    store.close()


@pytest.fixture
def actor(file_store: Store) -> Actor:
    return sign_in(file_store, "officer.petrovic", display_name="Ana Petrović")


@pytest.fixture
def screened_store(file_store: Store, actor: Actor) -> Store:
    """The sample watchlist and the JU211 manifest imported from their files, then screened."""
    import_watchlist(file_store, actor, [WATCHLIST], "National lookouts")
    import_passenger_files(file_store, actor, [MANIFEST])
    screen_stored(file_store, actor)
    return file_store


@pytest.fixture
def demo_store(file_store: Store, actor: Actor) -> Store:
    """A store filled with the generated demo day, as ``--demo`` does."""
    load_demo_day(file_store, actor, DEMO_DAY)
    return file_store


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    """Builds main windows; at the end each must have no job running, then it is closed."""
    windows: list[MainWindow] = []

    def make(store: Store, actor: Actor, *, demo: bool = False) -> MainWindow:
        window = build_main_window(store, actor, demo=demo)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        busy = window.jobs.busy
        window.close()
        assert not busy, "a test left a job running in its window"
