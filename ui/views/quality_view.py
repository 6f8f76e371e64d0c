"""Data quality per carrier over a period: what each airline sent, and how well.

The figures are the core's ``quality_report``; this view only shows them, one row a carrier.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.errors import call_service
from ui.i18n import _
from ui.models.roles import SORT_ROLE
from ui.views.period_edit import PeriodEdit
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.quality import CarrierQuality, quality_report
from workstation.services.report import Period
from workstation.services.views import Actor

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("carrier", "Carrier", "The airline's code; ? when the file did not tell"),
    ("messages", "Messages", "Files received and stored"),
    ("refused", "Refused", "Files refused (see the import failures)"),
    ("with_warnings", "With warnings", "Stored files with lines that need attention"),
    ("travellers", "API travellers", "Passengers and crew in API data or manifests"),
    ("without_document", "No document", "API travellers without a travel document"),
    ("without_birth_date", "No date of birth", "API travellers without a date of birth"),
    ("flights", "Flights", "Flights the period's files named"),
    ("flights_pnr_without_api", "PNR but no API", "Flights with bookings but no API data"),
)

_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST = datetime(9999, 1, 1, tzinfo=UTC)


def period_bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as the UTC instants the report takes; an open end is the whole past or future."""
    return period.start or _EARLIEST, period.end or _LATEST


class QualityModel(QAbstractTableModel):
    """One read-only row per carrier; counts are right-aligned and sort as numbers."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[CarrierQuality] = []

    def set_lines(self, lines: Sequence[CarrierQuality]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> CarrierQuality:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(COLUMNS[section][2])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        value = getattr(self._lines[index.row()], COLUMNS[index.column()][0])
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class QualityView(QWidget):
    """The supervisor's Data quality tab: a period and the carriers' table."""

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.period = PeriodEdit("last_30")
        self.model = QualityModel(self)
        self.table = compact_table()
        self.table.setModel(self.model)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.period.changed.connect(self.refresh)

    @Slot()
    def refresh(self) -> None:
        since, until = period_bounds(self.period.period())
        lines = call_service(self, quality_report, self.store, self.actor, since=since, until=until)
        if lines is None:
            return
        self.model.set_lines(lines)
        if lines:
            self.summary.setText(
                _("{carriers} carrier(s), {messages} message(s), {refused} refused").format(
                    carriers=len(lines),
                    messages=sum(line.messages for line in lines),
                    refused=sum(line.refused for line in lines),
                )
            )
        else:
            self.summary.setText(_("Nothing received in this period."))
