"""The day's flights; selecting one shows its travellers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.i18n import _
from ui.models.flights_model import FlightsModel
from ui.models.roles import ID_ROLE, SORT_ROLE
from ui.views.tables import compact_table
from workstation.services.views import FlightSummary


class FlightsView(QWidget):
    flight_selected = Signal(int)  # the flight's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FlightsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = compact_table(stretch_last=False)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.title = QLabel(_("Flights"))
        self.title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._current: int | None = None

    @property
    def current_flight_id(self) -> int | None:
        return self._current

    def set_flights(self, flights: Sequence[FlightSummary]) -> None:
        """Show ``flights``, keeping the selected flight selected when it is still there."""
        keep = self._current
        self.model.set_flights(flights)
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
