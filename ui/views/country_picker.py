"""Nationalities as ISO 3166 alpha-3 codes: typed (``SRB; MKD``) or picked from the countries."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

from ui.i18n import _

_EXTRA = {"RKS": "Kosovo", "XXA": "Stateless", "XXX": "Unspecified nationality"}


@cache
def countries() -> tuple[tuple[str, str], ...]:
    """(alpha-3 code, English name) of every country, by name."""
    import pycountry  # only when a form needs the list

    found = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    found.update(_EXTRA)
    return tuple(sorted(found.items(), key=lambda item: item[1]))


class CountryPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes_edit = QLineEdit()
        self.codes_edit.setPlaceholderText(_("e.g. SRB; MKD"))
        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(16)
        self.picker.addItem(_("Add a country…"), "")
        for code, name in countries():
            self.picker.addItem(f"{code} — {name}", code)
        completer = self.picker.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.picker.setCurrentIndex(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.codes_edit, 3)
        layout.addWidget(self.picker, 2)
        self.codes_edit.textChanged.connect(self.changed)
        self.picker.activated.connect(self._on_picker_activated)

    def codes(self) -> tuple[str, ...]:
        parts = self.codes_edit.text().replace(",", ";").split(";")
        return tuple(p.strip().upper() for p in parts if p.strip())

    def set_codes(self, codes: Sequence[str]) -> None:
        self.codes_edit.setText("; ".join(codes))

    def add(self, code: str) -> None:
        if code and code not in self.codes():
            self.set_codes([*self.codes(), code])

    @Slot(int)
    def _on_picker_activated(self, index: int) -> None:
        self.add(str(self.picker.itemData(index) or ""))
        self.picker.setCurrentIndex(0)
