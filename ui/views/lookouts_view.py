"""National lookouts: the entries of the national list, searched, created, edited and retired.

Every change goes through the lookout services, which check it, audit it and make the list's
next version; the table then shows the list as stored.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.dialogs.lookout_dialog import LookoutDialog
from ui.dialogs.retire_dialog import RetireLookoutDialog
from ui.errors import call_service
from ui.i18n import _
from ui.models.lookouts_model import SEARCH_ROLE, LookoutsModel
from ui.models.roles import SORT_ROLE
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.lookouts import (
    NATIONAL_LIST,
    create_lookout,
    list_lookouts,
    lookout_photo,
    retire_lookout,
    update_lookout,
)
from workstation.services.views import Actor, EntryView


class LookoutsView(QWidget):
    changed = Signal()  # a lookout was created, edited or retired

    def __init__(
        self,
        store: Store,
        actor: Actor,
        watchlist: str = NATIONAL_LIST,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._actor, self.watchlist = store, actor, watchlist
        self.model = LookoutsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = compact_table()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search names, IDs, documents…"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(_("New lookout…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.retire_button = QPushButton(_("Retire…"))
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.retire_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.retire_button.clicked.connect(self._on_retire_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._on_selection_changed()

    def refresh(self) -> None:
        rows = call_service(self, list_lookouts, self._store, self._actor, self.watchlist)
        if rows is None:
            return
        keep = self.current()
        self.model.set_lookouts(rows)
        self.count.setText(
            _("{n} lookouts in the current version of {list}").format(
                n=len(rows), list=self.watchlist
            )
        )
        if keep is not None:
            self.select(keep.source_id)
        self._on_selection_changed()

    def current(self) -> EntryView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.lookout(self.proxy.mapToSource(rows[0]).row())

    def select(self, source_id: str) -> bool:
        row = self.model.row_of(source_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        return True

    @Slot()
    def _on_selection_changed(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.retire_button.setEnabled(chosen)

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip().casefold())

    @Slot()
    def _on_new_clicked(self) -> None:
        lookout = LookoutDialog.ask(self)
        if lookout is None:
            return
        made = call_service(
            self, create_lookout, self._store, self._actor, lookout, watchlist=self.watchlist
        )
        self._changed(made)

    @Slot()
    def _on_edit_clicked(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        photo = None
        if chosen.has_photo:
            found = call_service(self, lookout_photo, self._store, self._actor, chosen.id)
            photo = found.data if found is not None else None
        lookout = LookoutDialog.ask(self, chosen, photo)
        if lookout is None:
            return
        self._changed(
            call_service(self, update_lookout, self._store, self._actor, chosen.id, lookout)
        )

    @Slot()
    def _on_retire_clicked(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        subject = f"{chosen.source_id} {chosen.primary_name}"
        if not RetireLookoutDialog.ask(self, subject):
            return
        if call_service(self, retire_lookout, self._store, self._actor, chosen.id) is not None:
            self.refresh()
            self.changed.emit()

    def _changed(self, entry: EntryView | None) -> None:
        if entry is None:
            return
        self.refresh()
        self.select(entry.source_id)
        self.changed.emit()
