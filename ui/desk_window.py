"""What every window of a signed-in session shares: who is signed in, jobs, and the idle lock.

The session's main window depends on the role (:func:`ui.app.build_main_window`): officers and
supervisors get the board (:class:`ui.main_window.MainWindow`), administrators the accounts
(:class:`ui.admin_window.AdministratorWindow`), auditors the audit trail
(:class:`ui.auditor_window.AuditorWindow`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from ui import messages
from ui.dialogs.about_dialog import AboutDialog
from ui.i18n import _
from ui.idle_lock import IdleLock
from ui.jobs import JobRunner
from workstation.db.store import Store
from workstation.services.views import Actor

APP_TITLE = "Passenger Targeting Workstation"
DEMO_PASSWORD = "demo"  # noqa: S105 - the demo store only, said in its status bar


class DeskWindow(QMainWindow):
    def __init__(self, store: Store, actor: Actor, *, demo: bool) -> None:
        super().__init__()
        self.store, self.actor, self.demo = store, actor, demo
        self.jobs = JobRunner(self)
        self.idle_lock = IdleLock(self, store, actor)

    def title(self, desk: str = "") -> str:
        if self.demo:
            return _("DEMO — {app} — generated data, not real travellers").format(app=_(APP_TITLE))
        name = f"{_(APP_TITLE)} — {desk}" if desk else _(APP_TITLE)
        return _("{app} — {user}").format(app=name, user=self.actor.display_name)

    def user_label(self) -> QLabel:
        """Who is signed in, with which role (and the demo account's password in the demo)."""
        text = _("Signed in: {user} ({role})").format(
            user=self.actor.username, role=_(self.actor.role)
        )
        if self.demo:
            text += " — " + _("demo account, password: {password}").format(password=DEMO_PASSWORD)
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setObjectName("signed-in-user")
        return label

    def add_help_menu(self) -> QMenu:
        about = QAction(_("About…"), self)
        about.triggered.connect(lambda: messages.run(AboutDialog(self)))
        menu = self.menuBar().addMenu(_("&Help"))
        menu.addAction(about)
        return menu

    def quit_action(self) -> QAction:
        action = QAction(_("Quit"), self)
        action.setShortcut(QKeySequence("Ctrl+Q"))
        action.triggered.connect(self.close)
        return action

    @Slot()
    def refresh(self) -> None:
        """Reload what the window shows from the store."""

    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.shutdown()
        super().closeEvent(event)
