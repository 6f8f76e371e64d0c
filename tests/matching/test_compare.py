"""Scores of single pairs: what must alert, what must not, and the reasons given."""

from __future__ import annotations

import pytest

from matching import DEFAULT_THRESHOLD, compare
from matching.names import FUZZY_FLOOR, fuzzy
from matching.normalize import skeleton
from tests.matching.people import entry, traveller


def test_same_name_and_date_of_birth_scores_near_100() -> None:
    m = compare(
        traveller("DJORDJEVIC", "DJORDJE", "1970-01-02"),
        entry("Ђорђевић Ђорђе", born=("1970-01-02",)),
    )
    assert m.score >= 95


def test_same_name_without_date_on_the_list_scores_80_to_90() -> None:
    m = compare(traveller("KOSEVSKI", "ZARKO", "1970-01-02"), entry("Ќосевски Жарко"))
    assert 80 <= m.score <= 90
    assert m.score >= DEFAULT_THRESHOLD


def test_same_common_name_born_twenty_years_apart_stays_below_threshold() -> None:
    m = compare(
        traveller("JOVANOVIC", "MARKO", "1970-01-02"),
        entry("MARKO JOVANOVIC", born=("1990-06-11",)),
    )
    assert m.score < DEFAULT_THRESHOLD
    assert any(r.field == "birth_date" and r.verdict == "conflict" for r in m.reasons)


def test_same_rare_name_born_twenty_years_apart_stays_below_threshold() -> None:
    m = compare(
        traveller("BWAMBALE", "FRANK KAKOLELE", "1950-01-02"),
        entry("FRANK KAKOLELE BWAMBALE", born=("1974",)),
    )
    assert m.score < DEFAULT_THRESHOLD


def test_jovanovic_marko_does_not_alert_on_jovanovic_marija() -> None:
    m = compare(
        traveller("JOVANOVIC", "MARKO", "1970-01-02"),
        entry("JOVANOVIC MARIJA", born=("1970-01-02",)),
    )
    assert m.score < DEFAULT_THRESHOLD


def test_a_common_surname_alone_does_not_alert() -> None:
    m = compare(
        traveller("JOVANOVIC", "PETAR", "1970-01-02"),
        entry("MARKO JOVANOVIC", born=("1970-01-02",)),
    )
    assert m.score < DEFAULT_THRESHOLD


def test_mohammed_and_muhammad_are_one_name() -> None:
    m = compare(
        traveller("SHEKAU", "MOHAMMED ABUBAKAR", "1969-05-05"),
        entry("ABUBAKAR MUHAMMAD SHEKAU", born=("1969",)),
    )
    assert m.score >= DEFAULT_THRESHOLD
    assert any(r.verdict == "name_table" and r.entry_part == "MUHAMMAD" for r in m.reasons)


def test_al_masri_matches_almasri_and_masri() -> None:
    listed = entry("Omar Al-Masri")
    glued = compare(traveller("ALMASRI", "OMAR"), listed)
    bare = compare(traveller("MASRI", "OMAR"), listed)
    assert glued.score >= DEFAULT_THRESHOLD and bare.score >= DEFAULT_THRESHOLD
    assert bare.score <= glued.score


def test_o_connor_matches_oconnor_and_o_connor() -> None:
    listed = entry("James O'Connor")
    assert compare(traveller("OCONNOR", "JAMES"), listed).score >= DEFAULT_THRESHOLD
    assert compare(traveller("O CONNOR", "JAMES"), listed).score >= DEFAULT_THRESHOLD


def test_abd_al_rahman_written_as_one_word_matches() -> None:
    m = compare(
        traveller("HAMDAN", "ABDULRAHMAN", "1975-03-03"),
        entry("Abd al-Rahman HAMDAN", born=("1975-03-03",)),
    )
    assert m.score >= 95


def test_missing_middle_names_still_alert_when_the_year_agrees() -> None:
    m = compare(
        traveller("AL TIKRITI", "OMAR", "1970-05-05"),
        entry("OMAR SABAWI IBRAHIM HASAN AL-TIKRITI", born=("1970",)),
    )
    assert m.score >= DEFAULT_THRESHOLD
    assert any(r.verdict == "missing" and r.entry_part == "SABAWI" for r in m.reasons)


def test_truncated_given_name_matches() -> None:
    m = compare(
        traveller("BWAMBALE", "FRANK KAKOL", "1974-01-01"),
        entry("FRANK KAKOLELE BWAMBALE", born=("1974",)),
    )
    assert m.score >= DEFAULT_THRESHOLD
    assert any(r.verdict == "truncated" for r in m.reasons)


def test_typo_in_the_surname_still_alerts_with_an_agreeing_date() -> None:
    m = compare(
        traveller("BWAMBLAE", "FRANK", "1974-01-01"),
        entry("FRANK KAKOLELE BWAMBALE", born=("1974-01-01",)),
    )
    assert m.score >= DEFAULT_THRESHOLD
    assert any(r.verdict == "fuzzy" for r in m.reasons)


