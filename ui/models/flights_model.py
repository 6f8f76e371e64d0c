"""The flight board: one row per flight of the chosen day, from :class:`FlightSummary` values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.i18n import _
from ui.models.rows_model import Column, RowsModel
from workstation.airports import local_time
from workstation.services.views import FlightSummary

_OPEN_HITS = QColor("#b71c1c")
_NOT_SCREENED = QColor("#9a5b00")
_INCOMPLETE = QColor("#fff3c4")


def time_and_date(value: datetime | None) -> str:
    """ "HH:MM dd.mm.", the way a flight board reads."""
    return value.strftime("%H:%M %d.%m.") if value else "—"


def local_time_and_date(value: datetime | None, airport: str) -> str:
    """A stored UTC time as the clock at ``airport`` shows it (UTC if the airport is unknown)."""
    return time_and_date(local_time(value, airport)) if value else "—"


def _open_hits_text(f: FlightSummary) -> str:
    if f.screened:
        return str(f.open_hit_count) if f.open_hit_count else "—"
    text = "⚠ " + _("not screened")
    return f"{f.open_hit_count} · {text}" if f.open_hit_count else text


def data_text(f: FlightSummary) -> str:
    """What data came for the flight: API (manifest) for everyone, or what is missing."""
    if not f.traveller_count:
        return "—"
    if f.api_missing:
        return "⚠ " + _("PNR only, no API")
    if f.pnr_only_count:
        return "⚠ " + _("{n} PNR only").format(n=f.pnr_only_count)
    return _("API")


def _count(n: int) -> str:
    return str(n) if n else "—"


_DIRECTIONS = {"inbound": "↓ in", "outbound": "↑ out"}


def _direction(f: FlightSummary) -> str:
    return _(_DIRECTIONS.get(f.direction, f.direction))


def _timestamp(value: datetime | None) -> float:
    return value.timestamp() if value else 0.0


COLUMNS: tuple[Column[FlightSummary], ...] = (
    Column("Flight", lambda f: f.designator, lambda f: f.designator, "Carrier and flight number"),
    Column("From", lambda f: f.origin, lambda f: f.origin, "Origin airport"),
    Column("To", lambda f: f.destination, lambda f: f.destination, "Destination airport"),
    Column(
        "Dep. (local)",
        lambda f: local_time_and_date(f.scheduled_departure, f.origin),
        lambda f: _timestamp(f.scheduled_departure),
        "Scheduled departure, local time at the origin airport",
    ),
    Column(
        "Arr. (local)",
        lambda f: local_time_and_date(f.scheduled_arrival, f.destination),
        lambda f: _timestamp(f.scheduled_arrival),
        "Scheduled arrival, local time at the destination airport",
    ),
    Column(
        "Dir.",
        _direction,
        lambda f: f.direction,
        "Direction: inbound (in) or outbound (out) of Belgrade or Skopje",
    ),
    Column(
        "Pax",
        lambda f: str(f.traveller_count),
        lambda f: f.traveller_count,
        "Travellers (passengers and crew)",
    ),
    Column("Open", _open_hits_text, lambda f: f.open_hit_count, "Hits nobody has decided on yet"),
    Column(
        "Esc.",
        lambda f: _count(f.escalated_hit_count),
        lambda f: f.escalated_hit_count,
        "Hits escalated to a supervisor",
    ),
    Column(
        "Ind.",
        lambda f: _count(f.indicator_hit_count),
        lambda f: f.indicator_hit_count,
        "Risk-indicator hits",
    ),
    Column(
        "Data",
        data_text,
        lambda f: (f.api_count > 0, -f.pnr_only_count),
        "API: every traveller came with API data; PNR only: known from a booking alone",
    ),
)
OPEN_HITS_COLUMN = 7
DATA_COLUMN = 10
_NUMERIC = {6, OPEN_HITS_COLUMN, 8, 9}


class FlightsModel(RowsModel[FlightSummary]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def set_flights(self, flights: list[FlightSummary]) -> None:
        self.set_rows(flights)

    def flight(self, row: int) -> FlightSummary:
        return self.item(row)

    def style(self, f: FlightSummary, column: int, role: int) -> Any:
        marked = column in (0, OPEN_HITS_COLUMN)
        if role == Qt.ItemDataRole.ForegroundRole and marked:
            return self._foreground(f)
        if role == Qt.ItemDataRole.FontRole and marked and f.open_hit_count:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and column == DATA_COLUMN:
            return QBrush(_INCOMPLETE) if f.traveller_count and not f.data_complete else None
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
            _("{travellers} travellers, {hits} hits, {open} open, {escalated} escalated").format(
                travellers=f.traveller_count,
                hits=f.hit_count,
                open=f.open_hit_count,
                escalated=f.escalated_hit_count,
            ),
        ]
        if not f.screened:
            lines.append(_("Not screened since its last import: use Screen now."))
        if f.api_missing:
            lines.append(_("No API data yet: travellers are known from bookings (PNR) only."))
        elif f.pnr_only_count:
            lines.append(
                _("{n} traveller(s) known from a booking (PNR) only, not on the API list.").format(
                    n=f.pnr_only_count
                )
            )
        return "\n".join(lines)
