"""Recording an interdiction: what happened when the traveller was controlled.

The dialog only collects values; the rules are the service's ``validate``, whose message is shown
inline while the dialog stays open.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from workstation.errors import InvalidInputError
from workstation.services.interdictions import InterdictionInput, validate
from workstation.services.vocabulary import AGENCIES, COMMODITIES, CONCEALMENTS, OUTCOMES, UNITS

CURRENCIES = ("EUR", "USD", "CHF", "GBP", "RSD", "MKD", "TRY")


def _combo(choices: dict[str, str], *, optional: bool) -> QComboBox:
    combo = QComboBox()
    if optional:
        combo.addItem(_("(none)"), None)
    for code, label in choices.items():
        combo.addItem(_(label), code)
    return combo


def parse_quantity(text: str) -> Decimal | None:
    """A typed quantity: empty is none; a decimal comma is accepted. Raises on anything else."""
    text = text.strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidInputError(_("The quantity must be a number, e.g. 1.25.")) from None
    if not value.is_finite():
        raise InvalidInputError(_("The quantity must be a number, e.g. 1.25."))
    return value


class InterdictionDialog(QDialog):
    def __init__(
        self,
        subject: str = "",
        parent: QWidget | None = None,
        initial: InterdictionInput | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit interdiction") if initial else _("Record interdiction"))
        self.outcome = _combo(OUTCOMES, optional=False)
        self.commodity = _combo(COMMODITIES, optional=True)
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(_("e.g. 1.25"))
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.concealment = _combo(CONCEALMENTS, optional=True)
        self.agencies = QListWidget()
        for code, label in AGENCIES.items():
            item = QListWidgetItem(_(label))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.agencies.addItem(item)
        self.agencies.setFixedHeight((self.agencies.sizeHintForRow(0) + 3) * len(AGENCIES) + 8)
        self.agencies.setSpacing(1)
        self.arrest = QCheckBox(_("The traveller was arrested"))
        self.case_reference = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.hide()
        ok_text = _("Save changes") if initial else _("Record")
        buttons, self.ok_button = ok_cancel(self, ok_text, _("Cancel"))
        layout = QVBoxLayout(self)
        if subject:
            intro = QLabel(_("Interdiction for {subject}").format(subject=subject))
            intro.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(intro)
        layout.addLayout(self._form())
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.commodity.currentIndexChanged.connect(self._on_commodity_changed)
        self._on_commodity_changed()
        if initial is not None:
            self.fill(initial)

    def fill(self, data: InterdictionInput) -> None:
        """Show stored values, to be corrected."""
        for combo, code in (
            (self.outcome, data.outcome),
            (self.commodity, data.commodity),
            (self.concealment, data.concealment),
        ):
            combo.setCurrentIndex(max(combo.findData(code), 0))
        self.quantity.setText("" if data.quantity is None else f"{data.quantity.normalize():f}")
        self.unit.setCurrentText(data.unit or "")
        for n in range(self.agencies.count()):
            item = self.agencies.item(n)
            checked = item.data(Qt.ItemDataRole.UserRole) in data.agencies
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.arrest.setChecked(data.arrest)
        self.case_reference.setText(data.case_reference)
        self.notes.setPlainText(data.notes)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(_("Outcome"), self.outcome)
        form.addRow(_("Commodity"), self.commodity)
        form.addRow(_("Quantity"), self.quantity)
        form.addRow(_("Unit or currency"), self.unit)
        form.addRow(_("Concealment"), self.concealment)
        form.addRow(_("Agencies involved"), self.agencies)
        form.addRow("", self.arrest)
        form.addRow(_("Case reference"), self.case_reference)
        form.addRow(_("Notes"), self.notes)
        return form

    @Slot()
    def _on_commodity_changed(self) -> None:
        """Cash is counted in a currency, everything else in units: offer the fitting choices."""
        current = self.unit.currentText()
        self.unit.clear()
        self.unit.addItem("", None)
        if self.commodity.currentData() == "cash":
            self.unit.addItems(CURRENCIES)
        else:
            for code, label in UNITS.items():
                self.unit.addItem(code, code)
                self.unit.setItemData(self.unit.count() - 1, _(label), Qt.ItemDataRole.ToolTipRole)
        self.unit.setCurrentText(current if self.unit.findText(current) >= 0 else "")

    def value(self) -> InterdictionInput:
        """What was entered; raises :class:`InvalidInputError` when the quantity is not a number."""
        agencies = tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.agencies.item(n) for n in range(self.agencies.count()))
            if item.checkState() == Qt.CheckState.Checked
        )
        unit = self.unit.currentText().strip()
        return InterdictionInput(
            outcome=str(self.outcome.currentData()),
            commodity=self.commodity.currentData(),
            quantity=parse_quantity(self.quantity.text()),
            unit=(unit.upper() if self.commodity.currentData() == "cash" else unit) or None,
            concealment=self.concealment.currentData(),
            agencies=agencies,
            arrest=self.arrest.isChecked(),
            case_reference=self.case_reference.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )

    def accept(self) -> None:
        """Close only on a record the service accepts; otherwise say what to fix and stay open."""
        try:
            validate(self.value())
        except InvalidInputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, subject: str = "", initial: InterdictionInput | None = None
    ) -> InterdictionInput | None:
        """The interdiction entered (or corrected from ``initial``), or None when cancelled."""
        dialog = cls(subject, parent, initial)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
