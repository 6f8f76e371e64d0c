"""Scanning a passport: the MRZ dialog reads what the scanner types; the search uses its number."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from ui.dialogs.mrz_dialog import MrzDialog
from workstation.db.store import Store
from workstation.readers.mrz import MrzResult, read_mrz
from workstation.services.views import Actor

# PETKOVIĆ Dragan of the JU211 manifest; check digits worked by 7-3-1 (009876543 -> 142 -> 2).
PETKOVIC = (
    "P<SRBPETKOVIC<<DRAGAN<<<<<<<<<<<<<<<<<<<<<<<",
    "0098765432SRB7907142M2710028<<<<<<<<<<<<<<<0",
)


def scan(qtbot: QtBot, dialog: MrzDialog, lines: tuple[str, ...]) -> None:
    """Type the lines as a keyboard-wedge reader does: characters, Enter after each line."""
    for line in lines:
        qtbot.keyClicks(dialog.lines, line)
        qtbot.keyClick(dialog.lines, Qt.Key.Key_Return)


def test_a_scanned_passport_is_read_and_can_be_accepted(qtbot: QtBot) -> None:
    dialog = MrzDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    scan(qtbot, dialog, tuple(line.lower() for line in PETKOVIC))
    assert dialog.ok_button.isEnabled()
    shown = dialog.fields.text()
    assert "Surname: PETKOVIC" in shown and "Document number: 009876543" in shown
    assert "All checks passed." in shown
    assert dialog.fields.textFormat() == Qt.TextFormat.PlainText
    result = dialog.value()
    assert result is not None and result.document_number == "009876543"


def test_a_half_scanned_or_miskeyed_mrz_keeps_ok_disabled_and_says_why(qtbot: QtBot) -> None:
    dialog = MrzDialog()
    qtbot.addWidget(dialog)
    scan(qtbot, dialog, PETKOVIC[:1])
    assert not dialog.ok_button.isEnabled()
    assert "2 or 3 lines" in dialog.fields.text()
    qtbot.keyClicks(dialog.lines, PETKOVIC[1][:-1] + "7")  # composite digit 0 -> 7
    assert not dialog.ok_button.isEnabled()
    assert dialog.value() is None
    assert "composite" in dialog.fields.text() and "the data give 0" in dialog.fields.text()


def test_scan_passport_searches_by_the_document_number(
    make_window: WindowFactory,
    screened_store: Store,
    actor: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scanned: MrzResult = read_mrz("\n".join(PETKOVIC))
    monkeypatch.setattr(MrzDialog, "ask", classmethod(lambda cls, parent: scanned))
    window = make_window(screened_store, actor)
    search = window.search_view
    search.period.setCurrentIndex(search.period.count() - 1)  # any time
    assert search.scan_button.shortcut().toString() == "Ctrl+M"
    search.scan_button.click()
    assert search.query.text() == "009876543"
    assert search.model.rowCount() == 1
    assert search.model.traveller(0).surname == "PETKOVIĆ"
