"""A rule's conditions as a tree of forms: groups (all of / any of) holding conditions and
groups. A condition is a field picker (from ``matching.rules.FIELDS``, by section, with labels),
an operator picker (the field's operators, in words) and a value form fitting both."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from matching.rules import FIELDS, Condition, Group
from ui.i18n import _
from ui.views.value_editor import ValueEditor

OPERATOR_WORDS = {
    "equals": "is",
    "not_equals": "is not",
    "in_list": "is one of",
    "not_in_list": "is none of",
    "between": "is between",
    "less_than": "is less than",
    "greater_than": "is more than",
    "at_most": "is at most",
    "at_least": "is at least",
    "before": "is before",
    "after": "is after",
    "count_at_least": "at least",
    "is_true": "yes",
    "is_false": "no",
    "contains_any": "includes any of",
}
MODES = (("all", "All of these hold"), ("any", "Any of these holds"))


class ConditionRow(QWidget):
    changed = Signal()
    remove_requested = Signal(QWidget)

    def __init__(self, lists: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QComboBox()
        self.field.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.field.setMinimumContentsLength(25)
        for spec in sorted(FIELDS.values(), key=lambda s: s.section):
            self.field.addItem(f"{_(spec.section)} · {_(spec.label)}", spec.name)
        self.operator = QComboBox()
        self.value = ValueEditor(lists)
        remove = QPushButton(_("Remove"))
        remove.setToolTip(_("Remove this condition"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.operator)
        layout.addWidget(self.value, 1)
        layout.addWidget(remove)
        self.field.currentIndexChanged.connect(self._on_field_changed)
        self.operator.currentIndexChanged.connect(self._on_operator_changed)
        self.value.changed.connect(self.changed)
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self._on_field_changed()

    def condition(self) -> Condition:
        return Condition(
            str(self.field.currentData()), str(self.operator.currentData()), self.value.value()
        )

    def set_condition(self, condition: Condition) -> None:
        at = self.field.findData(condition.field)
        if at >= 0:
            self.field.setCurrentIndex(at)
        at = self.operator.findData(condition.operator)
        if at >= 0:
            self.operator.setCurrentIndex(at)
        self.value.set_value(condition.value)

    @Slot()
    def _on_field_changed(self) -> None:
        spec = FIELDS[str(self.field.currentData())]
        self.operator.blockSignals(True)
        self.operator.clear()
        for op in spec.operators:
            self.operator.addItem(_(OPERATOR_WORDS[op]), op)
        self.operator.blockSignals(False)
        self._on_operator_changed()

    @Slot()
    def _on_operator_changed(self) -> None:
        spec = FIELDS[str(self.field.currentData())]
        self.value.configure(spec, str(self.operator.currentData()))
        self.changed.emit()


class GroupEditor(QFrame):
    """A group of conditions and groups; ``nested`` groups can be removed."""

    changed = Signal()
    remove_requested = Signal(QWidget)

    def __init__(
        self, lists: Sequence[str], *, nested: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lists = tuple(lists)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.mode = QComboBox()
        for code, text in MODES:
            self.mode.addItem(_(text), code)
        add_condition = QPushButton(_("Add condition"))
        add_group = QPushButton(_("Add group"))
        head = QHBoxLayout()
        head.addWidget(self.mode)
        head.addStretch(1)
        head.addWidget(add_condition)
        head.addWidget(add_group)
        if nested:
            remove = QPushButton(_("Remove group"))
            remove.clicked.connect(lambda: self.remove_requested.emit(self))
            head.addWidget(remove)
        self.items_layout = QVBoxLayout()
        self.items_layout.setContentsMargins(16, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.items_layout)
        layout.addStretch(1)
        self.mode.currentIndexChanged.connect(self.changed)
        add_condition.clicked.connect(self.add_condition)
        add_group.clicked.connect(self.add_group)

    def items(self) -> list[ConditionRow | GroupEditor]:
        found = []
        for n in range(self.items_layout.count()):
            item = self.items_layout.itemAt(n)
            widget = item.widget() if item is not None else None
            if isinstance(widget, ConditionRow | GroupEditor):
                found.append(widget)
        return found

    def group(self) -> Group:
        return Group(
            "any" if self.mode.currentData() == "any" else "all",
            tuple(
                i.condition() if isinstance(i, ConditionRow) else i.group() for i in self.items()
            ),
        )

    def set_group(self, group: Group) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(group.mode)))
        for item in group.items:
            if isinstance(item, Group):
                self.add_group().set_group(item)
            else:
                self.add_condition().set_condition(item)

    @Slot()
    def add_condition(self) -> ConditionRow:
        row = ConditionRow(self.lists)
        self._add(row)
        return row

    @Slot()
    def add_group(self) -> GroupEditor:
        inner = GroupEditor(self.lists, nested=True)
        self._add(inner)
        return inner

    def _add(self, widget: ConditionRow | GroupEditor) -> None:
        self.items_layout.addWidget(widget)
        widget.changed.connect(self.changed)
        widget.remove_requested.connect(self._on_item_remove_requested)
        self.changed.emit()

    @Slot(QWidget)
    def _on_item_remove_requested(self, widget: QWidget) -> None:
        self.items_layout.removeWidget(widget)
        widget.hide()
        widget.setParent(None)
        widget.deleteLater()
        self.changed.emit()
