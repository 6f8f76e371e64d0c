"""The one worker runner: a core function run on the thread pool, reporting through signals.

A job runs a plain callable ``fn(progress, cancel)`` from the core. The worker thread only calls
the core and emits signals; every widget is touched in the main thread by the slots connected to
them. Results are the frozen values services return, never ORM objects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from workstation.errors import CancelledError
from workstation.progress import CancelToken, ProgressCallback, Throttle

log = logging.getLogger(__name__)

JobFunction = Callable[[ProgressCallback, CancelToken], Any]


class JobSignals(QObject):
    """Lives in the main thread; emitted from the worker, so slots run queued in the main thread."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QRunnable):
    """Runs ``fn(progress, cancel)`` once on a pool thread.

    The runner keeps the job (the pool does not delete it) and owns its signals holder, so neither
    is ever destroyed from the worker thread.
    """

    def __init__(self, fn: JobFunction, title: str, signals: JobSignals | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.title = title
        self.signals = signals if signals is not None else JobSignals()
        self.cancel_token = CancelToken()

    def run(self) -> None:
        signals, token = self.signals, self.cancel_token
        progress = Throttle(signals.progress.emit)
        try:
            result = self.fn(progress, token)
        except CancelledError:
            signals.cancelled.emit()
        except Exception as exc:  # handed to the main thread, which reports it
            signals.failed.emit(exc)
        else:
            # Even when Cancel came too late to stop it, the work is done and kept: say so.
            signals.finished.emit(result)


class JobHandle(QObject):
    """The main-thread side of one started job; it keeps the job and owns its signals.

    Its slots are methods of a main-thread QObject, so signals from the worker arrive queued.
    """

    def __init__(
        self,
        runner: JobRunner,
        fn: JobFunction,
        title: str,
        writes: bool,
        on_done: Callable[[Any], None] | None,
    ) -> None:
        super().__init__(runner)
        self.runner = runner
        self.title = title
        self.writes = writes
        self.on_done = on_done
        self.job = job = Job(fn, title, JobSignals(self))
        self.token = job.cancel_token
        job.signals.progress.connect(runner.progress)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.cancelled.connect(self._on_job_cancelled)

    @Slot(object)
    def _on_job_finished(self, result: object) -> None:
        log.info("job finished: %s", self.title)
        self.runner.ended(self)
        if self.on_done is not None:
            self.on_done(result)
        self.runner.emit_idle_if_done()

    @Slot(object)
    def _on_job_failed(self, exc: object) -> None:
        log.info("job failed: %s (%s)", self.title, type(exc).__name__)
        self.runner.ended(self)
        self.runner.failed.emit(exc)
        self.runner.emit_idle_if_done()

    @Slot()
    def _on_job_cancelled(self) -> None:
        log.info("job cancelled: %s", self.title)
        self.runner.ended(self)
        self.runner.cancelled.emit(self.title)
        self.runner.emit_idle_if_done()


class JobRunner(QObject):
    """Starts jobs, relays their progress, and allows one writing job at a time."""

    started = Signal(str)  # the job's title
    progress = Signal(int, int, str)
    failed = Signal(object)  # the exception, for the window to report
    cancelled = Signal(str)  # the job's title
    idle = Signal()  # no job is running any more (after the last job's callback ran)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[JobHandle] = []
        self._pool = QThreadPool.globalInstance()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def writing(self) -> str | None:
        """The title of the running writing job, if any."""
        return next((r.title for r in self._running if r.writes), None)

    def start(
        self,
        fn: JobFunction,
        title: str,
        *,
        on_done: Callable[[Any], None] | None = None,
        writes: bool = True,
    ) -> bool:
        """Run ``fn`` in the background; False (and nothing started) while a writer runs."""
        if writes and self.writing is not None:
            return False
        handle = JobHandle(self, fn, title, writes, on_done)
        self._running.append(handle)
        log.info("job started: %s", title)
        self.started.emit(title)
        self._pool.start(handle.job)
        return True

    def cancel_all(self) -> None:
        for running in self._running:
            running.token.cancel()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every job and wait for the workers; True when they all stopped in time."""
        self.cancel_all()
        done = self._pool.waitForDone(timeout_ms)
        if not done:
            log.warning("jobs still running after %d ms at shutdown", timeout_ms)
        return bool(done)

    def ended(self, handle: JobHandle) -> None:
        """Forget a finished job. Its handle stays a child of the runner (a few bytes): deleting
        it now could race the worker thread, which may still be returning from its last emit."""
        if handle in self._running:
            self._running.remove(handle)

    def emit_idle_if_done(self) -> None:
        if not self._running:
            self.idle.emit()
