"""The data menu: import passenger files and watchlists, screen, export the flagged list.

Each action asks for its input in the main thread, runs the service in a background job, and
reports the frozen summary the service returns. Imports are followed by a screening run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from ui import messages
from ui.dialogs import mapping_dialog
from ui.dialogs.disclosure_dialog import Disclosure, DisclosureDialog
from ui.dialogs.watchlist_dialog import WatchlistImportDialog
from ui.errors import call_service, show_error
from ui.i18n import _
from ui.jobs import JobFunction, JobRunner
from ui.session import can, with_approval
from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.progress import CancelToken, ProgressCallback
from workstation.readers.manifest import ColumnsUnknownError
from workstation.readers.profiles import save_profile
from workstation.services.export import export_flagged
from workstation.services.imports import import_passenger_files
from workstation.services.screening import screen_stored
from workstation.services.views import (
    Actor,
    ExportSummary,
    ImportSummary,
    RunSummary,
    WatchlistImportSummary,
)
from workstation.services.watchlists import import_watchlist, list_watchlists

PASSENGER_FILTER = "Passenger files (*.csv *.xlsx *.txt *.edi);;All files (*)"
EXPORT_FILTERS = {"CSV (*.csv)": ".csv", "Excel (*.xlsx)": ".xlsx"}


def import_text(summaries: Sequence[ImportSummary]) -> str:
    new = [s for s in summaries if not s.duplicate]
    text = _("Imported {files} file(s): {flights} flight(s), {travellers} traveller(s).").format(
        files=len(new),
        flights=sum(s.flights for s in new),
        travellers=sum(s.travellers for s in new),
    )
    duplicates = len(summaries) - len(new)
    if duplicates:
        text += " " + _("{n} file(s) had been imported before: skipped.").format(n=duplicates)
    return text


def screening_text(run: RunSummary) -> str:
    return _(
        "Screened {travellers} traveller(s) against {entries} list entries: {hits} hit(s), "
        "{new} new."
    ).format(travellers=run.travellers, entries=run.entries, hits=run.hits, new=run.new_hits)


def _keep_profile(header: tuple[str, ...], columns: Mapping[int, str], source: str) -> None:
    try:
        save_profile(header, columns, source)
    except OSError as exc:
        raise WorkstationError(f"The column profile was not saved: {exc}") from exc


class DataActions(QObject):
    data_changed = Signal()  # something was imported or screened: views should reload
    status_message = Signal(str)

    def __init__(self, store: Store, actor: Actor, runner: JobRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._store, self._actor, self._runner, self._parent = store, actor, runner, parent
        self.import_passengers = self._action(
            _("Import passenger files…"), "Ctrl+I", self._on_import_passengers_triggered
        )
        self.import_watchlist = self._action(
            _("Import watchlist…"), "Ctrl+Shift+I", self._on_import_watchlist_triggered
        )
        self.screen = self._action(_("Screen now"), "Ctrl+R", self._on_screen_triggered)
        self.export = self._action(_("Export flagged…"), "Ctrl+E", self._on_export_triggered)
        # hidden from roles the services would refuse anyway
        self.import_watchlist.setVisible(can(actor, "manage_lists"))
        self.export.setVisible(can(actor, "export"))
        runner.started.connect(self._on_runner_started)
        runner.idle.connect(self._on_runner_idle)

    def _action(self, text: str, key: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{text.rstrip('…')} ({key})")
        action.triggered.connect(slot)
        return action

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.import_passengers, self.import_watchlist, self.screen, self.export)

    def _start(self, fn: JobFunction, title: str, on_done: Any) -> None:
        if not self._runner.start(fn, title, on_done=on_done):
            messages.inform(
                self._parent,
                _("Busy"),
                _("Wait for “{job}” to finish, or cancel it.").format(job=self._runner.writing),
            )

    @Slot()
    def _on_runner_started(self) -> None:
        for action in self.actions:
            action.setEnabled(False)

    @Slot()
    def _on_runner_idle(self) -> None:
        for action in self.actions:
            action.setEnabled(True)

    def _report(self, text: str, warnings: Sequence[str] = ()) -> None:
        self.status_message.emit(text)
        if warnings:
            messages.inform(
                self._parent,
                _("Imported with warnings"),
                text + "\n\n" + _("Some lines need attention: see the details."),
                "\n".join(warnings),
            )

    # Passenger files ---------------------------------------------------------------------------

    @Slot()
    def _on_import_passengers_triggered(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self._parent, _("Import passenger files"), "", _(PASSENGER_FILTER)
        )
        if names:
            self.start_passenger_import([Path(n) for n in names])

    def start_passenger_import(
        self, paths: list[Path], mappings: Mapping[Path, Mapping[int, str]] | None = None
    ) -> None:
        """Import in the background; a manifest whose columns cannot be told is offered to the
        user to map (the mapping kept as a profile if asked), then the import is started again."""
        store, actor, chosen = self._store, self._actor, dict(mappings or {})

        def run(
            progress: ProgressCallback, cancel: CancelToken
        ) -> list[ImportSummary] | ColumnsUnknownError:
            try:
                return import_passenger_files(
                    store, actor, paths, progress=progress, cancel=cancel, mappings=chosen
                )
            except ColumnsUnknownError as exc:
                return exc  # handed to the main thread, where the user may map the columns

        def done(result: list[ImportSummary] | ColumnsUnknownError) -> None:
            if isinstance(result, ColumnsUnknownError):
                self._map_columns(paths, chosen, result)
            else:
                self._on_passengers_imported(result)

        self._start(run, _("Importing passenger files"), done)

    def _map_columns(
        self, paths: list[Path], chosen: dict[Path, Mapping[int, str]], error: ColumnsUnknownError
    ) -> None:
        answer = mapping_dialog.ask(self._parent, error)
        if answer is None:
            show_error(self._parent, error)
            self.data_changed.emit()
            return
        head, choice = answer
        if choice.remember:
            call_service(self._parent, _keep_profile, head.header, choice.columns, choice.source)
        self.start_passenger_import(paths, {**chosen, error.path: choice.columns})

    def _on_passengers_imported(self, summaries: list[ImportSummary]) -> None:
        self._report(import_text(summaries), [w for s in summaries for w in s.warnings])
        self.data_changed.emit()
        if any(not s.duplicate for s in summaries):
            self.start_screening()

    # Watchlists --------------------------------------------------------------------------------

    @Slot()
    def _on_import_watchlist_triggered(self) -> None:
        known = call_service(self._parent, list_watchlists, self._store, self._actor) or []
        choice = WatchlistImportDialog.ask(self._parent, [w.name for w in known])
        if choice is not None:
            self.start_watchlist_import(*choice)

    def start_watchlist_import(self, paths: list[Path], name: str) -> None:
        store, actor = self._store, self._actor

        def run(progress: ProgressCallback, cancel: CancelToken) -> WatchlistImportSummary:
            return import_watchlist(store, actor, paths, name, progress=progress, cancel=cancel)

        self._start(run, _("Importing watchlist"), self._on_watchlist_imported)

    def _on_watchlist_imported(self, summary: WatchlistImportSummary) -> None:
        wl = summary.watchlist
        if summary.duplicate:
            text = _("{name}: the same files as version {version}; nothing changed.")
        else:
            text = _("{name}: version {version} with {entries} entries ({skipped} skipped).")
        self._report(
            text.format(
                name=wl.name,
                version=wl.version_no,
                entries=wl.entry_count,
                skipped=wl.skipped_count,
            ),
            summary.warnings,
        )
        self.data_changed.emit()
        if not summary.duplicate:
            self.start_screening()

    # Screening and export ----------------------------------------------------------------------

    @Slot()
    def _on_screen_triggered(self) -> None:
        self.start_screening()

    def start_screening(self) -> None:
        store, actor = self._store, self._actor

        def run(progress: ProgressCallback, cancel: CancelToken) -> RunSummary:
            return screen_stored(store, actor, progress=progress, cancel=cancel)

        self._start(run, _("Screening"), self._on_screened)

    def _on_screened(self, run: RunSummary) -> None:
        self.status_message.emit(screening_text(run))
        self.data_changed.emit()

    @Slot()
    def _on_export_triggered(self) -> None:
        default = str(Path.home() / f"flagged-{date.today():%Y%m%d}.csv")
        name, chosen = QFileDialog.getSaveFileName(
            self._parent, _("Export flagged travellers"), default, ";;".join(EXPORT_FILTERS)
        )
        if not name:
            return
        out = Path(name)
        if out.suffix.lower() not in EXPORT_FILTERS.values():
            out = out.with_suffix(EXPORT_FILTERS.get(chosen, ".csv"))
        disclosure = DisclosureDialog.ask(
            self._parent, self._store, self._actor, _("every flagged traveller")
        )
        if disclosure is not None:
            self.start_export(out, disclosure)

    def start_export(self, out: Path, disclosure: Disclosure) -> None:
        """Export every flagged traveller; audited as a disclosure with its reason."""
        store, actor = self._store, self._actor
        reason, extra = disclosure.reason, with_approval(export_flagged, disclosure.approval)

        def run(progress: ProgressCallback, cancel: CancelToken) -> ExportSummary:
            return export_flagged(store, actor, out, reason=reason, **extra)

        self._start(run, _("Exporting flagged travellers"), self._on_exported)

    def _on_exported(self, summary: ExportSummary) -> None:
        self.status_message.emit(
            _("Exported {rows} flagged traveller(s) to {path}.").format(
                rows=summary.rows, path=summary.path
            )
        )
