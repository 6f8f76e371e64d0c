"""Signing in to the real store: the first administrator, then a name and password each time.

The dialogs call the accounts service themselves and stay open on a wrong password or a
lockout, showing the service's message; only a signed-in :class:`Actor` leaves them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.dialogs.buttons import ok_cancel
from ui.dialogs.password_edit import (
    message_label,
    new_account_problems,
    password_edit,
    show_problems,
)
from ui.i18n import _
from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.services.users import authenticate, create_first_administrator
from workstation.services.views import Actor


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class SignInDialog(QDialog):
    """User name and password; ``actor`` is set when the dialog is accepted."""

    def __init__(self, store: Store, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor: Actor | None = None
        self.setWindowTitle(_("Sign in — Passenger Targeting Workstation"))
        self.username = QLineEdit(username)
        self.password = password_edit()
        self.message = message_label()
        form = QFormLayout()
        form.addRow(_("User name:"), self.username)
        form.addRow(_("Password:"), self.password)
        buttons, self.ok_button = ok_cancel(self, _("Sign in"), _("Quit"))
        layout = QVBoxLayout(self)
        layout.addWidget(_intro(_("Sign in with your workstation account.")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(420, 0)
        (self.password if username else self.username).setFocus()

    def accept(self) -> None:
        try:
            self.actor = authenticate(self.store, self.username.text(), self.password.text())
        except WorkstationError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()


class FirstAdministratorDialog(QDialog):
    """The store has no account yet: whoever installs it creates the first administrator."""

    def __init__(self, store: Store, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor: Actor | None = None
        self.setWindowTitle(_("Create the first administrator"))
        self.username = QLineEdit(username)
        self.password = password_edit()
        self.repeat = password_edit()
        self.rules = _intro("")
        self.message = message_label()
        form = QFormLayout()
        form.addRow(_("User name:"), self.username)
        form.addRow(_("Password:"), self.password)
        form.addRow(_("Password again:"), self.repeat)
        buttons, self.ok_button = ok_cancel(self, _("Create"), _("Quit"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _intro(
                _(
                    "This store has no accounts yet. Create the administrator's account: the "
                    "administrator then creates the officers', supervisors' and auditors' "
                    "accounts. An administrator sees no case data."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(480, 0)
        for edit in (self.username, self.password, self.repeat):
            edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed()

    def problems(self) -> list[str]:
        """What stops the account being created, as the password rules word it."""
        return new_account_problems(self.username.text(), self.password.text(), self.repeat.text())

    @Slot()
    def _on_text_changed(self) -> None:
        show_problems(self.rules, self.ok_button, self.problems())

    def accept(self) -> None:
        try:
            self.actor = create_first_administrator(
                self.store, self.username.text(), self.password.text()
            )
        except WorkstationError as exc:
            self.message.setText(str(exc))
            return
        super().accept()


class PassphraseDialog(QDialog):
    """The store's passphrase (its encryption key); typed twice when the store is new."""

    def __init__(self, creating: bool, parent: QWidget | None = None, problem: str = "") -> None:
        super().__init__(parent)
        self.creating = creating
        self.setWindowTitle(_("Store passphrase"))
        self.passphrase = password_edit()
        self.repeat = password_edit()
        self.message = message_label()
        form = QFormLayout()
        form.addRow(_("Passphrase:"), self.passphrase)
        if creating:
            form.addRow(_("Passphrase again:"), self.repeat)
        else:
            self.repeat.hide()
        text = (
            _(
                "A new encrypted store is being created. Choose its passphrase: without it the "
                "store cannot be opened, by anyone. Keep it where your unit keeps its keys."
            )
            if creating
            else _("The store is encrypted. Type its passphrase to open it.")
        )
        buttons, self.ok_button = ok_cancel(self, _("Open"), _("Quit"))
        layout = QVBoxLayout(self)
        layout.addWidget(_intro(text))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.message.setText(problem)
        self.resize(460, 0)

    def value(self) -> str:
        return self.passphrase.text()

    def accept(self) -> None:
        if not self.passphrase.text():
            self.message.setText(_("Type the passphrase."))
            return
        if self.creating and self.passphrase.text() != self.repeat.text():
            self.message.setText(_("The two passphrases differ."))
            self.repeat.clear()
            return
        super().accept()
