"""Codes typed (``TUR; ALB``) or picked by name from a list: countries, airports or fixed words."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

from ui.i18n import _
from ui.views.country_picker import countries

PAYMENT_FORMS = (
    ("cash", "Cash"),
    ("card", "Card"),
    ("invoice", "Invoice"),
    ("miscellaneous", "Miscellaneous"),
    ("other", "Other"),
)


@cache
def airports() -> tuple[tuple[str, str], ...]:
    """(IATA code, "name, city") of every airport airportsdata knows, by code."""
    import airportsdata  # only when a form needs the list

    table = airportsdata.load("IATA")
    return tuple(
        sorted((code, f"{a.get('name', '')}, {a.get('city', '')}") for code, a in table.items())
    )


def choices_for(kind: str) -> tuple[tuple[str, str], ...]:
    """What a picker of ``kind`` (countries, airports, payment, agencies) offers."""
    if kind == "countries":
        return countries()
    if kind == "airports":
        return airports()
    if kind == "payment":
        return PAYMENT_FORMS
    return ()


class CodesPicker(QWidget):
    changed = Signal()

    def __init__(self, kind: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.codes_edit = QLineEdit()
        self.codes_edit.setPlaceholderText(_("codes, separated by ;"))
        self.codes_edit.setMinimumWidth(110)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.codes_edit, 3)
        self.picker: QComboBox | None = None
        choices = choices_for(kind)
        if choices:
            self.picker = QComboBox()
            self.picker.setEditable(True)
            self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.picker.setMinimumContentsLength(10)
            self.picker.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.picker.addItem(_("Add…"), "")
            for code, name in choices:
                self.picker.addItem(f"{code} — {name}", code)
            completer = self.picker.completer()
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            layout.addWidget(self.picker, 2)
            self.picker.activated.connect(self._on_picker_activated)
        self.codes_edit.textChanged.connect(self.changed)

    def codes(self) -> tuple[str, ...]:
        parts = self.codes_edit.text().replace(",", ";").split(";")
        return tuple(p.strip() for p in parts if p.strip())

    def set_codes(self, codes: Sequence[str]) -> None:
        self.codes_edit.setText("; ".join(codes))

    def add(self, code: str) -> None:
        if code and code not in self.codes():
            self.set_codes([*self.codes(), code])

    @Slot(int)
    def _on_picker_activated(self, index: int) -> None:
        if self.picker is None:
            return
        self.add(str(self.picker.itemData(index) or ""))
        self.picker.setCurrentIndex(0)
