"""The supervisor's rules tab: every rule with its version, state, weight, owner and decisions;
new and edited rules through :class:`RuleDialog`, switching on and off after confirmation,
the named lists, and the notices of rules the runaway guard held back."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from matching.rules import Rule
from ui.dialogs import enable_rule_dialog
from ui.dialogs.reauth_dialog import call_privileged
from ui.dialogs.rule_dialog import RuleDialog
from ui.dialogs.rule_lists_dialog import RuleListsDialog
from ui.errors import call_service
from ui.i18n import _
from ui.models.roles import SORT_ROLE
from ui.models.rules_model import RulesModel
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.rulestore import (
    list_rule_lists,
    list_rules,
    load_rule,
    save_rule,
    set_rule_enabled,
)
from workstation.services.ruleviews import HeldBackNotice, RuleSummary
from workstation.services.views import Actor


def notices(store: Store, actor: Actor) -> list[HeldBackNotice]:
    from workstation.services.indicators import held_back_notices

    with store.transaction() as session:
        return held_back_notices(session)


class RulesView(QWidget):
    changed = Signal()  # a rule saved, enabled or disabled

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._actor = store, actor
        self.model = RulesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = compact_table()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.new_button = QPushButton(_("New rule…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.toggle_button = QPushButton(_("Enable…"))
        self.lists_button = QPushButton(_("Named lists…"))
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a4b00;")
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.toggle_button)
        bar.addStretch(1)
        bar.addWidget(self.lists_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_clicked)
        self.lists_button.clicked.connect(self._on_lists_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._on_selection_changed()

    def refresh(self) -> None:
        rows = call_service(self, list_rules, self._store, self._actor)
        if rows is None:
            return
        keep = self.current()
        self.model.set_rows(rows)
        if keep is not None:
            self.select(keep.name)
        held = call_service(self, notices, self._store, self._actor) or []
        self.notice.setText(
            "\n".join(
                _(
                    "Held back: “{rule}” v{version} hit {hits} of {n} passengers on {flight} "
                    "{day}; its hits there were not put to review. Review the rule."
                ).format(
                    rule=h.rule,
                    version=h.version,
                    hits=h.hits,
                    n=h.travellers,
                    flight=h.flight,
                    day=h.departure.strftime("%Y-%m-%d") if h.departure else "",
                )
                for h in held[:5]
            )
        )
        self.notice.setVisible(bool(held))
        self._on_selection_changed()

    def current(self) -> RuleSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.item(self.proxy.mapToSource(rows[0]).row())

    def select(self, name: str) -> bool:
        for n in range(self.model.rowCount()):
            if self.model.item(n).name == name:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(n, 0)).row())
                return True
        return False

    @Slot()
    def _on_selection_changed(self) -> None:
        chosen = self.current()
        self.edit_button.setEnabled(chosen is not None)
        self.toggle_button.setEnabled(chosen is not None)
        self.toggle_button.setText(
            _("Disable…") if chosen is not None and chosen.enabled else _("Enable…")
        )
        if chosen is None:
            self.detail.setText(_("Choose a rule to see why it exists."))
            return
        problems = "\n".join(chosen.problems)
        self.detail.setText(
            _("Why: {rationale}").format(rationale=chosen.rationale)
            + (
                ("\n" + _("Cannot be enabled: {problems}").format(problems=problems))
                if problems
                else ""
            )
        )

    def _lists(self) -> dict[str, tuple[str, ...]]:
        views = call_service(self, list_rule_lists, self._store, self._actor) or []
        return {v.name: v.items for v in views}

    @Slot()
    def _on_new_clicked(self) -> None:
        rule = RuleDialog.ask(self, None, self._lists(), self._store, self._actor)
        if rule is None:
            return
        if self._save(rule) is not None:
            self._changed(rule.name)

    @Slot()
    def _on_edit_clicked(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        existing = call_service(self, load_rule, self._store, self._actor, chosen.name)
        if existing is None:
            return
        rule = RuleDialog.ask(self, existing, self._lists(), self._store, self._actor)
        if rule is None:
            return
        if self._save(rule) is not None:
            self._changed(rule.name)

    @Slot()
    def _on_toggle_clicked(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        enable = not chosen.enabled
        if not enable_rule_dialog.ask(self, chosen, enable):
            return
        done = call_privileged(
            self,
            self._store,
            self._actor,
            (_("Enable rule {name}") if enable else _("Disable rule {name}")).format(
                name=chosen.name
            ),
            set_rule_enabled,
            self._store,
            self._actor,
            chosen.name,
            enable,
        )
        if done is not None:
            self._changed(chosen.name)

    @Slot()
    def _on_lists_clicked(self) -> None:
        RuleListsDialog.edit(self, self._store, self._actor)
        self.refresh()

    def _save(self, rule: Rule) -> RuleSummary | None:
        return call_privileged(
            self,
            self._store,
            self._actor,
            _("Save rule {name}").format(name=rule.name),
            save_rule,
            self._store,
            self._actor,
            rule,
        )

    def _changed(self, name: str) -> None:
        self.refresh()
        self.select(name)
        self.changed.emit()
