"""Smoke test on the real UN consolidated list: passport-style travellers find their entries."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import parse

from matching import ListedPerson, PartialDate, Person, Screener

UN_LIST = Path("/work/shared/data/watchlists/un_consolidated.xml")
NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")

pytestmark = pytest.mark.skipif(not UN_LIST.exists(), reason="UN list not on this machine")


def _birth_dates(individual: Element) -> tuple[PartialDate, ...]:
    dates = []
    for dob in individual.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        text = dob.findtext("DATE") or dob.findtext("YEAR") or ""
        try:
            dates.append(PartialDate.parse_iso(text[:10]))
        except ValueError:
            continue
    return tuple(dates)


def _read_un(path: Path) -> list[ListedPerson]:
    root = parse(path).getroot()
    people = []
    for individual in root.iter("INDIVIDUAL"):
        parts = [(individual.findtext(tag) or "").strip() for tag in NAME_TAGS]
        name = " ".join(p for p in parts if p)
        aliases = [
            (a.findtext("ALIAS_NAME") or "").strip() for a in individual.findall("INDIVIDUAL_ALIAS")
        ]
        names = tuple(n for n in (name, *aliases) if n)
        if names:
            key = individual.findtext("REFERENCE_NUMBER") or individual.findtext("DATAID") or ""
            people.append(ListedPerson(key, names, _birth_dates(individual)))
    return people


@pytest.fixture(scope="module")
def un_screener() -> Screener:
    entries = _read_un(UN_LIST)
    assert len(entries) > 500
    return Screener(entries)


@pytest.mark.parametrize(
    ("surname", "given", "born", "reference"),
    [
        ("BADEGE", "ERIC", "1971-05-04", "CDi.001"),  # year-only listed DOB
        ("KAKWAVU BUKANDE", "JEROME", None, "CDi.005"),  # accents dropped, no DOB
        ("AL TIKRITI", "OMAR SABAWI", "1970-01-01", None),  # middle names dropped, article split
        ("ASELDEROV", "RUSTAM", "1981-03-09", None),  # patronymic dropped
        ("SHEKAU", "ABUBAKAR MUHAMMAD", None, None),  # Mohammed written Muhammad
        ("NTAGANDA", "BOSCO", None, None),  # found by an alias
    ],
)
def test_passport_style_traveller_finds_the_listed_person(
    un_screener: Screener, surname: str, given: str, born: str | None, reference: str | None
) -> None:
    dob = PartialDate.parse_iso(born) if born else None
    matches = un_screener.screen_one(Person("p", surname, given, dob))
    assert matches, f"{surname} {given} not found"
    best = matches[0]
    if reference:
        assert best.entry_key == reference
    assert surname.split()[-1][:5] in best.matched_name.upper().replace("-", " ")


def test_ordinary_travellers_raise_no_alert(un_screener: Screener) -> None:
    crowd = [
        Person("1", "JOVANOVIC", "MARKO", PartialDate(1980, 5, 17)),
        Person("2", "PETROVSKA", "ANA", PartialDate(1992, 1, 3)),
        Person("3", "SMITH", "JOHN", PartialDate(1975, 7, 7)),
        Person("4", "MUELLER", "KLAUS", PartialDate(1960, 2, 2)),
    ]
    assert un_screener.screen(crowd) == []
