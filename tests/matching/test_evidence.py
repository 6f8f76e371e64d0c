"""Grading of date of birth, nationality, sex and document number."""

from __future__ import annotations

import pytest

from matching import PartialDate
from matching.evidence import (
    birth_date_reason,
    document_key,
    document_reason,
    nationality_reason,
    sex_reason,
)


def d(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


@pytest.mark.parametrize(
    ("traveller", "listed", "verdict"),
    [
        ("1970-03-12", "1970-03-12", "exact"),
        ("1970-03-12", "1970", "year_only"),
        ("1970-03-12", "1970-03", "year_month"),
        ("1970-03-12", "1970-12-03", "day_month_swap"),
        ("1970-03-12", "1971-03-12", "one_year_off"),
        ("1970-03-12", "1971", "one_year_off"),
        ("1970-03-12", "1973-03-12", "conflict"),
        ("1970-03-12", "1990", "conflict"),
        ("1970-03-12", "1970-07-01", "same_year"),
    ],
)
def test_birth_dates_are_graded(traveller: str, listed: str, verdict: str) -> None:
    assert birth_date_reason(d(traveller), [d(listed)]).verdict == verdict


def test_birth_date_grades_are_ordered_by_strength() -> None:
    t = d("1970-03-12")
    weights = [
        birth_date_reason(t, [d(x)]).weight
        for x in ("1970-03-12", "1970", "1971-03-12", "1973-03-12", "1990-03-12")
    ]
    assert weights == sorted(weights, reverse=True)
    assert weights[-1] <= -35


def test_the_best_of_several_listed_dates_counts() -> None:
    r = birth_date_reason(d("1970-03-12"), [d("1960"), d("1970-03-12")])
    assert r.verdict == "exact" and r.entry_part == "1970-03-12"


def test_no_date_on_either_side_is_unknown_and_weightless() -> None:
    assert birth_date_reason(None, [d("1970")]).weight == 0
    assert birth_date_reason(d("1970"), []).verdict == "unknown"


def test_nationality_agrees_differs_or_is_unknown() -> None:
    assert nationality_reason("SRB", ["SRB", "MKD"]).verdict == "match"
    assert nationality_reason("D", ["DEU"]).verdict == "match"
    assert nationality_reason("SRB", ["AFG"]).verdict == "differ"
    assert nationality_reason(None, ["AFG"]).verdict == "unknown"


def test_only_a_clear_sex_conflict_counts() -> None:
    assert sex_reason("M", "F").weight < 0
    assert sex_reason("M", "M").weight == 0
    assert sex_reason("M", None).verdict == "unknown"


def test_document_numbers_ignore_spaces_dashes_and_o_for_zero() -> None:
    assert document_key("ab 12-3O4") == document_key("AB1230 4") == "AB12304"
    reason = document_reason(["P-0O1234"], ["P001234"])
    assert reason is not None and reason.verdict == "match"


def test_short_or_different_document_numbers_give_nothing() -> None:
    assert document_reason(["1234"], ["1234"]) is None
    assert document_reason(["AB123456"], ["AB123457"]) is None
