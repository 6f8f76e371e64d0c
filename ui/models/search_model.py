"""Travellers across flights, loaded a page at a time and sorted by the store.

The model never holds more rows than the view has asked for: :meth:`canFetchMore` and
:meth:`fetchMore` add the next page as the view scrolls, and :meth:`sort` starts again from the
first page in the new order (sorting is done in SQL).

Given a ``prefetch`` (a thread-safe read that raises rather than reporting), the model reads the
next page in the background as soon as a page lands, so :meth:`fetchMore` usually appends rows
already in memory instead of querying in the GUI thread. Each new query or order bumps a
generation; a read from an older generation, or for rows already loaded, is discarded.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot

from ui.models.page_reader import PageFetch, PageRead, PageRequest, page_signals, read_page
from ui.models.rows_model import RowsModel
from ui.models.travellers_model import SEARCH_COLUMNS, traveller_style
from workstation.services.views import TravellerRow

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
_owners = itertools.count(1)


class SearchModel(RowsModel[TravellerRow]):
    loaded = Signal(int)  # rows held after a page came in
    prefetched = Signal(bool)  # a background page arrived: True kept, False discarded (stale)

    def __init__(self, parent: Any = None, *, page: int = PAGE) -> None:
        super().__init__(SEARCH_COLUMNS, parent)
        self.page = page
        self._fetch: PageFetch | None = None
        self._prefetch: PageFetch | None = None
        self._exhausted = True
        self.order_by, self.descending = "status", True
        self.pages_fetched = 0  # pages read in the GUI thread
        self.pages_prefetched = 0  # pages appended from a background read
        self._owner = next(_owners)
        self._generation = 0
        self._ready: list[TravellerRow] | None = None  # the next page, read in the background
        self._reading: int | None = None  # the offset being read in the background
        page_signals().read.connect(self._on_page_read)

    def start(self, fetch: PageFetch | None, prefetch: PageFetch | None = None) -> None:
        """Show the results of a new query (None: nothing), loading its first page; ``prefetch``
        reads the following pages in the background."""
        self.beginResetModel()
        self._fetch, self._prefetch = fetch, prefetch
        self._rows, self._exhausted = [], fetch is None
        self._generation += 1
        self._ready = self._reading = None
        self.pages_fetched = self.pages_prefetched = 0
        self.endResetModel()
        if fetch is not None:
            self.fetchMore(QModelIndex())

    @property
    def prefetch_pending(self) -> bool:
        """A background read of the next page is under way."""
        return self._reading is not None

    @property
    def prefetch_ready(self) -> bool:
        return self._ready is not None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        if self._ready is not None:
            rows: list[TravellerRow] | None = self._ready
            self._ready = None
            self.pages_prefetched += 1
        else:
            self._reading = None  # a read still under way is for these rows: it will be dropped
            rows = self._fetch(self.order_by, self.descending, len(self._rows), self.page)
            self.pages_fetched += 1
        self._append(rows or [])
        self._read_ahead()

    def _append(self, rows: list[TravellerRow]) -> None:
        self._exhausted = len(rows) < self.page
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit(len(self._rows))

    def _read_ahead(self) -> None:
        if self._prefetch is None or self._exhausted or self._reading is not None:
            return
        self._reading = offset = len(self._rows)
        request = PageRequest(
            self._owner, self._generation, self.order_by, self.descending, offset, self.page
        )
        read_page(self._prefetch, request)

    @Slot(object)
    def _on_page_read(self, read: PageRead) -> None:
        r = read.request
        if r.owner != self._owner:
            return
        fresh = r.generation == self._generation and r.offset == self._reading
        if fresh:
            self._reading = None
            self._ready = read.rows  # None (failed): fetchMore reads it itself
        self.prefetched.emit(fresh and read.rows is not None)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].key:
            return
        self.order_by = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.start(self._fetch, self._prefetch)

    def traveller(self, row: int) -> TravellerRow:
        return self.item(row)

    def style(self, row: TravellerRow, column: int, role: int) -> Any:
        return traveller_style(row, self.columns[column], role)
