"""PNRGOV files read into bookings: golden pushes, the EU PNR drop rule, refusals, robustness."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.dates import PartialDate
from workstation.errors import InputFileError
from workstation.readers.edifact import Segment, ServiceChars, serialize
from workstation.readers.pnr_records import (
    PnrBooking,
    PnrContact,
    PnrFile,
    PnrOriginator,
    PnrPayment,
    PnrSegment,
    PnrTraveller,
)
from workstation.readers.pnr_values import decode_email, split_title
from workstation.readers.pnrgov import is_pnrgov, read_pnrgov
from workstation.readers.records import DocumentRecord

FIXTURES = Path(__file__).parents[1] / "fixtures"
PNRGOV = FIXTURES / "pnrgov"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def d(text: str) -> PartialDate:
    return PartialDate.parse_iso(text)


def passport(number: str, state: str, expiry: str) -> DocumentRecord:
    return DocumentRecord(number, "P", state, d(expiry))


def full_push() -> PnrFile:
    return read_pnrgov(PNRGOV / "ju211_full_push.edi")


def booking(result: PnrFile, locator: str) -> PnrBooking:
    (found,) = [b for b in result.bookings if b.record_locator == locator]
    return found


# TVL times are local: 06:35 in Istanbul (UTC+3), 08:10 in Belgrade (UTC+1 in November).
JU211 = PnrSegment("JU", "211", "IST", "BEG", utc(2026, 11, 23, 3, 35), utc(2026, 11, 23, 7, 10))
MARKO = PnrTraveller(
    "JOVANOVIC", "MARKO", "MR", False, "1", None, d("1979-04-12"), "M", "SRB",
    (passport("012345678", "SRB", "2030-01-01"),), None, "JU123456789",
)  # fmt: skip
ANA = PnrTraveller(
    "JOVANOVIC", "ANA", "MRS", False, "2", None, d("1981-02-03"), "F", "SRB",
    (passport("012345679", "SRB", "2031-05-05"),),
)  # fmt: skip


def test_full_push_gives_the_pushed_flight_and_five_bookings_without_warnings() -> None:
    result = full_push()
    assert (result.source_format, result.push_type) == ("pnrgov", "full")
    assert result.push_time == utc(2026, 11, 22, 6, 35)
    flight = result.flight
    assert (flight.designator, flight.origin, flight.destination) == ("JU211", "IST", "BEG")
    assert (flight.scheduled_departure, flight.scheduled_arrival) == (
        JU211.departure,
        JU211.arrival,
    )
    assert flight.travellers == ()
    assert [b.record_locator for b in result.bookings] == [
        "R8TV2K", "T4NW8P", "P9HD3C", "G5RP7N", "W2MC6B",
    ]  # fmt: skip
    assert result.warnings == ()


def test_couple_on_one_locator_gives_both_travellers_return_itinerary_and_masked_card() -> None:
    couple = booking(full_push(), "R8TV2K")
    assert couple.travellers == (MARKO, ANA)
    assert couple.creation_time == utc(2026, 10, 15, 10, 15)
    assert couple.ticketing_time == utc(2026, 10, 15, 10, 21)
    assert couple.itinerary == (
        replace(JU211, booking_class="Y", status="HK"),
        PnrSegment(
            "JU", "212", "BEG", "IST", utc(2026, 11, 30, 16, 10), utc(2026, 11, 30, 15, 50),
            None, "Y", "HK",
        ),
    )  # fmt: skip
    card = PnrPayment("card", "VI", "XXXXXXXXXXXX4242", Decimal("421.00"), "EUR")
    assert couple.payments == (card, card)
    assert couple.tickets == ("1152412345678", "1152412345679")
    assert couple.contacts == (
        PnrContact("address", "BULEVAR KRALJA ALEKSANDRA 73, BEOGRAD, 11000, RS"),
        PnrContact("email", "marko_jovanovic@beo-mail.rs"),
        PnrContact("phone", "381641234567"),
    )
    assert couple.originator == PnrOriginator("JU", None, "BEGJUWEB", "BEG", "A", "SRB")
    assert (couple.bag_count, couple.group_name, couple.dropped) == (None, None, ())
    assert couple.source_segments == (8, 33)


def test_cash_one_way_ticket_from_an_istanbul_agency_the_day_before_with_two_heavy_bags() -> None:
    cash = booking(full_push(), "T4NW8P")
    (traveller,) = cash.travellers
    assert (traveller.surname, traveller.given_names, traveller.title) == ("KAYA", "EMRE", "MR")
    assert traveller.documents == (passport("U23456789", "TUR", "2031-06-02"),)
    assert traveller.seat == "21C"  # from check-in (TRI, TIF, SSD)
    assert cash.payments == (PnrPayment("cash", None, None, Decimal("415.00"), "EUR"),)
    assert cash.ticketing_time == utc(2026, 11, 22, 1, 10)
    assert cash.originator == PnrOriginator("1A", "33212345", "ISTTR28AA", "IST", "T", "TUR")
    assert cash.itinerary == (replace(JU211, booking_class="M", status="HK"),)
    assert (cash.bag_count, cash.bag_weight_kg) == (2, 64.0)
    assert cash.contacts == (PnrContact("phone", "905321234567"),)


def test_family_infant_is_linked_to_the_adult_travelling_with_it_and_gets_its_own_docs() -> None:
    family = booking(full_push(), "P9HD3C")  # the operating carrier's locator, not TK's
    people = {t.given_names: t for t in family.travellers}
    assert list(people) == ["NIKOLA", "JELENA", "LUKA", "MILA"]
    luka = people["LUKA"]
    assert (luka.is_infant, luka.infant_of, luka.traveller_ref) == (True, "2", "4")
    assert luka.documents == (passport("015678901", "SRB", "2031-03-12"),)
    assert (luka.birth_date, luka.sex) == (d("2026-03-12"), "M")
    assert people["JELENA"].documents == (passport("013456790", "SRB", "2029-10-10"),)
    assert (people["MILA"].title, people["MILA"].is_infant) == ("MISS", False)
    assert [t.infant_of for t in family.travellers] == [None, None, "2", None]
    (leg,) = family.itinerary
    assert (leg.carrier, leg.number, leg.operating_carrier) == ("TK", "8211", "JU")
    assert family.payments == (
        PnrPayment("card", "CA", "XXXXXXXXXXXX0005", Decimal("1630.00"), "EUR"),
    )
    assert family.contacts == (PnrContact("email", "nikola.petrovic@gmail.com"),)


def test_group_booking_without_names_gives_the_group_name_and_size() -> None:
    group = booking(full_push(), "G5RP7N")
    assert (group.group_name, group.group_size, group.travellers) == ("BALKAN TOURS", 8, ())
    assert group.payments == (PnrPayment("invoice", None, None, Decimal("3920.00"), None),)
    assert group.tickets == ()  # ticketless: TKT+:1
    assert group.originator == PnrOriginator("1A", "12345678", "BEGJU0100", "BEG", "T", "SRB")


def test_meal_health_ssrs_and_religious_remarks_are_dropped_leaving_only_their_kind() -> None:
    result = full_push()
    sensitive = booking(result, "W2MC6B")
    assert sensitive.dropped == ("SSR MOML", "SSR WCHR", "remark (health/religion)")
    assert sensitive.remarks == ("PAX MET BY COUSIN AT ARRIVAL",)
    assert sensitive.travellers[0].seat == "3C"
    assert sensitive.payments[0].masked_number == "XXXXXXXXXXXX1111"  # sent in clear
    without_codes = replace(result, bookings=tuple(replace(b, dropped=()) for b in result.bookings))
    text = repr(without_codes).lower()
    for word in ("halal", "moml", "wchr", "medical", "needs help", "4111111111111111"):
        assert word not in text
    assert "halal" not in repr(result).lower()


def test_changes_push_a_day_later_adds_seats_and_corrects_a_name() -> None:
    before = booking(full_push(), "R8TV2K")
    result = read_pnrgov(PNRGOV / "ju211_changes_push.edi")
    assert (result.push_type, result.push_time) == ("changes", utc(2026, 11, 23, 6, 35))
    assert result.warnings == ()
    (after,) = result.bookings
    assert after.record_locator == before.record_locator
    assert [t.given_names for t in after.travellers] == ["MARKO", "ANNA"]
    assert [t.seat for t in after.travellers] == ["14A", "14B"]
    assert after.travellers[0] == replace(MARKO, seat="14A")
    assert after.itinerary == before.itinerary


def test_custom_una_gives_released_text_decimal_commas_and_a_decoded_ctce_address() -> None:
    result = read_pnrgov(PNRGOV / "ju211_custom_una.edi")
    assert result.warnings == ()
    assert result.flight.designator == "JU211"  # written 0211
    (one,) = result.bookings
    assert one.creation_time == utc(2026, 11, 10, 8, 30)  # HHMMSS
    assert one.contacts == (PnrContact("email", "sean_o-brien@mail-box.ie"),)
    assert one.remarks == ("TWO BAGS*ONE STROLLER~ NO PETS!",)
    assert one.payments == (PnrPayment("miscellaneous", None, None, Decimal("199.00"), "EUR"),)
    (sean,) = one.travellers
    assert (sean.surname, sean.given_names, sean.title) == ("O'BRIEN", "SEAN PATRICK", "MR")
    assert sean.documents == (passport("PA1234567", "IRL", "2029-08-15"),)
    assert sean.birth_date == d("1968-11-30")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("MARKOMR", ("MARKO", "MR")),
        ("ANA MRS", ("ANA", "MRS")),
        ("MOANMISS", ("MOAN", "MISS")),
        ("LUKAMSTR", ("LUKA", "MSTR")),
        ("ANA MARIJAMRS", ("ANA MARIJA", "MRS")),
        ("JOHN DR", ("JOHN", "DR")),
        ("ALEKSANDR", ("ALEKSANDR", None)),  # DR glued is a name ending, not a title
        ("SEJOON", ("SEJOON", None)),
    ],
)
def test_titles_glued_or_spaced_are_split_off_given_names(
    written: str, expected: tuple[str, str | None]
) -> None:
    assert split_title(written) == expected


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("MARKO..JOVANOVIC//BEO./MAIL.RS/SR", "marko_jovanovic@beo-mail.rs"),
        ("/JANE.DOE//EXAMPLE.COM", "jane.doe@example.com"),
        ("A./B..C//D.ORG/EN", "a-b_c@d.org"),
    ],
)
def test_ctce_email_encoding_is_decoded(written: str, address: str) -> None:
    assert decode_email(written) == address


def write_pnr(tmp_path: Path, *pnr: str, header: tuple[str, ...] | None = None) -> Path:
    """A one-message push for JU211 IST-BEG with ``pnr`` after the header."""
    head = ("MSG+:22'", "ORG+JU'", "TVL+231126:0635:231126:0810+IST+BEG+JU+211'", "EQN+1'")
    segments = ["UNH+1+PNRGOV:11:1:IA'", *(head if header is None else header), *pnr]
    segments.append(f"UNT+{len(segments) + 1}+1'")
    text = "\n".join(["UNA:+.? '", "UNB+IATA:1+JU+RS+261122:0635+1'", *segments, "UNZ+1+1'"])
    path = tmp_path / "push.edi"
    path.write_text(text + "\n", encoding="ascii")
    return path


def test_a_dropped_docs_title_glued_to_a_name_like_williams_is_restored(tmp_path: Path) -> None:
    path = write_pnr(
        tmp_path, "SRC'", "RCI+JU:ABC123'", "TIF+ADAMS+WILLIAMS:A:1'",
        "SSR+DOCS:HK:1:JU:::::/P/GBR/123456789/GBR/12JUL64/M/23AUG30/ADAMS/WILLIAMS+::1'",
    )  # fmt: skip
    (traveller,) = read_pnrgov(path).bookings[0].travellers
    assert (traveller.given_names, traveller.title) == ("WILLIAMS", None)


def test_unknown_segments_and_wrong_counts_are_warnings_naming_the_segment(tmp_path: Path) -> None:
    path = write_pnr(tmp_path, "SRC'", "RCI+JU:ABC123'", "ZZZ+SECRET TEXT'", "TIF+DOE+JANEMS:A:1'")
    path.write_text(path.read_text().replace("EQN+1'", "EQN+2'").replace("MSG+:22", "MSG+:99"))
    result = read_pnrgov(path)
    assert [t.surname for t in result.bookings[0].travellers] == ["DOE"]
    assert result.warnings == (
        "segment 3 (MSG): push type '99' is unknown; read as full",
        "segment 2 (UNH): the message says it holds 2 PNRs but has 1",
        "segment 9 (ZZZ), line 10: unknown segment ZZZ in a PNR; skipped",
    )
    assert "SECRET" not in repr(result)


def test_a_pnr_without_record_locator_and_a_wrong_unt_count_are_warned_of(tmp_path: Path) -> None:
    path = write_pnr(tmp_path, "SRC'", "TIF+DOE+JANE:A:1'")
    path.write_text(path.read_text().replace("UNT+8+1", "UNT+9+1"))
    result = read_pnrgov(path)
    assert result.bookings[0].record_locator == ""
    assert result.warnings == (
        "segment 9 (UNT), line 10: the message says it has 9 segments but has 8",
        "segment 7 (SRC), line 8: a PNR without a record locator (RCI)",
    )


def test_a_second_message_for_another_flight_is_skipped_with_a_warning(tmp_path: Path) -> None:
    first = write_pnr(tmp_path, "SRC'", "RCI+JU:AAA111'").read_text()
    other = first.replace("IST+BEG+JU+211", "IST+SKP+JU+213").replace("AAA111", "BBB222")
    path = tmp_path / "two.edi"
    path.write_text(first + other)
    result = read_pnrgov(path)
    assert [b.record_locator for b in result.bookings] == ["AAA111"]
    assert result.warnings == (
        "segment 12 (UNH): a push for flight JU213 IST-SKP, not JU211; skipped",
    )


def refused(path: Path) -> InputFileError:
    with pytest.raises(InputFileError) as caught:
        read_pnrgov(path)
    return caught.value


def test_a_message_without_the_pushed_flight_is_refused_naming_its_unh(tmp_path: Path) -> None:
    error = refused(write_pnr(tmp_path, "SRC'", "RCI+JU:ABC123'", header=("MSG+:22'",)))
    assert (error.where, error.problem) == (
        "segment 2 (UNH)",
        "the message names no pushed flight (TVL)",
    )


def test_a_pushed_flight_without_a_number_is_refused_naming_the_tvl(tmp_path: Path) -> None:
    error = refused(write_pnr(tmp_path, "SRC'", header=("MSG+:22'", "TVL+231126+IST+BEG'")))
    assert error.where == "segment 4 (TVL)"


def test_other_files_are_refused_plainly(tmp_path: Path) -> None:
    csv = tmp_path / "list.csv"
    csv.write_text("Flight,Origin\nJU211,IST\n")
    assert "no EDIFACT interchange" in refused(csv).problem
    paxlst = FIXTURES / "paxlst" / "ju211_d05b_passengers.edi"
    error = refused(paxlst)
    assert (error.where, error.problem) == (
        "segment 2 (UNH)", "the messages are PAXLST, not PNR data (PNRGOV)",
    )  # fmt: skip
    empty = tmp_path / "empty.edi"
    empty.write_bytes(b"UNB+IATA:1+JU+RS+261122:0635+1'UNZ+0+1'")
    assert refused(empty).where == "segment 1 (UNB)"


def test_binary_junk_is_refused_naming_the_segment(tmp_path: Path) -> None:
    path = write_pnr(tmp_path, "SRC'", "RCI+JU:ABC123'", "TIF+DOE+JANE:A:1'")
    path.write_bytes(path.read_bytes().replace(b"DOE+JANE", b"DO\x00\x01\x1bJANE"))
    assert refused(path).where == "segment 9 (TIF)"


def test_files_over_fifty_megabytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.edi"
    with path.open("wb") as handle:
        handle.write(b"UNA:+.? 'UNB+IATA:1+JU+RS+261122:0635+1'")
        handle.truncate(50 * 1024 * 1024 + 1)
    assert "limit" in refused(path).problem


@pytest.mark.parametrize("name", sorted(p.name for p in PNRGOV.iterdir()))
def test_every_pnrgov_fixture_is_recognised(name: str) -> None:
    assert is_pnrgov((PNRGOV / name).read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Flight,Origin\nJU211,IST\n",
        (FIXTURES / "paxlst" / "ju211_d05b_passengers.edi").read_bytes(),
        b"UNB+IATA:1+JU\x00\x01\x02",
    ],
)
def test_other_data_is_not_recognised_as_pnrgov(data: bytes) -> None:
    assert not is_pnrgov(data)


_TAGS = [
    "MSG", "ORG", "TVL", "EQN", "SRC", "RCI", "DAT", "ADD", "TIF", "FTI", "SSR", "TKT", "MON",
    "FOP", "IFT", "RPI", "TRI", "SSD", "TBD", "EBD", "ABI", "APD", "UNT", "UNH", "UNZ", "XYZ",
]  # fmt: skip
_SAMPLES = [
    "", "22", "141", "231126", "0635", "IST", "BEG", "JU", "211", "G", "IN", "1", "2", "DOCS",
    "DOCO", "DOCA", "CTCE", "SEAT", "MOML", "CC", "CA", "700", "710", "W", "701",
    "/P/SRB/1/SRB/12JUL64/MI/01JAN30/A/B", "//", "A..B//C", "NaN", "1e999", "-5", "T",
]  # fmt: skip
_VALUES = st.one_of(
    st.sampled_from(_SAMPLES),
    st.text(alphabet=string.ascii_uppercase + string.digits + "/ .-", max_size=10),
)
_SEGMENT = st.tuples(
    st.sampled_from(_TAGS + ["SRC", "TIF", "SSR", "TVL"] * 3),  # more bookings
    st.lists(st.lists(_VALUES, min_size=1, max_size=9), max_size=5),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(_SEGMENT, max_size=40), with_flight=st.booleans())
def test_reading_segment_soup_never_raises_anything_but_input_file_error(
    tmp_path_factory: pytest.TempPathFactory,
    body: list[tuple[str, list[list[str]]]],
    with_flight: bool,
) -> None:
    segments = [
        Segment("UNB", (("IATA", "1"), ("JU",), ("RS",), ("261122", "0635"), ("1",)), 1, 1),
        Segment("UNH", (("1",), ("PNRGOV", "11", "1", "IA")), 2, 1),
    ]
    if with_flight:
        segments.append(
            Segment("TVL", (("231126", "0635"), ("IST",), ("BEG",), ("JU",), ("211",)), 3, 1)
        )
    segments += [Segment(tag, tuple(tuple(e) for e in elements), 0, 1) for tag, elements in body]
    path = tmp_path_factory.mktemp("soup") / "soup.edi"
    path.write_text(serialize(segments, ServiceChars(), line_end="\n"), encoding="ascii")
    try:
        result = read_pnrgov(path)
    except InputFileError:
        return
    assert result.flight.designator
    # A meal code sent as a special service request is never kept; the same letters elsewhere
    # (an office or agency code) are not a meal request and may stay.
    if any(tag != "SSR" and "MOML" in repr(elements) for tag, elements in body):
        return
    for one in result.bookings:
        assert "MOML" not in repr(replace(one, dropped=()))
