"""The OpenSanctions FollowTheMoney JSON-lines reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.dates import PartialDate
from watchlists.entry import WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.ftm import read_ftm

SAMPLE = Path(__file__).parents[1] / "fixtures" / "watchlists" / "opensanctions_sample.jsonl"


@pytest.fixture(scope="module")
def ftm_list() -> WatchlistFile:
    return read_ftm(SAMPLE)


def test_persons_become_entries_and_other_schemas_are_skipped(ftm_list: WatchlistFile) -> None:
    assert ftm_list.source_format == "ftm-json"
    assert [e.entry_id for e in ftm_list.entries] == [
        "NK-2Xr4Qp9ZfGk8uVhLTeYdJm",
        "Q7747",
        "ofac-12606",
    ]
    assert ftm_list.skipped == 2


def test_names_aliases_and_weak_aliases(ftm_list: WatchlistFile) -> None:
    assert ftm_list.entries[0].names == (
        "Ivan Sergeyevich Petrov",
        "Иван Сергеевич Петров",
        "Ivan Petroff",
        "Ivan Petrov",
        "Vanya",
    )
    assert ftm_list.entries[0].remarks.endswith("low-quality aliases: Vanya")
    assert ftm_list.entries[1].names == ("Amira Haddad",)


def test_partial_birth_dates_countries_documents_and_gender(ftm_list: WatchlistFile) -> None:
    ivan, amira, _ = ftm_list.entries
    assert ivan.birth_dates == (PartialDate(1970, 5, 2), PartialDate(1971))
    assert amira.birth_dates == (PartialDate(1985, 3),)
    assert ivan.nationalities == ("RUS", "BLR")
    assert ivan.documents == ("752113604", "4509 123456")
    assert (ivan.sex, amira.sex) == ("M", "F")


def test_topics_decide_the_category(ftm_list: WatchlistFile) -> None:
    assert [e.category for e in ftm_list.entries] == ["terrorism", "wanted_person", "other"]


def test_an_unknown_country_code_is_warned_about(ftm_list: WatchlistFile) -> None:
    assert ftm_list.entries[1].nationalities == ("SYR",)
    assert ftm_list.warnings == ("country not recognised, left out: 'xx'",)


def test_a_bad_json_line_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "persons.jsonl"
    good = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f'{good}\n\n{{"id": "x", "schema": "Person", "properties": {{\n', "utf-8")
    with pytest.raises(WatchlistFormatError, match="not valid JSON") as caught:
        read_ftm(path)
    assert caught.value.where == "line 3"


def test_an_entity_without_properties_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "persons.jsonl"
    path.write_text('{"id": "x", "schema": "Person"}\n', encoding="utf-8")
    with pytest.raises(WatchlistFormatError, match="entity x has no properties") as caught:
        read_ftm(path)
    assert caught.value.where == "line 1"
