"""The administrator's window: the accounts and the workstation's settings, no case data.

An administrator manages who may sign in and with which role; flights, travellers, hits and
cases are not shown (the services refuse them to this role anyway).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget

from ui.desk_window import DeskWindow
from ui.dialogs import settings_dialog
from ui.errors import show_error
from ui.i18n import _
from ui.views.users_view import UsersView
from workstation.config import Settings
from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.services.views import Actor


class AdministratorWindow(DeskWindow):
    def __init__(self, store: Store, actor: Actor, *, demo: bool) -> None:
        super().__init__(store, actor, demo=demo)
        self.setWindowTitle(self.title(_("Users")))
        self.users_view = UsersView(store, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.users_view, _("Users"))
        self.setCentralWidget(self.tabs)
        self.settings_action = QAction(_("Settings…"), self)
        self.settings_action.triggered.connect(self._on_settings_triggered)
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action())
        self.add_help_menu()
        self.statusBar().addPermanentWidget(self.user_label())
        self.resize(1000, 640)

    @Slot()
    def refresh(self) -> None:
        self.users_view.refresh()

    @Slot()
    def _on_settings_triggered(self) -> None:
        chosen = settings_dialog.ask(self, Settings.load())
        if chosen is None:
            return
        try:
            chosen.save()
        except OSError as exc:
            show_error(self, WorkstationError(f"The settings were not saved: {exc}"))
            return
        self.statusBar().showMessage(_("Settings saved."), 15_000)
