"""The supervisor's flagged list: one row per flag, from :class:`FlaggedRow` values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import _
from ui.models.roles import ID_ROLE, SORT_ROLE
from workstation.services.flagged import FLAGGED_COLUMNS, FlaggedRow, flagged_cells

Index = QModelIndex | QPersistentModelIndex

SCORE_COLUMN = FLAGGED_COLUMNS.index("Score")
_SORT_KEYS: dict[int, Callable[[FlaggedRow], float]] = {
    FLAGGED_COLUMNS.index("Departure (UTC)"): lambda r: (
        r.scheduled_departure.timestamp() if r.scheduled_departure else 0.0
    ),
    FLAGGED_COLUMNS.index("Flagged at (UTC)"): lambda r: r.flagged_at.timestamp(),
    SCORE_COLUMN: lambda r: r.score if r.score is not None else -1.0,
}


class FlaggedModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FlaggedRow] = []
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[FlaggedRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [flagged_cells(r) for r in self._rows]
        self.endResetModel()

    def flagged(self, row: int) -> FlaggedRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FLAGGED_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(FLAGGED_COLUMNS)
        ):
            return _(FLAGGED_COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == SORT_ROLE:
            key = _SORT_KEYS.get(column)
            return key(self._rows[row]) if key else self._cells[row][column]
        if role == ID_ROLE:
            return self._rows[row].traveller_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SCORE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
