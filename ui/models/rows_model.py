"""A table of frozen rows in memory, one column per :class:`Column`.

A row's id (:data:`ID_ROLE`) is its ``id`` attribute by default, or what the model's ``row_id``
function says; rows without one answer None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import _
from ui.models.roles import ID_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


T = TypeVar("T")
RowId = Callable[[Any], int | None]


def own_id(row: object) -> int | None:
    """The row's ``id`` attribute, None when it has none."""
    value = getattr(row, "id", None)
    return value if isinstance(value, int) else None


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort: Callable[[T], Any]
    tip: str = ""
    key: str = ""  # the service's sort key, for models sorted by the store


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows in memory; subclasses add colours and fonts in :meth:`style`."""

    def __init__(
        self, columns: Sequence[Column[T]], parent: Any = None, *, row_id: RowId = own_id
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.row_id = row_id
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace the rows; the same ids in the same order update in place (selection kept)."""
        new = list(rows)
        ids = [self.row_id(r) for r in new]
        if new and None not in ids and ids == [self.row_id(r) for r in self._rows]:
            self._rows = new
            last = self.index(len(new) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, row_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if self.row_id(r) == row_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(self.columns[section].header)
            if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].tip:
                return _(self.columns[section].tip)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[column].text(r)
        if role == SORT_ROLE:
            return self.columns[column].sort(r)
        if role == ID_ROLE:
            return self.row_id(r)
        return self.style(r, column, role)

    def style(self, row: T, column: int, role: int) -> Any:
        """Colours, fonts, tooltips and alignment of one cell; none by default."""
        return None
