"""UI fixtures: real SQLite stores filled from real files, windows that are closed and checked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.conftest import FIXTURES
from ui import messages
from ui.app import build_main_window
from ui.collector import MainThreadCollector
from ui.desk_window import DeskWindow
from ui.dialogs.disclosure_dialog import DisclosureDialog
from ui.dialogs.reauth_dialog import ReauthDialog
from workstation.db.models import User
from workstation.db.store import Store
from workstation.security.passwords import hash_password
from workstation.services.demo import load_demo_day
from workstation.services.imports import import_passenger_files
from workstation.services.screening import screen_stored
from workstation.services.users import sign_in_unchecked
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist

MANIFEST = FIXTURES / "manifest_ju211_beg.csv"
WATCHLIST = FIXTURES / "watchlist_sample.csv"
DEMO_DAY = date(2025, 5, 14)
PASSWORD = "a long test password 42"  # every test account's password


def give_password(store: Store, username: str, password: str = PASSWORD) -> None:
    """Set an account's password hash directly (the rules are the accounts service's tests')."""
    with store.transaction() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        user.password_hash = hash_password(password)


def account(store: Store, username: str, role: str, display_name: str | None = None) -> Actor:
    """An account of ``role`` with the password :data:`PASSWORD`."""
    made = sign_in_unchecked(store, username, role=role, display_name=display_name)
    give_password(store, username)
    return made


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the application: garbage (closed dialogs among it) is collected on the GUI thread
    only, never by a worker thread that happens to allocate (which crashes Qt)."""
    collector = MainThreadCollector()
    yield
    collector.stop()
    collector.deleteLater()


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
    """A supervisor (every desk of the board) with the password :data:`PASSWORD`."""
    return account(file_store, "ana.petrovic", "supervisor", "Ana Petrović")


@pytest.fixture
def desk_officer(file_store: Store) -> Actor:
    """An officer: decides hits, but neither escalated ones nor exports nor rules."""
    return account(file_store, "officer.markovic", "officer", "Milan Marković")


@pytest.fixture
def auditor(file_store: Store) -> Actor:
    return account(file_store, "audit.jovic", "auditor", "Vesna Jović")


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


WindowFactory = Callable[..., Any]


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    """Builds main windows; at the end each must have no job running, then it is closed."""
    windows: list[DeskWindow] = []

    def make(store: Store, actor: Actor, *, demo: bool = False) -> Any:
        window = build_main_window(store, actor, demo=demo)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        busy = window.jobs.busy
        window.close()
        assert not busy, "a test left a job running in its window"


@dataclass
class Reauth:
    """How the tests answer the password dialogs (re-authentication and disclosure)."""

    password: str = PASSWORD
    justification: str = "Case 2025/001: weekly review"
    cancel: bool = False
    asked: list[str] = field(default_factory=list)  # the dialogs' titles, in order
    refused: list[str] = field(default_factory=list)  # what a refused password was told


@pytest.fixture(autouse=True)
def reauth(monkeypatch: pytest.MonkeyPatch) -> Reauth:
    """The real dialogs, filled in and accepted: the real ``approve`` checks the password."""
    answers = Reauth()

    def exec_(dialog: ReauthDialog | DisclosureDialog) -> int:
        answers.asked.append(dialog.windowTitle())
        if answers.cancel:
            return int(QDialog.DialogCode.Rejected)
        dialog.form.justification.setPlainText(answers.justification)
        dialog.form.password.setText(answers.password)
        dialog.accept()
        if dialog.result() == int(QDialog.DialogCode.Accepted):
            return int(QDialog.DialogCode.Accepted)
        answers.refused.append(dialog.form.message.text())
        return int(QDialog.DialogCode.Rejected)  # the user gives up after the refusal

    monkeypatch.setattr(ReauthDialog, "exec", exec_)
    monkeypatch.setattr(DisclosureDialog, "exec", exec_)
    return answers
