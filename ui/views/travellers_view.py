"""The travellers of the selected flight, open hits first, with a quick filter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import _
from ui.models.roles import ID_ROLE
from ui.models.travellers_model import STATUS_COLUMN, TravellerFilterProxy, TravellersModel
from ui.views.tables import compact_table
from workstation.services.views import FlightSummary, TravellerRow


class TravellersView(QWidget):
    traveller_selected = Signal(int)  # the traveller's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TravellersModel(self)
        self.proxy = TravellerFilterProxy(self.model)
        self.title = QLabel(_("Travellers"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter: name, document, booking, seat… (Ctrl+L)"))
        self.filter.setToolTip(
            _("Names match as the screener reads them: DJORDJEVIC finds Đorđević and Ђорђевић.")
        )
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        QShortcut(QKeySequence("Ctrl+L"), self, self._on_filter_shortcut_activated)
        self.table = self._build_table()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self._current: int | None = None

    def _build_table(self) -> QTableView:
        table = compact_table(stretch_last=False)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(STATUS_COLUMN, Qt.SortOrder.DescendingOrder)
        table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        return table

    @property
    def current_traveller_id(self) -> int | None:
        return self._current

    def set_travellers(self, flight: FlightSummary | None, rows: Sequence[TravellerRow]) -> None:
        """Show the travellers of ``flight``; the selected traveller stays selected if present."""
        keep = self._current
        self.model.set_travellers(list(rows))
        if flight is None:
            self.title.setText(_("Travellers"))
        else:
            self.title.setText(
                _("{flight} {origin} → {destination}: {n} travellers").format(
                    flight=flight.designator,
                    origin=flight.origin,
                    destination=flight.destination,
                    n=len(rows),
                )
            )
        if keep is not None and self.model.row_of(keep) is not None:
            self.select_traveller(keep)
        else:
            self._current = None

    def select_traveller(self, traveller_id: int) -> bool:
        row = self.model.row_of(traveller_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the filter
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def first_open_hit_id(self) -> int | None:
        """The traveller in the first row with an open hit, in the current sort order."""
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.traveller(source.row()).hit_status in ("open", "escalated"):
                return self.model.traveller(source.row()).id
        return None

    @Slot()
    def _on_filter_shortcut_activated(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        traveller_id = rows[0].data(ID_ROLE) if rows else None
        if traveller_id is not None and traveller_id != self._current:
            self._current = traveller_id
            self.traveller_selected.emit(traveller_id)
