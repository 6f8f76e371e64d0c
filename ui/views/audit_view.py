"""The audit trail, read-only: filters by period, user, action and object, paged in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.errors import call_service
from ui.i18n import _
from ui.models.audit_model import AuditModel
from ui.views.period_edit import PeriodEdit
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.audit import AuditFilter, audit_choices, count_events, list_events
from workstation.services.views import Actor

PAGE_SIZE = 200


def _combo(any_text: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(any_text, None)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class AuditView(QWidget):
    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.offset = 0
        self.total = 0
        self.period = PeriodEdit("last_30")
        self.user = _combo(_("Any user"))
        self.action = _combo(_("Any action"))
        self.object_type = _combo(_("Any object"))
        self.newer_button = QPushButton(_("◀ Newer"))
        self.older_button = QPushButton(_("Older ▶"))
        self.page_label = QLabel()
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = AuditModel(self)
        self.table = compact_table()
        self.table.setModel(self.model)
        filters = QHBoxLayout()
        filters.addWidget(self.period)
        filters.addSpacing(12)
        for combo in (self.user, self.action, self.object_type):
            filters.addWidget(combo)
        filters.addStretch(1)
        pager = QHBoxLayout()
        pager.addWidget(self.page_label)
        pager.addStretch(1)
        pager.addWidget(self.newer_button)
        pager.addWidget(self.older_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(pager)
        self.period.changed.connect(self._on_period_changed)
        for combo in (self.user, self.action, self.object_type):
            combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        self.newer_button.clicked.connect(self._on_newer_button_clicked)
        self.older_button.clicked.connect(self._on_older_button_clicked)

    def filters(self) -> AuditFilter:
        return AuditFilter(
            period=self.period.period(),
            username=self.user.currentData(),
            action=self.action.currentData(),
            object_type=self.object_type.currentData(),
        )

    def reload_choices(self) -> None:
        choices = call_service(self, audit_choices, self.store, self.actor)
        if choices is None:
            return
        for combo, values in (
            (self.user, choices.usernames),
            (self.action, choices.actions),
            (self.object_type, choices.object_types),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)

    @Slot()
    def refresh(self) -> None:
        """Load the current page of the filtered trail, newest first."""
        filters = self.filters()
        total = call_service(self, count_events, self.store, self.actor, filters)
        if total is None:
            return
        self.total = total
        self.offset = min(self.offset, max(total - 1, 0) // PAGE_SIZE * PAGE_SIZE)
        events = call_service(
            self, list_events, self.store, self.actor, filters, offset=self.offset, limit=PAGE_SIZE
        )
        if events is None:
            return
        self.model.set_events(events)
        first = self.offset + 1 if events else 0
        self.page_label.setText(
            _("Events {first}–{last} of {total}").format(
                first=first, last=self.offset + len(events), total=total
            )
        )
        self.newer_button.setEnabled(self.offset > 0)
        self.older_button.setEnabled(self.offset + len(events) < total)

    @Slot()
    def _on_period_changed(self) -> None:
        self.offset = 0
        self.refresh()

    @Slot(int)
    def _on_combo_current_index_changed(self, _index: int) -> None:
        self.offset = 0
        self.refresh()

    @Slot()
    def _on_newer_button_clicked(self) -> None:
        self.offset = max(self.offset - PAGE_SIZE, 0)
        self.refresh()

    @Slot()
    def _on_older_button_clicked(self) -> None:
        self.offset += PAGE_SIZE
        self.refresh()
