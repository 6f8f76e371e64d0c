"""Mapping a manifest's columns by hand when the reader cannot tell them, kept as a profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from ui import messages
from ui.dialogs import mapping_dialog
from ui.dialogs.mapping_dialog import MappingDialog, guess
from watchlists.table import read_head
from workstation.db.store import Store
from workstation.readers.manifest import ColumnsUnknownError, read_manifest
from workstation.readers.profiles import load_profiles
from workstation.services.queries import list_flights
from workstation.services.views import Actor

UNKNOWN = (
    "Col A;Col B;Col C;Col D;Col E;Col F\n"
    "JU211;IST;BEG;2025-03-12 11:05;PETKOVIĆ;Dragan\n"
    "JU211;IST;BEG;2025-03-12 11:05;NIKOLIĆ;Jelena\n"
)
FIELDS = ["flight", "origin", "destination", "departure", "surname", "given_names"]


def _unknown(tmp_path: Path, name: str = "sender.csv", flight: str = "JU211") -> Path:
    path = tmp_path / name
    path.write_text(UNKNOWN.replace("JU211", flight), encoding="utf-8")
    return path


def _choose(dialog: MappingDialog, fields: list[str]) -> None:
    for combo, field in zip(dialog.combos, fields, strict=True):
        combo.setCurrentIndex(combo.findData(field))


def _error(path: Path) -> ColumnsUnknownError:
    try:
        read_manifest(path)
    except ColumnsUnknownError as exc:
        return exc
    raise AssertionError("the columns were told")


def test_known_headers_are_guessed_each_field_once() -> None:
    assert guess(("Prezime", "Col B", "DOB", "Surname", "Let")) == {
        0: "surname",
        2: "birth_date",
        4: "flight",
    }


def test_the_dialog_shows_the_header_and_rows_and_needs_a_name_column_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    head = read_head(_unknown(tmp_path))
    dialog = MappingDialog(head, "sender.csv", "no column for surname")
    qtbot.addWidget(dialog)
    assert len(dialog.combos) == 6 and dialog.columns() == {}
    assert dialog.preview.rowCount() == 2
    header, cell = dialog.preview.horizontalHeaderItem(4), dialog.preview.item(1, 4)
    assert header is not None and header.text() == "Col E"
    assert cell is not None and cell.text() == "NIKOLIĆ"
    assert not dialog.ok_button.isEnabled() and "surname" in dialog.hint.text()
    _choose(dialog, FIELDS)
    assert dialog.ok_button.isEnabled() and dialog.hint.text() == ""
    dialog.combos[5].setCurrentIndex(dialog.combos[5].findData("surname"))
    assert not dialog.ok_button.isEnabled() and "Each field once: Surname" in dialog.hint.text()
    dialog.combos[5].setCurrentIndex(0)
    dialog.source.setText("  Air  Serbia ")
    choice = dialog.value()
    assert choice.columns == dict(enumerate(FIELDS[:5]))
    assert (choice.remember, choice.source) == (True, "Air Serbia")


def test_ask_gives_the_head_and_the_choice_or_none_when_cancelled(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    error = _error(_unknown(tmp_path))

    def accept(dialog: QDialog) -> int:
        assert isinstance(dialog, MappingDialog)
        _choose(dialog, FIELDS)
        dialog.remember.setChecked(False)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(messages, "run", accept)
    answer = mapping_dialog.ask(None, error)
    assert answer is not None
    head, choice = answer
    assert head.header[0] == "Col A"
    assert (choice.columns, choice.remember) == (dict(enumerate(FIELDS)), False)
    monkeypatch.setattr(messages, "run", lambda dialog: int(QDialog.DialogCode.Rejected))
    assert mapping_dialog.ask(None, error) is None


def test_an_import_with_unknown_columns_asks_keeps_the_profile_and_reuses_it(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    file_store: Store,
    actor: Actor,
    tmp_path: Path,
) -> None:
    asked: list[str] = []

    def accept(dialog: QDialog) -> int:
        assert isinstance(dialog, MappingDialog), dialog.windowTitle()
        asked.append(dialog.windowTitle())
        _choose(dialog, FIELDS)
        dialog.source.setText("JU check-in export")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(messages, "run", accept)
    window = make_window(file_store, actor)
    window.data.start_passenger_import([_unknown(tmp_path)])
    qtbot.waitUntil(lambda: bool(list_flights(file_store, actor)), timeout=30_000)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=30_000)
    assert asked == ["Columns of sender.csv"]
    [profile] = load_profiles()
    assert profile.source == "JU check-in export"
    assert dict(profile.columns) == dict(enumerate(FIELDS))
    window.data.start_passenger_import([_unknown(tmp_path, "next.csv", "JU213")])
    qtbot.waitUntil(lambda: len(list_flights(file_store, actor)) == 2, timeout=30_000)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=30_000)
    assert asked == ["Columns of sender.csv"]  # the profile was used: not asked again
    assert sorted(f.number for f in list_flights(file_store, actor)) == ["211", "213"]


def test_cancelling_the_mapping_reports_the_readers_problem(
    qtbot: QtBot,
    make_window: WindowFactory,
    file_store: Store,
    actor: Actor,
    shown_boxes: list[str],
    tmp_path: Path,
) -> None:
    window = make_window(file_store, actor)
    window.data.start_passenger_import([_unknown(tmp_path)])
    qtbot.waitUntil(lambda: bool(shown_boxes) and not window.jobs.busy, timeout=30_000)
    assert shown_boxes[-1].startswith("Cannot do that: sender.csv")
    assert "no column for surname or name" in shown_boxes[-1]
    assert list_flights(file_store, actor) == [] and load_profiles() == []
