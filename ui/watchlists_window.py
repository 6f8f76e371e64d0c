"""The watchlists window: the lists and their options, the changes between versions, and the
national lookouts. Opened from the main window's Lists menu; one window per main window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QTabWidget, QWidget

from ui.data_actions import DataActions
from ui.errors import call_service
from ui.i18n import _
from ui.jobs import JobRunner
from ui.views.diff_view import DiffView
from ui.views.job_view import JobView
from ui.views.lookouts_view import LookoutsView
from ui.views.watchlists_view import WatchlistsView
from workstation.db.store import Store
from workstation.services.views import Actor
from workstation.services.watchlists import list_watchlists


class WatchlistsWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        actor: Actor,
        data: DataActions,
        runner: JobRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("Watchlists and national lookouts"))
        self._store, self._actor = store, actor
        self.lists_view = WatchlistsView(store, actor)
        self.diff_view = DiffView(store, actor)
        self.lookouts_view = LookoutsView(store, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.lists_view, _("Lists"))
        self.tabs.addTab(self.diff_view, _("Changes between versions"))
        self.tabs.addTab(self.lookouts_view, _("National lookouts"))
        self.setCentralWidget(self.tabs)
        self.job_view = JobView(runner)
        self.statusBar().addPermanentWidget(self.job_view)
        self.lists_view.import_button.clicked.connect(data.import_watchlist.trigger)
        self.lists_view.diff_requested.connect(self._on_lists_view_diff_requested)
        self.lookouts_view.changed.connect(self.refresh)
        data.data_changed.connect(self.refresh)
        self.resize(1400, 850)

    @Slot()
    def refresh(self) -> None:
        lists = call_service(self, list_watchlists, self._store, self._actor)
        if lists is None:
            return
        self.lists_view.model.set_watchlists(lists)
        self.diff_view.set_watchlists(lists)
        self.lookouts_view.refresh()

    @Slot(str)
    def _on_lists_view_diff_requested(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.diff_view)
        self.diff_view.show_diff(name)


class WatchlistsOpener(QObject):
    """The Lists menu's action: opens (or raises) the window; closes it with the main window."""

    def __init__(
        self, store: Store, actor: Actor, data: DataActions, runner: JobRunner, main: QWidget
    ) -> None:
        super().__init__(main)
        self._args = (store, actor, data, runner)
        self._main = main
        self.window: WatchlistsWindow | None = None
        self.action = QAction(_("Watchlists and lookouts…"), self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action.triggered.connect(self.open)
        main.installEventFilter(self)

    @Slot()
    def open(self) -> WatchlistsWindow:
        if self.window is None:
            self.window = WatchlistsWindow(*self._args, parent=self._main)
        self.window.refresh()
        if self.window.isVisible():  # already open, perhaps behind the main window
            self.window.raise_()
            self.window.activateWindow()
        self.window.show()
        return self.window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._main and event.type() == QEvent.Type.Close and self.window:
            self.window.close()
        return False


def add_lists_menu(
    bar: QMenuBar, store: Store, actor: Actor, data: DataActions, runner: JobRunner, main: QWidget
) -> WatchlistsOpener:
    """The main window's Lists menu: the watchlists window, and importing a list."""
    opener = WatchlistsOpener(store, actor, data, runner, main)
    bar.addMenu(_("&Lists")).addActions([opener.action, data.import_watchlist])
    return opener
