"""Re-authentication before a privileged action: the password again, and why.

Exports, rule and user changes and viewing masked data need an
:class:`~workstation.services.users.Approval`. The dialog asks the signed-in user's password
and a justification, checks both through :func:`workstation.services.users.approve` and stays
open on a wrong password or a lockout, so the user reads the service's own message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import ok_cancel
from ui.dialogs.password_edit import message_label, password_edit
from ui.errors import call_service
from ui.i18n import _
from ui.session import with_approval
from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.services.users import MIN_JUSTIFICATION, Approval, approve
from workstation.services.views import Actor

T = TypeVar("T")


def justification_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(80)
    return edit


def words(edit: QPlainTextEdit) -> str:
    """The text with runs of spaces and line breaks made one space, as the audit keeps it."""
    return " ".join(edit.toPlainText().split())


class ApprovalForm:
    """The password and justification fields and the check, shared by the dialogs that ask."""

    def __init__(
        self, store: Store, actor: Actor, minimum: int, ok_button: QPushButton, placeholder: str
    ) -> None:
        self.store, self.actor, self.minimum, self.ok_button = store, actor, minimum, ok_button
        self.justification = justification_edit(placeholder)
        self.password = password_edit()
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.message = message_label()
        self.approval: Approval | None = None
        self.justification.textChanged.connect(self.update_hint)
        self.update_hint()

    def update_hint(self) -> None:
        missing = self.minimum - len(words(self.justification))
        self.ok_button.setEnabled(missing <= 0)
        self.hint.setText(
            _("A justification is required ({n} more characters).").format(n=missing)
            if missing > 0
            else ""
        )

    def check(self) -> bool:
        """Ask the accounts service; True with ``approval`` set, else the message is shown."""
        try:
            self.approval = approve(
                self.store, self.actor, self.password.text(), words(self.justification)
            )
        except WorkstationError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return False
        return True


class ReauthDialog(QDialog):
    def __init__(
        self, store: Store, actor: Actor, action: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Confirm with your password"))
        intro = QLabel(
            _(
                "{action}: this is recorded in the audit trail with your name and the "
                "justification. Type your password again and say why (case or request "
                "reference)."
            ).format(action=action)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self, _("Confirm"), _("Cancel"))
        self.form = ApprovalForm(
            store,
            actor,
            MIN_JUSTIFICATION,
            self.ok_button,
            _("For example: correcting rule R-12 after review 2025/114"),
        )
        fields = QFormLayout()
        fields.addRow(_("Signed in as:"), QLabel(actor.username))
        fields.addRow(_("Password:"), self.form.password)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(_("Justification:")))
        layout.addWidget(self.form.justification)
        layout.addWidget(self.form.hint)
        layout.addLayout(fields)
        layout.addWidget(self.form.message)
        layout.addWidget(buttons)
        self.resize(480, 0)
        self.form.justification.setFocus()

    @property
    def password(self) -> QLineEdit:
        return self.form.password

    @property
    def justification(self) -> QPlainTextEdit:
        return self.form.justification

    @property
    def approval(self) -> Approval | None:
        return self.form.approval

    @Slot()
    def accept(self) -> None:
        if self.form.check():
            super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, actor: Actor, action: str
    ) -> Approval | None:
        """The approval, or None when cancelled."""
        dialog = cls(store, actor, action, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.approval if accepted else None
        finally:
            dialog.deleteLater()


def call_privileged(
    parent: QWidget | None,
    store: Store,
    actor: Actor,
    action: str,
    fn: Callable[..., T],
    *args: Any,
    **kwargs: Any,
) -> T | None:
    """Ask for the password and a justification, then ``fn(..., approval=...)`` through
    :func:`ui.errors.call_service`; None when cancelled or refused (the user was told)."""
    approval = ReauthDialog.ask(parent, store, actor, action)
    if approval is None:
        return None
    return call_service(parent, fn, *args, **kwargs, **with_approval(fn, approval))
