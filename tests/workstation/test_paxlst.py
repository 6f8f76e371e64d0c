"""PAXLST files read into flights and travellers: golden files, multi-part lists, refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from matching.dates import PartialDate
from workstation.errors import InputFileError
from workstation.readers.paxlst import looks_like_edifact, read_paxlst
from workstation.readers.records import DocumentRecord, PassengerFile, TravellerRecord

FIXTURES = Path(__file__).parents[1] / "fixtures" / "paxlst"


def d(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


def passport(number: str, state: str, expiry: str) -> DocumentRecord:
    return DocumentRecord(number, "P", state, d(expiry))


DJORDJEVIC = TravellerRecord(
    "DJORDJEVIC", "ZARKO", "passenger", d("1979-04-12"), "M", "SRB",
    (passport("012345678", "SRB", "2030-01-01"),), "K7QX2M", "12C", 12,
)  # fmt: skip
YILMAZ = TravellerRecord(
    "YILMAZ", "AYSE", "passenger", d("1990-02-03"), "F", "TUR",
    (passport("U12345678", "TUR", "2031-05-05"),), "P2LM9A", "14A", 23,
)  # fmt: skip
OBRIEN = TravellerRecord(
    "O'BRIEN", "SEAN PATRICK", "passenger", d("1968-11-30"), "M", "IRL",
    (passport("PA1234567", "IRL", "2029-08-15"),), "Q8ZT3N", "3D", 34,
)  # fmt: skip
ZHANG = TravellerRecord(
    "ZHANG", "WEI", "passenger", d("1995-06-21"), "F", "CHN",
    (passport("E98765432", "CHN", "2033-03-10"),
     DocumentRecord("S0012345", "V", "SRB", d("2027-02-20"))),
    "R4HB8K", "21F", 44,
)  # fmt: skip
MUELLER = TravellerRecord(
    "MUELLER", "HANS PETER", "passenger", d("1955-01-01"), "M", "DEU",
    (passport("C01X00T47", "DEU", "2028-04-04"),), None, "2A", 58,
)  # fmt: skip
KRASNIQI = TravellerRecord(
    "KRASNIQI", "ARBEN", "passenger", d("2001-03-05"), "M", "RKS",
    (passport("P01234567", "RKS", "2032-01-01"),), "W3NC7D", "18B", 66,
)  # fmt: skip
HODZIC = TravellerRecord(
    "HODZIC", "EMIR", "passenger", d("1985-07-30"), None, "BIH", (), "P2LM9A", "14B", 75,
)  # fmt: skip
PETROVIC = TravellerRecord(
    "PETROVIC", "MILA", "passenger", d("2025-06-10"), "F", "SRB",
    (passport("014567890", "SRB", "2030-06-10"),), "K7QX2M", None, 81,
)  # fmt: skip
PASSENGERS = (DJORDJEVIC, YILMAZ, OBRIEN, ZHANG, MUELLER, KRASNIQI, HODZIC, PETROVIC)


def read(name: str) -> PassengerFile:
    return read_paxlst(FIXTURES / name)


def without_lines(travellers: tuple[TravellerRecord, ...]) -> list[TravellerRecord]:
    return [TravellerRecord(**{**t.__dict__, "source_line": None}) for t in travellers]


def test_d05b_passenger_list_gives_the_flight_and_every_passenger_exactly() -> None:
    result = read("ju211_d05b_passengers.edi")
    assert result.source_format == "paxlst"
    assert result.warnings == ()
    (flight,) = result.flights
    assert (flight.designator, flight.origin, flight.destination) == ("JU211", "IST", "BEG")
    # DTM 189/232 are local: 06:35 in Istanbul (UTC+3), 08:10 in Belgrade (UTC+1 in November).
    assert flight.scheduled_departure == datetime(2026, 11, 23, 3, 35, tzinfo=UTC)
    assert flight.scheduled_arrival == datetime(2026, 11, 23, 7, 10, tzinfo=UTC)
    assert flight.travellers == PASSENGERS


def test_crew_list_gives_crew_with_all_their_documents() -> None:
    result = read("ju211_d02b_crew.edi")
    assert result.warnings == ()
    (flight,) = result.flights
    assert flight.designator == "JU211"
    assert [(t.surname, t.role, t.nationality) for t in flight.travellers] == [
        ("MARKOVIC", "crew", "SRB"),
        ("NIKOLIC", "crew", "SRB"),
        ("STOJANOVSKA", "crew", "MKD"),
    ]
    assert flight.travellers[1].documents == (
        passport("008765432", "SRB", "2029-09-09"),
        DocumentRecord("JU004411", "AC", "SRB", d("2027-12-31")),
    )
    assert flight.travellers[0].birth_date == d("1992-11-11")


@pytest.mark.parametrize(
    "name",
    [
        "ju211_custom_service_chars.edi",
        "ju211_cr_only.edi",
        "ju211_one_line.edi",
        "ju211_indented.edi",
        "ju211_typeb.txt",
    ],
)
def test_every_layout_gives_the_same_three_passengers(name: str) -> None:
    result = read(name)
    assert result.warnings == ()
    (flight,) = result.flights
    assert flight.designator == "JU211"
    assert flight.scheduled_departure == datetime(2026, 11, 23, 3, 35, tzinfo=UTC)
    assert without_lines(flight.travellers) == without_lines((DJORDJEVIC, YILMAZ, OBRIEN))


def test_source_lines_point_at_each_travellers_nad_even_with_bare_cr_line_ends() -> None:
    travellers = read("ju211_cr_only.edi").flights[0].travellers
    assert [t.source_line for t in travellers] == [12, 23, 34]
    assert [t.source_line for t in read("ju211_typeb.txt").flights[0].travellers] == [17, 29, 40]


def test_three_parts_out_of_order_are_joined_in_part_order_counting_nobody_twice() -> None:
    result = read("ju211_multipart_out_of_order.edi")
    (flight,) = result.flights
    assert [t.surname for t in flight.travellers] == [
        "DJORDJEVIC", "YILMAZ", "O'BRIEN", "ZHANG", "MUELLER", "KRASNIQI", "HODZIC",
    ]  # fmt: skip
    assert without_lines(flight.travellers) == without_lines(PASSENGERS[:7])
    assert result.warnings == ("line 12: the traveller of line 108 is listed again; counted once",)


def test_a_missing_part_is_warned_of(tmp_path: Path) -> None:
    data = (FIXTURES / "ju211_multipart_out_of_order.edi").read_text()
    second = data.index("UNA", 1)
    path = tmp_path / "two_of_three.edi"
    path.write_text(data[second:])  # parts 3 and 1 only
    result = read_paxlst(path)
    assert len(result.flights[0].travellers) == 5
    assert "flight JU211: part(s) [2] of the list are missing" in result.warnings
    assert "flight JU211: the list says it has 7 travellers (CNT) but holds 5" in result.warnings


def test_unoe_file_gives_cyrillic_names() -> None:
    (flight,) = read("ju211_unoe_cyrillic.edi").flights
    assert (flight.travellers[0].surname, flight.travellers[0].given_names) == ("ЂОРЂЕВИЋ", "ЖАРКО")


def test_unow_file_gives_names_with_diacritics() -> None:
    result = read("ju211_unow_utf8.edi")
    assert result.warnings == ()
    names = [(t.surname, t.given_names) for t in result.flights[0].travellers]
    assert names == [("ĐORĐEVIĆ", "ŽARKO"), ("YILMAZ", "AYŞE")]


def test_functional_groups_with_passenger_and_crew_lists_give_one_flight() -> None:
    result = read("ju211_groups.edi")
    assert result.warnings == ()
    (flight,) = result.flights
    assert [(t.surname, t.role) for t in flight.travellers] == [
        ("HODZIC", "passenger"),
        ("PETROVIC", "passenger"),
        ("MARKOVIC", "crew"),
        ("NIKOLIC", "crew"),
        ("STOJANOVSKA", "crew"),
    ]


def test_a_wrong_unt_count_is_a_warning_not_a_failure() -> None:
    result = read("ju211_wrong_unt_count.edi")
    assert [t.surname for t in result.flights[0].travellers] == ["HODZIC", "PETROVIC"]
    assert result.warnings == (
        "segment 26 (UNT), line 27: the message says it has 28 segments but has 25",
    )


def write_message(tmp_path: Path, *body: str, head: tuple[str, ...] | None = None) -> Path:
    """A one-message D05B list for JU211 IST-BEG with ``body`` after the flight."""
    flight = ("TDT+20+JU211+++JU'", "LOC+125+IST'", "DTM+189:2611230635:201'", "LOC+87+BEG'")
    segments = [
        "UNH+1+PAXLST:D:05B:UN:IATA+X+01:F'",
        "BGM+745'",
        *(flight if head is None else head),
        *body,
    ]
    segments.append(f"UNT+{len(segments) + 1}+1'")
    text = "\n".join(["UNA:+.? '", "UNB+UNOA:4+JU+RS+261123:0512+1'", *segments, "UNZ+1+1'"])
    path = tmp_path / "list.edi"
    path.write_text(text + "\n", encoding="ascii")
    return path


def test_two_digit_birth_years_fall_in_the_century_that_puts_them_in_the_past(
    tmp_path: Path,
) -> None:
    path = write_message(
        tmp_path,
        "NAD+FL+++A:B'", "DTM+329:261123'",  # born on the day of the flight
        "NAD+FL+++C:D'", "DTM+329:261124'",  # the day after: must be 1926
        "NAD+FL+++E:F'", "DTM+329:19800200'",  # day unknown
    )  # fmt: skip
    births = [t.birth_date for t in read_paxlst(path).flights[0].travellers]
    assert births == [d("2026-11-23"), d("1926-11-24"), d("1980-02")]


def test_unreadable_values_and_malformed_composites_are_warnings(tmp_path: Path) -> None:
    path = write_message(
        tmp_path,
        "NAD+FL'",
        "DTM+329:85A730'",
        "DOC+P'",
        "NAD+FL+++SMITH:JOHN'",
        "ATT+2++X'",
        "NAT+2'",
        "CNT+42:TWO'",
    )
    result = read_paxlst(path)
    assert [
        (t.surname, t.birth_date, t.sex, t.documents) for t in result.flights[0].travellers
    ] == [
        ("", None, None, ()),
        ("SMITH", None, None, ()),
    ]
    assert result.warnings == (
        "segment 8 (NAD), line 9: a traveller without a surname",
        "segment 10 (DOC), line 11: a document without a number; ignored",
        "segment 8 (NAD), line 9: date of birth '85A730' cannot be read",
        "segment 14 (CNT), line 15: count 'TWO' is not a number",
    )


def test_further_legs_are_noted_and_the_first_leg_is_the_flight(tmp_path: Path) -> None:
    path = write_message(
        tmp_path, "TDT+20+JU212+++JU'", "LOC+125+BEG'", "LOC+87+SKP'", "NAD+FL+++DOE:JANE'"
    )
    result = read_paxlst(path)
    (flight,) = result.flights
    assert (flight.designator, flight.origin, flight.destination) == ("JU211", "IST", "BEG")
    assert result.warnings == (
        "segment 8 (TDT), line 9: a further leg 'JU212' is ignored; the first is kept",
    )


def test_master_crew_lists_are_skipped_without_failing(tmp_path: Path) -> None:
    path = write_message(tmp_path, "NAD+FM+++DOE:JANE'", head=())
    path.write_text(path.read_text().replace("BGM+745", "BGM+336"))
    result = read_paxlst(path)
    assert result.flights == ()
    assert result.warnings == (
        "segment 2 (UNH): a master crew list (BGM 336), not a flight; skipped",
    )


def test_icao_country_codes_are_read_as_iso_alpha3() -> None:
    travellers = {t.surname: t for t in read("ju211_d05b_passengers.edi").flights[0].travellers}
    assert travellers["MUELLER"].nationality == "DEU"  # written "D"
    assert travellers["KRASNIQI"].documents[0].issuing_state == "RKS"


def test_a_message_without_a_flight_is_refused_naming_its_unh(tmp_path: Path) -> None:
    path = write_message(tmp_path, "NAD+FL+++DOE:JANE'", head=())
    with pytest.raises(InputFileError) as caught:
        read_paxlst(path)
    assert caught.value.where == "segment 2 (UNH)"
    assert "no flight (TDT)" in caught.value.problem


def test_an_interchange_without_messages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.edi"
    path.write_bytes(b"UNA:+.? '\nUNB+UNOA:4+JU+RS+261123:0512+1'\nUNZ+0+1'\n")
    with pytest.raises(InputFileError, match="no message") as caught:
        read_paxlst(path)
    assert caught.value.where == "segment 1 (UNB)"


def test_other_edifact_messages_are_refused_as_not_passenger_lists(tmp_path: Path) -> None:
    path = write_message(tmp_path, "NAD+FL+++DOE:JANE'")
    path.write_text(path.read_text().replace("PAXLST:D:05B", "PNRGOV:11:1"))
    with pytest.raises(InputFileError, match="PNRGOV, not passenger lists"):
        read_paxlst(path)


def test_binary_junk_is_refused_naming_the_segment(tmp_path: Path) -> None:
    path = write_message(tmp_path, "NAD+FL+++DOE:JANE'")
    path.write_bytes(path.read_bytes().replace(b"DOE:JANE", b"DO\x00\x00\x1bJANE"))
    with pytest.raises(InputFileError) as caught:
        read_paxlst(path)
    assert caught.value.where == "segment 8 (NAD)"


def test_more_than_ten_thousand_travellers_are_refused(tmp_path: Path) -> None:
    path = write_message(tmp_path, *[f"NAD+FL+++DOE{i}:JANE'" for i in range(10_001)])
    with pytest.raises(InputFileError, match="more than 10,000 travellers") as caught:
        read_paxlst(path)
    assert caught.value.where == "segment 10008 (NAD)"


def test_files_over_fifty_megabytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.edi"
    with path.open("wb") as handle:
        handle.write(b"UNA:+.? 'UNB+UNOA:4+JU+RS+261123:0512+1'")
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(InputFileError, match="limit"):
        read_paxlst(path)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_every_fixture_looks_like_edifact(name: str) -> None:
    assert looks_like_edifact((FIXTURES / name).read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Flight,Origin,Destination\nJU211,IST,BEG\n",
        b"%PDF-1.7\n\x00\x01UNB",
        b"Surname,Given\nUNBEKANNT,HANS\n",
    ],
)
def test_other_files_do_not_look_like_edifact(data: bytes) -> None:
    assert not looks_like_edifact(data)


def test_a_continuation_part_without_its_own_flight_joins_by_common_access_reference(
    tmp_path: Path,
) -> None:
    first = write_message(tmp_path, "NAD+FL+++DOE:JANE'").read_text()
    first = first.replace("+X+01:F'", "+JU211/261123+01:C'")
    second = (
        "UNA:+.? '\nUNB+UNOA:4+JU+RS+261123:0513+2'\n"
        "UNH+2+PAXLST:D:05B:UN:IATA+JU211/261123+02:F'\nBGM+745'\n"
        "NAD+FL+++ROE:RICHARD'\nCNT+42:2'\nUNT+5+2'\nUNZ+1+2'\n"
    )
    path = tmp_path / "parts.edi"
    path.write_text(second + first)
    result = read_paxlst(path)
    (flight,) = result.flights
    assert [t.surname for t in flight.travellers] == ["DOE", "ROE"]
    assert result.warnings == ()
