"""Progress reporting and cancellation for long jobs, free of Qt.

A long core function takes ``progress: ProgressCallback`` and ``cancel: CancelToken``, calls
``cancel.raise_if_cancelled()`` between units of work and reports through the callback; the UI
turns the callback into Qt signals.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from workstation.errors import CancelledError

ProgressCallback = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str) -> None:
    """The callback to use when nobody is watching."""


class CancelToken:
    """Set from any thread; checked by the job between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError()


class Throttle:
    """Wraps a callback so it fires at most ``rate`` times a second, and always at the end."""

    def __init__(self, callback: ProgressCallback, rate: float = 10.0) -> None:
        self._callback = callback
        self._interval = 1.0 / rate
        self._last = 0.0

    def __call__(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= self._interval:
            self._last = now
            self._callback(done, total, text)