def test_unrelated_names_score_zero() -> None:
    m = compare(traveller("SMITH", "JOHN", "1970-01-01"), entry("ERIC BADEGE", born=("1970",)))
    assert m.score == 0
    assert m.reasons[0].verdict == "different"


def test_equal_document_number_alerts_on_its_own() -> None:
    m = compare(
        traveller("SMITH", "JOHN", documents=("AB 123-OO45",)),
        entry("ERIC BADEGE", documents=("AB1230045",)),
    )
    assert m.score >= 90
    assert any(r.field == "document" and r.verdict == "match" for r in m.reasons)


def test_sex_conflict_lowers_the_score() -> None:
    same = compare(traveller("BADEGE", "ERIC", sex="M"), entry("ERIC BADEGE", sex="M"))
    other = compare(traveller("BADEGE", "ERIC", sex="F"), entry("ERIC BADEGE", sex="M"))
    assert other.score <= same.score - 10


def test_nationality_agreement_raises_and_difference_lowers() -> None:
    listed = entry("ERIC BADEGE", born=("1971",), nationalities=("COD",))
    agree = compare(traveller("BADEGE", "ERIC", "1971-01-01", nationality="COD"), listed)
    unknown = compare(traveller("BADEGE", "ERIC", "1971-01-01"), listed)
    differ = compare(traveller("BADEGE", "ERIC", "1971-01-01", nationality="SRB"), listed)
    assert agree.score > unknown.score > differ.score


def test_reasons_name_the_parts_compared_as_written() -> None:
    m = compare(traveller("DJORDJEVIC", "DJORDJE"), entry("Ђорђевић Ђорђе"))
    parts = {(r.traveller_part, r.entry_part) for r in m.reasons if r.field == "name"}
    assert ("DJORDJEVIC", "Ђорђевић") in parts
    assert m.matched_name == "Ђорђевић Ђорђе"
    assert "name:exact DJORDJEVIC" in m.summary()


@pytest.mark.parametrize(
    ("surname", "given", "listed"),
    [
        ("BWAMBALE", "FRANK", "FRANK KAKOLELE BWAMBALE"),
        ("BADEGE", "JOHN PAUL", "ERIC BADEGE"),
        ("BADEGE", "ERIC", "ERIC BADEGE"),
    ],
)
def test_reason_weights_add_up_to_the_score(surname: str, given: str, listed: str) -> None:
    m = compare(traveller(surname, given, "1974-01-01"), entry(listed, born=("1974",)))
    assert m.score > 0
    assert sum(r.weight for r in m.reasons) == pytest.approx(m.score, abs=0.1)


def test_best_alias_is_used() -> None:
    m = compare(
        traveller("NTAGANDA", "BOSCO", "1973-01-01"),
        entry("BOSCO TAGANDA", "Bosco Ntaganda", "Bosco Ntagenda", born=("1973",)),
    )
    assert m.matched_name == "Bosco Ntaganda"
    assert m.score >= 90


def test_a_man_and_a_woman_with_the_same_surname_do_not_match() -> None:
    for man, woman in [("IVAN", "Ivana"), ("JOVAN", "Jovana"), ("DRAGAN", "Dragana")]:
        m = compare(traveller("BABIC", man, "1970-01-02"), entry(f"{woman} Babić"))
        assert m.score < DEFAULT_THRESHOLD, man


def test_a_womans_name_cut_short_by_the_mrz_still_matches() -> None:
    m = compare(traveller("PETROVIC", "LJILJAN", "1965-05-04"), entry("Љиљана Петровић"))
    assert m.score >= DEFAULT_THRESHOLD


def test_a_shared_surname_ending_counts_little_in_spelling_similarity() -> None:
    plain = 1 - 1 / 7  # one edit in seven letters
    assert fuzzy(skeleton("VUJOVIC"), skeleton("VUKOVIC")) < plain
    assert fuzzy(skeleton("STEANOVIC"), skeleton("STEVANOVIC")) >= FUZZY_FLOOR


def test_serbian_and_macedonian_forms_of_a_surname_do_not_match() -> None:
    m = compare(traveller("NIKOLOVSKI", "NEMANJA"), entry("Nemanja Nikolić"))
    assert m.score < DEFAULT_THRESHOLD


def test_a_typo_before_a_surname_ending_still_matches() -> None:
    m = compare(traveller("STEANOVIC", "SLOBODAN", "1987-03-25"), entry("Слободан Стевановић"))
    assert m.score >= DEFAULT_THRESHOLD


def test_a_cut_spelling_matches_even_when_its_skeleton_is_short() -> None:
    m = compare(
        traveller("DEMIR", "IBRAH", "2003-07-17"), entry("İbrahim Demir", born=("2003-07-17",))
    )
    assert m.score >= DEFAULT_THRESHOLD
    assert any(r.verdict == "truncated" for r in m.reasons)
