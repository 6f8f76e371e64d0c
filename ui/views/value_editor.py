"""The value of one rule condition, edited by a form fitting the field's kind and operator:
numbers with their unit, dates, trips in a window of days, or codes (typed, picked, or a named
list of the unit). Never code: the supervisor fills in forms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QTimeZone, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from matching.rules import FieldSpec, ListRef, Value
from ui.i18n import _
from ui.views.codes_picker import CodesPicker

LIST_OPERATORS = ("in_list", "not_in_list", "contains_any")
_COUNTRY_FIELDS = ("route_countries", "nationality", "document_issuing_state", "agency_country")
_AIRPORT_FIELDS = ("origin", "destination", "transit_airports")


def picker_kind(field: str) -> str:
    if field in _COUNTRY_FIELDS:
        return "countries"
    if field in _AIRPORT_FIELDS:
        return "airports"
    if field == "payment_forms":
        return "payment"
    return ""


class ValueEditor(QWidget):
    """Rebuilt by :meth:`configure` for a field and operator; :meth:`value` gives the value."""

    changed = Signal()

    def __init__(self, lists: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lists = tuple(lists)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._parts: list[QWidget] = []
        self._spec: FieldSpec | None = None
        self._operator = ""
        self.source: QComboBox | None = None
        self.codes: CodesPicker | None = None

    def configure(self, spec: FieldSpec, operator: str) -> None:
        if self._spec == spec and self._operator == operator:
            return
        self._spec, self._operator = spec, operator
        while self._layout.count():
            item = self._layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self._parts = []
        self.source, self.codes = None, None
        if operator in ("is_true", "is_false"):
            return
        if operator in LIST_OPERATORS:
            self._build_list(spec)
            return
        if operator == "count_at_least":
            self._add(_spin(1, 999, 3), QLabel(_("trips in the last")), _spin(1, 3650, 30))
            self._add(QLabel(_("days")))
        elif operator == "between":
            self._add(self._scalar(spec), QLabel(_("and")), self._scalar(spec))
        else:
            self._add(self._scalar(spec))
        self._layout.addStretch(0)

    def value(self) -> Value:
        op = self._operator
        if op in ("is_true", "is_false") or self._spec is None:
            return None
        if op in LIST_OPERATORS:
            assert self.source is not None and self.codes is not None
            chosen = self.source.currentData()
            return ListRef(str(chosen)) if chosen else self.codes.codes()
        values = [_read(p) for p in self._parts if not isinstance(p, QLabel)]
        if op in ("between", "count_at_least"):
            return tuple(values)
        return values[0] if values else None

    def set_value(self, value: Value) -> None:
        if self._operator in LIST_OPERATORS and self.source and self.codes:
            if isinstance(value, ListRef):
                at = self.source.findData(value.name)
                if at < 0:  # a list since removed: shown, so validation can say so
                    self.source.addItem(_("list: {name}").format(name=value.name), value.name)
                    at = self.source.count() - 1
                self.source.setCurrentIndex(at)
            elif isinstance(value, tuple):
                self.codes.set_codes([str(v) for v in value])
            return
        editors = [p for p in self._parts if not isinstance(p, QLabel)]
        values = value if isinstance(value, tuple) else (value,)
        for editor, one in zip(editors, values, strict=False):
            _write(editor, one)

    def _build_list(self, spec: FieldSpec) -> None:
        self.source = QComboBox()
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(12)
        self.source.addItem(_("these:"), "")
        for name in self.lists:
            self.source.addItem(_("list: {name}").format(name=name), name)
        self.codes = CodesPicker(picker_kind(spec.name))
        self._add(self.source)
        self._add(self.codes, stretch=1)
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.codes.changed.connect(self.changed)

    @Slot()
    def _on_source_changed(self) -> None:
        if self.source is not None and self.codes is not None:
            self.codes.setEnabled(not self.source.currentData())
        self.changed.emit()

    def _scalar(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "number":
            box = QDoubleSpinBox()
            box.setRange(-1_000_000, 1_000_000)
            box.setDecimals(1)
            if spec.unit:
                box.setSuffix(f" {_(spec.unit)}")
            return box
        if spec.kind == "date":
            edit = QDateEdit(QDate.currentDate())
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            return edit
        if spec.kind == "datetime":
            when = QDateTimeEdit(QDateTime.currentDateTimeUtc())
            when.setTimeZone(QTimeZone.utc())
            when.setDisplayFormat("yyyy-MM-dd HH:mm 'UTC'")
            when.setCalendarPopup(True)
            return when
        line = QLineEdit()
        line.setPlaceholderText(_("code"))
        return line

    def _add(self, *parts: QWidget, stretch: int = 0) -> None:
        for part in parts:
            self._layout.addWidget(part, stretch)
            self._parts.append(part)
            for signal in ("valueChanged", "dateChanged", "dateTimeChanged", "textChanged"):
                if hasattr(part, signal):
                    getattr(part, signal).connect(self.changed)
                    break


def _spin(low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box


def _read(editor: QWidget) -> Value:
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QDoubleSpinBox):
        number = editor.value()
        return int(number) if number.is_integer() else number
    if isinstance(editor, QDateEdit):
        return date.fromisoformat(editor.date().toString("yyyy-MM-dd"))
    if isinstance(editor, QDateTimeEdit):
        seconds = editor.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(seconds, UTC)
    if isinstance(editor, QLineEdit):
        return editor.text().strip()
    return None


def _write(editor: QWidget, value: Value) -> None:
    if isinstance(editor, QSpinBox) and isinstance(value, int):
        editor.setValue(value)
    elif isinstance(editor, QDoubleSpinBox) and isinstance(value, int | float):
        editor.setValue(float(value))
    elif isinstance(editor, QDateEdit) and isinstance(value, date):
        editor.setDate(QDate(value.year, value.month, value.day))
    elif isinstance(editor, QDateTimeEdit) and isinstance(value, datetime):
        editor.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.utc()))
    elif isinstance(editor, QLineEdit) and isinstance(value, str):
        editor.setText(value)
