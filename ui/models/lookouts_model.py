"""The national lookouts table: one row per lookout of the list's current version."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import _
from ui.models.roles import ID_ROLE, SORT_ROLE
from ui.models.tooltips import plain_tooltip
from watchlists.tabular import CATEGORIES
from workstation.services.views import EntryView

Index = QModelIndex | QPersistentModelIndex
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # every searchable text of the row, folded


def validity(e: EntryView) -> str:
    if e.valid_from is None and e.valid_until is None:
        return "—"
    start = e.valid_from.isoformat() if e.valid_from else "…"
    end = e.valid_until.isoformat() if e.valid_until else "…"
    return f"{start} – {end}"


_COLUMNS: tuple[tuple[str, Callable[[EntryView], str]], ...] = (
    ("ID", lambda e: e.source_id),
    ("Name", lambda e: e.primary_name),
    ("Other names", lambda e: "; ".join(e.names[1:])),
    ("Born", lambda e: ", ".join(e.birth_dates)),
    ("Sex", lambda e: e.sex or ""),
    ("Nationality", lambda e: ", ".join(e.nationalities)),
    ("Documents", lambda e: ", ".join(e.documents)),
    ("Category", lambda e: _(CATEGORIES.get(e.category, e.category))),
    ("Valid", validity),
    ("Photo", lambda e: _("yes") if e.has_photo else ""),
    ("Handling", lambda e: " ".join(e.handling_notes.split())),
)


class LookoutsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EntryView] = []

    def set_lookouts(self, rows: Sequence[EntryView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def lookout(self, row: int) -> EntryView:
        return self._rows[row]

    def row_of(self, source_id: str) -> int | None:
        return next((n for n, e in enumerate(self._rows) if e.source_id == source_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_COLUMNS)
        ):
            return _(_COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[column][1](e)
        if role == SORT_ROLE:
            return _COLUMNS[column][1](e).casefold()
        if role == ID_ROLE:
            return e.id
        if role == SEARCH_ROLE:
            texts = (e.source_id, *e.names, *e.documents, *e.nationalities, e.reference)
            return " ".join(texts).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and e.handling_notes:
            return plain_tooltip(e.handling_notes)
        return None
