"""Names written in Arabic script match their romanisations (vowels unknown)."""

from __future__ import annotations

import pytest

from matching import DEFAULT_THRESHOLD, compare
from matching.normalize import romanise
from tests.matching.people import entry, traveller


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("مُحَمَّد", "MUHAMMAD"),
        ("محمد", "MOHAMMED"),
        ("مـحـمـد", "MOHAMMED"),  # tatweel
        ("عبدالرحمن", "ABDULRAHMAN"),
        ("حسين", "HUSSEIN"),
        ("يوسف", "YUSUF"),
        ("خالد", "KHALID"),
    ],
)
def test_an_arabic_script_name_reads_as_its_romanisations(arabic: str, latin: str) -> None:
    assert latin in romanise(arabic)


def test_hasan_and_husayn_stay_apart_because_the_long_vowel_is_written() -> None:
    assert "HUSSEIN" not in romanise("حسن")
    assert "HASAN" not in romanise("حسين")


def test_muhammad_is_not_read_as_mahmud() -> None:
    assert "MAHMOUD" not in romanise("محمد")
    assert "MAHMOUD" in romanise("محمود")


@pytest.mark.parametrize(
    ("listed", "surname", "given"),
    [
        ("عبد الرحمن يوسف", "YUSUF", "ABDULRAHMAN"),
        ("يوسف عبدالرحمن", "ABDULRAHMAN", "YUSUF"),
        ("مُحَمَّد حُسَيْن", "HUSSEIN", "MUHAMMAD"),
        ("محمد حسين", "HUSAYN", "MOHAMMED"),
    ],
)
def test_an_entry_in_arabic_script_alerts_on_its_romanised_traveller(
    listed: str, surname: str, given: str
) -> None:
    e = entry(listed, born=("1975-03-02",))
    assert compare(traveller(surname, given, "1975-03-02"), e).score >= DEFAULT_THRESHOLD


def test_an_arabic_script_entry_scores_as_its_latin_spelling_would() -> None:
    t = traveller("HUSSEIN", "MOHAMMED")
    assert compare(t, entry("محمد حسين")).score == compare(t, entry("MOHAMMED HUSSEIN")).score


def test_a_different_arabic_name_does_not_alert() -> None:
    e = entry("محمود حسن", born=("1975-03-02",))
    assert compare(traveller("HUSSEIN", "MOHAMMED", "1975-03-02"), e).score < DEFAULT_THRESHOLD
