"""The supervisor's flagged list: one row per flag, from :class:`FlaggedRow` values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from ui.models.rows_model import Column, RowsModel
from workstation.services.flagged import FLAGGED_COLUMNS, FlaggedRow, flagged_cells

SCORE_COLUMN = FLAGGED_COLUMNS.index("Score")
_SORT_KEYS: dict[int, Callable[[FlaggedRow], float]] = {
    FLAGGED_COLUMNS.index("Departure (UTC)"): lambda r: (
        r.scheduled_departure.timestamp() if r.scheduled_departure else 0.0
    ),
    FLAGGED_COLUMNS.index("Flagged at (UTC)"): lambda r: r.flagged_at.timestamp(),
    SCORE_COLUMN: lambda r: r.score if r.score is not None else -1.0,
}


def _column(n: int, header: str) -> Column[FlaggedRow]:
    def text(r: FlaggedRow) -> str:
        return flagged_cells(r)[n]

    return Column(header, text, _SORT_KEYS.get(n, text))


class FlaggedModel(RowsModel[FlaggedRow]):
    """The id of a row (:data:`ID_ROLE`) is the flagged traveller's."""

    def __init__(self, parent: Any = None) -> None:
        columns = [_column(n, header) for n, header in enumerate(FLAGGED_COLUMNS)]
        super().__init__(columns, parent, row_id=lambda r: r.traveller_id)

    def set_rows(self, rows: Sequence[FlaggedRow]) -> None:
        """Replace the rows (always a reset: one traveller may be flagged twice)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def flagged(self, row: int) -> FlaggedRow:
        return self.item(row)

    def style(self, row: FlaggedRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SCORE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
