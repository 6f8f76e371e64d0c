"""Garbage collection only on the GUI thread.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. When that is a worker thread (an import, a screening) and the garbage holds Qt
wrappers (a closed dialog caught in a reference cycle), their C++ objects are destroyed off
the GUI thread and the process crashes. So automatic collection is switched off while the
window runs and a timer on the GUI thread collects instead, with the same generational
thresholds checked every quarter of a second.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from matching.collector import collector_paused

_INTERVAL_MS = 250


class MainThreadCollector(QObject):
    """Collects on the GUI thread on a timer while it lives; automatic collection is off."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = _INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, as gc itself would;
        not while the engine holds the collector paused: a screening does that while it runs
        (see :mod:`matching.collector`), and collecting then only went through the objects its
        caches make, holding up the window and the screening alike (1.3 s over a day of 20,000
        travellers, up to 0.12 s at a time). What is left is collected after. (Asking gc whether
        objects are frozen goes through every one of them: 0.2 s at list scale.)"""
        if collector_paused():
            return
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        """Stop the timer, collect once and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
