"""Risk rules in the store: templates, versions, screening with indicator hits, the runaway
guard, review of indicator hits, statistics and the what-if."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from matching.rules import TEMPLATES, Condition, ListRef
from tests.workstation.accounts import auditor_of
from tests.workstation.rulecase import AFTER_JU211, import_ju211, rule, traveller_ids
from workstation.db.models import Hit
from workstation.db.store import Store
from workstation.errors import InvalidInputError
from workstation.services.audit import AuditFilter, list_events
from workstation.services.indicators import held_back_notices
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.review import confirm_hit, dismiss_hit, escalate_hit
from workstation.services.rulestore import (
    delete_rule_list,
    list_rule_lists,
    list_rules,
    load_rule,
    rule_statistics,
    save_rule,
    save_rule_list,
    set_rule_enabled,
)
from workstation.services.screening import screen_stored
from workstation.services.users import Approval
from workstation.services.views import Actor, HitView
from workstation.services.whatif import what_if

CASH = rule(Condition("payment_forms", "contains_any", ("cash",)), name="cash", weight=15)
CARD = rule(Condition("payment_forms", "contains_any", ("card",)), name="card", max_share=0.6)


@pytest.fixture
def ju211(any_store: Store, supervisor: Actor) -> Store:
    import_ju211(any_store, supervisor)
    return any_store


def _enable(store: Store, actor: Actor, approval: Approval, *rules: object) -> None:
    for r in rules:
        summary = save_rule(store, actor, r, approval=approval)  # type: ignore[arg-type]
        set_rule_enabled(store, actor, summary.name, True, approval=approval)


def _indicator_hits(store: Store, actor: Actor, name: str) -> list[HitView]:
    detail = open_traveller(store, actor, traveller_ids(store)[name])
    return [h for h in detail.hits if h.kind == "indicator"]


def test_the_templates_are_in_a_new_store_disabled_and_are_not_seeded_twice(
    any_store: Store, supervisor: Actor
) -> None:
    rules = list_rules(any_store, supervisor)
    assert sorted(r.name for r in rules) == sorted(t.name for t in TEMPLATES)
    assert not any(r.enabled for r in rules)
    assert {r.version for r in rules} == {1}
    reopened = Store(any_store.url)
    try:
        assert len(list_rules(reopened, supervisor)) == 13
    finally:
        reopened.close()
    assert {v.name for v in list_rule_lists(any_store, supervisor)} == {
        "source countries", "transit countries", "watched agencies"
    }  # fmt: skip


def test_screening_raises_one_indicator_hit_per_traveller_and_rule_with_its_explanation(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    _enable(ju211, supervisor, supervisor_approval, CASH)
    summary = screen_stored(ju211, supervisor)
    assert summary.indicator_hits == 1
    [hit] = _indicator_hits(ju211, supervisor, "KAYA EMRE")
    assert (hit.status, hit.score, hit.entry.watchlist) == ("open", 15.0, "Risk rules")
    assert hit.indicator is not None
    assert (hit.indicator.rule, hit.indicator.version) == ("cash", 1)
    assert [(line.text, line.held, line.actual) for line in hit.indicator.lines] == [
        ("all of:", True, "1 of 1 held"),
        ("Forms of payment: any of cash", True, "cash"),
    ]
    assert screen_stored(ju211, supervisor).indicator_hits == 0
    [flight] = list_flights(ju211, supervisor)
    assert (flight.indicator_hit_count, flight.open_hit_count) == (1, 1)
    [row] = [r for r in list_travellers(ju211, supervisor, flight.id) if r.surname == "KAYA"]
    assert row.hit_status == "open"


def test_an_edit_makes_a_new_version_and_old_hits_keep_the_version_that_raised_them(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    _enable(ju211, supervisor, supervisor_approval, CASH)
    screen_stored(ju211, supervisor)
    edited = replace(load_rule(ju211, supervisor, "cash"), weight=30, rationale="seizures in 2026")
    summary = save_rule(ju211, supervisor, edited, approval=supervisor_approval)
    assert (summary.version, summary.weight, summary.enabled) == (2, 30, True)
    screen_stored(ju211, supervisor)
    [hit] = _indicator_hits(ju211, supervisor, "KAYA EMRE")
    assert hit.indicator is not None
    assert (hit.indicator.version, hit.score) == (1, 15.0)
    assert load_rule(ju211, supervisor, "cash").version == 2


def test_indicator_hits_are_confirmed_dismissed_and_escalated_like_watchlist_hits(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    _enable(ju211, supervisor, supervisor_approval, CARD)
    screen_stored(ju211, supervisor)
    [marko] = _indicator_hits(ju211, supervisor, "JOVANOVIC MARKO")
    [anna] = _indicator_hits(ju211, supervisor, "JOVANOVIC ANNA")
    [emir] = _indicator_hits(ju211, supervisor, "HODZIC EMIR")
    assert confirm_hit(ju211, supervisor, marko.id, "baggage").status == "confirmed"
    assert dismiss_hit(ju211, supervisor, anna.id, "travels with her husband").status == "dismissed"
    assert escalate_hit(ju211, supervisor, emir.id, "agency office unknown").status == "escalated"
    stats = rule_statistics(ju211, supervisor)["card"]
    assert (stats.confirmed, stats.dismissed, stats.escalated) == (1, 1, 1)
    assert stats.hits == stats.open + 3
    [listed] = [r for r in list_rules(ju211, supervisor) if r.name == "card"]
    assert listed.statistics == stats


def test_a_rule_hitting_most_of_a_flight_is_held_back_and_the_supervisor_told(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    everyone = rule(Condition("route_countries", "contains_any", ("TUR",)), name="from Turkey")
    _enable(ju211, supervisor, supervisor_approval, everyone, CASH)
    summary = screen_stored(ju211, supervisor)
    assert summary.held_back == ("from Turkey on JU211",)
    assert summary.indicator_hits == 1  # only the cash rule's hit goes to review
    with ju211.transaction() as session:
        statuses = session.scalars(
            select(Hit.status).where(Hit.matched_name == "from Turkey")
        ).all()
    assert set(statuses) == {"held_back"} and len(statuses) == 15
    stats = rule_statistics(ju211, supervisor)["from Turkey"]
    assert (stats.hits, stats.held_back) == (0, 15)
    with ju211.transaction() as session:
        [notice] = held_back_notices(session)
    assert (notice.rule, notice.flight, notice.hits, notice.travellers) == (
        "from Turkey", "JU211", 15, 15
    )  # fmt: skip
    [event] = list_events(ju211, auditor_of(ju211), AuditFilter(action="rule_held_back"))
    assert event.details["hits"] == 15


def test_a_rule_whose_list_was_removed_cannot_be_enabled_and_says_why(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    save_rule_list(
        ju211,
        supervisor,
        "courier routes",
        "countries",
        ["col", "PER"],
        approval=supervisor_approval,
    )
    via = rule(Condition("route_countries", "contains_any", ListRef("courier routes")), name="via")
    save_rule(ju211, supervisor, via, approval=supervisor_approval)
    set_rule_enabled(ju211, supervisor, "via", True, approval=supervisor_approval)
    with pytest.raises(InvalidInputError, match="used by enabled rules \\(via\\)"):
        delete_rule_list(ju211, supervisor, "courier routes", approval=supervisor_approval)
    set_rule_enabled(ju211, supervisor, "via", False, approval=supervisor_approval)
    delete_rule_list(ju211, supervisor, "courier routes", approval=supervisor_approval)
    with pytest.raises(
        InvalidInputError, match="condition 1: list 'courier routes' is not defined"
    ):
        set_rule_enabled(ju211, supervisor, "via", True, approval=supervisor_approval)
    [listed] = [r for r in list_rules(ju211, supervisor) if r.name == "via"]
    assert listed.problems == ("condition 1: list 'courier routes' is not defined",)


def test_a_rule_without_a_rationale_is_not_saved(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    with pytest.raises(InvalidInputError, match="rationale is empty"):
        save_rule(ju211, supervisor, replace(CASH, rationale=" "), approval=supervisor_approval)


def test_what_if_counts_what_a_hand_count_finds_and_writes_no_hit(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    _enable(ju211, supervisor, supervisor_approval, CASH)
    screen_stored(ju211, supervisor)
    [kaya] = _indicator_hits(ju211, supervisor, "KAYA EMRE")
    confirm_hit(ju211, supervisor, kaya.id, "gate")
    # by hand from the PNR files: card payments on the bookings of JOVANOVIC (2 travellers),
    # PETROVIC (NIKOLA, JELENA, LUKA, MILA) and HODZIC; KAYA paid cash, O'BRIEN "miscellaneous"
    result = what_if(ju211, supervisor, CARD, days=2, now=AFTER_JU211)
    assert (result.hit_count, result.travellers) == (7, 15)
    assert result.flights == (("JU211 2026-11-23", 7),)
    assert result.later_confirmed == 0
    assert result.held_back == ()  # 7 of 15 is within its max share of 0.6
    broad = what_if(ju211, supervisor, replace(CARD, max_share=0.2), days=2, now=AFTER_JU211)
    assert broad.held_back == ("JU211 2026-11-23",)  # but more than a fifth
    cash = what_if(ju211, supervisor, "cash", days=2, now=AFTER_JU211)
    assert (cash.hit_count, cash.later_confirmed, cash.held_back) == (1, 1, ())
    assert (
        what_if(ju211, supervisor, "cash", days=1, now=AFTER_JU211.replace(day=25)).hit_count == 0
    )
    with ju211.transaction() as session:
        assert session.scalars(select(Hit.id).where(Hit.matched_name == "card")).all() == []
    assert len(list_events(ju211, auditor_of(ju211), AuditFilter(action="what_if"))) == 4


def test_a_flight_imported_after_screening_is_screened_by_the_rules_on_import(
    any_store: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    _enable(any_store, supervisor, supervisor_approval, CASH)
    import_ju211(any_store, supervisor)
    [flight] = list_flights(any_store, supervisor)
    assert screen_stored(any_store, supervisor, flight_ids=[flight.id]).indicator_hits == 1
