"""The officer's desk: the day's board or the search above, the review of one traveller below.

It also keeps what the officer arranged: splitter sizes, columns, the search's period and the
flight filter are saved on close and restored on the next start (see :mod:`ui.settings`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from ui import settings
from ui.i18n import _
from ui.views.flights_view import FlightsView
from ui.views.review_view import ReviewView
from ui.views.search_view import SearchView
from ui.views.travellers_view import TravellersView


class WorkspaceView(QSplitter):
    BOARD, SEARCH = 0, 1

    def __init__(
        self,
        flights: FlightsView,
        travellers: TravellersView,
        search: SearchView,
        review: ReviewView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.flights, self.travellers, self.search, self.review = (
            flights,
            travellers,
            search,
            review,
        )
        self.board = QSplitter(Qt.Orientation.Horizontal)
        self.board.addWidget(flights)
        self.board.addWidget(travellers)
        self.board.setStretchFactor(0, 0)
        self.board.setStretchFactor(1, 1)
        self.board.setSizes([700, 700])
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.board, _("Day's board"))
        self.tabs.addTab(search, _("Search travellers"))
        self.tabs.setTabToolTip(self.BOARD, _("Flights of the chosen day and their travellers"))
        self.tabs.setTabToolTip(self.SEARCH, _("Find a traveller across flights (Ctrl+F)"))
        self.addWidget(self.tabs)
        self.addWidget(review)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.setSizes([360, 440])
        self.setChildrenCollapsible(False)
        self.setTabOrder(flights.table, travellers.filter)
        self.setTabOrder(travellers.filter, travellers.table)
        self.setTabOrder(search.query, search.table)

    def show_search(self) -> None:
        self.tabs.setCurrentIndex(self.SEARCH)
        self.search.focus_query()

    def splitters(self) -> dict[str, QSplitter]:
        return {"workspace": self, "board": self.board, "review": self.review.splitter}

    def save_settings(self) -> None:
        settings.save_header("flights", self.flights.table.horizontalHeader())
        settings.save_header("travellers", self.travellers.table.horizontalHeader())
        settings.save_header("search", self.search.table.horizontalHeader())
        settings.save_text("search/period", str(self.search.period.currentIndex()))
        settings.save_text("search/with_hits", "1" if self.search.with_hits.isChecked() else "")
        settings.save_text("board/filter", self.travellers.filter.text())
        settings.save_text("workspace/tab", str(self.tabs.currentIndex()))
        settings.save_day(self.flights.day)

    def restore_settings(self) -> None:
        """Columns, filters and the tab as last saved (the day is restored by the window)."""
        settings.restore_header("flights", self.flights.table.horizontalHeader())
        settings.restore_header("travellers", self.travellers.table.horizontalHeader())
        settings.restore_header("search", self.search.table.horizontalHeader())
        period = settings.load_text("search/period")
        for widget in (self.search.period, self.search.with_hits):
            widget.blockSignals(True)  # no search (and no audited consultation) at start
        if period.isdigit() and int(period) < self.search.period.count():
            self.search.period.setCurrentIndex(int(period))
        self.search.with_hits.setChecked(bool(settings.load_text("search/with_hits")))
        for widget in (self.search.period, self.search.with_hits):
            widget.blockSignals(False)
        self.travellers.filter.setText(settings.load_text("board/filter"))
        tab = settings.load_text("workspace/tab")
        self.tabs.setCurrentIndex(int(tab) if tab in ("0", "1") else self.BOARD)
