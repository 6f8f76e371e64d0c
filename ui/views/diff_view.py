"""Two versions of a list side by side: what was added, removed, and changed field by field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.errors import call_service
from ui.i18n import _
from ui.models.diff_model import ADDED, CHANGED, KIND_ROLE, REMOVED, DiffModel
from ui.models.roles import SORT_ROLE
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.listdiff import diff_versions
from workstation.services.views import Actor, ListDiff, WatchlistSummary

_SHOW = (("", "All changes"), (ADDED, "Added"), (REMOVED, "Removed"), (CHANGED, "Changed"))


class DiffView(QWidget):
    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._actor = store, actor
        self._lists: dict[str, int] = {}  # name -> newest version
        self.diff: ListDiff | None = None
        self.model = DiffModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterRole(KIND_ROLE)
        self.table = compact_table()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.list_box = QComboBox()
        self.list_box.setMinimumContentsLength(24)
        self.old_box, self.new_box = QComboBox(), QComboBox()
        self.show_box = QComboBox()
        for kind, label in _SHOW:
            self.show_box.addItem(_(label), kind)
        self.compare_button = QPushButton(_("Compare"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setStyleSheet("font-weight: bold;")
        bar = QHBoxLayout()
        for label, widget in (
            (_("List"), self.list_box),
            (_("Version"), self.old_box),
            ("→", self.new_box),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.compare_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(_("Show")))
        bar.addWidget(self.show_box)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.list_box.currentIndexChanged.connect(self._on_list_box_changed)
        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.show_box.currentIndexChanged.connect(self._on_show_box_changed)

    def set_watchlists(self, lists: Sequence[WatchlistSummary]) -> None:
        keep = self.list_box.currentText()
        self._lists = {w.name: w.version_no for w in lists if w.version_no}
        self.list_box.blockSignals(True)
        self.list_box.clear()
        self.list_box.addItems(list(self._lists))
        self.list_box.setCurrentIndex(max(self.list_box.findText(keep), 0))
        self.list_box.blockSignals(False)
        self._on_list_box_changed()

    def show_diff(self, name: str, old: int | None = None, new: int | None = None) -> None:
        """Compare versions ``old`` and ``new`` of list ``name`` (default: the two newest)."""
        index = self.list_box.findText(name)
        if index < 0:
            return
        self.list_box.setCurrentIndex(index)
        newest = self._lists[name]
        new = new or newest
        old = old if old is not None else new - 1
        self.new_box.setCurrentIndex(max(self.new_box.findData(new), 0))
        self.old_box.setCurrentIndex(max(self.old_box.findData(old), 0))
        self._on_compare_clicked()

    @Slot()
    def _on_list_box_changed(self) -> None:
        newest = self._lists.get(self.list_box.currentText(), 0)
        for box in (self.old_box, self.new_box):
            box.clear()
        if newest == 1:
            self.old_box.addItem("—", 0)  # the first version: every entry is added
        for number in range(1, newest + 1):
            if newest > 1:
                self.old_box.addItem(str(number), number)
            self.new_box.addItem(str(number), number)
        self.new_box.setCurrentIndex(newest - 1)
        self.old_box.setCurrentIndex(max(newest - 2, 0))
        self.model.set_diff(None)
        self.summary.setText("")

    @Slot()
    def _on_compare_clicked(self) -> None:
        name = self.list_box.currentText()
        new, old = self.new_box.currentData(), self.old_box.currentData()
        if not name or not new:
            return
        diff = call_service(
            self, diff_versions, self._store, self._actor, name, old=old or None, new=new
        )
        if diff is None:
            return
        self.diff = diff
        self.model.set_diff(diff)
        self.summary.setText(summary_text(diff))

    @Slot()
    def _on_show_box_changed(self) -> None:
        self.proxy.setFilterFixedString(str(self.show_box.currentData() or ""))


def summary_text(diff: ListDiff) -> str:
    versions = (
        _("{name}: version {old} → {new}").format(
            name=diff.watchlist, old=diff.old_version, new=diff.new_version
        )
        if diff.old_version is not None
        else _("{name}: version {new} (the first)").format(
            name=diff.watchlist, new=diff.new_version
        )
    )
    return _(
        "{versions}: {added} added, {removed} removed, {changed} changed, {same} the same."
    ).format(
        versions=versions,
        added=len(diff.added),
        removed=len(diff.removed),
        changed=len(diff.changed),
        same=diff.unchanged,
    )
