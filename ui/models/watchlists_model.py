"""The lists table: one row per watchlist, from :class:`WatchlistSummary` values.

Enabled, threshold and priority are editable; an edit is handed to ``apply`` (the view calls the
service there) and the row shows what the service returned, never the edit itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from matching import DEFAULT_THRESHOLD
from ui.i18n import _
from ui.models.roles import ID_ROLE, SORT_ROLE
from workstation.services.views import WatchlistSummary

Index = QModelIndex | QPersistentModelIndex
# The view applies an option: (list, option name, value) -> the list as stored, or None.
ApplyOption = Callable[[WatchlistSummary, str, Any], WatchlistSummary | None]

NAME, KIND, VERSION, ENTRIES, SKIPPED, IMPORTED, ENABLED, THRESHOLD, PRIORITY = range(9)
_HEADERS = (
    ("List", "The list's name"),
    ("Kind", "Imported from files, or national lookouts kept by hand"),
    ("Version", "The newest version: the one screened"),
    ("Entries", "Listed persons in the newest version"),
    ("Skipped", "Records of the files that were not persons or named nobody"),
    ("Imported (UTC)", "When the newest version was made"),
    ("Enabled", "Screened at this unit (untick to stop screening against the list)"),
    ("Threshold", f"Alert score from 1 to 100; empty: the default ({DEFAULT_THRESHOLD:g})"),
    ("Priority", "Order of hits from this list in the review, 0-99 (higher first)"),
)
_KINDS = {"imported": "imported", "national": "national"}
_GREY = QColor("#757575")


def _threshold(w: WatchlistSummary) -> str:
    if w.threshold is None:
        return _("default ({score})").format(score=f"{DEFAULT_THRESHOLD:g}")
    return f"{w.threshold:g}"


_TEXT: dict[int, Callable[[WatchlistSummary], str]] = {
    NAME: lambda w: w.name,
    KIND: lambda w: _(_KINDS.get(w.kind, w.kind)),
    VERSION: lambda w: str(w.version_no) if w.version_no is not None else "—",
    ENTRIES: lambda w: f"{w.entry_count:,}",
    SKIPPED: lambda w: f"{w.skipped_count:,}" if w.skipped_count else "—",
    IMPORTED: lambda w: w.imported_at.strftime("%Y-%m-%d %H:%M") if w.imported_at else "—",
    ENABLED: lambda w: _("yes") if w.enabled else _("no"),
    THRESHOLD: _threshold,
    PRIORITY: lambda w: str(w.priority),
}
_SORT: dict[int, Callable[[WatchlistSummary], Any]] = {
    VERSION: lambda w: w.version_no or 0,
    ENTRIES: lambda w: w.entry_count,
    SKIPPED: lambda w: w.skipped_count,
    IMPORTED: lambda w: w.imported_at.timestamp() if w.imported_at else 0.0,
    ENABLED: lambda w: int(w.enabled),
    THRESHOLD: lambda w: w.threshold if w.threshold is not None else DEFAULT_THRESHOLD,
    PRIORITY: lambda w: w.priority,
}
_NUMERIC = {VERSION, ENTRIES, SKIPPED, THRESHOLD, PRIORITY}


class WatchlistsModel(QAbstractTableModel):
    def __init__(self, apply: ApplyOption | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[WatchlistSummary] = []
        self._apply = apply

    def set_watchlists(self, rows: Sequence[WatchlistSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def watchlist(self, row: int) -> WatchlistSummary:
        return self._rows[row]

    def row_of(self, name: str) -> int | None:
        return next((n for n, w in enumerate(self._rows) if w.name == name), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(_HEADERS[section][0])
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(_HEADERS[section][1])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._apply is not None and index.column() == ENABLED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if self._apply is not None and index.column() in (THRESHOLD, PRIORITY):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        w, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _TEXT[column](w)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(w, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == ENABLED:
            return Qt.CheckState.Checked if w.enabled else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            sort = _SORT.get(column)
            return sort(w) if sort is not None else _TEXT[column](w).casefold()
        if role == ID_ROLE:
            return w.id
        if role == Qt.ItemDataRole.ForegroundRole and not w.enabled:
            return QBrush(_GREY)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _edit_value(self, w: WatchlistSummary, column: int) -> Any:
        if column == THRESHOLD:
            return float(w.threshold if w.threshold is not None else DEFAULT_THRESHOLD)
        if column == PRIORITY:
            return w.priority
        return _TEXT[column](w)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self._apply is None or not index.isValid():
            return False
        w, column = self._rows[index.row()], index.column()
        new: bool | float | int
        if column == ENABLED and role == Qt.ItemDataRole.CheckStateRole:
            option, new = "enabled", _checked(value)
        elif column == THRESHOLD and role == Qt.ItemDataRole.EditRole:
            option, new = "threshold", float(value)
        elif column == PRIORITY and role == Qt.ItemDataRole.EditRole:
            option, new = "priority", int(value)
        else:
            return False
        stored = self._apply(w, option, new)
        if stored is None:
            return False
        self._rows[index.row()] = stored
        last = self.index(index.row(), len(_HEADERS) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)
        return True


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value
