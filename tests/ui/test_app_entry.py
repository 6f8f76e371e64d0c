"""The installed entry points as a user or the unit's IT would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui.dialogs.about_dialog import AboutDialog
from workstation.version import version

REPO = Path(__file__).resolve().parents[2]


def _run_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def test_the_self_test_checks_store_import_screening_and_window_and_exits_zero() -> None:
    result = _run_main("--self-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test ok: 5 travellers, 3 entries, 2 hits")
    assert "window ok (1 flight)" in result.stdout


def test_version_prints_the_project_version() -> None:
    result = _run_main("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"workstation {version()}"
    assert version() != "unknown"


def test_the_about_dialog_names_the_version_and_the_bundled_licences(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.licences.toPlainText()
    assert "PySide6" in text and "LGPL-3.0" in text
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"Passenger Targeting Workstation {version()}" in labels
