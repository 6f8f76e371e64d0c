"""The flights table: one row per stored flight, from :class:`FlightSummary` values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.i18n import _
from ui.models.roles import ID_ROLE, SORT_ROLE
from workstation.services.views import FlightSummary

Index = QModelIndex | QPersistentModelIndex

_OPEN_HITS = QColor("#b71c1c")
_NOT_SCREENED = QColor("#9a5b00")


def time_and_date(value: datetime | None) -> str:
    """ "HH:MM dd.mm." in UTC, the way a flight board reads."""
    return value.strftime("%H:%M %d.%m.") if value else "—"


def _open_hits_text(f: FlightSummary) -> str:
    if f.screened:
        return str(f.open_hit_count) if f.open_hit_count else "—"
    text = "⚠ " + _("not screened")
    return f"{f.open_hit_count} · {text}" if f.open_hit_count else text


_DIRECTIONS = {"inbound": "↓ in", "outbound": "↑ out"}


def _direction(f: FlightSummary) -> str:
    return _(_DIRECTIONS.get(f.direction, f.direction))


# (header, display text, sort key)
_COLUMNS: tuple[tuple[str, Callable[[FlightSummary], str], Callable[[FlightSummary], Any]], ...] = (
    ("Flight", lambda f: f.designator, lambda f: f.designator),
    ("From", lambda f: f.origin, lambda f: f.origin),
    ("To", lambda f: f.destination, lambda f: f.destination),
    (
        "Dep. (UTC)",
        lambda f: time_and_date(f.scheduled_departure),
        lambda f: f.scheduled_departure.timestamp() if f.scheduled_departure else 0.0,
    ),
    (
        "Arr. (UTC)",
        lambda f: time_and_date(f.scheduled_arrival),
        lambda f: f.scheduled_arrival.timestamp() if f.scheduled_arrival else 0.0,
    ),
    ("Dir.", _direction, lambda f: f.direction),
    ("Pax", lambda f: str(f.traveller_count), lambda f: f.traveller_count),
    ("Open", _open_hits_text, lambda f: f.open_hit_count),
)
OPEN_HITS_COLUMN = len(_COLUMNS) - 1
_HEADER_TIPS = (
    "Carrier and flight number",
    "Origin airport",
    "Destination airport",
    "Scheduled departure, UTC",
    "Scheduled arrival, UTC",
    "Direction: inbound (in) or outbound (out) of Belgrade or Skopje",
    "Travellers (passengers and crew) on the manifest",
    "Hits nobody has decided on yet",
)
_NUMERIC = {6, OPEN_HITS_COLUMN}


class FlightsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FlightSummary] = []

    def set_flights(self, flights: Sequence[FlightSummary]) -> None:
        """Replace the rows; the same flights in the same order keep the selection."""
        new = list(flights)
        if [f.id for f in new] == [f.id for f in self._rows] and new:
            self._rows = new
            last = self.index(len(new) - 1, len(_COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def flight(self, row: int) -> FlightSummary:
        return self._rows[row]

    def row_of(self, flight_id: int) -> int | None:
        return next((n for n, f in enumerate(self._rows) if f.id == flight_id), None)

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
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(_HEADER_TIPS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[column][1](f)
        if role == SORT_ROLE:
            return _COLUMNS[column][2](f)
        if role == ID_ROLE:
            return f.id
        marked = column in (0, OPEN_HITS_COLUMN)
        if role == Qt.ItemDataRole.ForegroundRole and marked:
            return self._foreground(f)
        if role == Qt.ItemDataRole.FontRole and marked and f.open_hit_count:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(f)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _foreground(self, f: FlightSummary) -> QBrush | None:
        if f.open_hit_count:
            return QBrush(_OPEN_HITS)
        if not f.screened:
            return QBrush(_NOT_SCREENED)
        return None

    def _tooltip(self, f: FlightSummary) -> str:
        lines = [
            _("{flight} {origin} → {destination}").format(
                flight=f.designator, origin=f.origin, destination=f.destination
            ),
            _("{travellers} travellers, {hits} hits, {open} open").format(
                travellers=f.traveller_count, hits=f.hit_count, open=f.open_hit_count
            ),
        ]
        if not f.screened:
            lines.append(_("Not screened since its last import: use Screen now."))
        return "\n".join(lines)
