"""Confirming a hit: where to control the traveller, and an optional note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from workstation.services.vocabulary import CONTROL_POINTS


class ConfirmHitDialog(QDialog):
    def __init__(self, subject: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Flag for control"))
        intro = QLabel(
            _(
                "Confirm the hit and flag {subject} for control. Where should the traveller be "
                "controlled?"
            ).format(subject=subject or _("the traveller"))
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.points = QButtonGroup(self)
        points_box = QVBoxLayout()
        for code, label in CONTROL_POINTS.items():
            button = QRadioButton(_(label))
            button.setProperty("code", code)
            self.points.addButton(button)
            points_box.addWidget(button)
        self.points.buttons()[0].setChecked(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(_("Optional: what the control team should know"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        form = QFormLayout()
        form.addRow(_("Control point"), points_box)
        form.addRow(_("Note"), self.note)
        buttons, self.ok_button = ok_cancel(self, _("Flag for control"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def control_point(self) -> str:
        checked = self.points.checkedButton()
        return str(checked.property("code")) if checked is not None else ""

    def value(self) -> tuple[str, str]:
        return self.control_point(), self.note.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, subject: str = "") -> tuple[str, str] | None:
        """The control point code and note chosen, or None when cancelled."""
        dialog = cls(subject, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
