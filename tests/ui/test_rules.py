"""Risk rules in the UI: the authoring dialog's forms and validation, the rules tab, and an
indicator hit in the officer's review."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from matching.rules import Condition, Group, ListRef, Rule
from tests.ui.conftest import PASSWORD, Reauth, WindowFactory, account
from tests.workstation.rulecase import import_ju211
from ui.dialogs import enable_rule_dialog
from ui.dialogs.rule_checks import what_if_text
from ui.dialogs.rule_dialog import RuleDialog
from ui.models.rules_model import RulesModel
from ui.session import with_approval
from ui.supervisor_window import SupervisorWindow
from ui.views.condition_editor import ConditionRow
from workstation.db.store import Store
from workstation.services.audit import AuditFilter, list_events
from workstation.services.queries import list_flights, list_travellers
from workstation.services.rulestore import list_rules, save_rule, set_rule_enabled
from workstation.services.screening import screen_stored
from workstation.services.users import approve
from workstation.services.views import Actor
from workstation.services.whatif import WhatIf

LISTS = {"source countries": ("COL", "PER")}


@pytest.fixture
def ju211_store(file_store: Store, actor: Actor) -> Store:
    import_ju211(file_store, actor)
    return file_store


@pytest.fixture
def supervisor(file_store: Store) -> Actor:
    return account(file_store, "supervisor.ilic", "supervisor", "Marija Ilić")


def _fill(dialog: RuleDialog, name: str = "cash, late") -> None:
    dialog.name.setText(name)
    dialog.rationale.setPlainText("Seizures this year: cash tickets bought at short notice.")
    dialog.weight.setValue(30)
    [row] = dialog.conditions.items()
    assert isinstance(row, ConditionRow)
    row.field.setCurrentIndex(row.field.findData("payment_forms"))
    assert row.value.codes is not None
    row.value.codes.set_codes(["cash"])
    late = dialog.conditions.add_condition()
    late.field.setCurrentIndex(late.field.findData("booking_lead_hours"))
    late.operator.setCurrentIndex(late.operator.findData("less_than"))
    late.value.set_value(48)


def test_the_dialog_offers_only_a_field_s_operators_and_keeps_ok_off_until_valid(
    qtbot: QtBot,
) -> None:
    dialog = RuleDialog(None, LISTS)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "rationale is empty: say why this pattern points to a risk" in dialog.problems.text()
    [row] = dialog.conditions.items()
    assert isinstance(row, ConditionRow)
    row.field.setCurrentIndex(row.field.findData("one_way"))
    ops = [row.operator.itemData(n) for n in range(row.operator.count())]
    assert ops == ["is_true", "is_false"]
    row.field.setCurrentIndex(row.field.findData("route_countries"))
    assert row.value.source is not None
    assert row.value.source.findData("source countries") > 0
    assert "condition 1: operator 'contains_any' needs a named list or at least one text value" in (
        dialog.problems.text()
    )
    _fill(dialog)
    assert dialog.ok_button.isEnabled(), dialog.problems.text()
    assert dialog.rule().root == Group(
        "all",
        (
            Condition("payment_forms", "contains_any", ("cash",)),
            Condition("booking_lead_hours", "less_than", 48),
        ),
    )
    dialog.rationale.setPlainText("")
    assert not dialog.ok_button.isEnabled()


def test_an_existing_rule_comes_back_from_the_forms_unchanged(qtbot: QtBot) -> None:
    rule = Rule(
        name="courier",
        weight=25,
        rationale="seizures",
        owner="unit",
        version=3,
        root=Group(
            "all",
            (
                Condition("route_countries", "contains_any", ListRef("source countries")),
                Group(
                    "any",
                    (
                        Condition("bag_weight_kg", "between", (20, 60)),
                        Condition("trips_in_window", "count_at_least", (3, 30)),
                        Condition("one_way", "is_true"),
                    ),
                ),
            ),
        ),
    )
    dialog = RuleDialog(rule, LISTS)
    qtbot.addWidget(dialog)
    assert dialog.rule() == rule
    assert dialog.name.isReadOnly()


def test_a_rule_is_written_tested_on_a_traveller_tried_and_enabled_through_the_ui(
    qtbot: QtBot,
    ju211_store: Store,
    supervisor: Actor,
    auditor: Actor,
    reauth: Reauth,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = SupervisorWindow(ju211_store, supervisor)
    qtbot.addWidget(desk)
    desk.show_tab(desk.rules_view)
    assert desk.rules_view.model.rowCount() == 13

    def write(parent: object, existing: object, lists: object, store: Store, actor: Actor) -> Rule:
        dialog = RuleDialog(None, {}, store, actor)
        qtbot.addWidget(dialog)
        _fill(dialog)
        checks = dialog.checks
        checks.search.setText("KAYA")
        checks._on_find_clicked()
        assert checks.found.count() == 1
        checks._on_test_clicked()
        assert checks.result.toPlainText().startswith("The rule holds for KAYA, EMRE (JU211")
        assert "✓ Booked before departure is less than 48 hours  —  26.72 hours" in (
            checks.result.toPlainText()
        )
        checks.days.setValue(3650)
        with qtbot.waitSignal(checks.jobs.idle, timeout=10_000):
            checks._on_what_if_clicked()
        assert checks.result.toPlainText().startswith(
            "1 of 15 passengers of the last 3650 days would have been hit, on 1 flights"
        )
        dialog.done(1)
        return dialog.rule()

    monkeypatch.setattr(RuleDialog, "ask", staticmethod(write))
    desk.rules_view._on_new_clicked()
    assert desk.rules_view.current() is not None
    assert desk.rules_view.current().name == "cash, late"  # type: ignore[union-attr]
    asked: list[bool] = []
    monkeypatch.setattr(
        enable_rule_dialog, "ask", lambda _p, _r, enable: asked.append(enable) or True
    )
    desk.rules_view._on_toggle_clicked()
    assert asked == [True]
    [made] = [r for r in list_rules(ju211_store, supervisor) if r.name == "cash, late"]
    assert (made.enabled, made.version, made.weight) == (True, 1, 30)
    assert desk.rules_view.toggle_button.text() == "Disable…"
    assert reauth.asked == ["Confirm with your password"] * 2  # saved, then enabled
    [event] = list_events(ju211_store, auditor, AuditFilter(action="enable_rule"))
    assert event.username == "supervisor.ilic"
    desk.close()


def test_the_rules_model_passes_the_model_tester(
    qtmodeltester: ModelTester, file_store: Store, actor: Actor
) -> None:
    model = RulesModel()
    model.set_rows(list_rules(file_store, actor))
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_an_indicator_hit_shows_its_rule_and_explanation_instead_of_a_listed_person(
    make_window: WindowFactory, ju211_store: Store, actor: Actor
) -> None:
    cash = Rule(
        name="cash",
        weight=15,
        rationale="cash leaves no trail",
        root=Group("all", (Condition("payment_forms", "contains_any", ("cash",)),)),
    )
    approval = approve(ju211_store, actor, PASSWORD, "Rule review 2025/7")
    save_rule(ju211_store, actor, cash, **with_approval(save_rule, approval))
    set_rule_enabled(ju211_store, actor, "cash", True, **with_approval(set_rule_enabled, approval))
    screen_stored(ju211_store, actor)
    window = make_window(ju211_store, actor)
    [flight] = list_flights(ju211_store, actor)
    [kaya] = [r for r in list_travellers(ju211_store, actor, flight.id) if r.surname == "KAYA"]
    review = window.review_view
    review.show_traveller(kaya.id)
    assert review.entry_line.text() == "Risk rule “cash” · version 1 · weight 15"
    assert "✓ Forms of payment: any of cash  —  cash" in review.handling.text()
    assert review.comparison.isHidden()
    assert review.flag_action.isEnabled()


def test_the_what_if_result_reads_per_flight_and_marks_held_back_flights() -> None:
    text = what_if_text(WhatIf("r", 7, 40, 9, (("JU211 2026-11-23", 9),), 2, ("JU211 2026-11-23",)))
    assert text.splitlines() == [
        "9 of 40 passengers of the last 7 days would have been hit, on 1 flights; 2 of them "
        "were later flagged for control.",
        "  JU211 2026-11-23: 9  (held back: too broad)",
    ]
