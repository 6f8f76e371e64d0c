"""Compiled rule sets: all/any nesting, hits with explanations, dates, and the runaway guard."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.rules import (
    TEMPLATE_LISTS,
    TEMPLATES,
    Condition,
    Group,
    ListRef,
    RuleSet,
    TravelFacts,
    evaluate,
    risk_score,
    runaway,
)
from tests.matching.rules.build import DEPARTURE, facts, rule_of

CASH = Condition("payment_forms", "contains_any", ("cash",))
ONE_WAY = Condition("one_way", "is_true")
LATE = Condition("booking_lead_hours", "less_than", 48)
LISTS = {"source countries": {"COL"}, "transit countries": {"ESP"}, "watched agencies": {"99"}}


@pytest.mark.parametrize(
    ("cash", "one_way", "late", "held"),
    [
        (True, True, False, True),
        (True, False, True, True),
        (True, False, False, False),
        (False, True, True, False),
    ],
)
def test_nested_all_of_any_holds_only_when_both_levels_do(
    cash: bool, one_way: bool, late: bool, held: bool
) -> None:
    rule = rule_of(CASH, Group("any", (ONE_WAY, LATE)))
    traveller = facts(
        payment_forms=frozenset({"cash"} if cash else {"card"}),
        one_way=one_way,
        booking_lead_hours=10 if late else 200,
    )
    result = evaluate(rule, traveller, LISTS)
    assert result.held is held
    assert result.score == (10 if held else 0)
    assert [(c.text, c.held, c.depth) for c in result.explanation] == [
        ("all of:", held, 0),
        ("Forms of payment: any of cash", cash, 1),
        ("any of:", one_way or late, 1),
        ("One-way ticket: yes", one_way, 2),
        ("Booked before departure is less than 48 hours", late, 2),
    ]


def test_a_rule_set_returns_only_the_rules_that_held_with_their_reasons() -> None:
    cash = rule_of(CASH, name="cash", weight=15)
    one_way = rule_of(ONE_WAY, name="one way", weight=10)
    route = rule_of(
        Condition("route_countries", "contains_any", ListRef("source countries")),
        name="route",
        weight=25,
    )
    rules = RuleSet([cash, one_way, route], LISTS)
    hits = rules.evaluate(facts(payment_forms=frozenset({"CASH"}), route_countries={"COL"}))
    assert [(h.rule, h.version, h.weight) for h in hits] == [("cash", 1, 15), ("route", 1, 25)]
    assert risk_score(hits) == 40
    assert hits[1].explanation[1].actual == "COL"
    assert hits[1].explanation[1].text == "Countries on the route: any on list 'source countries'"


def test_disabled_rules_are_left_out_unless_asked_for() -> None:
    draft = rule_of(ONE_WAY, enabled=False)
    traveller = facts(one_way=True)
    assert RuleSet([draft], LISTS).evaluate(traveller) == []
    assert RuleSet([draft], {}).rules == ()  # a disabled rule is not even validated
    assert len(RuleSet([draft], LISTS, include_disabled=True).evaluate(traveller)) == 1


def test_two_rules_with_one_name_are_refused() -> None:
    with pytest.raises(ValueError, match="rule names must be unique: twin"):
        RuleSet([rule_of(ONE_WAY, name="twin"), rule_of(CASH, name="twin")], LISTS)


def test_a_rule_applies_only_to_flights_within_its_effective_dates() -> None:
    dated = rule_of(ONE_WAY, effective_from=date(2025, 3, 1), effective_until=DEPARTURE.date())
    rules = RuleSet([dated], LISTS)
    on_last_day = facts(one_way=True, departure=DEPARTURE.replace(hour=23, minute=59))
    day_after = facts(one_way=True, departure=DEPARTURE + timedelta(days=1))
    day_before_start = facts(one_way=True, departure=datetime(2025, 2, 28, 23, tzinfo=UTC))
    undated = TravelFacts(one_way=True)
    hits = rules.evaluate_many([on_last_day, day_after, day_before_start, undated])
    assert [len(h) for h in hits] == [1, 0, 0, 1]


def test_hits_without_explanations_and_counts_agree_with_full_hits() -> None:
    rules = RuleSet([rule_of(ONE_WAY, name="a"), rule_of(CASH, name="b")], LISTS)
    travellers = [
        facts(one_way=i % 2 == 0, payment_forms={"cash"} if i % 3 else set()) for i in range(12)
    ]
    full = rules.evaluate_many(travellers)
    bare = rules.evaluate_many(travellers, explain=False)
    assert [[h.rule for h in t] for t in full] == [[h.rule for h in t] for t in bare]
    assert all(h.explanation == () for t in bare for h in t)
    assert rules.count_hits(travellers) == {"a": 6, "b": 8}


def test_trip_windows_name_every_window_the_rules_need() -> None:
    rules = RuleSet(
        [
            rule_of(Condition("trips_in_window", "count_at_least", (3, 30)), name="a"),
            rule_of(Condition("trips_in_window", "count_at_least", (8, 90)), name="b"),
            rule_of(ONE_WAY, name="c"),
        ],
        LISTS,
    )
    assert rules.trip_windows == {30, 90}


def test_the_runaway_guard_holds_back_rules_hitting_more_than_their_share() -> None:
    counts = {"broad": 41, "edge": 40, "narrow": 3}
    assert runaway(counts, 200, 0.2) == {"broad"}
    assert runaway(counts, 200, {"edge": 0.1}) == {"broad", "edge"}
    assert runaway({"all": 4}, 4, 0.2) == set()  # too few hits to call it runaway
    assert runaway({"all": 4}, 4, 0.2, min_hits=1) == {"all"}
    assert runaway({"none": 0}, 0, 0.2, min_hits=0) == set()


def test_a_flight_result_withholds_a_runaway_rules_hits() -> None:
    broad = rule_of(CASH, name="broad", max_share=0.5)
    narrow = rule_of(ONE_WAY, name="narrow")
    travellers = [facts(payment_forms={"cash"}, one_way=i == 0) for i in range(10)]
    flight = RuleSet([broad, narrow], LISTS).evaluate_flight(travellers)
    assert flight.held_back == {"broad"}
    assert flight.hit_counts == {"broad": 10, "narrow": 1}
    assert [[h.rule for h in t] for t in flight.hits] == [["narrow"]] + [[]] * 9


optional_hours = st.none() | st.floats(-10, 2000, allow_nan=False)
travellers = st.builds(
    TravelFacts,
    departure=st.none() | st.just(DEPARTURE),
    booking_lead_hours=optional_hours,
    ticketing_lead_hours=optional_hours,
    name_changed_hours_before_departure=optional_hours,
    payment_forms=st.frozensets(st.sampled_from(["cash", "card", "invoice"])),
    one_way=st.none() | st.booleans(),
    stay_days=st.none() | st.integers(0, 30),
    bag_count=st.none() | st.integers(0, 5),
    bag_weight_kg=st.none() | st.floats(0, 80, allow_nan=False),
    route_countries=st.frozensets(st.sampled_from(["COL", "ESP", "SRB", "TUR"])),
    agency_code=st.none() | st.sampled_from(["99", "12"]),
    document_expiry=st.none() | st.dates(date(2025, 1, 1), date(2026, 1, 1)),
    nationality=st.none() | st.sampled_from(["SRB", "MKD"]),
    document_issuing_state=st.none() | st.sampled_from(["SRB", "BIH"]),
    trips_in_window=st.dictionaries(st.sampled_from([30, 90]), st.integers(0, 6)),
    travelling_with_flagged=st.none() | st.booleans(),
)


@settings(max_examples=60)
@given(st.lists(travellers, max_size=8))
def test_a_rule_set_agrees_with_evaluating_each_rule_alone(batch: list[TravelFacts]) -> None:
    enabled = [dataclasses.replace(t, enabled=True) for t in TEMPLATES]
    lists = {name: LISTS[name] for name in TEMPLATE_LISTS}
    hits = RuleSet(enabled, lists).evaluate_many(batch)
    for traveller, traveller_hits in zip(batch, hits, strict=True):
        alone = [evaluate(r, traveller, lists) for r in enabled]
        expected = [
            (r.name, res.explanation) for r, res in zip(enabled, alone, strict=True) if res.held
        ]
        assert [(h.rule, h.explanation) for h in traveller_hits] == expected
