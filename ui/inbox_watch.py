"""The inbox inside the app: the settings' inbox folder polled while the window is open.

Every ``INTERVAL_MS`` a timer starts one background job (never two at once, and none while
another writing job runs) that takes what is in the folder, as ``watch --once`` does: files are
imported and screened, or quarantined with their report. When something landed the board is
refreshed and the status bar says what happened. The Settings dialog is opened from here too,
since the inbox folder is one of the settings.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.dialogs import settings_dialog
from ui.errors import show_error
from ui.i18n import _
from ui.jobs import JobRunner
from workstation.config import Settings
from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.progress import CancelToken, ProgressCallback
from workstation.services.inbox import InboxOutcome, is_candidate, watch_inbox
from workstation.services.views import Actor

log = logging.getLogger(__name__)

INTERVAL_MS = 10_000
SETTLE_SECONDS = 2.0  # between the two looks at the folder: files still growing are left


def outcome_text(outcomes: Sequence[InboxOutcome]) -> str:
    """``inbox: 2 imported, 1 quarantined`` (duplicates are counted as already imported)."""
    counts = Counter(o.status for o in outcomes)
    parts = []
    if counts["imported"]:
        parts.append(_("{n} imported").format(n=counts["imported"]))
    if counts["duplicate"]:
        parts.append(_("{n} already imported").format(n=counts["duplicate"]))
    if counts["refused"]:
        parts.append(_("{n} quarantined").format(n=counts["refused"]))
    return _("inbox: {what}").format(what=", ".join(parts))


def _has_files(folder: Path) -> bool:
    try:
        return any(is_candidate(path) for path in folder.iterdir())
    except OSError:
        return False


class InboxWatch(QObject):
    data_changed = Signal()  # something was imported: the board should reload
    status_message = Signal(str)
    polled = Signal(object)  # the outcomes of one pass (a list of InboxOutcome)

    def __init__(
        self, store: Store, actor: Actor, runner: JobRunner, parent: QWidget, *, enabled: bool
    ) -> None:
        super().__init__(parent)
        self._store, self._actor, self._runner, self._parent = store, actor, runner, parent
        self.enabled = enabled  # never in the demo: real files must not land in the demo store
        self.settle = SETTLE_SECONDS
        self.folder: Path | None = None
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        runner.idle.connect(self._on_job_ended)  # also after a failed or cancelled pass
        self.settings_action = QAction(_("Settings…"), self)
        self.settings_action.triggered.connect(self._on_settings_triggered)
        self.configure(Settings.load())

    def configure(self, settings: Settings) -> None:
        """Watch the settings' inbox folder, or stop when there is none."""
        self.folder = Path(settings.inbox_dir) if settings.inbox_dir and self.enabled else None
        if self.folder is None:
            self.timer.stop()
        else:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def poll(self) -> None:
        """Start one pass over the folder in the background, unless one is running."""
        folder = self.folder
        if folder is None or self.busy:
            return
        if not folder.is_dir():
            self.status_message.emit(
                _("inbox: the folder {folder} is not there.").format(folder=folder)
            )
            return
        if not _has_files(folder):
            return  # nothing to take: no job (it would grey the data actions for nothing)
        store, actor, settle = self._store, self._actor, self.settle

        def run(_progress: ProgressCallback, cancel: CancelToken) -> list[InboxOutcome]:
            return watch_inbox(store, actor, folder, interval=settle, once=True, cancel=cancel)

        self.busy = self._runner.start(run, _("Inbox"), on_done=self._on_done)
        if not self.busy:
            log.info("inbox: another job is writing; the folder is looked at next time")

    def _on_done(self, outcomes: list[InboxOutcome]) -> None:
        self.busy = False
        if any(o.status == "imported" for o in outcomes):
            self.data_changed.emit()  # first: the board's own notes would hide the message
        if outcomes:
            self.status_message.emit(outcome_text(outcomes))
        self.polled.emit(outcomes)

    @Slot()
    def _on_job_ended(self) -> None:
        self.busy = False

    @Slot()
    def _on_settings_triggered(self) -> None:
        chosen = settings_dialog.ask(self._parent, Settings.load())
        if chosen is None:
            return
        try:
            chosen.save()
        except OSError as exc:
            show_error(self._parent, WorkstationError(f"The settings were not saved: {exc}"))
            return
        self.configure(chosen)
        self.status_message.emit(_("Settings saved."))
