"""Before data leaves the workstation: why, for whom, and the exporter's password again.

The reason is the disclosure's justification: required, kept in the audit trail, and checked
with the password by :func:`workstation.services.users.approve` (exports are privileged).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui.dialogs.buttons import ok_cancel
from ui.dialogs.reauth_dialog import ApprovalForm, words
from ui.i18n import _
from workstation.db.store import Store
from workstation.services.export import MIN_REASON_LENGTH
from workstation.services.users import MIN_JUSTIFICATION, Approval
from workstation.services.views import Actor

MIN_LENGTH = max(MIN_REASON_LENGTH, MIN_JUSTIFICATION)


@dataclass(frozen=True)
class Disclosure:
    """The reason for an export and the approval that goes with it."""

    reason: str
    approval: Approval


class DisclosureDialog(QDialog):
    def __init__(
        self,
        store: Store,
        actor: Actor,
        what: str,
        rows: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export: reason and recipient"))
        subject = what if rows is None else _("{what} ({rows} row(s))").format(what=what, rows=rows)
        intro = QLabel(
            _(
                "You are about to export {subject}. The export is recorded as a disclosure: say "
                "why and for whom, and type your password again. The file will state that you "
                "exported it."
            ).format(subject=subject)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self, _("Export"), _("Cancel"))
        self.form = ApprovalForm(
            store,
            actor,
            MIN_LENGTH,
            self.ok_button,
            _("For example: monthly report to the head of unit; request of prosecutor's office"),
        )
        self.reason = self.form.justification
        self.reason.setFixedHeight(90)
        self.password = self.form.password
        self.hint = self.form.hint
        fields = QFormLayout()
        fields.addRow(_("Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addLayout(fields)
        layout.addWidget(self.form.message)
        layout.addWidget(buttons)
        self.resize(480, 0)

    def value(self) -> str:
        return words(self.reason)

    @Slot()
    def accept(self) -> None:
        if self.form.check():
            super().accept()

    def disclosure(self) -> Disclosure | None:
        approval = self.form.approval
        return Disclosure(self.value(), approval) if approval is not None else None

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        store: Store,
        actor: Actor,
        what: str,
        rows: int | None = None,
    ) -> Disclosure | None:
        """The reason and approval given, or None when cancelled."""
        dialog = cls(store, actor, what, rows, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.disclosure() if accepted else None
        finally:
            dialog.deleteLater()
