"""The supervisor's flagged list: filters over the period, the table, and its export."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import call_service
from ui.i18n import _
from ui.models.flagged_model import FlaggedModel
from ui.models.roles import SORT_ROLE
from ui.report_export import export_report
from ui.views.period_edit import PeriodEdit
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.flagged import (
    FLAGGED_COLUMNS,
    NO_INTERDICTION,
    FlaggedFilter,
    flagged_officers,
    flagged_report,
    list_flagged,
)
from workstation.services.views import Actor
from workstation.services.vocabulary import OUTCOMES
from workstation.services.watchlists import list_watchlists

# What a supervisor reads first; the rest follow (the files keep FLAGGED_COLUMNS' order).
_SHOWN_FIRST = (
    "Flight",
    "Departure (UTC)",
    "From",
    "To",
    "Surname",
    "Given names",
    "Date of birth",
    "Control point",
    "Flagged by",
    "Interdictions",
    "Score",
    "List entry",
    "Entry name",
    "List",
)


def _combo(any_text: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(any_text, None)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class FlaggedView(QWidget):
    exported = Signal(str)  # the file written

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.period = PeriodEdit("this_month")
        self.flight = QLineEdit()
        self.flight.setPlaceholderText(_("Flight, e.g. JU211"))
        self.flight.setClearButtonEnabled(True)
        self.flight.setMaximumWidth(150)
        self.outcome = _combo(_("Any outcome"))
        self.outcome.addItem(_("No interdiction"), NO_INTERDICTION)
        for code, label in OUTCOMES.items():
            self.outcome.addItem(_(label), code)
        self.officer = _combo(_("Any officer"))
        self.watchlist = _combo(_("Any list"))
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setToolTip(_("PDF report, Excel or CSV; recorded as a disclosure"))
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.model = FlaggedModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = compact_table()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        for visual, name in enumerate(_SHOWN_FIRST):
            header.moveSection(header.visualIndex(FLAGGED_COLUMNS.index(name)), visual)
        self._layout()
        self.period.changed.connect(self.refresh)
        self.flight.editingFinished.connect(self.refresh)
        for combo in (self.outcome, self.officer, self.watchlist):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.export_button.clicked.connect(self._on_export_button_clicked)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.period)
        filters.addSpacing(12)
        for widget in (self.flight, self.outcome, self.officer, self.watchlist):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

    def filters(self) -> FlaggedFilter:
        return FlaggedFilter(
            period=self.period.period(),
            flight=self.flight.text().strip(),
            outcome=self.outcome.currentData(),
            officer=self.officer.currentData(),
            watchlist=self.watchlist.currentData(),
        )

    def reload_choices(self) -> None:
        """Fill the officer and list filters from the store, keeping what was chosen."""
        officers = call_service(self, flagged_officers, self.store, self.actor) or []
        lists = call_service(self, list_watchlists, self.store, self.actor) or []
        for combo, values in ((self.officer, officers), (self.watchlist, [w.name for w in lists])):
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
        rows = call_service(self, list_flagged, self.store, self.actor, self.filters())
        if rows is None:
            return
        self.model.set_rows(rows)
        travellers = len({r.traveller_id for r in rows})
        interdicted = len({r.traveller_id for r in rows if r.outcomes})
        self.totals.setText(
            _(
                "{flags} flag(s) · {travellers} traveller(s) · {interdicted} with an interdiction"
            ).format(flags=len(rows), travellers=travellers, interdicted=interdicted)
        )
        self.export_button.setEnabled(bool(rows))

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        self.refresh()

    @Slot()
    def _on_export_button_clicked(self) -> None:
        filters = self.filters()
        summary = export_report(
            self,
            self.store,
            self.actor,
            lambda: flagged_report(self.store, self.actor, filters),
            what=_("the flagged list"),
            rows=self.model.rowCount(),
            stem="flagged",
        )
        if summary is not None:
            self.exported.emit(summary.path)
