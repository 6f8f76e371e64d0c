"""What changed between two versions of a list, one row per added or removed entry and one per
changed field (before → after), from a :class:`ListDiff`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ui.i18n import _
from ui.models.rows_model import Column, RowsModel
from ui.models.tooltips import plain_tooltip
from workstation.services.views import EntryView, ListDiff

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's change: added, removed, changed
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


def _column(header: str, text: Callable[[DiffRow], str]) -> Column[DiffRow]:
    return Column(header, text, lambda r: text(r).casefold())


_COLUMNS = (
    _column("Change", lambda r: _(r.kind)),
    _column("ID", lambda r: r.source_id),
    _column("Name", lambda r: r.name),
    _column("Field", lambda r: r.field),
    _column("Before", lambda r: r.before),
    _column("After", lambda r: r.after),
)


class DiffModel(RowsModel[DiffRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(_COLUMNS, parent)

    def set_diff(self, diff: ListDiff | None) -> None:
        self.set_rows(diff_rows(diff) if diff is not None else [])

    def diff_row(self, row: int) -> DiffRow:
        return self.item(row)

    def style(self, row: DiffRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.columns[column].text(row))
        if role == KIND_ROLE:
            return row.kind
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(_COLOURS[row.kind])
        return None
