"""Reading machine readable zones as pasted or scanned: fields, check digits, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.dates import PartialDate
from workstation.db.searchkey import key_matches, search_terms, traveller_search_key
from workstation.errors import InvalidInputError
from workstation.readers.mrz import read_mrz, to_traveller_record

TODAY = date(2026, 11, 23)

# ICAO Doc 9303 specimens (Utopia, Anna Maria Eriksson).
TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
MRV_A = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRV_B = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<")


def digit(data: str) -> str:
    """The 7-3-1 check digit by its definition (digits, A=10..Z=35, '<'=0), for the builders."""
    values = [int(c) if c.isdigit() else 0 if c == "<" else ord(c) - 55 for c in data]
    return str(sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values)) % 10)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # L=21: 21*7 + 8*3 + 9 + 8*7 + 9*3 + 0 + 2*7 + 12*3 + 3 = 316
        ("L898902C3", "6"),
        ("740812", "2"),  # 49 + 12 + 0 + 56 + 3 + 2 = 122
        ("120415", "9"),  # 7 + 6 + 0 + 28 + 3 + 5 = 49
        ("520727", "3"),  # 35 + 6 + 0 + 49 + 6 + 7 = 103
        ("<<<<", "0"),
    ],
)
def test_the_test_check_digit_matches_hand_worked_examples(data: str, expected: str) -> None:
    assert digit(data) == expected


def td3(name: str, line2_head: str, optional: str = "", state: str = "UTO", code: str = "P") -> str:
    """A TD3 from the name field and line 2's first 28 characters without check digits in them.

    ``line2_head`` is number(9) + nationality(3) + birth(6) + sex(1) + expiry(6).
    """
    number, nat, birth, sex, expiry = (
        line2_head[0:9],
        line2_head[9:12],
        line2_head[12:18],
        line2_head[18],
        line2_head[19:25],
    )
    opt = optional.ljust(14, "<")
    opt_digit = digit(opt) if optional else "<"
    body = f"{number}{digit(number)}{nat}{birth}{digit(birth)}{sex}{expiry}{digit(expiry)}"
    composite = body[0:10] + body[13:20] + body[21:28] + opt + opt_digit
    line1 = f"{code:<2}{state:<3}{name}".replace(" ", "<")[:44].ljust(44, "<")
    return f"{line1}\n{body}{opt}{opt_digit}{digit(composite)}"


def td1(number: str, birth: str, sex: str, expiry: str, nat: str, name: str) -> str:
    """A TD1 identity card; numbers over 9 characters continue in the optional data."""
    if len(number) <= 9:
        head = f"{number:<9}{digit(number.ljust(9, '<'))}".replace(" ", "<")
    else:
        head = f"{number[:9]}<{number[9:]}{digit(number)}"
    line1 = f"I<UTO{head}".ljust(30, "<")
    line2 = f"{birth}{digit(birth)}{sex}{expiry}{digit(expiry)}{nat:<3}".replace(" ", "<")
    line2 = line2.ljust(29, "<")
    line2 += digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    return "\n".join((line1, line2, name.ljust(30, "<")))


def test_the_icao_passport_specimen_is_read_field_by_field() -> None:
    result = read_mrz("\n".join(TD3), today=TODAY)
    assert result.valid and result.problems == []
    assert (result.format, result.document_code, result.issuing_state) == ("TD3", "P", "UTO")
    assert (result.surname, result.given_names, result.names_truncated) == (
        "ERIKSSON",
        "ANNA MARIA",
        False,
    )
    assert result.document_number == "L898902C3"
    assert result.nationality == "UTO"
    assert result.birth_date == PartialDate(1974, 8, 12)
    assert result.sex == "F"
    assert result.expiry == PartialDate(2012, 4, 15)
    assert result.optional_data == "ZE184226B"
    assert result.checks == dict.fromkeys(
        ("document_number", "birth_date", "expiry", "optional_data", "composite"), True
    )


@pytest.mark.parametrize(
    ("lines", "kind", "number", "nationality", "birth", "expiry"),
    [
        (TD1, "TD1", "D23145890", "UTO", PartialDate(1974, 8, 12), PartialDate(2012, 4, 15)),
        (TD2, "TD2", "D23145890", "UTO", PartialDate(1974, 8, 12), PartialDate(2012, 4, 15)),
        (MRV_A, "MRV-A", "L8988901C", "XXX", PartialDate(1940, 9, 7), PartialDate(1996, 12, 10)),
        (MRV_B, "MRV-B", "L8988901C", "XXX", PartialDate(1940, 9, 7), PartialDate(1996, 12, 10)),
    ],
)
def test_the_icao_card_and_visa_specimens_are_read_and_pass_their_checks(
    lines: tuple[str, ...],
    kind: str,
    number: str,
    nationality: str,
    birth: PartialDate,
    expiry: PartialDate,
) -> None:
    result = read_mrz("\n".join(lines), today=TODAY)
    assert result.valid, result.problems
    assert all(result.checks.values())
    assert result.format == kind
    assert (result.surname, result.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (result.document_number, result.nationality) == (number, nationality)
    assert (result.birth_date, result.expiry) == (birth, expiry)
    assert ("composite" in result.checks) == (kind in ("TD1", "TD2"))


def test_a_serbian_passport_reads_djordjevic_as_the_mrz_writes_it_and_is_found_by_number() -> None:
    text = td3("DJORDJEVIC<<MARKO", "012345678SRB850315M310101", "1503985710123", "SRB")
    result = read_mrz(text, today=TODAY)
    assert result.valid, result.problems
    assert (result.surname, result.given_names) == ("DJORDJEVIC", "MARKO")
    assert (result.issuing_state, result.nationality) == ("SRB", "SRB")
    assert result.optional_data == "1503985710123"
    record = to_traveller_record(result)
    assert record.birth_date == PartialDate(1985, 3, 15) and record.sex == "M"
    (document,) = record.documents
    assert (document.number, document.doc_type, document.issuing_state) == ("012345678", "P", "SRB")
    assert document.expiry == PartialDate(2031, 1, 1)
    key = traveller_search_key(
        record.surname, record.given_names, [d.number for d in record.documents], None
    )
    assert key_matches(key, search_terms(result.document_number))
    assert key_matches(key, search_terms("Đorđević"))


def test_the_icao_code_d_is_germany() -> None:
    result = read_mrz(td3("MUSTERMANN<<ERIKA", "C01X00T47D<<640812F270131", state="D"))
    assert (result.issuing_state, result.nationality) == ("DEU", "DEU")
    assert result.valid, result.problems


@pytest.mark.parametrize("code", ["RKS", "XXA", "XXB", "XXC", "UNO", "UNA", "UNK", "EUE"])
def test_icao_codes_that_iso_lacks_are_kept(code: str) -> None:
    result = read_mrz(td3("KRASNIQI<<ARBEN", f"P01234567{code}900101M300101", state=code))
    assert (result.issuing_state, result.nationality) == (code, code)
    assert result.valid, result.problems


def test_a_full_name_field_is_flagged_as_possibly_truncated() -> None:
    name = "WOLFESCHLEGELSTEINHAUSEN<<HUBERT<BLAINE<WOLFF"[:39]
    result = read_mrz(td3(name, "X12345678DEU700101M300101", state="DEU"))
    assert result.names_truncated
    assert result.given_names == "HUBERT BLAINE"
    short = read_mrz(td3("WOLFE<<HUBERT", "X12345678DEU700101M300101", state="DEU"))
    assert not short.names_truncated


def test_a_long_td1_document_number_continues_in_the_optional_data() -> None:
    text = td1("D23145890734", "740812", "F", "120415", "UTO", "ERIKSSON<<ANNA<MARIA")
    assert text.splitlines()[0] == "I<UTOD23145890<7349<<<<<<<<<<<"  # the ICAO example
    result = read_mrz(text, today=TODAY)
    assert result.document_number == "D23145890734"
    assert result.checks["document_number"] and result.valid, result.problems
    assert result.optional_data == ""


def test_wrong_check_digits_are_reported_in_plain_words() -> None:
    line2 = TD3[1][:19] + "3" + TD3[1][20:]  # date of birth check digit 2 -> 3
    result = read_mrz(f"{TD3[0]}\n{line2}", today=TODAY)
    assert not result.valid
    assert result.checks["birth_date"] is False and result.checks["composite"] is False
    assert result.checks["document_number"] and result.checks["expiry"]
    assert "the check digit of the date of birth is 3, the data give 2" in result.problems
    assert result.birth_date == PartialDate(1974, 8, 12)  # the fields are still read


def test_a_letter_o_in_a_check_digit_is_not_a_digit() -> None:
    line2 = TD3[1][:9] + "O" + TD3[1][10:]
    result = read_mrz(f"{TD3[0]}\n{line2}")
    assert result.checks["document_number"] is False
    assert any("document number is 'O', not a digit" in p for p in result.problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("hello world", "2 or 3 lines; this text has 1"),
        (f"{TD3[0]}\n{TD3[1][:-1]}", r"Line 2 has 43 characters; a passport \(TD3\) line has 44"),
        ("P<UTO\nL898902C36UTO", "Line 1 has 5 characters"),
        (f"{TD3[0]}\n{TD3[1][:-1]}é", "Line 2 has 'É' at position 44"),
        ("\n".join((TD1[0], TD1[1], TD1[2] + "<")), "Line 3 has 31 characters"),
        ("\n".join(("1" + TD3[0][1:], TD3[1])), "starts with '1'"),
        ("\n".join(TD3 + TD3), "this text has 4"),
    ],
)
def test_text_that_is_not_an_mrz_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        read_mrz(text)


def test_lower_case_crlf_surrounding_space_and_a_trailing_newline_are_accepted() -> None:
    text = "  " + "\r\n".join(TD3).lower() + "\r\n"
    assert read_mrz(text, today=TODAY) == read_mrz("\n".join(TD3), today=TODAY)
    assert read_mrz("\r".join(TD1) + "\n", today=TODAY).valid
    assert read_mrz("".join(TD3), today=TODAY).document_number == "L898902C3"


def test_spaces_for_fillers_are_read_only_where_they_cannot_be_misplaced() -> None:
    inner = TD3[1].replace("<", " ")  # "...ZE184226B     10": the line keeps its 44 characters
    assert read_mrz(f"{TD3[0]}\n{inner}", today=TODAY).optional_data == "ZE184226B"
    trailing = TD3[0].replace("<", " ")  # trailing spaces are lost: where did the name end?
    with pytest.raises(InvalidInputError, match="Line 1 has 25 characters"):
        read_mrz(f"{trailing}\n{TD3[1]}")


def test_unknown_parts_of_a_date_of_birth_stay_unknown() -> None:
    result = read_mrz(td3("DOE<<JOHN", "X12345678XXA85<<<<M300101", state="XXA"), today=TODAY)
    assert result.birth_date == PartialDate(1985)
    assert result.valid, result.problems
    month = read_mrz(td3("DOE<<JOHN", "X12345678XXA8503<<M300101", state="XXA"), today=TODAY)
    assert month.birth_date == PartialDate(1985, 3)
    bad = read_mrz(td3("DOE<<JOHN", "X12345678XXA851331M300101", state="XXA"), today=TODAY)
    assert bad.birth_date is None and any("date of birth" in p for p in bad.problems)


def test_a_birth_year_is_put_in_the_past_and_an_expiry_year_after_2000() -> None:
    young = read_mrz(td3("DOE<<JANE", "X12345678SRB100101F300101", state="SRB"), today=TODAY)
    old = read_mrz(td3("DOE<<JANE", "X12345678SRB300101F990101", state="SRB"), today=TODAY)
    assert young.birth_date == PartialDate(2010, 1, 1)
    assert young.expiry == PartialDate(2030, 1, 1)
    assert old.birth_date == PartialDate(1930, 1, 1)
    assert old.expiry == PartialDate(1999, 1, 1)  # 2099 would be absurd


_CODES = {"SRB": "SRB", "MKD": "MKD", "D": "DEU", "RKS": "RKS", "XXA": "XXA", "UNO": "UNO"}
_WORD = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8)
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@settings(max_examples=150, deadline=None)
@given(
    surname=st.lists(_WORD, min_size=1, max_size=2),
    given_names=st.lists(_WORD, max_size=2),
    number=st.text(_ALNUM, min_size=1, max_size=9),
    code=st.sampled_from(sorted(_CODES)),
    birth=st.dates(date(1926, 11, 24), TODAY),
    expiry=st.dates(date(1977, 1, 1), date(2076, 12, 31)),
    sex=st.sampled_from("MF<"),
    optional=st.text(_ALNUM, max_size=14),
)
def test_a_built_passport_mrz_reads_back_its_fields(
    surname: list[str],
    given_names: list[str],
    number: str,
    code: str,
    birth: date,
    expiry: date,
    sex: str,
    optional: str,
) -> None:
    name = "<".join(surname) + ("<<" + "<".join(given_names) if given_names else "")
    head = f"{number:<9}{code:<3}{birth:%y%m%d}{sex}{expiry:%y%m%d}".replace(" ", "<")
    result = read_mrz(td3(name, head, optional, state=code), today=TODAY)
    assert result.valid, result.problems
    assert result.surname == " ".join(surname)
    assert result.given_names == " ".join(given_names)
    assert result.document_number == number
    assert result.issuing_state == result.nationality == _CODES[code]
    assert result.birth_date == PartialDate(birth.year, birth.month, birth.day)
    assert result.expiry == PartialDate(expiry.year, expiry.month, expiry.day)
    assert result.sex == (None if sex == "<" else sex)
    assert result.optional_data == optional


@settings(max_examples=100, deadline=None)
@given(
    number=st.text(_ALNUM, min_size=1, max_size=14),
    birth=st.dates(date(1926, 11, 24), TODAY),
    surname=_WORD,
)
def test_a_built_identity_card_mrz_reads_back_its_number_long_or_short(
    number: str, birth: date, surname: str
) -> None:
    result = read_mrz(td1(number, f"{birth:%y%m%d}", "F", "300101", "MKD", surname), today=TODAY)
    assert result.valid, result.problems
    assert result.document_number == number
    assert result.birth_date == PartialDate(birth.year, birth.month, birth.day)
    assert (result.surname, result.given_names) == (surname, "")
