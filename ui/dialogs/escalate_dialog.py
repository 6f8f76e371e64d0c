"""Escalating a hit to a supervisor: a note saying what to look at is required."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from workstation.services.review import MIN_REASON_LENGTH


class EscalateHitDialog(QDialog):
    def __init__(self, subject: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Escalate to supervisor"))
        intro = QLabel(
            _(
                "Hand the hit on {subject} to a supervisor, who will confirm or dismiss it. "
                "Say what they should look at."
            ).format(subject=subject or _("this traveller"))
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(_("For example: document number differs by one digit"))
        self.note.setTabChangesFocus(True)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        buttons, self.ok_button = ok_cancel(self, _("Escalate"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.note.textChanged.connect(self._on_note_text_changed)
        self._on_note_text_changed()

    def value(self) -> str:
        return self.note.toPlainText().strip()

    @Slot()
    def _on_note_text_changed(self) -> None:
        missing = MIN_REASON_LENGTH - len(self.value())
        self.ok_button.setEnabled(missing <= 0)
        self.hint.setText(
            _("A note is required ({n} more characters).").format(n=missing) if missing > 0 else ""
        )

    @classmethod
    def ask(cls, parent: QWidget | None, subject: str = "") -> str | None:
        """The note given, or None when cancelled."""
        dialog = cls(subject, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
