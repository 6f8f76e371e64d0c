"""The UN consolidated list reader, on the real list and on small hostile or broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.dates import PartialDate
from watchlists import xmldoc
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.un import read_un

UN_LIST = Path("/work/shared/data/watchlists/un_consolidated.xml")

pytestmark = pytest.mark.skipif(not UN_LIST.exists(), reason="the real UN list is not here")


@pytest.fixture(scope="module")
def un_list() -> WatchlistFile:
    return read_un(UN_LIST)


@pytest.fixture(scope="module")
def by_id(un_list: WatchlistFile) -> dict[str, WatchlistEntry]:
    return {entry.entry_id: entry for entry in un_list.entries}


def _write(tmp_path: Path, individuals: str) -> Path:
    path = tmp_path / "un.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n'
        f"{individuals}\n</INDIVIDUALS>\n<ENTITIES/>\n</CONSOLIDATED_LIST>\n",
        encoding="utf-8",
    )
    return path


def test_every_individual_becomes_an_entry_and_every_entity_is_skipped(
    un_list: WatchlistFile, by_id: dict[str, WatchlistEntry]
) -> None:
    assert un_list.source_format == "un-xml"
    assert len(un_list.entries) == 730
    assert len(by_id) == 730
    assert un_list.skipped == 273


def test_primary_name_is_the_four_name_parts_in_order_then_original_script(
    by_id: dict[str, WatchlistEntry],
) -> None:
    entry = by_id["QDi.001"]
    assert entry.primary_name == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    assert entry.names[1] == "محمد صلاح الدين عبدالحليم زيدان"


def test_low_quality_aliases_come_after_good_ones_and_are_named_in_remarks(
    by_id: dict[str, WatchlistEntry],
) -> None:
    entry = by_id["QDi.001"]
    assert entry.names[2:] == (
        "Sayf-Al Adl",
        "Muhamad Ibrahim Makkawi",
        "Ibrahim al-Madani",
        "Saif Al-'Adil",
        "Seif al Adel",
    )
    assert entry.remarks.endswith(
        "low-quality aliases: Ibrahim al-Madani; Saif Al-'Adil; Seif al Adel"
    )
    assert entry.remarks.startswith("Responsible for Usama bin Laden")


def test_aliases_written_surname_first_are_put_in_reading_order(
    by_id: dict[str, WatchlistEntry],
) -> None:
    assert "Amin Al-Haq" in by_id["QDi.002"].names
    assert "Dr. Amin Ul-Haq" in by_id["QDi.002"].names


def test_exact_dates_and_years_of_birth_are_read(by_id: dict[str, WatchlistEntry]) -> None:
    assert by_id["QDi.001"].birth_dates == (PartialDate(1963, 4, 11), PartialDate(1960, 4, 11))
    assert by_id["CDi.001"].birth_dates == (PartialDate(1971),)


def test_between_years_give_every_year_of_each_range(by_id: dict[str, WatchlistEntry]) -> None:
    years = [date.year for date in by_id["TAi.002"].birth_dates]
    assert years == [1955, 1956, 1957, 1958, 1945, 1946, 1947, 1948, 1949, 1950]
    assert all(date.month is None for date in by_id["TAi.002"].birth_dates)


def test_a_month_and_year_given_only_as_a_note_is_read(by_id: dict[str, WatchlistEntry]) -> None:
    assert by_id["CDi.004"].birth_dates == (PartialDate(1973, 11),)


def test_nationality_names_become_alpha3_codes(by_id: dict[str, WatchlistEntry]) -> None:
    assert by_id["KPi.001"].nationalities == ("PRK",)
    assert by_id["IQi.001"].nationalities == ("IRQ",)
    assert by_id["QDi.001"].nationalities == ("EGY",)


def test_gender_and_document_numbers_are_read(by_id: dict[str, WatchlistEntry]) -> None:
    entry = by_id["GBi.001"]
    assert entry.primary_name == "IBRAIMA CAMARÁ"
    assert entry.sex == "M"
    assert entry.documents == ("AAID00437",)
    assert entry.nationalities == ("GNB",)


def test_al_qaida_listings_are_terrorism_and_other_regimes_are_other(
    un_list: WatchlistFile, by_id: dict[str, WatchlistEntry]
) -> None:
    assert by_id["QDi.001"].category == "terrorism"
    assert by_id["IQi.001"].category == "other"
    assert sum(entry.category == "terrorism" for entry in un_list.entries) == 252


def test_unreadable_dates_are_warned_about_and_the_entry_kept(
    un_list: WatchlistFile, by_id: dict[str, WatchlistEntry]
) -> None:
    assert any(w.startswith("QDi.306: date of birth") for w in un_list.warnings)
    assert by_id["QDi.306"].names


def test_a_range_of_more_than_ten_years_keeps_the_first_ten(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><SECOND_NAME>B</SECOND_NAME>"
        "<UN_LIST_TYPE>Libya</UN_LIST_TYPE><REFERENCE_NUMBER>LYi.900</REFERENCE_NUMBER>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>"
        "<FROM_YEAR>1940</FROM_YEAR><TO_YEAR>1960</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE>"
        "<YEAR>1970</YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>",
    )
    (entry,) = read_un(path).entries
    assert [d.year for d in entry.birth_dates] == [*range(1940, 1950), 1970]


def test_an_entity_expansion_bomb_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol3;</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n",
        encoding="utf-8",
    )
    with pytest.raises(WatchlistFormatError, match="entity-expansion attack") as caught:
        read_un(path)
    assert caught.value.path == path
    assert "declares XML entities" in caught.value.problem


def test_malformed_xml_is_refused_naming_line_and_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME>\n<REFERENCE_NUMBER>X</INDIVIDUAL>"
    )
    with pytest.raises(WatchlistFormatError, match="not well-formed XML") as caught:
        read_un(path)
    assert caught.value.where is not None
    assert caught.value.where.startswith("line 5, column ")


def test_another_xml_root_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<sdnList><sdnEntry/></sdnList>", encoding="utf-8")
    with pytest.raises(WatchlistFormatError, match=r"root is <sdnList>, not <CONSOLIDATED_LIST>"):
        read_un(path)


def test_an_individual_without_reference_number_is_refused_naming_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "<INDIVIDUAL><FIRST_NAME>ALI</FIRST_NAME></INDIVIDUAL>")
    with pytest.raises(WatchlistFormatError, match="without a REFERENCE_NUMBER") as caught:
        read_un(path)
    assert caught.value.where == "INDIVIDUAL record 1 (ALI)"


def test_a_file_over_the_size_cap_is_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xmldoc, "MAX_XML_BYTES", 100)
    path = _write(tmp_path, "<INDIVIDUAL><FIRST_NAME>ALI</FIRST_NAME></INDIVIDUAL>")
    with pytest.raises(WatchlistFormatError, match="bytes are refused"):
        read_un(path)
