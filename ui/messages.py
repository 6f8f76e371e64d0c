"""Message boxes with buttons labelled through ``_()`` (Qt ships no Serbian or Macedonian texts).

Every modal box goes through :func:`run`, the one place tests replace to answer without a
blocking ``exec()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ui.i18n import _


def run(dialog: QDialog) -> int:
    """Show ``dialog`` modally and return its result code."""
    return dialog.exec()


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    return box


def inform(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """An information box; ``details`` (e.g. import warnings) behind a "details" button."""
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    if details:
        box.setDetailedText(details)
    run(box)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    run(_box(parent, QMessageBox.Icon.Warning, title, text))
