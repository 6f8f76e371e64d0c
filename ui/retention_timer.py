"""The retention engine's automatic runs while a window is open: at start, then every hour.

Each run is a background job of the window (it writes, so it waits for a running import or
screening: it is tried again a few minutes later). A failing run is logged, not shown in a box
every hour; the auditor's window shows when the last run was.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Slot

from ui.i18n import _
from ui.jobs import JobRunner
from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.progress import CancelToken, ProgressCallback
from workstation.services.retention import RetentionReport, run_retention

log = logging.getLogger(__name__)

HOUR_MS = 60 * 60 * 1000
RETRY_MS = 5 * 60 * 1000


class RetentionTimer(QObject):
    """Runs :func:`run_retention` on ``store`` through ``jobs`` now and every ``interval_ms``."""

    def __init__(
        self,
        store: Store,
        jobs: JobRunner,
        parent: QObject | None = None,
        *,
        interval_ms: int = HOUR_MS,
        retry_ms: int = RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self.store, self.jobs = store, jobs
        self.retry_ms = retry_ms
        self.last: RetentionReport | None = None
        self._hourly = QTimer(self)
        self._hourly.timeout.connect(self.run_now)
        self._hourly.start(interval_ms)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.run_now)

    @Slot()
    def run_now(self) -> bool:
        """Start a run unless another writing job runs (then try again in a few minutes)."""
        store = self.store

        def run(progress: ProgressCallback, cancel: CancelToken) -> RetentionReport | None:
            try:
                return run_retention(store)
            except WorkstationError as exc:
                log.error("retention run failed: %s", exc)
                return None

        started = self.jobs.start(run, _("Retention"), on_done=self._done)
        if not started:
            self._retry.start(self.retry_ms)
        return started

    def _done(self, report: object) -> None:
        if isinstance(report, RetentionReport):
            self.last = report
            log.info("retention: %s", report.describe())
