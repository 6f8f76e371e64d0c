"""A password field: characters hidden, nothing offered to copy, a message line under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

ERROR_STYLE = "color: #b71c1c;"


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy of the password
    edit.setPlaceholderText(placeholder)
    return edit


def message_label() -> QLabel:
    """Where a dialog says what went wrong (red, plain text, wrapping); empty until then."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label
