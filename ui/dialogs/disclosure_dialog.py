"""Before data leaves the workstation: why, and for whom. Required, and kept in the audit trail."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from workstation.services.export import MIN_REASON_LENGTH


class DisclosureDialog(QDialog):
    def __init__(self, what: str, rows: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export: reason and recipient"))
        subject = what if rows is None else _("{what} ({rows} row(s))").format(what=what, rows=rows)
        intro = QLabel(
            _(
                "You are about to export {subject}. The export is recorded as a disclosure: say "
                "why and for whom. The file will state that you exported it."
            ).format(subject=subject)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            _("For example: monthly report to the head of unit; request of prosecutor's office")
        )
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        buttons, self.ok_button = ok_cancel(self, _("Export"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(480, 240)
        self.reason.textChanged.connect(self._on_reason_text_changed)
        self._on_reason_text_changed()

    def value(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    @Slot()
    def _on_reason_text_changed(self) -> None:
        missing = MIN_REASON_LENGTH - len(self.value())
        self.ok_button.setEnabled(missing <= 0)
        self.hint.setText(
            _("A reason is required ({n} more characters).").format(n=missing)
            if missing > 0
            else ""
        )

    @classmethod
    def ask(cls, parent: QWidget | None, what: str, rows: int | None = None) -> str | None:
        """The reason given, or None when cancelled."""
        dialog = cls(what, rows, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
