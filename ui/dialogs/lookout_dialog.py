"""Creating or editing a national lookout: names, birth, documents, handling, validity, photo.

What is typed is checked on every change by the same rules the service applies
(:func:`workstation.services.lookoutform.validated`); the first problem is shown under the form
and OK stays disabled until there is none.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import ok_cancel
from ui.dialogs.photo_edit import PhotoEdit
from ui.i18n import _
from ui.views.country_picker import CountryPicker
from watchlists.tabular import CATEGORIES
from workstation.errors import InvalidInputError
from workstation.services.lookoutform import LookoutInput, validated
from workstation.services.views import EntryView

_ERROR_STYLE = "color: #b71c1c;"


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.replace("\n", ";").split(";") if p.strip())


class _DateOption(QWidget):
    """A date that may be left out: a check box and a date field."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setEnabled(False)
        self.check.toggled.connect(self.date.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.date)

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.check.setChecked(True)
            self.date.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        day = self.date.date()
        return date(day.year(), day.month(), day.day())


class LookoutDialog(QDialog):
    def __init__(
        self,
        existing: EntryView | None = None,
        photo: bytes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._existing = existing
        title = _("New lookout") if existing is None else _("Edit lookout {id}")
        self.setWindowTitle(title.format(id=existing.source_id if existing else ""))
        self.setMinimumWidth(640)
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText(
            _("One full name per line, in any script; the first is the main name")
        )
        self.names.setTabChangesFocus(True)
        self.names.setFixedHeight(78)
        self.birth_dates = QLineEdit()
        self.birth_dates.setPlaceholderText(
            _("1979-04-12, 12.04.1979, 1979-04 or 1979; several with ;")
        )
        self.sex = QComboBox()
        for code, label in (("", "—"), ("M", "male (M)"), ("F", "female (F)")):
            self.sex.addItem(_(label), code)
        self.nationalities = CountryPicker()
        self.documents = QLineEdit()
        self.documents.setPlaceholderText(_("Passport or ID numbers; several with ;"))
        self.category = QComboBox()
        for code, label in CATEGORIES.items():
            self.category.addItem(_(label), code)
        self.handling = QPlainTextEdit()
        self.handling.setPlaceholderText(
            _("What officers do on a hit, e.g. do not alert; call the duty officer")
        )
        self.handling.setTabChangesFocus(True)
        self.handling.setFixedHeight(60)
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("Who asked for the lookout"))
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("Their case or file number"))
        self.valid_from = _DateOption(_("from"))
        self.valid_until = _DateOption(_("until"))
        validity = QHBoxLayout()
        validity.addWidget(self.valid_from)
        validity.addWidget(self.valid_until)
        validity.addStretch(1)
        self.photo = PhotoEdit(photo)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        form = QFormLayout()
        form.addRow(_("Names"), self.names)
        form.addRow(_("Date of birth"), self.birth_dates)
        form.addRow(_("Sex"), self.sex)
        form.addRow(_("Nationality"), self.nationalities)
        form.addRow(_("Documents"), self.documents)
        form.addRow(_("Category"), self.category)
        form.addRow(_("Handling"), self.handling)
        form.addRow(_("Source"), self.source)
        form.addRow(_("Reference"), self.reference)
        form.addRow(_("Valid"), validity)
        body = QHBoxLayout()
        body.addLayout(form, 1)
        body.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        buttons, self.ok_button = ok_cancel(self, _("Save lookout"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if existing is not None:
            self._fill(existing)
        self._connect()
        self._on_input_changed()

    def _fill(self, e: EntryView) -> None:
        self.names.setPlainText("\n".join(e.names))
        self.birth_dates.setText("; ".join(e.birth_dates))
        self.sex.setCurrentIndex(max(self.sex.findData(e.sex or ""), 0))
        self.nationalities.set_codes(e.nationalities)
        self.documents.setText("; ".join(e.documents))
        self.category.setCurrentIndex(max(self.category.findData(e.category), 0))
        self.handling.setPlainText(e.handling_notes)
        self.source.setText(e.source)
        self.reference.setText(e.reference)
        self.valid_from.set_value(e.valid_from)
        self.valid_until.set_value(e.valid_until)

    def _connect(self) -> None:
        for edit in (self.names, self.handling):
            edit.textChanged.connect(self._on_input_changed)
        for line in (self.birth_dates, self.documents, self.source, self.reference):
            line.textChanged.connect(self._on_input_changed)
        self.nationalities.changed.connect(self._on_input_changed)
        self.sex.currentIndexChanged.connect(self._on_input_changed)
        self.category.currentIndexChanged.connect(self._on_input_changed)
        for option in (self.valid_from, self.valid_until):
            option.check.toggled.connect(self._on_input_changed)
            option.date.dateChanged.connect(self._on_input_changed)
        self.photo.changed.connect(self._on_input_changed)

    def value(self) -> LookoutInput:
        return LookoutInput(
            names=tuple(n.strip() for n in self.names.toPlainText().splitlines() if n.strip()),
            birth_dates=_split(self.birth_dates.text()),
            sex=str(self.sex.currentData()) or None,
            nationalities=self.nationalities.codes(),
            documents=_split(self.documents.text()),
            category=str(self.category.currentData()),
            handling_notes=self.handling.toPlainText().strip(),
            source=self.source.text().strip(),
            reference=self.reference.text().strip(),
            valid_from=self.valid_from.value(),
            valid_until=self.valid_until.value(),
            photo=self.photo.new_photo,
            remove_photo=self.photo.removed,
        )

    def problem(self) -> str:
        """What must be corrected before the lookout can be saved; empty when nothing."""
        problem = self.photo.problem
        if problem:
            return problem
        try:
            validated(self.value())
        except InvalidInputError as exc:
            return str(exc)
        return ""

    @Slot()
    def _on_input_changed(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        self.ok_button.setEnabled(not problem)

    @classmethod
    def ask(
        cls, parent: QWidget | None, existing: EntryView | None = None, photo: bytes | None = None
    ) -> LookoutInput | None:
        """The lookout as entered, or None when cancelled. ``photo``: the current one, shown."""
        dialog = cls(existing, photo, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
