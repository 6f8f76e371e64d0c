"""The audit trail, one page at a time: read-only rows of :class:`AuditEventView`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from ui.models.rows_model import Column, RowsModel
from workstation.services.views import AuditEventView

_MAX_IDS_SHOWN = 8


def ids_text(ids: Sequence[int | str]) -> str:
    shown = ", ".join(str(i) for i in ids[:_MAX_IDS_SHOWN])
    more = len(ids) - _MAX_IDS_SHOWN
    return f"{shown} … (+{more})" if more > 0 else shown


def details_text(details: dict[str, object]) -> str:
    return "; ".join(f"{key}: {value}" for key, value in sorted(details.items()))


def _column(header: str, text: Callable[[AuditEventView], str]) -> Column[AuditEventView]:
    return Column(header, text, text)


_COLUMNS = (
    _column("When (UTC)", lambda e: e.at.strftime("%Y-%m-%d %H:%M:%S")),
    _column("User", lambda e: e.username),
    _column("Action", lambda e: e.action),
    _column("Object", lambda e: e.object_type),
    _column("Records", lambda e: ids_text(e.object_ids)),
    _column("Details", lambda e: details_text(e.details)),
)


class AuditModel(RowsModel[AuditEventView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(_COLUMNS, parent)

    def set_events(self, events: Sequence[AuditEventView]) -> None:
        self.set_rows(events)

    def event_at(self, row: int) -> AuditEventView:
        return self.item(row)

    def style(self, row: AuditEventView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return ", ".join(map(str, row.object_ids))
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return details_text(row.details)
        return None
