"""A period of whole days, as a supervisor picks it: a preset or two dates (an end may be open)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ui.i18n import _
from workstation.services.report import Period

_OPEN = QDate(2000, 1, 1)  # shown as "any": that end of the period is open


def _month_start(day: date) -> date:
    return day.replace(day=1)


def preset_period(key: str, today: date) -> Period:
    """The period a preset names, on ``today``."""
    if key == "this_month":
        return Period(_month_start(today), today)
    if key == "last_month":
        end = _month_start(today) - timedelta(days=1)
        return Period(_month_start(end), end)
    if key == "last_30":
        return Period(today - timedelta(days=29), today)
    if key == "this_year":
        return Period(today.replace(month=1, day=1), today)
    return Period()


_PRESETS = (
    ("this_month", "This month"),
    ("last_month", "Last month"),
    ("last_30", "Last 30 days"),
    ("this_year", "This year"),
    ("all", "All dates"),
    ("custom", "Chosen dates"),
)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMinimumDate(_OPEN)
    edit.setSpecialValueText(_("any"))
    return edit


class PeriodEdit(QWidget):
    changed = Signal()

    def __init__(self, preset: str = "this_month", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        for key, label in _PRESETS:
            self.preset.addItem(_(label), key)
        self.since = _date_edit()
        self.until = _date_edit()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Period")))
        layout.addWidget(self.preset)
        layout.addWidget(self.since)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.until)
        self.preset.setCurrentIndex(self.preset.findData(preset))
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._on_preset_current_index_changed)
        self.since.dateChanged.connect(self._on_dates_changed)
        self.until.dateChanged.connect(self._on_dates_changed)

    def period(self) -> Period:
        """The period shown; an end set to "any" is open. Dates the wrong way round are swapped."""
        since, until = self._day(self.since), self._day(self.until)
        if since and until and since > until:
            since, until = until, since
        return Period(since, until)

    def set_period(self, period: Period) -> None:
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self._show(period)

    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == _OPEN else date(value.year(), value.month(), value.day())

    def _show(self, period: Period) -> None:
        for edit, day in ((self.since, period.since), (self.until, period.until)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day) if day else _OPEN)
            edit.blockSignals(False)
        self.changed.emit()

    def _apply_preset(self) -> None:
        key = str(self.preset.currentData())
        if key != "custom":
            self._show(preset_period(key, date.today()))

    @Slot(int)
    def _on_preset_current_index_changed(self, _index: int) -> None:
        self._apply_preset()

    @Slot()
    def _on_dates_changed(self) -> None:
        custom = self.preset.findData("custom")
        if self.preset.currentIndex() != custom:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(custom)
            self.preset.blockSignals(False)
        self.changed.emit()
