"""The main window: flights, the selected flight's travellers, and the review of one traveller.

Composition and wiring only: the views show, the services decide.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui import messages, settings
from ui.data_actions import DataActions
from ui.desk_window import APP_TITLE, DeskWindow
from ui.dialogs.about_dialog import AboutDialog
from ui.dialogs.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from ui.errors import call_service, show_error
from ui.i18n import _
from ui.inbox_watch import InboxWatch
from ui.launcher import launch_demo
from ui.session import can
from ui.supervisor_window import add_supervisor_menu
from ui.views.flights_view import FlightsView
from ui.views.job_view import JobView
from ui.views.review_view import ReviewView
from ui.views.search_view import SearchView
from ui.views.travellers_view import TravellersView
from ui.views.welcome_view import WelcomeView
from ui.views.workspace_view import WorkspaceView
from ui.watchlists_window import add_lists_menu
from workstation.db.store import Store
from workstation.services.board import nearest_flight_day
from workstation.services.queries import list_flights, list_travellers
from workstation.services.views import Actor

__all__ = ["APP_TITLE", "MainWindow"]
_DEMO_BANNER = "background: #e65100; color: white; font-weight: bold; padding: 4px 10px;"


class MainWindow(DeskWindow):
    """The officers' and supervisors' window (the roles that work on case data)."""

    def __init__(self, store: Store, actor: Actor, *, demo: bool) -> None:
        super().__init__(store, actor, demo=demo)
        self.data = DataActions(store, actor, self.jobs, self)
        self.inbox = InboxWatch(store, actor, self.jobs, self, enabled=not demo)
        self.flights_view = FlightsView()
        self.travellers_view = TravellersView()
        self.review_view = ReviewView(store, actor)
        self.search_view = SearchView(store, actor)
        self.welcome_view = WelcomeView()
        self._set_title()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.resize(1400, 850)
        self._restore_settings()

    def _set_title(self) -> None:
        self.setWindowTitle(self.title())

    def _build_central(self) -> None:
        self.workspace = WorkspaceView(
            self.flights_view, self.travellers_view, self.search_view, self.review_view
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome_view)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        if self.demo:
            banner = QLabel(
                _(
                    "DEMO STORE: a generated day of flights and lists. Nothing here is real, and "
                    "nothing done here reaches the real store."
                )
            )
            banner.setTextFormat(Qt.TextFormat.PlainText)
            banner.setStyleSheet(_DEMO_BANNER)
            layout.addWidget(banner)
        layout.addWidget(self.stack)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        review = self.review_view
        self.refresh_action = QAction(_("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        quit_action = QAction(_("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addActions([self.data.import_passengers, self.data.import_watchlist])
        file_menu.addSeparator()
        file_menu.addAction(self.data.export)
        file_menu.addSeparator()
        file_menu.addAction(self.inbox.settings_action)
        file_menu.addAction(quit_action)
        self.menuBar().addMenu(_("&Screening")).addActions([self.data.screen, self.refresh_action])
        self.search_action = QAction(_("Search travellers…"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.triggered.connect(self.workspace.show_search)
        self.menuBar().addMenu(_("&Review")).addActions(
            [self.search_action, *review.decision_actions, review.unmask_action]
        )
        self.lists_menu = add_lists_menu(
            self.menuBar(), self.store, self.actor, self.data, self.jobs, self
        )
        self.supervisor_menu = add_supervisor_menu(self.menuBar(), self.store, self.actor, self)
        self.supervisor_menu.menuAction().setVisible(can(self.actor, "view_statistics"))
        self.about_action = QAction(_("About…"), self)
        self.about_action.triggered.connect(lambda: messages.run(AboutDialog(self)))
        self.shortcuts_action = QAction(_("Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self._on_shortcuts_triggered)
        self.menuBar().addMenu(_("&Help")).addActions([self.shortcuts_action, self.about_action])
        toolbar = QToolBar(_("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions(list(self.data.actions))
        toolbar.addSeparator()
        toolbar.addActions(list(review.decision_actions[:4]))
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.job_view = JobView(self.jobs)
        self.statusBar().addPermanentWidget(self.job_view)
        self.statusBar().addPermanentWidget(self.user_label())

    def _connect(self) -> None:
        self.flights_view.flight_selected.connect(self._on_flights_view_flight_selected)
        self.travellers_view.traveller_selected.connect(self._on_travellers_view_traveller_selected)
        self.review_view.record_changed.connect(self._on_review_view_record_changed)
        self.data.data_changed.connect(self.refresh)
        self.data.status_message.connect(self._on_data_status_message)
        self.inbox.data_changed.connect(self.refresh)
        self.inbox.status_message.connect(self._on_data_status_message)
        self.jobs.failed.connect(self._on_jobs_failed)
        self.jobs.cancelled.connect(self._on_jobs_cancelled)
        self.welcome_view.import_requested.connect(self.data.import_passengers.trigger)
        self.welcome_view.watchlist_requested.connect(self.data.import_watchlist.trigger)
        self.welcome_view.demo_requested.connect(self._on_welcome_view_demo_requested)
        self.flights_view.day_changed.connect(self._on_flights_view_day_changed)
        self.search_view.traveller_selected.connect(self.review_view.show_traveller)
        self.review_view.traveller_requested.connect(self._on_review_view_traveller_requested)

    def _restore_settings(self) -> None:
        self._find_a_day = True  # an empty board jumps once to the nearest day with flights
        settings.restore_window(self, self.workspace.splitters())
        self.workspace.restore_settings()
        day = settings.load_day()
        if day is not None:
            self._find_a_day = False
            self.flights_view.set_day(day)

    @Slot()
    def refresh(self) -> None:
        """Reload the day's flights and the selected flight's travellers; selections are kept."""
        day = self.flights_view.day
        flights = call_service(self, list_flights, self.store, self.actor, day=day)
        if flights is None:
            return
        nearest = day if flights else nearest_flight_day(self.store, self.actor, day)
        if nearest is not None and nearest != day and self._find_a_day:
            self._find_a_day = False
            self.statusBar().showMessage(_("No flights on {day}.").format(day=f"{day:%d.%m.%Y}"))
            self.flights_view.set_day(nearest)  # refreshes again
            return
        self._find_a_day = self._find_a_day and nearest is None
        empty = nearest is None and not self.demo
        self.stack.setCurrentWidget(self.welcome_view if empty else self.workspace)
        self.flights_view.set_flights(flights)
        if self.flights_view.current_flight_id is None and flights:
            self.flights_view.table.selectRow(0)
        else:
            self._reload_travellers()

    def _reload_travellers(self) -> None:
        flight_id = self.flights_view.current_flight_id
        row = self.flights_view.model.row_of(flight_id) if flight_id is not None else None
        if flight_id is None or row is None:
            self.travellers_view.set_travellers(None, [])
            self.review_view.clear()
            return
        rows = call_service(self, list_travellers, self.store, self.actor, flight_id)
        if rows is not None:
            self.travellers_view.set_travellers(self.flights_view.model.flight(row), rows)

    @Slot(int)
    def _on_flights_view_flight_selected(self, _flight_id: int) -> None:
        self.review_view.clear()
        self._reload_travellers()

    @Slot(int)
    def _on_travellers_view_traveller_selected(self, traveller_id: int) -> None:
        self.review_view.show_traveller(traveller_id)

    @Slot(int)
    def _on_review_view_record_changed(self, _traveller_id: int) -> None:
        self.refresh()

    @Slot(object)
    def _on_flights_view_day_changed(self, _day: object) -> None:
        self.review_view.clear()
        self.refresh()

    @Slot(int)
    def _on_review_view_traveller_requested(self, traveller_id: int) -> None:
        on_board = self.workspace.tabs.currentIndex() == WorkspaceView.BOARD
        if not (on_board and self.travellers_view.select_traveller(traveller_id)):
            self.review_view.show_traveller(traveller_id)

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        actions = [*self.actions(), *self.review_view.decision_actions, *self.data.actions]
        for menu in self.menuBar().findChildren(QMenu):
            actions.extend(menu.actions())
        messages.run(ShortcutsDialog(shortcut_rows(actions), self))

    @Slot(str)
    def _on_data_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    @Slot(object)
    def _on_jobs_failed(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            show_error(self, exc)
        self.refresh()

    @Slot(str)
    def _on_jobs_cancelled(self, title: str) -> None:
        self.statusBar().showMessage(
            _("{job}: cancelled; nothing was changed.").format(job=title), 15_000
        )
        self.refresh()

    @Slot()
    def _on_welcome_view_demo_requested(self) -> None:
        if not launch_demo():
            messages.inform(
                self,
                _("Open the demo"),
                _("The demo could not be started. From a terminal: python main.py --demo"),
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Cancel running jobs and wait for them: nothing is left half done."""
        settings.save_window(self, self.workspace.splitters())
        self.workspace.save_settings()
        self.inbox.stop()
        super().closeEvent(event)  # cancels the jobs and waits for them
