"""The supervisor's desk: the flagged list, the unit's statistics, the audit trail, the
risk rules and the data quality per carrier.

One window with a tab each, opened from the main window's Supervisor menu. Every service call
names the acting user, whose role the services check; the audit tab shows only to roles that
may read the trail.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QTabWidget, QWidget

from ui.i18n import _
from ui.session import can
from ui.views.audit_view import AuditView
from ui.views.flagged_view import FlaggedView
from ui.views.quality_view import QualityView
from ui.views.rules_view import RulesView
from ui.views.statistics_view import StatisticsView
from workstation.db.store import Store
from workstation.services.views import Actor


class SupervisorWindow(QMainWindow):
    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Supervisor — {user}").format(user=actor.display_name))
        self.flagged_view = FlaggedView(store, actor)
        self.statistics_view = StatisticsView(store, actor)
        self.audit_view = AuditView(store, actor)
        self.rules_view = RulesView(store, actor)
        self.quality_view = QualityView(store, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.flagged_view, _("Flagged travellers"))
        self.tabs.addTab(self.statistics_view, _("Statistics"))
        if can(actor, "view_audit"):  # auditors read the trail; supervisors not
            self.tabs.addTab(self.audit_view, _("Audit log"))
        self.tabs.addTab(self.rules_view, _("Risk rules"))
        self.tabs.addTab(self.quality_view, _("Data quality"))
        self.setCentralWidget(self.tabs)
        self.flagged_view.exported.connect(self._on_view_exported)
        self.statistics_view.exported.connect(self._on_view_exported)
        self.statistics_view.chart_copied.connect(self._on_statistics_view_chart_copied)
        self.rules_view.changed.connect(self._on_rules_view_changed)
        self.resize(1400, 850)

    def show_tab(self, widget: QWidget) -> None:
        """Reload everything from the store, then show ``widget``'s tab."""
        self.refresh()
        self.tabs.setCurrentWidget(widget)
        self.show()
        self.activateWindow()

    @Slot()
    def refresh(self) -> None:
        self.flagged_view.reload_choices()
        self.flagged_view.refresh()
        self.statistics_view.refresh()
        self._reload_audit()
        self.rules_view.refresh()
        self.quality_view.refresh()

    def _reload_audit(self) -> None:
        if self.tabs.indexOf(self.audit_view) >= 0:
            self.audit_view.reload_choices()
            self.audit_view.refresh()

    @Slot()
    def _on_rules_view_changed(self) -> None:
        self._reload_audit()

    @Slot(str)
    def _on_view_exported(self, path: str) -> None:
        self.statusBar().showMessage(
            _("Exported to {path}; recorded as a disclosure.").format(path=path), 15_000
        )
        self._reload_audit()

    @Slot(str)
    def _on_statistics_view_chart_copied(self, title: str) -> None:
        self.statusBar().showMessage(_("“{chart}” copied as an image.").format(chart=title), 8_000)


class SupervisorMenu(QMenu):
    """The main window's Supervisor menu; the window is built on first use and then reused."""

    def __init__(self, store: Store, actor: Actor, parent: QWidget) -> None:
        super().__init__(_("S&upervisor"), parent)
        self.store, self.actor = store, actor
        self.desk: SupervisorWindow | None = None
        self.flagged_action = self._add(_("Flagged travellers…"), "flagged_view")
        self.statistics_action = self._add(_("Statistics…"), "statistics_view")
        self.audit_action = self._add(_("Audit log…"), "audit_view")
        self.audit_action.setVisible(can(actor, "view_audit"))
        self.rules_action = self._add(_("Risk rules…"), "rules_view")
        self.quality_action = self._add(_("Data quality…"), "quality_view")
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The desk closes with the main window."""
        if event.type() == QEvent.Type.Close and self.desk is not None:
            self.desk.close()
        return False

    def _add(self, text: str, view: str) -> QAction:
        action = self.addAction(text)
        action.triggered.connect(lambda: self.open(view))
        return action

    def open(self, view: str = "flagged_view") -> SupervisorWindow:
        if self.desk is None:
            self.desk = SupervisorWindow(self.store, self.actor, self.parentWidget())
        self.desk.show_tab(getattr(self.desk, view))
        return self.desk


def add_supervisor_menu(
    bar: QMenuBar, store: Store, actor: Actor, parent: QWidget
) -> SupervisorMenu:
    menu = SupervisorMenu(store, actor, parent)
    bar.addMenu(menu)
    return menu
