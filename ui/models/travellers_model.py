"""The travellers of one flight, one row per :class:`TravellerRow`, open hits stand out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.i18n import _
from ui.models.roles import ID_ROLE, SORT_ROLE
from workstation.services.views import TravellerRow

Index = QModelIndex | QPersistentModelIndex

OPEN_BACKGROUND = QColor("#fde0dc")
OPEN_FOREGROUND = QColor("#8e0000")
FLAGGED_FOREGROUND = QColor("#1b5e20")
DISMISSED_FOREGROUND = QColor("#6d6d6d")

# Badge shown in the Status column, and how it sorts: open hits first.
_BADGES = {"open": "● HIT", "confirmed": "✓ flagged", "dismissed": "dismissed", "none": ""}
_RANK = {"open": 3, "confirmed": 2, "dismissed": 1, "none": 0}


def status_badge(row: TravellerRow) -> str:
    badge = _(_BADGES.get(row.hit_status, row.hit_status))
    if row.flagged and row.hit_status != "confirmed":
        badge = f"{badge} ✓".strip() if badge else _("✓ flagged")
    if row.interdiction_count:
        badge = f"{badge} ⚑{row.interdiction_count}".strip()
    return badge


def _score(row: TravellerRow) -> str:
    return f"{row.best_score:.1f}" if row.best_score is not None else ""


def _text(value: str | None) -> str:
    return value or ""


_ROLES = {"passenger": "pax", "crew": "CREW"}

# (header, display text, sort key)
_COLUMNS: tuple[tuple[str, Callable[[TravellerRow], str], Callable[[TravellerRow], Any]], ...] = (
    ("Status", status_badge, lambda r: _RANK.get(r.hit_status, 0) * 1000 + (r.best_score or 0)),
    ("Score", _score, lambda r: r.best_score if r.best_score is not None else -1.0),
    ("Surname", lambda r: r.surname, lambda r: r.surname.casefold()),
    ("Given names", lambda r: r.given_names, lambda r: r.given_names.casefold()),
    ("Born", lambda r: _text(r.birth_date), lambda r: _text(r.birth_date)),
    ("Sex", lambda r: _text(r.sex), lambda r: _text(r.sex)),
    ("Nat.", lambda r: _text(r.nationality), lambda r: _text(r.nationality)),
    ("Document", lambda r: _text(r.document_number), lambda r: _text(r.document_number)),
    ("Booking", lambda r: _text(r.booking_reference), lambda r: _text(r.booking_reference)),
    ("Seat", lambda r: _text(r.seat), lambda r: _text(r.seat)),
    ("Role", lambda r: _(_ROLES.get(r.role, r.role)), lambda r: r.role),
)
STATUS_COLUMN = 0
SCORE_COLUMN = 1
_HEADER_TIPS = {
    STATUS_COLUMN: "● HIT: an open hit to review; ✓ flagged for control; ⚑ interdictions",
    SCORE_COLUMN: "The best score of the traveller's hits (0-100)",
    4: "Date of birth (year, year and month, or full date)",
    6: "Nationality",
    7: "First travel document",
    8: "Booking reference (PNR)",
    10: "pax: passenger; CREW: crew member",
}


class TravellersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TravellerRow] = []

    def set_travellers(self, rows: Sequence[TravellerRow]) -> None:
        """Replace the rows; the same travellers in the same order keep the selection."""
        new = list(rows)
        if new and [r.id for r in new] == [r.id for r in self._rows]:
            self._rows = new
            last = self.index(len(new) - 1, len(_COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def traveller(self, row: int) -> TravellerRow:
        return self._rows[row]

    def row_of(self, traveller_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == traveller_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(_COLUMNS[section][0])
            if role == Qt.ItemDataRole.ToolTipRole and section in _HEADER_TIPS:
                return _(_HEADER_TIPS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[column][1](r)
        if role == SORT_ROLE:
            return _COLUMNS[column][2](r)
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.BackgroundRole and r.hit_status == "open":
            return QBrush(OPEN_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(r)
        if role == Qt.ItemDataRole.FontRole and column == STATUS_COLUMN and r.hit_status == "open":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS_COLUMN:
            return self._status_tooltip(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SCORE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _foreground(self, r: TravellerRow) -> QBrush | None:
        colour = {
            "open": OPEN_FOREGROUND,
            "confirmed": FLAGGED_FOREGROUND,
            "dismissed": DISMISSED_FOREGROUND,
        }.get(r.hit_status)
        return QBrush(colour) if colour is not None else None

    def _status_tooltip(self, r: TravellerRow) -> str | None:
        parts = {
            "open": _("Open hit: needs a decision"),
            "confirmed": _("Hit confirmed: flagged for control"),
            "dismissed": _("Hit dismissed as a false positive"),
        }
        lines = [parts[r.hit_status]] if r.hit_status in parts else []
        if r.flagged and r.hit_status != "confirmed":
            lines.append(_("Flagged for control"))
        if r.interdiction_count:
            lines.append(_("{n} interdiction(s) recorded").format(n=r.interdiction_count))
        return "\n".join(lines) or None
