"""What changed between two versions of a list, one row per added or removed entry and one per
changed field (before → after), from a :class:`ListDiff`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.i18n import _
from ui.models.roles import SORT_ROLE
from ui.models.tooltips import plain_tooltip
from workstation.services.views import EntryView, ListDiff

Index = QModelIndex | QPersistentModelIndex

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's change: added, removed, changed
_HEADERS = ("Change", "ID", "Name", "Field", "Before", "After")
_COLOURS = {ADDED: QColor("#1b5e20"), REMOVED: QColor("#b71c1c"), CHANGED: QColor("#8d5a00")}
_FIELDS = {
    "names": "Names",
    "dates": "Dates of birth",
    "sex": "Sex",
    "nationalities": "Nationalities",
    "documents": "Documents",
    "category": "Category",
    "notes": "Handling",
    "validity": "Valid",
    "source": "Source",
    "reference": "Reference",
    "photo": "Photo",
}


@dataclass(frozen=True)
class DiffRow:
    kind: str
    source_id: str
    name: str
    field: str
    before: str
    after: str


def entry_text(e: EntryView) -> str:
    """One line telling a listed person: names, born, nationality, documents."""
    parts = ["; ".join(e.names)]
    if e.birth_dates:
        parts.append(_("born {dates}").format(dates=", ".join(e.birth_dates)))
    if e.nationalities:
        parts.append(", ".join(e.nationalities))
    if e.documents:
        parts.append(_("doc. {numbers}").format(numbers=", ".join(e.documents)))
    return " · ".join(parts)


def _values(values: tuple[str, ...]) -> str:
    return "; ".join(v for v in values if v) or "—"


def diff_rows(diff: ListDiff) -> list[DiffRow]:
    rows = [DiffRow(ADDED, e.source_id, e.primary_name, "", "", entry_text(e)) for e in diff.added]
    rows += [
        DiffRow(REMOVED, e.source_id, e.primary_name, "", entry_text(e), "") for e in diff.removed
    ]
    for change in diff.changed:
        for f in change.fields:
            label = _(_FIELDS.get(f.field, f.field))
            rows.append(
                DiffRow(
                    CHANGED,
                    change.source_id,
                    change.after.primary_name,
                    label,
                    _values(f.before),
                    _values(f.after),
                )
            )
    return sorted(rows, key=lambda r: (r.source_id, r.kind))


class DiffModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DiffRow] = []

    def set_diff(self, diff: ListDiff | None) -> None:
        self.beginResetModel()
        self._rows = diff_rows(diff) if diff is not None else []
        self.endResetModel()

    def diff_row(self, row: int) -> DiffRow:
        return self._rows[row]

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
        r, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            text = (_(r.kind), r.source_id, r.name, r.field, r.before, r.after)[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(text)
            return text.casefold() if role == SORT_ROLE else text
        if role == KIND_ROLE:
            return r.kind
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(_COLOURS[r.kind])
        return None
