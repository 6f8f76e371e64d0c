"""How the search table copes with 20,000 travellers: first page, scrolling to the end, sorting.

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_table_scroll.py [travellers]

Prints the time to fill the store, to show the first page, and to scroll through every row twice:
at a reading pace (the event loop runs between pages, so the next page is read in the background
and ``fetchMore`` appends rows already in memory) and flat out (each step to the bottom at once,
so ``fetchMore`` often reads the page itself in the GUI thread). For each it reports the time
``fetchMore`` spends in the GUI thread per page, which is what makes scrolling hitch.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from tests.ui.crowd import fill_crowd
from ui.models.search_model import SearchModel
from ui.views.search_view import SearchView
from workstation.db.store import Store
from workstation.services.users import sign_in


class TimedModel(SearchModel):
    """The search model, recording the time each ``fetchMore`` takes in the GUI thread."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.fetch_ms: list[float] = []

    def fetchMore(self, parent: object = None) -> None:
        if not self.canFetchMore():
            return
        t0 = time.perf_counter()
        super().fetchMore()
        self.fetch_ms.append((time.perf_counter() - t0) * 1000)


def scroll(app: QApplication, view: SearchView, model: TimedModel, *, reading: bool) -> str:
    view.table.scrollToTop()
    view.run_search()
    app.processEvents()
    model.fetch_ms.clear()
    wait = QEventLoop()
    model.prefetched.connect(wait.quit)
    t0 = time.perf_counter()
    while model.canFetchMore():
        if reading and model.prefetch_pending:
            wait.exec()  # the officer reads the page; the next one is read meanwhile
        view.table.scrollToBottom()
        app.processEvents()
    total = time.perf_counter() - t0
    model.prefetched.disconnect(wait.quit)
    ms = model.fetch_ms
    return (
        f"{'reading pace' if reading else 'flat out'}: {model.rowCount()} rows, {len(ms)} pages "
        f"({model.pages_prefetched} prefetched) in {total:.2f} s; fetchMore in the GUI thread "
        f"{sum(ms):.0f} ms in all, {sum(ms) / max(len(ms), 1):.1f} ms per page average, "
        f"slowest {max(ms, default=0):.1f} ms"
    )


def main(count: int) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        actor = sign_in(store, "bench")
        t0 = time.perf_counter()
        fill_crowd(store, actor, count)
        print(f"fill {count} travellers: {time.perf_counter() - t0:.2f} s")
        view = SearchView(store, actor)
        model = view.model = TimedModel(view)
        model.loaded.connect(view._on_model_loaded)
        view.table.setModel(model)
        view.resize(1400, 600)
        view.show()
        view.period.setCurrentIndex(view.period.count() - 1)
        t0 = time.perf_counter()
        view.run_search()
        app.processEvents()
        first = time.perf_counter() - t0
        print(f"first page: {model.rowCount()} rows in {first * 1000:.0f} ms")
        print(scroll(app, view, model, reading=True))
        print(scroll(app, view, model, reading=False))
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
        QThreadPool.globalInstance().waitForDone()
        view.close()
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
