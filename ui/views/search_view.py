"""Search across flights: a traveller by name, document or booking reference, in a period.

Names match the way the screener reads them (``DJORDJEVIC`` finds ``Đorđević`` and
``Ђорђевић``). Results are loaded a page at a time and sorted by the store, the next page read
in the background while the officer looks at the current one; each search is audited as a
consultation (the length of the query, never its text).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.mrz_dialog import MrzDialog
from ui.errors import call_service
from ui.i18n import _
from ui.models.roles import ID_ROLE
from ui.models.search_model import SearchModel
from ui.views.tables import add_column_chooser, compact_table
from workstation.db.store import Store
from workstation.services.travellers import count_travellers, search_travellers
from workstation.services.views import Actor, TravellerRow

# (label, days back from the end of today; None: any time)
PERIODS = (
    ("Today", 1),
    ("Last 3 days", 3),
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last year", 366),
    ("Any time", None),
)
DEBOUNCE_MS = 350


class SearchView(QWidget):
    traveller_selected = Signal(int)

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._actor = store, actor
        self.query = QLineEdit()
        self.query.setObjectName("search-query")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(
            _("Name, document or booking reference, e.g. DJORDJEVIC or P1234567 (Ctrl+F)")
        )
        self.period = QComboBox()
        for label, days in PERIODS:
            self.period.addItem(_(label), days)
        self.period.setCurrentIndex(2)
        self.with_hits = QCheckBox(_("Only travellers with hits"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SearchModel(self)
        self.table = compact_table(stretch_last=False)
        self.table.setObjectName("search-table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        add_column_chooser(self.table)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.run_search)
        self.period.currentIndexChanged.connect(self.run_search)
        self.with_hits.toggled.connect(self.run_search)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.model.loaded.connect(self._on_model_loaded)
        bar = QHBoxLayout()
        bar.addWidget(self.query, 3)
        bar.addWidget(self.period)
        bar.addWidget(self.with_hits)
        bar.addWidget(self.summary, 1)
        self.scan_button = QPushButton(_("Scan passport…"))
        self.scan_button.setObjectName("search-scan")
        self.scan_button.setShortcut(QKeySequence("Ctrl+M"))
        self.scan_button.setToolTip(_("Read a passport's MRZ and search by its number (Ctrl+M)"))
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        bar.addWidget(self.scan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._total = 0
        self._sized = False

    def period_bounds(self) -> tuple[datetime | None, datetime | None]:
        days = self.period.currentData()
        end = datetime.combine(date.today() + timedelta(days=1), datetime.min.time(), UTC)
        return (None, None) if days is None else (end - timedelta(days=int(days)), end)

    @Slot()
    def run_search(self) -> None:
        """Search now with the current query, period and filter (first page only)."""
        self._timer.stop()
        text = self.query.text()
        since, until = self.period_bounds()
        hits = self.with_hits.isChecked()
        total = call_service(
            self,
            count_travellers,
            self._store,
            self._actor,
            text,
            since=since,
            until=until,
            with_hits=hits,
        )
        self._total = total or 0
        fetch = partial(self._fetch, text, since, until, hits)
        prefetch = partial(self._read, text, since, until, hits)
        self.model.start(fetch if total is not None else None, prefetch)
        if not self._sized and self.model.rowCount():
            self.table.resizeColumnsToContents()
            self._sized = True

    def _fetch(
        self,
        text: str,
        since: datetime | None,
        until: datetime | None,
        with_hits: bool,
        order_by: str,
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[TravellerRow] | None:
        return call_service(
            self, self._read, text, since, until, with_hits, order_by, descending, offset, limit
        )

    def _read(
        self,
        text: str,
        since: datetime | None,
        until: datetime | None,
        with_hits: bool,
        order_by: str,
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[TravellerRow]:
        """A page read in the background (never the first, which is audited): no widget is
        touched, errors are raised for the model to drop."""
        return search_travellers(
            self._store,
            self._actor,
            text,
            since=since,
            until=until,
            with_hits=with_hits,
            order_by=order_by,
            descending=descending,
            limit=limit,
            offset=offset,
        )

    @Slot(int)
    def _on_model_loaded(self, held: int) -> None:
        self.summary.setText(
            _("{total} traveller(s) found, {held} loaded").format(total=self._total, held=held)
        )

    @Slot()
    def _on_scan_button_clicked(self) -> None:
        """Scan a document's MRZ, then search by its number (matched as a '#' document key)."""
        result = MrzDialog.ask(self)
        if result is not None:
            self.query.setText(result.document_number)
            self.run_search()

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.traveller_selected.emit(int(rows[0].data(ID_ROLE)))
