"""Deciding a list's format from its content, and read_watchlist sending it to its reader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from watchlists.detect import ListFormat, detect_format
from watchlists.errors import WatchlistFormatError
from watchlists.read import read_watchlist

FIXTURES = Path(__file__).parents[1] / "fixtures" / "watchlists"
REAL = Path("/work/shared/data/watchlists")
SDN_ROW = b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
ALT_ROW = b'36,12,"aka","AERO-CARIBBEAN",-0- \r\n'


def _copy(source: Path, target: Path) -> Path:
    """The file under a name that says nothing of its format."""
    shutil.copy(source, target)
    return target


@pytest.mark.parametrize(
    ("fixture", "expected", "source_format"),
    [
        ("eu_fsf_sample.xml", ListFormat.EU, "eu-xml"),
        ("sdn_sample.xml", ListFormat.OFAC_XML, "ofac-xml"),
        ("opensanctions_sample.jsonl", ListFormat.FTM, "ftm-json"),
    ],
)
def test_formats_are_known_by_content_not_by_name(
    tmp_path: Path, fixture: str, expected: ListFormat, source_format: str
) -> None:
    path = _copy(FIXTURES / fixture, tmp_path / "list.txt")
    assert detect_format(path) is expected
    assert read_watchlist(path).source_format == source_format


@pytest.mark.skipif(not REAL.exists(), reason="the real lists are not here")
def test_the_real_un_list_is_detected_and_read_whole() -> None:
    assert detect_format(REAL / "un_consolidated.xml") is ListFormat.UN
    assert len(read_watchlist(REAL / "un_consolidated.xml").entries) == 730


def test_a_headerless_ofac_csv_is_read_with_the_alt_csv_beside_it(tmp_path: Path) -> None:
    person = b'7,"DOE, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n'
    (tmp_path / "sdn.csv").write_bytes(SDN_ROW + person)
    (tmp_path / "alt.csv").write_bytes(b'7,1,"aka","DOE, Johnny",-0- \r\n')
    assert detect_format(tmp_path / "sdn.csv") is ListFormat.OFAC_CSV
    content = read_watchlist(tmp_path / "sdn.csv")
    assert content.source_format == "ofac-csv"
    assert content.entries[0].names == ("John DOE", "Johnny DOE")
    assert content.skipped == 1


def test_an_ofac_companion_file_gives_nothing_on_its_own_beside_sdn_csv(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_bytes(SDN_ROW)
    (tmp_path / "alt.csv").write_bytes(ALT_ROW)
    assert detect_format(tmp_path / "alt.csv") is ListFormat.OFAC_COMPANION
    content = read_watchlist(tmp_path / "alt.csv")
    assert content.entries == ()
    assert content.warnings == (
        "part of the OFAC CSV set; read together with sdn.csv, not on its own",
    )


def test_an_ofac_companion_file_without_its_sdn_csv_is_refused(tmp_path: Path) -> None:
    (tmp_path / "names.csv").write_bytes(ALT_ROW)
    with pytest.raises(WatchlistFormatError, match=r"import the sdn\.csv it belongs with"):
        read_watchlist(tmp_path / "names.csv")


def test_a_table_with_a_header_row_is_left_to_the_tabular_reader(tmp_path: Path) -> None:
    path = tmp_path / "lookouts.csv"
    path.write_text("ID;Name;Date of Birth\nL-1;Marko Petrović;12.03.1985\n", encoding="utf-8")
    assert detect_format(path) is ListFormat.TABLE


def test_an_xml_file_of_another_kind_is_refused_naming_its_root(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text('<?xml version="1.0"?>\n<!-- a note -->\n<catalog><book/></catalog>', "utf-8")
    with pytest.raises(WatchlistFormatError, match=r"root element <catalog>"):
        detect_format(path)


def test_a_utf8_bom_and_a_doctype_do_not_hide_the_root(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_bytes(
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY a "b"> ]>\n'
        b"<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>"
    )
    assert detect_format(path) is ListFormat.UN
    with pytest.raises(WatchlistFormatError, match="entity-expansion attack"):
        read_watchlist(path)
