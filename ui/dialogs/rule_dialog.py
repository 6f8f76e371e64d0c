"""Writing or editing a risk rule with forms and pickers, never code.

The rule is checked as it is written (``matching.rules.validate``): OK stays disabled until it
is valid. A supervisor can try the draft on one stored traveller (which conditions held) and
on the last days' flights (what-if, run in the background). Saving an edit makes a new version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from matching.rules import DEFAULT_MAX_SHARE, Group, Rule, validate
from ui.dialogs.buttons import ok_cancel
from ui.dialogs.rule_checks import RuleChecks
from ui.i18n import _
from ui.views.condition_editor import GroupEditor
from workstation.db.store import Store
from workstation.services.views import Actor

Lists = Mapping[str, Sequence[str]]


class _DateChoice(QWidget):
    """An optional date: a tick box and a date."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.used = QCheckBox(label)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.used)
        layout.addWidget(self.day)
        self.used.toggled.connect(self.day.setEnabled)

    def value(self) -> date | None:
        if not self.used.isChecked():
            return None
        return date.fromisoformat(self.day.date().toString("yyyy-MM-dd"))

    def set_value(self, value: date | None) -> None:
        self.used.setChecked(value is not None)
        if value is not None:
            self.day.setDate(QDate(value.year, value.month, value.day))


class RuleDialog(QDialog):
    def __init__(
        self,
        existing: Rule | None = None,
        lists: Lists | None = None,
        store: Store | None = None,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.existing = existing
        self.lists: Lists = dict(lists or {})
        title = _("New risk rule") if existing is None else _("Edit rule “{name}”")
        self.setWindowTitle(title.format(name=existing.name if existing else ""))
        self.conditions = GroupEditor(sorted(self.lists))
        self.checks = RuleChecks(store, actor, self.rule)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_form())
        splitter.addWidget(self.checks)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([930, 420])
        self.problems = QLabel()
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a40000;")
        buttons, self.ok_button = ok_cancel(self, _("Save rule"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        if existing is not None:
            self._fill(existing)
        else:
            self.conditions.add_condition()
        for signal in (
            self.name.textChanged,
            self.rationale.textChanged,
            self.weight.valueChanged,
            self.max_share.valueChanged,
            self.effective_from.used.toggled,
            self.effective_from.day.dateChanged,
            self.effective_until.used.toggled,
            self.effective_until.day.dateChanged,
            self.conditions.changed,
        ):
            signal.connect(self._on_rule_changed)
        self._on_rule_changed()
        self.resize(1300, 760)

    def _build_form(self) -> QWidget:
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Cash ticket, one way, booked late"))
        self.name.setReadOnly(self.existing is not None)  # a rule is known by its name
        self.description = QLineEdit()
        self.description.setPlaceholderText(_("What the rule looks for, in one sentence"))
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText(
            _("Required: why this pattern points to a risk (seizures, intelligence reports…)")
        )
        self.rationale.setTabChangesFocus(True)
        self.rationale.setMaximumHeight(70)
        self.owner = QLineEdit()
        self.weight = QSpinBox()
        self.weight.setRange(1, 100)
        self.weight.setValue(10)
        self.weight.setToolTip(_("Added to the traveller's risk score when the rule holds"))
        self.max_share = QDoubleSpinBox()
        self.max_share.setRange(1, 100)
        self.max_share.setSuffix(" %")
        self.max_share.setDecimals(0)
        self.max_share.setValue(DEFAULT_MAX_SHARE * 100)
        self.max_share.setToolTip(
            _(
                "Runaway guard: when the rule hits more than this share of a flight, its hits "
                "there are held back"
            )
        )
        self.effective_from = _DateChoice(_("from"))
        self.effective_until = _DateChoice(_("until"))
        period = QHBoxLayout()
        period.addWidget(self.effective_from)
        period.addWidget(self.effective_until)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Description"), self.description)
        form.addRow(_("Rationale"), self.rationale)
        form.addRow(_("Owner"), self.owner)
        numbers = QHBoxLayout()
        numbers.addWidget(self.weight)
        numbers.addWidget(QLabel(_("Hold back above")))
        numbers.addWidget(self.max_share)
        numbers.addStretch(1)
        form.addRow(_("Weight"), numbers)
        form.addRow(_("In force"), period)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.conditions)
        box = QGroupBox(_("Conditions"))
        inner = QVBoxLayout(box)
        inner.addWidget(scroll)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(box, 1)
        return page

    def _fill(self, rule: Rule) -> None:
        self.name.setText(rule.name)
        self.description.setText(rule.description)
        self.rationale.setPlainText(rule.rationale)
        self.owner.setText(rule.owner)
        self.weight.setValue(rule.weight)
        self.max_share.setValue(rule.max_share * 100)
        self.effective_from.set_value(rule.effective_from)
        self.effective_until.set_value(rule.effective_until)
        self.conditions.set_group(rule.root)

    def rule(self) -> Rule:
        base = self.existing or Rule(name="", weight=1, root=Group("all", ()))
        return replace(
            base,
            name=self.name.text().strip(),
            description=self.description.text().strip(),
            rationale=self.rationale.toPlainText().strip(),
            owner=self.owner.text().strip(),
            weight=self.weight.value(),
            max_share=round(self.max_share.value() / 100, 4),
            effective_from=self.effective_from.value(),
            effective_until=self.effective_until.value(),
            root=self.conditions.group(),
        )

    def problems_now(self) -> list[str]:
        return validate(self.rule(), self.lists)

    @Slot()
    def _on_rule_changed(self) -> None:
        problems = self.problems_now()
        self.ok_button.setEnabled(not problems)
        self.checks.set_valid(not problems)
        self.problems.setText("\n".join(problems[:6]) + ("\n…" if len(problems) > 6 else ""))

    def done(self, result: int) -> None:
        self.checks.stop()
        super().done(result)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        existing: Rule | None = None,
        lists: Lists | None = None,
        store: Store | None = None,
        actor: Actor | None = None,
    ) -> Rule | None:
        """The rule written (valid), or None when cancelled."""
        dialog = cls(existing, lists, store, actor, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.rule() if accepted else None
