"""Reads the next page of a table in the background, so scrolling finds it already in memory.

A read is a plain ``fetch(order_by, descending, offset, limit)`` run on the thread pool. The
worker thread only calls it and emits one signal; the model that asked takes the page in the main
thread. Reads never write, so they are not held back by a writing job, and they are not shown as
jobs: a failed read is simply dropped (the model then reads the page itself when it is needed).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

# fetch(order_by, descending, offset, limit) -> one page of rows
PageFetch = Callable[[str, bool, int, int], list[Any] | None]


@dataclass(frozen=True)
class PageRequest:
    owner: int  # which model asked
    generation: int  # the model's query and order when it asked
    order_by: str
    descending: bool
    offset: int
    limit: int


@dataclass(frozen=True)
class PageRead:
    request: PageRequest
    rows: list[Any] | None  # None: the read failed


class PageSignals(QObject):
    """One holder for every read, created in the main thread and never deleted, so a worker
    never emits on an object that is gone; each model keeps only the reads it asked for."""

    read = Signal(object)  # a PageRead


_signals: PageSignals | None = None
_readers: list[PageReader] = []  # kept alive here, and dropped only in the main thread


def page_signals() -> PageSignals:
    global _signals
    if _signals is None:
        _signals = PageSignals()
    return _signals


class PageReader(QRunnable):
    """One background read; the pool never deletes it, and the worker never drops the last
    reference to it (a read that ended is forgotten at a later read, in the main thread)."""

    def __init__(self, fetch: PageFetch, request: PageRequest) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fetch, self.request, self.signals = fetch, request, page_signals()
        self.done = threading.Event()
        self.seen_done = False

    def run(self) -> None:
        r = self.request
        try:
            rows = self.fetch(r.order_by, r.descending, r.offset, r.limit)
        except Exception:  # dropped: the model reads the page itself when it needs it
            log.warning("background page read failed", exc_info=True)
            rows = None
        self.signals.read.emit(PageRead(r, rows))
        self.done.set()


def read_page(fetch: PageFetch, request: PageRequest) -> None:
    """Start reading one page on the global thread pool; it arrives by :class:`PageSignals`."""
    for old in [r for r in _readers if r.seen_done]:  # ended before the previous read started
        _readers.remove(old)
    for old in _readers:
        old.seen_done = old.done.is_set()
    reader = PageReader(fetch, request)
    _readers.append(reader)
    QThreadPool.globalInstance().start(reader)
