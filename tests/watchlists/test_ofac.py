"""The OFAC SDN readers: the real CSV set, remark parsing, and the XML on a small sample."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from matching.dates import PartialDate
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.ofac import read_ofac
from watchlists.remarks import read_remarks
from watchlists.sdnxml import read_sdn_xml

OFAC_DIR = Path("/work/shared/data/watchlists/ofac")
SDN_XML = Path(__file__).parents[1] / "fixtures" / "watchlists" / "sdn_sample.xml"

needs_real_list = pytest.mark.skipif(
    not (OFAC_DIR / "sdn.csv").exists(), reason="the real OFAC list is not here"
)


@pytest.fixture(scope="module")
def sdn() -> WatchlistFile:
    return read_ofac([OFAC_DIR / "sdn.csv"])


@pytest.fixture(scope="module")
def by_id(sdn: WatchlistFile) -> dict[str, WatchlistEntry]:
    return {entry.entry_id: entry for entry in sdn.entries}


@needs_real_list
def test_every_individual_row_becomes_an_entry_and_the_rest_are_skipped(
    sdn: WatchlistFile, by_id: dict[str, WatchlistEntry]
) -> None:
    assert sdn.source_format == "ofac-csv"
    assert len(sdn.entries) == 4620
    assert len(by_id) == 4620
    assert sdn.skipped == 8976 - 4620


@needs_real_list
def test_surname_first_names_are_put_in_reading_order(by_id: dict[str, WatchlistEntry]) -> None:
    assert by_id["12606"].primary_name == "Muammar QADHAFI"
    assert by_id["11648"].primary_name == "Tong-Myo'ng KIM"


@needs_real_list
def test_aliases_from_alt_csv_are_joined_on_ent_num(by_id: dict[str, WatchlistEntry]) -> None:
    entry = by_id["12610"]
    assert len(entry.names) == 1 + 12  # alt.csv has 12 aliases for ent_num 12610
    assert "Aisha Muammar Muhammed Abu Minyar QADHAFI" in entry.names
    assert by_id["32391"].names[:3] == (
        "Ousmane Illiassou DJIBO",
        "Ousmane Illasou KOUNOU",
        "Halid Illiassou DJIBO",
    )


@needs_real_list
def test_weak_aliases_from_remarks_come_last_and_are_named(
    by_id: dict[str, WatchlistEntry],
) -> None:
    entry = by_id["32391"]
    assert entry.names[3:5] == ("Djibbo ILLIASSOU", "Aboubacar CHAPORI")
    assert "low-quality aliases: Djibbo ILLIASSOU; Aboubacar CHAPORI; Petit CHAPORI" in (
        entry.remarks
    )


@needs_real_list
def test_dates_of_birth_in_every_written_form_are_read(by_id: dict[str, WatchlistEntry]) -> None:
    assert by_id["12610"].birth_dates == (
        PartialDate(1977),
        PartialDate(1976),
        PartialDate(1978, 1, 1),
    )
    assert by_id["8170"].birth_dates == (PartialDate(1947, 3, 18), PartialDate(1949, 2))
    assert by_id["9754"].birth_dates == (PartialDate(1945), PartialDate(1950))  # circa
    assert by_id["16540"].birth_dates == tuple(PartialDate(y) for y in range(1977, 1986))
    assert by_id["12057"].birth_dates[:4] == (
        PartialDate(1951),
        PartialDate(1952),
        PartialDate(1953),
        PartialDate(1960),
    )
    assert PartialDate(1961, 4) in by_id["12057"].birth_dates


@needs_real_list
def test_nationality_gender_and_documents_come_from_the_remarks(
    by_id: dict[str, WatchlistEntry],
) -> None:
    entry = by_id["12625"]
    assert entry.sex == "M"
    assert entry.nationalities == ("KGZ",)
    assert entry.documents == ("AC2499982", "AC732709", "20308197410028", "1002001")
    assert by_id["12610"].sex == "F"
    assert by_id["12610"].documents == ("215215", "428720", "B/011641", "03824970", "98606612")
    assert by_id["11786"].nationalities == ("IRN",)
    assert by_id["11648"].nationalities == ("PRK",)  # written "Korea, North"


@needs_real_list
def test_remarks_continued_in_sdn_comments_are_read(by_id: dict[str, WatchlistEntry]) -> None:
    assert "snowsjohn" in by_id["28263"].names


@needs_real_list
def test_programs_decide_the_category(by_id: dict[str, WatchlistEntry]) -> None:
    assert by_id["32391"].category == "terrorism"  # SDGT
    assert by_id["8170"].category == "drugs"  # SDNTK
    assert by_id["12606"].category == "other"  # LIBYA2
    assert by_id["12606"].remarks.startswith("Programs: LIBYA2")


@needs_real_list
def test_without_alt_csv_beside_it_only_the_primary_names_are_known(tmp_path: Path) -> None:
    shutil.copy(OFAC_DIR / "sdn.csv", tmp_path / "sdn.csv")
    alone = {e.entry_id: e for e in read_ofac([tmp_path / "sdn.csv"]).entries}
    assert alone["12610"].names == ("Ayesha QADHAFI",)
    shutil.copy(OFAC_DIR / "alt.csv", tmp_path / "elsewhere_alt.csv")
    given = {
        e.entry_id: e
        for e in read_ofac([tmp_path / "sdn.csv", tmp_path / "elsewhere_alt.csv"]).entries
    }
    assert len(given["12610"].names) == 13


def test_a_row_with_missing_fields_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(
        b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        b'7,"DOE, John","individual","SDGT",-0- ,-0- \r\n'
    )
    with pytest.raises(
        WatchlistFormatError, match="6 fields where the OFAC sdn file has 12"
    ) as caught:
        read_ofac([path])
    assert caught.value.where == "line 2"


def test_a_repeated_ent_num_is_refused(tmp_path: Path) -> None:
    row = b'7,"DOE, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n'
    (tmp_path / "sdn.csv").write_bytes(row + row)
    with pytest.raises(WatchlistFormatError, match="ent_num 7 is listed twice") as caught:
        read_ofac([tmp_path / "sdn.csv"])
    assert caught.value.where == "line 2"


def test_latin1_names_are_read(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_bytes(
        b'7,"P\xc9REZ G\xd3MEZ, Jos\xe9","individual","SDNTK",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        b'"DOB Aug 1959; nationality Colombia; Cedula No. 79123456 (Colombia)."\r\n\x1a'
    )
    (entry,) = read_ofac([tmp_path / "sdn.csv"]).entries
    assert entry.names == ("José PÉREZ GÓMEZ",)
    assert entry.birth_dates == (PartialDate(1959, 8),)
    assert entry.nationalities == ("COL",)
    assert entry.documents == ("79123456",)


def test_remarks_statements_are_read_and_the_rest_ignored() -> None:
    facts = read_remarks(
        "DOB 15 Aug 1959; alt. DOB circa 1960; POB Sirte, Libya; nationality Libya; "
        "alt. citizen Malta; Passport B012345 (Libya) issued 01 Jan 2010 expires 2020; "
        "National ID No. 660000 73767 (Belgium); Gender Male; a.k.a. 'ABU-'UMAR'; "
        "Linked To: SOME GROUP."
    )
    assert facts.birth_dates == ["15 Aug 1959", "circa 1960"]
    assert facts.countries == ["Libya", "Malta"]
    assert facts.documents == ["B012345", "660000 73767"]
    assert facts.sex == "Male"
    assert facts.weak_aliases == ["ABU-'UMAR"]


def test_sdn_xml_individuals_are_read_and_entities_and_vessels_skipped() -> None:
    content = read_sdn_xml(SDN_XML)
    assert content.source_format == "ofac-xml"
    assert content.skipped == 2
    ayesha, kim = content.entries
    assert ayesha.entry_id == "12610"
    assert ayesha.names == ("Ayesha QADHAFI", "Aisha GADHAFI", "AISHA AL-LIBIYA")
    assert ayesha.remarks.endswith("low-quality aliases: AISHA AL-LIBIYA")
    assert ayesha.birth_dates == (PartialDate(1977), PartialDate(1978, 1, 1))
    assert ayesha.sex == "F"
    assert ayesha.nationalities == ("LBY",)
    assert ayesha.documents == ("215215", "98606612")  # not the currency address
    assert kim.nationalities == ("PRK",)
    assert kim.birth_dates == tuple(PartialDate(y) for y in range(1955, 1959))
    assert kim.category == "terrorism"


def test_sdn_xml_without_uid_is_refused_naming_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text(
        '<sdnList xmlns="http://tempuri.org/sdnList.xsd"><sdnEntry><uid>1</uid>'
        "<lastName>A</lastName><sdnType>Individual</sdnType></sdnEntry>"
        "<sdnEntry><lastName>B</lastName></sdnEntry></sdnList>",
        encoding="utf-8",
    )
    with pytest.raises(WatchlistFormatError, match="without a uid") as caught:
        read_sdn_xml(path)
    assert caught.value.where == "sdnEntry 2"
