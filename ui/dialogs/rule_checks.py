"""Trying a draft rule from its dialog: on one stored traveller found by search (which
conditions held, plainly), and on the flights of the last days (what-if, in the background)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from matching.rules import Rule
from ui.errors import call_service, show_error
from ui.i18n import _
from ui.jobs import JobRunner
from workstation.db.store import Store
from workstation.progress import CancelToken, ProgressCallback
from workstation.services.ruleviews import RuleTest, WhatIf
from workstation.services.travellers import search_travellers
from workstation.services.views import Actor
from workstation.services.whatif import try_on_traveller, what_if


def test_text(test: RuleTest) -> str:
    """A traveller's test, one line per group and condition: ✓ held, ✗ did not."""
    head = _("The rule holds for {who}.") if test.held else _("The rule does not hold for {who}.")
    lines = [head.format(who=test.traveller), ""]
    for line in test.lines:
        mark = "✓" if line.held else "✗"
        lines.append(f"{'    ' * line.depth}{mark} {line.text}  —  {line.actual}")
    return "\n".join(lines)


def what_if_text(result: WhatIf) -> str:
    lines = [
        _(
            "{hits} of {travellers} passengers of the last {days} days would have been hit, "
            "on {flights} flights; {confirmed} of them were later flagged for control."
        ).format(
            hits=result.hit_count,
            travellers=result.travellers,
            days=result.days,
            flights=len(result.flights),
            confirmed=result.later_confirmed,
        )
    ]
    for flight, n in result.flights[:30]:
        held = _("  (held back: too broad)") if flight in result.held_back else ""
        lines.append(f"  {flight}: {n}{held}")
    if len(result.flights) > 30:
        lines.append(_("  … and {n} more flights").format(n=len(result.flights) - 30))
    return "\n".join(lines)


class RuleChecks(QWidget):
    def __init__(self, store: Store | None, actor: Actor | None, draft: Callable[[], Rule]) -> None:
        super().__init__()
        self.store, self.actor, self.draft = store, actor, draft
        self.jobs = JobRunner(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name, document or booking reference"))
        self.find_button = QPushButton(_("Find"))
        self.found = QComboBox()
        self.test_button = QPushButton(_("Test against this traveller"))
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(30)
        self.days.setPrefix(_("last "))
        self.days.setSuffix(_(" days"))
        self.what_if_button = QPushButton(_("What-if"))
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setPlaceholderText(
            _("Test the rule on a stored traveller, or run a what-if on the last days' flights.")
        )
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.find_button)
        test_box = QGroupBox(_("Test against a traveller"))
        test_layout = QVBoxLayout(test_box)
        test_layout.addLayout(search_row)
        test_layout.addWidget(self.found)
        test_layout.addWidget(self.test_button)
        what_box = QGroupBox(_("What-if"))
        what_layout = QHBoxLayout(what_box)
        what_layout.addWidget(self.days)
        what_layout.addWidget(self.what_if_button)
        what_layout.addStretch(1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(test_box)
        layout.addWidget(what_box)
        layout.addWidget(self.status)
        layout.addWidget(self.result, 1)
        self.find_button.clicked.connect(self._on_find_clicked)
        self.search.returnPressed.connect(self._on_find_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.what_if_button.clicked.connect(self._on_what_if_clicked)
        self.jobs.failed.connect(self._on_jobs_failed)
        self._valid: bool = False
        self.jobs.idle.connect(lambda: self.set_valid(self._valid))
        self.setEnabled(store is not None and actor is not None)

    def set_valid(self, valid: bool) -> None:
        self._valid = valid
        self.test_button.setEnabled(valid and self.found.count() > 0)
        self.what_if_button.setEnabled(valid and not self.jobs.busy)

    def stop(self) -> None:
        self.jobs.shutdown()

    @Slot()
    def _on_find_clicked(self) -> None:
        if self.store is None or self.actor is None or not self.search.text().strip():
            return
        rows = call_service(
            self, search_travellers, self.store, self.actor, self.search.text(), limit=50
        )
        self.found.clear()
        for r in rows or []:
            when = r.departure.strftime("%Y-%m-%d") if r.departure else ""
            self.found.addItem(f"{r.surname}, {r.given_names} — {r.flight} {when}", r.id)
        self.status.setText(_("Travellers found: {n}").format(n=self.found.count()))
        self.set_valid(self._valid)

    @Slot()
    def _on_test_clicked(self) -> None:
        traveller = self.found.currentData()
        if self.store is None or self.actor is None or traveller is None:
            return
        test = call_service(
            self, try_on_traveller, self.store, self.actor, self.draft(), int(traveller)
        )
        if test is not None:
            self.result.setPlainText(test_text(test))

    @Slot()
    def _on_what_if_clicked(self) -> None:
        store, actor, rule, days = self.store, self.actor, self.draft(), self.days.value()
        if store is None or actor is None:
            return

        def run(progress: ProgressCallback, cancel: CancelToken) -> WhatIf:
            return what_if(store, actor, rule, days, progress=progress, cancel=cancel)

        self.status.setText(_("Trying the rule on the last {n} days…").format(n=days))
        self.what_if_button.setEnabled(False)
        self.jobs.start(run, _("What-if"), on_done=self._on_what_if_done, writes=False)

    def _on_what_if_done(self, result: object) -> None:
        if isinstance(result, WhatIf):
            self.status.setText(_("What-if done."))
            self.result.setPlainText(what_if_text(result))

    @Slot(object)
    def _on_jobs_failed(self, exc: object) -> None:
        self.status.setText("")
        if isinstance(exc, Exception):
            show_error(self, exc)
