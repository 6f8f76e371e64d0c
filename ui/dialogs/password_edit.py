"""A password field: characters hidden, nothing offered to copy, a message line under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from ui.i18n import _
from workstation.security.passwords import password_problems

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


def new_account_problems(username: str, password: str, repeat: str) -> list[str]:
    """What stops an account being made with this name and password (the service's rules)."""
    found = [] if username.strip() else [_("A user name is required.")]
    found += [_(p) for p in password_problems(password, username)]
    if password != repeat:
        found.append(_("The two passwords differ."))
    return found


def show_problems(rules: QLabel, ok_button: QPushButton, problems: list[str]) -> None:
    """List ``problems`` under the fields as the user types; OK only once there are none."""
    rules.setText("\n".join(f"• {p}" for p in problems) or _("✓ The password is fine."))
    ok_button.setEnabled(not problems)
