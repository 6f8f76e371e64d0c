"""The inbox inside the app: the settings dialog, and the folder polled by the main window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MANIFEST, WindowFactory
from ui import messages
from ui.dialogs import settings_dialog
from ui.dialogs.settings_dialog import SettingsDialog, parse_airports
from ui.inbox_watch import outcome_text
from workstation.config import Settings
from workstation.db.store import Store
from workstation.services.imports import file_digest
from workstation.services.inbox import InboxOutcome
from workstation.services.queries import list_flights
from workstation.services.views import Actor


@pytest.fixture(autouse=True)
def settings_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The unit's settings go to a file of the test, never the user's."""
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setattr(Settings, "path", staticmethod(lambda: path))
    return path


def test_home_airports_are_three_letter_codes_each_once() -> None:
    assert parse_airports(" beg, SKP;beg  ohd ") == ("BEG", "SKP", "OHD")
    assert parse_airports("BEG, Belgrade") is None
    assert parse_airports("") == ()


def test_the_settings_dialog_edits_the_settings_and_refuses_bad_airports(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = SettingsDialog(Settings(rescreen_hours=48))
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path))
    dialog.browse_button.click()
    dialog.rescreen.setValue(24)
    dialog.airports.setText("Belgrade")
    assert not dialog.ok_button.isEnabled() and "IATA" in dialog.hint.text()
    dialog.airports.setText("skp, OHD")
    assert dialog.ok_button.isEnabled() and dialog.hint.text() == ""
    assert dialog.value() == Settings(str(tmp_path), 24, ("SKP", "OHD"))
    dialog.clear_button.click()
    assert dialog.value().inbox_dir is None


def test_ask_gives_the_edited_settings_or_none_when_cancelled(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def accept(dialog: QDialog) -> int:
        assert isinstance(dialog, SettingsDialog)
        dialog.inbox.setText(str(tmp_path))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(messages, "run", accept)
    chosen = settings_dialog.ask(None, Settings())
    assert chosen == Settings(inbox_dir=str(tmp_path))
    monkeypatch.setattr(messages, "run", lambda dialog: int(QDialog.DialogCode.Rejected))
    assert settings_dialog.ask(None, Settings()) is None


def test_the_settings_menu_saves_the_settings_and_starts_watching_the_inbox(
    make_window: WindowFactory,
    file_store: Store,
    actor: Actor,
    monkeypatch: pytest.MonkeyPatch,
    settings_file: Path,
    tmp_path: Path,
) -> None:
    window = make_window(file_store, actor)
    assert window.inbox.folder is None and not window.inbox.timer.isActive()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setattr(
        settings_dialog, "ask", lambda parent, s: Settings(str(inbox), 24, ("SKP",))
    )
    window.inbox.settings_action.trigger()
    assert Settings.load(settings_file) == Settings(str(inbox), 24, ("SKP",))
    assert window.inbox.folder == inbox and window.inbox.timer.isActive()
    assert window.statusBar().currentMessage() == "Settings saved."


def test_a_file_dropped_in_the_inbox_lands_on_the_board_and_a_bad_one_in_quarantine(
    qtbot: QtBot,
    make_window: WindowFactory,
    file_store: Store,
    actor: Actor,
    settings_file: Path,
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    Settings(inbox_dir=str(inbox)).save(settings_file)
    window = make_window(file_store, actor)
    watch = window.inbox
    watch.settle = 0.05
    assert watch.folder == inbox and watch.timer.isActive()
    assert window.stack.currentWidget() is window.welcome_view
    (inbox / "growing.csv.part").write_text("Surname\n", encoding="utf-8")
    watch.poll()  # nothing to take (a partial name is left alone): no job at all
    assert not window.jobs.busy
    (inbox / "growing.csv.part").unlink()
    shutil.copy(MANIFEST, inbox / "ju211.csv")
    (inbox / "garbage.csv").write_bytes(b"\x00\x01 not a manifest\n")
    started: list[str] = []
    window.jobs.started.connect(started.append)
    with qtbot.waitSignal(watch.polled, timeout=30_000) as blocker:
        watch.poll()
        watch.poll()  # a pass is running: no second one starts
    assert started == ["Inbox"]
    outcomes = blocker.args[0]
    assert sorted((o.file_name, o.status) for o in outcomes) == [
        ("garbage.csv", "refused"),
        ("ju211.csv", "imported"),
    ]
    assert window.statusBar().currentMessage() == "inbox: 1 imported, 1 quarantined"
    [flight] = list_flights(file_store, actor, day=window.flights_view.day)
    assert (flight.carrier, flight.number) == ("JU", "211")
    assert window.stack.currentWidget() is window.workspace
    assert window.flights_view.model.rowCount() == 1
    assert [p.name for p in inbox.iterdir() if p.is_file()] == []
    report = (inbox / "quarantine" / "garbage.csv.error.txt").read_text(encoding="utf-8")
    assert "File: garbage.csv" in report and "Nothing of this file was stored" in report
    assert (inbox / "quarantine" / "garbage.csv").exists()
    [archived] = (inbox / "archive").glob("*/ju211.csv")
    assert file_digest(archived) == file_digest(MANIFEST)


def test_the_demo_window_never_watches_the_inbox(
    make_window: WindowFactory, file_store: Store, actor: Actor, settings_file: Path, tmp_path: Path
) -> None:
    Settings(inbox_dir=str(tmp_path)).save(settings_file)
    window = make_window(file_store, actor, demo=True)
    assert window.inbox.folder is None and not window.inbox.timer.isActive()


def test_a_missing_inbox_folder_is_said_in_the_status_bar(
    make_window: WindowFactory, file_store: Store, actor: Actor, settings_file: Path, tmp_path: Path
) -> None:
    Settings(inbox_dir=str(tmp_path / "gone")).save(settings_file)
    window = make_window(file_store, actor)
    window.inbox.poll()
    assert not window.jobs.busy
    assert "is not there" in window.statusBar().currentMessage()


def test_the_outcome_text_counts_each_kind() -> None:
    where = Path("x")
    outcomes = [
        InboxOutcome("a", "imported", "", where),
        InboxOutcome("b", "imported", "", where),
        InboxOutcome("c", "duplicate", "", where),
        InboxOutcome("d", "refused", "", where),
    ]
    assert outcome_text(outcomes) == "inbox: 2 imported, 1 already imported, 1 quarantined"
