"""The national lookouts table: one row per lookout of the list's current version."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from ui.i18n import _
from ui.models.rows_model import Column, RowsModel
from ui.models.tooltips import plain_tooltip
from watchlists.tabular import CATEGORIES
from workstation.services.views import EntryView

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # every searchable text of the row, folded


def validity(e: EntryView) -> str:
    if e.valid_from is None and e.valid_until is None:
        return "—"
    start = e.valid_from.isoformat() if e.valid_from else "…"
    end = e.valid_until.isoformat() if e.valid_until else "…"
    return f"{start} – {end}"


def _column(header: str, text: Callable[[EntryView], str]) -> Column[EntryView]:
    return Column(header, text, lambda e: text(e).casefold())


_COLUMNS = (
    _column("ID", lambda e: e.source_id),
    _column("Name", lambda e: e.primary_name),
    _column("Other names", lambda e: "; ".join(e.names[1:])),
    _column("Born", lambda e: ", ".join(e.birth_dates)),
    _column("Sex", lambda e: e.sex or ""),
    _column("Nationality", lambda e: ", ".join(e.nationalities)),
    _column("Documents", lambda e: ", ".join(e.documents)),
    _column("Category", lambda e: _(CATEGORIES.get(e.category, e.category))),
    _column("Valid", validity),
    _column("Photo", lambda e: _("yes") if e.has_photo else ""),
    _column("Handling", lambda e: " ".join(e.handling_notes.split())),
)


class LookoutsModel(RowsModel[EntryView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(_COLUMNS, parent)

    def set_lookouts(self, rows: Sequence[EntryView]) -> None:
        self.set_rows(rows)

    def lookout(self, row: int) -> EntryView:
        return self.item(row)

    # Lookouts are found by their ID in the list (source_id), not by their record id.
    def row_of(self, source_id: str) -> int | None:  # type: ignore[override]
        return next((n for n, e in enumerate(self._rows) if e.source_id == source_id), None)

    def style(self, row: EntryView, column: int, role: int) -> Any:
        if role == SEARCH_ROLE:
            texts = (row.source_id, *row.names, *row.documents, *row.nationalities, row.reference)
            return " ".join(texts).casefold()
        if role == Qt.ItemDataRole.ToolTipRole and row.handling_notes:
            return plain_tooltip(row.handling_notes)
        return None
