"""Each operator on built facts: when it holds, its boundaries, and unknown values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from matching.rules import Condition, ListRef, TravelFacts, Value, describe, evaluate
from tests.matching.rules.build import facts, rule_of

LISTS = {
    "source countries": {"col", "PER"},
    "watched agencies": {"12345678"},
}


def check(condition: Condition, traveller: TravelFacts) -> tuple[bool, str]:
    result = evaluate(rule_of(condition), traveller, LISTS)
    line = result.explanation[1]
    assert line.held == result.held  # a one-condition rule holds when its condition does
    return line.held, line.actual


CASES: list[tuple[str, str, Value, dict[str, Any], bool, str]] = [
    ("carrier", "equals", "ju", {"carrier": "JU"}, True, "JU"),
    ("carrier", "equals", "JU", {"carrier": "TK"}, False, "TK"),
    ("carrier", "not_equals", "JU", {"carrier": "TK"}, True, "TK"),
    ("carrier", "not_equals", "JU", {"carrier": "JU"}, False, "JU"),
    ("nationality", "in_list", ("SRB", "mkd"), {"nationality": "MKD"}, True, "MKD"),
    ("nationality", "in_list", ("SRB",), {"nationality": "ALB"}, False, "ALB"),
    (
        "agency_code",
        "in_list",
        ListRef("watched agencies"),
        {"agency_code": "12345678"},
        True,
        "12345678",
    ),
    ("nationality", "not_in_list", ("SRB",), {"nationality": "ALB"}, True, "ALB"),
    ("nationality", "not_in_list", ("SRB",), {"nationality": "srb"}, False, "SRB"),
    ("stay_days", "between", (1, 3), {"stay_days": 1}, True, "1 day"),
    ("stay_days", "between", (1, 3), {"stay_days": 3}, True, "3 days"),
    ("stay_days", "between", (1, 3), {"stay_days": 4}, False, "4 days"),
    ("booking_lead_hours", "less_than", 48, {"booking_lead_hours": 47.99}, True, "47.99 hours"),
    ("booking_lead_hours", "less_than", 48, {"booking_lead_hours": 48.0}, False, "48 hours"),
    ("bag_weight_kg", "greater_than", 46, {"bag_weight_kg": 46.5}, True, "46.5 kg"),
    ("bag_weight_kg", "greater_than", 46, {"bag_weight_kg": 46}, False, "46 kg"),
    ("bag_count", "at_least", 3, {"bag_count": 3}, True, "3 bags"),
    ("bag_count", "at_least", 3, {"bag_count": 2}, False, "2 bags"),
    ("stay_days", "at_most", 3, {"stay_days": 3}, True, "3 days"),
    ("stay_days", "at_most", 3, {"stay_days": 4}, False, "4 days"),
    (
        "document_expiry",
        "before",
        date(2025, 4, 1),
        {"document_expiry": date(2025, 3, 31)},
        True,
        "2025-03-31",
    ),
    (
        "document_expiry",
        "before",
        date(2025, 4, 1),
        {"document_expiry": date(2025, 4, 1)},
        False,
        "2025-04-01",
    ),
    (
        "departure",
        "after",
        datetime(2025, 3, 14, 9, 0, tzinfo=UTC),
        {},
        True,
        "2025-03-14 09:30 UTC",
    ),
    (
        "departure",
        "between",
        (datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 3, 14, 9, 30, tzinfo=UTC)),
        {},
        True,
        "2025-03-14 09:30 UTC",
    ),
    (
        "trips_in_window",
        "count_at_least",
        (3, 30),
        {"trips_in_window": {30: 3}},
        True,
        "3 trips in 30 days",
    ),
    (
        "trips_in_window",
        "count_at_least",
        (3, 30),
        {"trips_in_window": {30: 2, 90: 7}},
        False,
        "2 trips in 30 days",
    ),
    (
        "trips_in_window",
        "count_at_least",
        (1, 30),
        {"trips_in_window": {30: 1}},
        True,
        "1 trip in 30 days",
    ),
    ("one_way", "is_true", None, {"one_way": True}, True, "yes"),
    ("one_way", "is_true", None, {"one_way": False}, False, "no"),
    ("one_way", "is_false", None, {"one_way": False}, True, "no"),
    ("one_way", "is_false", None, {"one_way": True}, False, "yes"),
    (
        "payment_forms",
        "contains_any",
        ("CASH",),
        {"payment_forms": frozenset({"card", "cash"})},
        True,
        "card, cash",
    ),
    (
        "payment_forms",
        "contains_any",
        ("cash",),
        {"payment_forms": frozenset({"card"})},
        False,
        "card",
    ),
    (
        "route_countries",
        "contains_any",
        ListRef("source countries"),
        {"route_countries": frozenset({"srb", "COL"})},
        True,
        "COL, SRB",
    ),
]


@pytest.mark.parametrize(("field", "operator", "value", "values", "held", "actual"), CASES)
def test_each_operator_holds_exactly_when_the_value_meets_it(
    field: str, operator: str, value: Value, values: dict[str, Any], held: bool, actual: str
) -> None:
    assert check(Condition(field, operator, value), facts(**values)) == (held, actual)


UNKNOWN_CASES: list[tuple[str, str, Value]] = [
    ("carrier", "equals", "JU"),
    ("carrier", "not_equals", "JU"),
    ("nationality", "in_list", ("SRB",)),
    ("nationality", "not_in_list", ("SRB",)),
    ("stay_days", "between", (0, 3)),
    ("booking_lead_hours", "less_than", 48),
    ("bag_weight_kg", "greater_than", 0),
    ("bag_count", "at_most", 3),
    ("age", "at_least", 0),
    ("age", "equals", 30),
    ("age", "not_equals", 30),
    ("document_expiry", "before", date(2100, 1, 1)),
    ("document_expiry", "after", date(1900, 1, 1)),
    ("one_way", "is_true", None),
    ("one_way", "is_false", None),
    ("trips_in_window", "count_at_least", (1, 30)),
]


@pytest.mark.parametrize(("field", "operator", "value"), UNKNOWN_CASES)
def test_an_unknown_value_never_holds_and_reads_unknown(
    field: str, operator: str, value: Value
) -> None:
    assert check(Condition(field, operator, value), facts()) == (False, "unknown")


def test_a_trip_window_the_caller_did_not_count_is_unknown() -> None:
    traveller = facts(trips_in_window={90: 12})
    condition = Condition("trips_in_window", "count_at_least", (3, 30))
    assert check(condition, traveller) == (False, "unknown")


def test_an_empty_set_of_codes_reads_none_and_holds_nothing() -> None:
    condition = Condition("payment_forms", "contains_any", ("cash",))
    assert check(condition, facts()) == (False, "none")


def test_booked_exactly_48_hours_before_departure_is_not_less_than_48() -> None:
    late = Condition("booking_lead_hours", "less_than", 48)
    assert check(late, facts(booking_lead_hours=48))[0] is False
    assert check(late, facts(booking_lead_hours=47.9))[0] is True


def test_document_validity_counts_days_from_the_utc_departure_date() -> None:
    evening = datetime(2025, 3, 14, 23, 30, tzinfo=UTC)
    traveller = TravelFacts(departure=evening, document_expiry=date(2025, 4, 13))
    assert traveller.document_days_valid == 30
    soon = Condition("document_days_valid", "at_most", 30)
    assert check(soon, traveller) == (True, "30 days")
    assert check(soon, TravelFacts(document_expiry=date(2025, 4, 13))) == (False, "unknown")


def test_nationality_differs_only_when_both_are_known() -> None:
    differs = Condition("nationality_differs_from_issuing_state", "is_true")
    assert check(differs, facts(nationality="srb", document_issuing_state="BIH")) == (True, "yes")
    assert check(differs, facts(nationality="SRB", document_issuing_state="srb")) == (False, "no")
    assert check(differs, facts(nationality="SRB")) == (False, "unknown")


@pytest.mark.parametrize(
    ("condition", "text"),
    [
        (Condition("stay_days", "between", (1, 3)), "Length of stay is between 1 day and 3 days"),
        (
            Condition("booking_lead_hours", "less_than", 48),
            "Booked before departure is less than 48 hours",
        ),
        (
            Condition("bag_weight_kg", "at_least", 46.5),
            "Checked baggage weight is at least 46.5 kg",
        ),
        (
            Condition("trips_in_window", "count_at_least", (3, 30)),
            "Earlier trips: at least 3 in 30 days",
        ),
        (
            Condition("agency_code", "not_in_list", ListRef("watched agencies")),
            "Booking agency (IATA number) is not on list 'watched agencies'",
        ),
        (Condition("nationality", "in_list", ("SRB", "MKD")), "Nationality is one of SRB, MKD"),
        (Condition("payment_forms", "contains_any", ("cash",)), "Forms of payment: any of cash"),
        (Condition("one_way", "is_false"), "One-way ticket: no"),
        (
            Condition("departure", "before", datetime(2025, 3, 14, 12, tzinfo=UTC)),
            "Departure (UTC) is before 2025-03-14 12:00 UTC",
        ),
        (
            Condition("document_expiry", "after", date(2025, 6, 1)),
            "Document expiry date is after 2025-06-01",
        ),
    ],
)
def test_a_condition_reads_as_a_plain_sentence(condition: Condition, text: str) -> None:
    assert describe(condition) == text
