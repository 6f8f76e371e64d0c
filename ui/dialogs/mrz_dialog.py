"""Scanning a passport: the MRZ typed by a keyboard-wedge reader (or pasted), read as it comes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from workstation.errors import InvalidInputError
from workstation.readers.mrz import MrzResult, read_mrz

_FORMATS = {
    "TD1": "Identity card (TD1)",
    "TD2": "Identity card (TD2)",
    "TD3": "Passport (TD3)",
    "MRV-A": "Visa (MRV-A)",
    "MRV-B": "Visa (MRV-B)",
}
_CHECKS = {
    "document_number": "document number",
    "birth_date": "date of birth",
    "expiry": "date of expiry",
    "optional_data": "optional data",
    "composite": "composite",
}


class MrzDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Scan passport"))
        intro = QLabel(
            _(
                "Scan the machine readable zone at the foot of the data page, or paste its "
                "two or three lines here."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.lines = QPlainTextEdit()
        self.lines.setObjectName("mrz-lines")
        self.lines.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.lines.setTabChangesFocus(True)
        self.lines.setPlaceholderText("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<")
        self.fields = QLabel()
        self.fields.setObjectName("mrz-fields")
        self.fields.setTextFormat(Qt.TextFormat.PlainText)
        self.fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self, _("Search"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.lines)
        layout.addWidget(self.fields, 1)
        layout.addWidget(buttons)
        self._result: MrzResult | None = None
        self.lines.textChanged.connect(self._on_lines_text_changed)
        self._on_lines_text_changed()

    def value(self) -> MrzResult | None:
        """What the lines say, or None while they are not a valid MRZ."""
        return self._result if self._result is not None and self._result.valid else None

    @Slot()
    def _on_lines_text_changed(self) -> None:
        text = self.lines.toPlainText()
        self._result = None
        if not text.strip():
            self.fields.setText(_("Waiting for the scanner..."))
        else:
            try:
                self._result = read_mrz(text)
            except InvalidInputError as exc:
                self.fields.setText(str(exc))
            else:
                self.fields.setText(_describe(self._result))
        self.ok_button.setEnabled(self.value() is not None)

    @classmethod
    def ask(cls, parent: QWidget | None) -> MrzResult | None:
        """The MRZ read, or None when cancelled."""
        dialog = cls(parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _describe(result: MrzResult) -> str:
    """The fields and check outcomes of ``result`` as plain lines."""
    unknown = _("unknown")
    rows = [
        (_("Document"), f"{_(_FORMATS[result.format])}, {result.document_code}"),
        (_("Issued by"), result.issuing_state or unknown),
        (_("Surname"), result.surname),
        (_("Given names"), result.given_names),
        (_("Document number"), result.document_number),
        (_("Nationality"), result.nationality or unknown),
        (_("Date of birth"), str(result.birth_date) if result.birth_date else unknown),
        (_("Sex"), result.sex or unknown),
        (_("Date of expiry"), str(result.expiry) if result.expiry else unknown),
    ]
    if result.optional_data:
        rows.append((_("Optional data"), result.optional_data))
    text = [f"{label}: {value}" for label, value in rows]
    if result.names_truncated:
        text.append(_("The names fill their field: they may be cut short."))
    checks = ", ".join(
        f"{_(_CHECKS[name])} {_('correct') if ok else _('WRONG')}"
        for name, ok in result.checks.items()
    )
    text.append(_("Check digits: {checks}").format(checks=checks))
    if result.problems:
        text.append(_("Problems:"))
        text.extend(f"- {problem}" for problem in result.problems)
    else:
        text.append(_("All checks passed."))
    return "\n".join(text)
