"""The auditor's window: the audit trail, the chain check and the retention status, read-only."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.desk_window import DeskWindow
from ui.i18n import _
from ui.views.audit_view import AuditView
from ui.views.chain_view import ChainView
from workstation.db.store import Store
from workstation.services.views import Actor


class AuditorWindow(DeskWindow):
    def __init__(self, store: Store, actor: Actor, *, demo: bool) -> None:
        super().__init__(store, actor, demo=demo)
        self.setWindowTitle(self.title(_("Audit")))
        self.audit_view = AuditView(store, actor)
        self.chain_view = ChainView(store, actor)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.chain_view)
        layout.addWidget(self.audit_view, 1)
        self.setCentralWidget(central)
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addAction(self.quit_action())
        self.add_help_menu()
        self.statusBar().addPermanentWidget(self.user_label())
        self.chain_view.verify_button.clicked.connect(self._on_verified)
        self.resize(1300, 800)

    @Slot()
    def refresh(self) -> None:
        self.chain_view.refresh()
        self.audit_view.reload_choices()
        self.audit_view.refresh()

    @Slot()
    def _on_verified(self) -> None:
        self.audit_view.reload_choices()
        self.audit_view.refresh()  # the check itself is recorded
