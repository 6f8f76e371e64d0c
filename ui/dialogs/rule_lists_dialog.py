"""The unit's named lists for rules (source countries, watched agencies…): pick one, edit its
codes with the country or airport picker, save; add a new list or remove an unused one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.reauth_dialog import call_privileged
from ui.errors import call_service
from ui.i18n import _
from ui.views.codes_picker import CodesPicker
from workstation.db.store import Store
from workstation.services.rulestore import delete_rule_list, list_rule_lists, save_rule_list
from workstation.services.ruleviews import LIST_KINDS, RuleListView
from workstation.services.views import Actor

_PICKERS = {"countries": "countries", "airports": "airports", "agencies": ""}


class RuleListsDialog(QDialog):
    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.setWindowTitle(_("Named lists for rules"))
        self.names = QListWidget()
        self.kind = QComboBox()
        for kind in LIST_KINDS:
            self.kind.addItem(_(kind), kind)
        self.kind.setEnabled(False)
        self.codes = CodesPicker("countries")
        self.used_by = QLabel()
        self.used_by.setTextFormat(Qt.TextFormat.PlainText)
        self.used_by.setWordWrap(True)
        self.save_button = QPushButton(_("Save list"))
        self.new_button = QPushButton(_("New list…"))
        self.delete_button = QPushButton(_("Remove list"))
        form = QFormLayout()
        form.addRow(_("Holds"), self.kind)
        self._codes_row = QVBoxLayout()
        self._codes_row.addWidget(self.codes)
        form.addRow(_("Codes"), self._codes_row)
        form.addRow(_("Used by"), self.used_by)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        right.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(self.names, 1)
        body.addLayout(right, 3)
        close = QDialogButtonBox()
        close.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.names.currentRowChanged.connect(self._on_names_current_row_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.lists: list[RuleListView] = []
        self.reload()
        self.resize(900, 420)

    def reload(self, select: str | None = None) -> None:
        self.lists = call_service(self, list_rule_lists, self.store, self.actor) or []
        self.names.clear()
        for view in self.lists:
            self.names.addItem(view.name)
        names = [v.name for v in self.lists]
        self.names.setCurrentRow(names.index(select) if select in names else 0)

    def current(self) -> RuleListView | None:
        row = self.names.currentRow()
        return self.lists[row] if 0 <= row < len(self.lists) else None

    @Slot(int)
    def _on_names_current_row_changed(self, _row: int) -> None:
        view = self.current()
        self.save_button.setEnabled(view is not None)
        self.delete_button.setEnabled(view is not None)
        if view is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(view.kind)))
        self._codes_row.removeWidget(self.codes)
        self.codes.deleteLater()
        self.codes = CodesPicker(_PICKERS.get(view.kind, ""))
        self._codes_row.addWidget(self.codes)
        self.codes.set_codes(view.items)
        self.used_by.setText(", ".join(view.used_by) or _("no rule"))

    @Slot()
    def _on_save_clicked(self) -> None:
        view = self.current()
        if view is None:
            return
        saved = call_privileged(
            self, self.store, self.actor, _("Save the list {name}").format(name=view.name),
            save_rule_list, self.store, self.actor, view.name, view.kind,
            list(self.codes.codes()),
        )  # fmt: skip
        if saved is not None:
            self.reload(saved.name)

    @Slot()
    def _on_new_clicked(self) -> None:
        made = self.ask_new(self)
        if made is None:
            return
        name, kind = made
        what = _("Create the list {name}").format(name=name)
        store, actor = self.store, self.actor
        if call_privileged(self, store, actor, what, save_rule_list, store, actor, name, kind, []):
            self.reload(name)

    @Slot()
    def _on_delete_clicked(self) -> None:
        view = self.current()
        if view is None:
            return
        call_privileged(
            self,
            self.store,
            self.actor,
            _("Delete the list {name}").format(name=view.name),
            delete_rule_list,
            self.store,
            self.actor,
            view.name,
        )
        self.reload()

    @staticmethod
    def ask_new(parent: QWidget) -> tuple[str, str] | None:
        """A new list's name and kind, or None."""
        name, ok = QInputDialog.getText(parent, _("New list"), _("Name of the list"))
        if not ok or not name.strip():
            return None
        kinds = [_(k) for k in LIST_KINDS]
        kind, ok = QInputDialog.getItem(parent, _("New list"), _("The list holds"), kinds, 0, False)
        return (name.strip(), LIST_KINDS[kinds.index(kind)]) if ok else None

    @classmethod
    def edit(cls, parent: QWidget | None, store: Store, actor: Actor) -> None:
        cls(store, actor, parent).exec()
