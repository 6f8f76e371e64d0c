"""The engine's reasons for one hit: what was compared with what, and what it made of it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ui.i18n import _
from ui.models.rows_model import Column, RowsModel
from workstation.services.views import ReasonView

DETAIL_COLUMN = 5
_COLOURED = (3, 4)
_FIELDS = {
    "name": "Name",
    "birth_date": "Date of birth",
    "nationality": "Nationality",
    "sex": "Sex",
    "document": "Document",
}
SUPPORTS = QColor("#1b5e20")
AGAINST = QColor("#b71c1c")


def _weight(r: ReasonView) -> str:
    return f"{r.weight:+.1f}" if r.weight else "0"


def _column(header: str, text: Callable[[ReasonView], str]) -> Column[ReasonView]:
    return Column(header, text, text)


_COLUMNS = (
    _column("Field", lambda r: _(_FIELDS.get(r.field, r.field))),
    _column("Traveller", lambda r: r.traveller_part),
    _column("Watchlist entry", lambda r: r.entry_part),
    _column("Verdict", lambda r: r.verdict.replace("_", " ")),
    _column("Weight", _weight),
    _column("Detail", lambda r: r.detail),
)


class ReasonsModel(RowsModel[ReasonView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(_COLUMNS, parent, row_id=lambda _r: None)

    def set_reasons(self, reasons: Sequence[ReasonView]) -> None:
        self.set_rows(reasons)

    def style(self, row: ReasonView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[column].text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column in _COLOURED and row.weight:
            return QBrush(SUPPORTS if row.weight > 0 else AGAINST)
        return None
