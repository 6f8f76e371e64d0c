"""The EU Financial Sanctions Files reader, on a sample written like the real export."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.dates import PartialDate
from watchlists.entry import WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.eu import read_eu

SAMPLE = Path(__file__).parents[1] / "fixtures" / "watchlists" / "eu_fsf_sample.xml"


@pytest.fixture(scope="module")
def eu_list() -> WatchlistFile:
    return read_eu(SAMPLE)


def test_persons_become_entries_and_enterprises_are_skipped(eu_list: WatchlistFile) -> None:
    assert eu_list.source_format == "eu-xml"
    assert [e.entry_id for e in eu_list.entries] == ["EU.27.28", "EU.2720.6", "EU.4086.67"]
    assert eu_list.skipped == 1
    assert eu_list.warnings == ()


def test_weak_names_go_last_and_are_named_in_remarks(eu_list: WatchlistFile) -> None:
    saddam = eu_list.entries[0]
    assert saddam.names == ("Saddam Hussein Al-Tikriti", "صدام حسين التكريتي", "Abu Ali")
    assert saddam.remarks == "UN reference IQi.001\nDeceased.\nlow-quality aliases: Abu Ali"
    assert saddam.sex == "M"


def test_names_without_a_whole_name_are_joined_from_their_parts(eu_list: WatchlistFile) -> None:
    assert eu_list.entries[2].primary_name == "Ivan Sergeyevich Petrov"


def test_birth_dates_whole_circa_and_month_only(eu_list: WatchlistFile) -> None:
    assert eu_list.entries[0].birth_dates == (PartialDate(1937, 4, 28),)
    assert eu_list.entries[1].birth_dates == (PartialDate(1969, 7, 10), PartialDate(1970))
    assert eu_list.entries[2].birth_dates == (PartialDate(1975, 5),)


def test_citizenship_codes_become_alpha3_and_unknown_is_left_out(eu_list: WatchlistFile) -> None:
    assert [e.nationalities for e in eu_list.entries] == [("IRQ",), ("SYR",), ("RUS",)]


def test_only_passport_and_identity_card_numbers_are_documents(eu_list: WatchlistFile) -> None:
    assert eu_list.entries[1].documents == ("454224", "01020304050")
    assert eu_list.entries[2].documents == ("752 113 604",)


def test_isil_al_qaida_regime_is_terrorism(eu_list: WatchlistFile) -> None:
    assert [e.category for e in eu_list.entries] == ["other", "other", "terrorism"]


def test_a_sanction_entity_without_any_id_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export">'
        '<sanctionEntity logicalId="1"><subjectType code="person"/></sanctionEntity>'
        '<sanctionEntity><subjectType code="person"/></sanctionEntity></export>',
        encoding="utf-8",
    )
    with pytest.raises(WatchlistFormatError, match="no euReferenceNumber or logicalId") as caught:
        read_eu(path)
    assert caught.value.where == "sanctionEntity 2"
