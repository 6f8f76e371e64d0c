"""The day's board: arrivals and departures of one day by scheduled time (UTC).

The day is chosen with the previous/next buttons (Alt+Left, Alt+Right), the date picker, or
"Today" (Alt+Home); selecting a flight shows its travellers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, QItemSelection, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ui.i18n import _
from ui.models.flights_model import FlightsModel
from ui.models.roles import ID_ROLE, SORT_ROLE
from ui.views.tables import compact_table
from workstation.services.views import FlightSummary


def _button(text: str, key: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setShortcut(QKeySequence(key))
    button.setToolTip(
        f"{tip} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})"
    )
    return button


class FlightsView(QWidget):
    flight_selected = Signal(int)  # the flight's id
    day_changed = Signal(object)  # the chosen day (datetime.date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FlightsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = compact_table(stretch_last=False)
        self.table.setObjectName("flights-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.title = QLabel(_("Flights"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._day_bar())
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._current: int | None = None

    def _day_bar(self) -> QHBoxLayout:
        self.previous_button = _button("◀", "Alt+Left", _("Previous day"))
        self.next_button = _button("▶", "Alt+Right", _("Next day"))
        self.today_button = _button(_("Today"), "Alt+Home", _("Back to today"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd dd.MM.yyyy")
        self.date_edit.setToolTip(_("The day shown (UTC): flights departing or arriving that day"))
        self.date_edit.setDate(QDate.currentDate())
        self.previous_button.clicked.connect(lambda: self.set_day(self.day - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.set_day(self.day + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.set_day(date.today()))
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for widget in (self.previous_button, self.date_edit, self.next_button, self.today_button):
            bar.addWidget(widget)
        return bar

    @property
    def day(self) -> date:
        chosen = self.date_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_day(self, day: date) -> None:
        """Show ``day``; emits :attr:`day_changed` when it is another day."""
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    @Slot(QDate)
    def _on_date_edit_date_changed(self, _day: QDate) -> None:
        self._current = None
        self.day_changed.emit(self.day)

    @property
    def current_flight_id(self) -> int | None:
        return self._current

    def set_flights(self, flights: Sequence[FlightSummary]) -> None:
        """Show ``flights``, keeping the selected flight selected when it is still there."""
        keep = self._current
        self.model.set_flights(list(flights))
        self.title.setText(_("Flights ({n})").format(n=len(flights)))
        if keep is not None and self.model.row_of(keep) is None:
            self._current = None
        elif keep is not None:
            self.select_flight(keep)

    def select_flight(self, flight_id: int) -> bool:
        row = self.model.row_of(flight_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        flight_id = rows[0].data(ID_ROLE) if rows else None
        if flight_id is not None and flight_id != self._current:
            self._current = flight_id
            self.flight_selected.emit(flight_id)
