"""The administrator's forms: a new account, and a new password for an account.

The password rules are the service's own (:func:`password_problems`), shown while typing;
the service checks them again when the account is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import ok_cancel
from ui.dialogs.password_edit import new_account_problems, password_edit, show_problems
from ui.i18n import _
from workstation.security.roles import ROLES


def _rules_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class NewPasswordDialog(QDialog):
    """A password typed twice for ``username``; OK only when the rules are met."""

    def __init__(self, username: str, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or _("Set the password of {user}").format(user=username))
        self.fixed_username = username
        self.username = QLineEdit(username)
        self.password = password_edit()
        self.repeat = password_edit()
        self.rules = _rules_label()
        self.form = QFormLayout()
        self.form.addRow(_("Password:"), self.password)
        self.form.addRow(_("Password again:"), self.repeat)
        buttons, self.ok_button = ok_cancel(self, _("Save"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.rules)
        layout.addWidget(buttons)
        self.resize(440, 0)
        for edit in (self.username, self.password, self.repeat):
            edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed()

    def problems(self) -> list[str]:
        return new_account_problems(self.username.text(), self.password.text(), self.repeat.text())

    @Slot()
    def _on_text_changed(self) -> None:
        show_problems(self.rules, self.ok_button, self.problems())

    def value(self) -> str:
        return self.password.text()


class NewUserDialog(NewPasswordDialog):
    """A new account: user name, display name, role and first password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent, title=_("New account"))
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(
            _("as shown in the audit trail; the user name if empty")
        )
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(_(role), role)
        self.form.insertRow(0, _("User name:"), self.username)
        self.form.insertRow(1, _("Full name:"), self.display_name)
        self.form.insertRow(2, _("Role:"), self.role)
        self.ok_button.setText(_("Create"))
        self._on_text_changed()
        self.username.setFocus()

    def chosen_role(self) -> str:
        return str(self.role.currentData())
