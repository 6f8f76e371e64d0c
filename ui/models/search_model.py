"""Travellers across flights, loaded a page at a time and sorted by the store.

The model never holds more rows than the view has asked for: :meth:`canFetchMore` and
:meth:`fetchMore` load the next page from the service as the view scrolls, and :meth:`sort`
starts again from the first page in the new order (sorting is done in SQL).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from ui.models.rows_model import RowsModel
from ui.models.travellers_model import SEARCH_COLUMNS, traveller_style
from workstation.services.views import TravellerRow

Index = QModelIndex | QPersistentModelIndex
# fetch(order_by, descending, offset, limit) -> one page of rows
PageFetch = Callable[[str, bool, int, int], list[TravellerRow] | None]
PAGE = 200


class SearchModel(RowsModel[TravellerRow]):
    loaded = Signal(int)  # rows held after a page came in

    def __init__(self, parent: Any = None, *, page: int = PAGE) -> None:
        super().__init__(SEARCH_COLUMNS, parent)
        self.page = page
        self._fetch: PageFetch | None = None
        self._exhausted = True
        self.order_by, self.descending = "status", True
        self.pages_fetched = 0

    def start(self, fetch: PageFetch | None) -> None:
        """Show the results of a new query (None: nothing), loading its first page."""
        self.beginResetModel()
        self._fetch, self._rows, self._exhausted = fetch, [], fetch is None
        self.pages_fetched = 0
        self.endResetModel()
        if fetch is not None:
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        rows = self._fetch(self.order_by, self.descending, len(self._rows), self.page)
        self.pages_fetched += 1
        if not rows:
            self._exhausted = True
            self.loaded.emit(len(self._rows))
            return
        self._exhausted = len(rows) < self.page
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.loaded.emit(len(self._rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].key:
            return
        self.order_by = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.start(self._fetch)

    def traveller(self, row: int) -> TravellerRow:
        return self.item(row)

    def style(self, row: TravellerRow, column: int, role: int) -> Any:
        return traveller_style(row, self.columns[column], role)
