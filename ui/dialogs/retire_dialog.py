"""Confirming that a lookout is taken off its list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _


class RetireLookoutDialog(QDialog):
    def __init__(self, subject: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Retire lookout"))
        text = QLabel(
            _(
                "Take {subject} off the national list? The next version of the list no longer "
                "holds the lookout, so it is never screened again. Hits it raised, and their "
                "decisions, stay."
            ).format(subject=subject)
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self, _("Retire lookout"), _("Cancel"))
        self.ok_button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @classmethod
    def ask(cls, parent: QWidget | None, subject: str) -> bool:
        """True when the officer confirms."""
        return cls(subject, parent).exec() == QDialog.DialogCode.Accepted
