"""The audit trail, one page at a time: read-only rows of :class:`AuditEventView`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import _
from ui.models.roles import ID_ROLE
from workstation.services.views import AuditEventView

Index = QModelIndex | QPersistentModelIndex

_HEADERS = ("When (UTC)", "User", "Action", "Object", "Records", "Details")
_MAX_IDS_SHOWN = 8


def ids_text(ids: Sequence[int | str]) -> str:
    shown = ", ".join(str(i) for i in ids[:_MAX_IDS_SHOWN])
    more = len(ids) - _MAX_IDS_SHOWN
    return f"{shown} … (+{more})" if more > 0 else shown


def details_text(details: dict[str, object]) -> str:
    return "; ".join(f"{key}: {value}" for key, value in sorted(details.items()))


def _cells(e: AuditEventView) -> tuple[str, ...]:
    return (
        e.at.strftime("%Y-%m-%d %H:%M:%S"),
        e.username,
        e.action,
        e.object_type,
        ids_text(e.object_ids),
        details_text(e.details),
    )


class AuditModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEventView] = []
        self._cells: list[tuple[str, ...]] = []

    def set_events(self, events: Sequence[AuditEventView]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self._cells = [_cells(e) for e in self._events]
        self.endResetModel()

    def event_at(self, row: int) -> AuditEventView:
        return self._events[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

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
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 4:
            e = self._events[index.row()]
            return (
                ", ".join(map(str, e.object_ids))
                if index.column() == 4
                else details_text(e.details)
            )
        if role == ID_ROLE:
            return self._events[index.row()].id
        return None
