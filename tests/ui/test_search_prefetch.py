"""Scrolling the search table reads the next page in the background, in order, exactly once."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.crowd import fill_crowd
from ui.models.search_model import SearchModel
from workstation.db.store import Store
from workstation.services.travellers import search_travellers
from workstation.services.views import Actor, TravellerRow

COUNT = 20_000


def _reader(store: Store, actor: Actor) -> Any:
    def fetch(order_by: str, descending: bool, offset: int, limit: int) -> list[TravellerRow]:
        return search_travellers(
            store, actor, "", order_by=order_by, descending=descending, limit=limit, offset=offset
        )

    return fetch


def _scroll_to_end(qtbot: QtBot, model: SearchModel) -> None:
    while model.canFetchMore(QModelIndex()):
        if model.prefetch_pending:
            with qtbot.waitSignal(model.prefetched, timeout=10_000, check_params_cb=bool):
                pass  # a stale read (False) may land first: wait for the page that is kept
        model.fetchMore(QModelIndex())


def test_scrolling_twenty_thousand_rows_loads_each_once_in_order_after_a_sort_change(
    qtbot: QtBot, file_store: Store, actor: Actor, qtmodeltester: ModelTester
) -> None:
    fill_crowd(file_store, actor, COUNT)
    fetch = _reader(file_store, actor)
    model = SearchModel(page=200)
    model.start(fetch, fetch)
    assert model.rowCount() == 200 and model.prefetch_pending
    for _ in range(5):  # part of the way down, each page read in the background
        with qtbot.waitSignal(model.prefetched, timeout=10_000) as kept:
            pass
        assert kept.args == [True]
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1_200 and model.pages_prefetched == 5
    model.sort(4, Qt.SortOrder.AscendingOrder)  # surname, while a page is being read
    assert model.rowCount() == 200
    _scroll_to_end(qtbot, model)
    ids = [model.traveller(r).id for r in range(model.rowCount())]
    expected = [r.id for r in fetch("surname", False, 0, COUNT + 1)]
    assert len(ids) == COUNT and len(set(ids)) == COUNT
    assert ids == expected
    # one page read in the GUI thread (the first); the last read in the background is empty
    assert model.pages_fetched == 1 and model.pages_prefetched == COUNT // 200
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


def test_a_page_read_for_an_older_order_is_discarded(
    qtbot: QtBot, file_store: Store, actor: Actor
) -> None:
    fill_crowd(file_store, actor, 1_000)
    fetch = _reader(file_store, actor)
    release = threading.Event()
    held: list[int] = []

    def slow_first_read(order_by: str, descending: bool, offset: int, limit: int) -> Any:
        if not held:
            held.append(offset)
            assert release.wait(10)  # the first background read lands after the sort
        return fetch(order_by, descending, offset, limit)

    model = SearchModel(page=100)
    arrived: list[bool] = []
    model.prefetched.connect(arrived.append)
    model.start(fetch, slow_first_read)
    with qtbot.waitSignals([model.prefetched, model.prefetched], timeout=10_000):
        model.sort(4, Qt.SortOrder.AscendingOrder)  # reads page 2 again, in the new order
        release.set()
    assert sorted(arrived) == [False, True]  # the read for the old order was dropped
    model.fetchMore(QModelIndex())
    assert model.pages_prefetched == 1
    surnames = [model.traveller(r).surname for r in range(model.rowCount())]
    assert surnames == [r.surname for r in fetch("surname", False, 0, 200)]
