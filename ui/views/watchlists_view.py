"""The lists: version, size, when imported; enable, threshold and priority edited in place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.errors import call_service
from ui.i18n import _
from ui.models.roles import SORT_ROLE
from ui.models.watchlists_model import PRIORITY, THRESHOLD, WatchlistsModel
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.views import Actor, WatchlistSummary
from workstation.services.watchlists import MAX_PRIORITY, list_watchlists, set_watchlist_options

Index = QModelIndex | QPersistentModelIndex


class _OptionDelegate(QStyledItemDelegate):
    """Spin boxes for the threshold (1-100) and the priority (0-99)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == THRESHOLD:
            score = QDoubleSpinBox(parent)
            score.setRange(1.0, 100.0)
            score.setDecimals(1)
            score.setFrame(False)
            return score
        priority = QSpinBox(parent)
        priority.setRange(0, MAX_PRIORITY)
        priority.setFrame(False)
        return priority

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDoubleSpinBox | QSpinBox) and value is not None:
            editor.setValue(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QDoubleSpinBox | QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class WatchlistsView(QWidget):
    diff_requested = Signal(str)  # the list's name
    changed = Signal()  # an option was changed

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._actor = store, actor
        self.model = WatchlistsModel(self._apply, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = compact_table(stretch_last=False)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        delegate = _OptionDelegate(self.table)
        self.table.setItemDelegateForColumn(THRESHOLD, delegate)
        self.table.setItemDelegateForColumn(PRIORITY, delegate)
        self.import_button = QPushButton(_("Import list…"))
        self.diff_button = QPushButton(_("Show changes…"))
        self.diff_button.setToolTip(_("What the newest version added, removed and changed"))
        self.diff_button.clicked.connect(self._on_diff_clicked)
        hint = QLabel(
            _(
                "Only the newest version of an enabled list is screened. Double-click a "
                "threshold or priority to change it; every change is recorded."
            )
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setStyleSheet("color: #616161;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.diff_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(hint)

    def refresh(self) -> None:
        rows = call_service(self, list_watchlists, self._store, self._actor)
        if rows is not None:
            self.model.set_watchlists(rows)

    def current_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.watchlist(self.proxy.mapToSource(rows[0]).row()).name

    def _apply(self, w: WatchlistSummary, option: str, value: Any) -> WatchlistSummary | None:
        options: dict[str, Any] = {option: value}
        stored = call_service(
            self, set_watchlist_options, self._store, self._actor, w.name, **options
        )
        if stored is not None:
            self.changed.emit()
        return stored

    @Slot()
    def _on_diff_clicked(self) -> None:
        name = self.current_name()
        if name is None and self.model.rowCount():
            name = self.model.watchlist(0).name
        if name is not None:
            self.diff_requested.emit(name)
