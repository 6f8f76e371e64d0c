"""The window's garbage collector: on the GUI thread, at gc's own thresholds, never while a
screening holds the collector paused."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtWidgets import QApplication

from matching.collector import paused_collector
from ui.collector import MainThreadCollector


def test_collects_past_its_threshold_but_waits_while_the_collector_is_paused(
    qapp: QApplication,
) -> None:
    collector = MainThreadCollector(interval_ms=60_000)  # checked by hand here
    started: list[int] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        with paused_collector():  # as a screening does while it runs
            made = [[] for _ in range(2 * gc.get_threshold()[0])]  # past the youngest threshold
            collector.check()
            assert started == []
        # what was made during the pause left it for the oldest generation: make more
        made += [[] for _ in range(2 * gc.get_threshold()[0])]
        collector.check()
        assert len(started) == 1  # the generations past their thresholds, once
        assert len(made) > 0
    finally:
        gc.callbacks.remove(seen)
        collector.stop()
        collector.deleteLater()
