"""How the search table copes with 20,000 travellers: first page, scrolling to the end, sorting.

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_table_scroll.py [travellers]

Prints the time to fill the store, to show the first page, to scroll through every row
(each step to the bottom makes the view fetch the next page from the store), and to re-sort.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.crowd import fill_crowd
from ui.views.search_view import SearchView
from workstation.db.store import Store
from workstation.services.users import sign_in


def main(count: int) -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        actor = sign_in(store, "bench")
        t0 = time.perf_counter()
        fill_crowd(store, actor, count)
        print(f"fill {count} travellers: {time.perf_counter() - t0:.2f} s")
        view = SearchView(store, actor)
        view.resize(1400, 600)
        view.show()
        view.period.setCurrentIndex(view.period.count() - 1)
        t0 = time.perf_counter()
        view.run_search()
        app.processEvents()
        first = time.perf_counter() - t0
        print(f"first page: {view.model.rowCount()} rows in {first * 1000:.0f} ms")
        t0, steps, slowest = time.perf_counter(), 0, 0.0
        while view.model.canFetchMore():
            s0 = time.perf_counter()
            view.table.scrollToBottom()
            app.processEvents()
            slowest = max(slowest, time.perf_counter() - s0)
            steps += 1
        total = time.perf_counter() - t0
        print(
            f"scrolled to row {view.model.rowCount()} in {steps} fetches: {total:.2f} s, "
            f"{total / max(steps, 1) * 1000:.0f} ms per page, slowest {slowest * 1000:.0f} ms"
        )
        t0 = time.perf_counter()
        view.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        print(f"sort by surname (SQL, first page): {(time.perf_counter() - t0) * 1000:.0f} ms")
        t0 = time.perf_counter()
        view.query.setText("DJORDJEVIC")
        view.run_search()
        app.processEvents()
        print(
            f"search DJORDJEVIC: {view.summary.text()} in "
            f"{(time.perf_counter() - t0) * 1000:.0f} ms"
        )
        view.close()
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
