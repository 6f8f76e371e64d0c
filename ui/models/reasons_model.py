"""The engine's reasons for one hit: what was compared with what, and what it made of it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.i18n import _
from workstation.services.views import ReasonView

Index = QModelIndex | QPersistentModelIndex

_HEADERS = ("Field", "Traveller", "Watchlist entry", "Verdict", "Weight", "Detail")
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


class ReasonsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ReasonView] = []

    def set_reasons(self, reasons: Sequence[ReasonView]) -> None:
        self.beginResetModel()
        self._rows = list(reasons)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return _(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                _(_FIELDS.get(r.field, r.field)),
                r.traveller_part,
                r.entry_part,
                r.verdict.replace("_", " "),
                _weight(r),
                r.detail,
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in _COLOURED and r.weight:
            return QBrush(SUPPORTS if r.weight > 0 else AGAINST)
        return None
