"""Traveller tables: one row per :class:`TravellerRow`, open hits stand out.

:class:`TravellersModel` holds one flight's travellers; :class:`TravellerFilterProxy` filters
them the way the quick search does (names as the screener reads them, documents, bookings).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.i18n import _
from ui.models.roles import SORT_ROLE
from ui.models.rows_model import Column, RowsModel
from workstation.db.searchkey import key_matches, search_terms
from workstation.services.views import TravellerRow

OPEN_BACKGROUND = QColor("#fde0dc")
ESCALATED_BACKGROUND = QColor("#ffe8c2")
OPEN_FOREGROUND = QColor("#8e0000")
ESCALATED_FOREGROUND = QColor("#8a4b00")
FLAGGED_FOREGROUND = QColor("#1b5e20")
DISMISSED_FOREGROUND = QColor("#6d6d6d")

# Badge shown in the Status column, and how it sorts: the most pressing first.
_BADGES = {
    "open": "● HIT",
    "escalated": "▲ escalated",
    "confirmed": "✓ flagged",
    "dismissed": "dismissed",
    "dismissed_by_memory": "dismissed (remembered)",
    "none": "",
}
_RANK = {
    "open": 5,
    "escalated": 4,
    "confirmed": 3,
    "dismissed": 2,
    "dismissed_by_memory": 1,
    "none": 0,
}
_TIPS = {
    "open": "Open hit: needs a decision",
    "escalated": "Escalated to a supervisor",
    "confirmed": "Hit confirmed: flagged for control",
    "dismissed": "Hit dismissed as a false positive",
    "dismissed_by_memory": "The same pair was dismissed before: not raised again",
}


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


def _role(r: TravellerRow) -> str:
    role = _(_ROLES.get(r.role, r.role))
    return f"{role} · {_('PNR only')}" if not r.has_api else role


def _departure(r: TravellerRow) -> str:
    return r.departure.strftime("%d.%m. %H:%M") if r.departure else ""


def _field(name: str) -> Any:
    return lambda r: _text(getattr(r, name))


STATUS = Column[TravellerRow](
    "Status",
    status_badge,
    lambda r: _RANK.get(r.hit_status, 0) * 1000 + (r.best_score or 0),
    "● HIT: an open hit to review; ▲ escalated; ✓ flagged for control; ⚑ interdictions",
    "status",
)
_PERSON: tuple[Column[TravellerRow], ...] = (
    Column(
        "Score",
        _score,
        lambda r: r.best_score if r.best_score is not None else -1.0,
        "The best score of the traveller's hits (0-100)",
        "score",
    ),
    Column("Surname", lambda r: r.surname, lambda r: r.surname.casefold(), "", "surname"),
    Column(
        "Given names",
        lambda r: r.given_names,
        lambda r: r.given_names.casefold(),
        "",
        "given_names",
    ),
    Column(
        "Born",
        _field("birth_date"),
        _field("birth_date"),
        "Date of birth (year, year and month, or full date)",
        "birth_date",
    ),
    Column("Sex", _field("sex"), _field("sex"), "", "sex"),
    Column("Nat.", _field("nationality"), _field("nationality"), "Nationality", "nationality"),
    Column(
        "Document",
        _field("document_number"),
        _field("document_number"),
        "First travel document",
        "document",
    ),
    Column(
        "Booking",
        _field("booking_reference"),
        _field("booking_reference"),
        "Booking reference (PNR)",
        "booking",
    ),
    Column("Seat", _field("seat"), _field("seat"), "", "seat"),
    Column(
        "Role",
        _role,
        lambda r: r.role,
        "pax: passenger; CREW: crew member; PNR only: known from a booking alone",
        "role",
    ),
)
_FLIGHT: tuple[Column[TravellerRow], ...] = (
    Column("Flight", lambda r: r.flight, lambda r: r.flight, "", "flight"),
    Column(
        "Dep. (UTC)",
        _departure,
        lambda r: r.departure.timestamp() if r.departure else 0.0,
        "",
        "departure",
    ),
)
FLIGHT_COLUMNS = (STATUS, *_PERSON)
SEARCH_COLUMNS = (STATUS, *_FLIGHT, *_PERSON)
STATUS_COLUMN = 0
SCORE_COLUMN = 1


def traveller_style(r: TravellerRow, column: Column[TravellerRow], role: int) -> Any:
    """Colours, fonts and tooltips of a traveller cell (shared by every traveller table)."""
    if role == Qt.ItemDataRole.BackgroundRole:
        if r.hit_status == "open":
            return QBrush(OPEN_BACKGROUND)
        if r.hit_status == "escalated":
            return QBrush(ESCALATED_BACKGROUND)
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        colour = {
            "open": OPEN_FOREGROUND,
            "escalated": ESCALATED_FOREGROUND,
            "confirmed": FLAGGED_FOREGROUND,
            "dismissed": DISMISSED_FOREGROUND,
            "dismissed_by_memory": DISMISSED_FOREGROUND,
        }.get(r.hit_status)
        return QBrush(colour) if colour is not None else None
    pressing = r.hit_status in ("open", "escalated")
    if role == Qt.ItemDataRole.FontRole and column is STATUS and pressing:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ToolTipRole and column is STATUS:
        return status_tooltip(r)
    if role == Qt.ItemDataRole.TextAlignmentRole and column.key == "score":
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


def status_tooltip(r: TravellerRow) -> str | None:
    lines = [_(_TIPS[r.hit_status])] if r.hit_status in _TIPS else []
    if r.flagged and r.hit_status != "confirmed":
        lines.append(_("Flagged for control"))
    if r.interdiction_count:
        lines.append(_("{n} interdiction(s) recorded").format(n=r.interdiction_count))
    return "\n".join(lines) or None


class TravellersModel(RowsModel[TravellerRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(FLIGHT_COLUMNS, parent)

    def set_travellers(self, rows: list[TravellerRow]) -> None:
        self.set_rows(rows)

    def traveller(self, row: int) -> TravellerRow:
        return self.item(row)

    def style(self, row: TravellerRow, column: int, role: int) -> Any:
        return traveller_style(row, self.columns[column], role)


class TravellerFilterProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE`; filters by the quick search's rules, or by a cell's text."""

    def __init__(self, model: TravellersModel) -> None:
        super().__init__(model)
        self._model = model
        self._text = ""
        self._terms: list[frozenset[str]] = []
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self._terms = search_terms(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._text:
            return True
        r = self._model.traveller(source_row)
        if self._terms and key_matches(r.search_key, self._terms):
            return True
        cells = (c.text(r).casefold() for c in self._model.columns)
        return any(self._text in cell for cell in cells)
