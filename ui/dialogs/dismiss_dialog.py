"""Dismissing a hit as a false positive: the reason is required and kept."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from workstation.services.review import MIN_REASON_LENGTH


class DismissHitDialog(QDialog):
    def __init__(self, subject: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Dismiss hit"))
        intro = QLabel(
            _(
                "Dismiss the hit on {subject} as a false positive. Say why: the reason is kept "
                "with the decision."
            ).format(subject=subject or _("this traveller"))
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("For example: date of birth differs by 20 years"))
        self.reason.setTabChangesFocus(True)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        buttons, self.ok_button = ok_cancel(self, _("Dismiss hit"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._on_reason_text_changed)
        self._on_reason_text_changed()

    def value(self) -> str:
        return self.reason.toPlainText().strip()

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
    def ask(cls, parent: QWidget | None, subject: str = "") -> str | None:
        """The reason given, or None when cancelled."""
        dialog = cls(subject, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
