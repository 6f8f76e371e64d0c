"""The EDIFACT tokenizer: service characters, release parity, line layouts, envelopes, charsets."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.readers.edifact import EdifactError, Segment, ServiceChars, serialize, tokenize

FIXTURES = Path(__file__).parents[1] / "fixtures" / "paxlst"

UNB = "UNB+UNOA:4+JU:ZZ+RSAPI:ZZ+261123:0512+X1'"


def shape(segments: tuple[Segment, ...]) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
    return [(s.tag, s.elements) for s in segments]


def test_segments_split_into_elements_and_components_with_defaults_when_una_is_absent() -> None:
    tokens = tokenize(f"{UNB}UNH+1+PAXLST:D:05B:UN:IATA'NAD+FL+++DOE:JOHN:PAUL'UNZ+1+X1'".encode())
    assert tokens.service_chars == ServiceChars()
    nad = tokens.segments[2]
    assert nad.tag == "NAD"
    assert nad.elements == (("FL",), ("",), ("",), ("DOE", "JOHN", "PAUL"))
    assert nad.value(3, 2) == "PAUL"
    assert nad.value(7, 1) == ""
    assert [s.index for s in tokens.segments] == [1, 2, 3, 4]
    assert tokens.warnings == ()


def test_released_terminator_is_data_and_even_releases_end_the_segment() -> None:
    text = f"UNA:+.? '{UNB}FTX+AAI+++O?'BRIEN?:?+?? X'FTX+AAI+++ENDS WITH??'FTX+AAI+++A???'B'UNZ+1'"
    segments = tokenize(text.encode()).segments
    assert [s.value(3) for s in segments[1:4]] == ["O'BRIEN:+? X", "ENDS WITH?", "A?'B"]
    assert segments[4].tag == "UNZ"


def test_una_with_other_service_characters_is_honoured() -> None:
    tokens = tokenize((FIXTURES / "ju211_custom_service_chars.edi").read_bytes())
    assert tokens.service_chars == ServiceChars("|", "*", ",", "!", "^", "~")
    nads = [s for s in tokens.segments if s.tag == "NAD"]
    assert nads[3].elements[3] == ("O'BRIEN", "SEAN", "PATRICK")
    ftx = next(s for s in tokens.segments if s.tag == "FTX")
    assert ftx.value(3) == "TWO BAGS*ONE STROLLER~ NO PETS"
    assert tokens.warnings == ()


@pytest.mark.parametrize(
    "name",
    [
        "ju211_cr_only.edi",
        "ju211_indented.edi",
        "ju211_typeb.txt",
        "ju211_custom_service_chars.edi",
    ],
)
def test_line_layouts_envelopes_and_service_characters_give_the_same_segments(name: str) -> None:
    reference = tokenize((FIXTURES / "ju211_one_line.edi").read_bytes())
    tokens = tokenize((FIXTURES / name).read_bytes())
    extra = ("FTX", "UNT")  # the custom-character file has one free-text segment more
    got = [s for s in shape(tokens.segments) if s[0] not in extra or s[1][0] == ("BAG",)]
    expected = [s for s in shape(reference.segments) if s[0] not in extra or s[1][0] == ("BAG",)]
    assert got == expected
    assert len(got) > 40
    assert tokens.warnings == ()


def test_line_numbers_count_bare_cr_crlf_and_lf_line_ends() -> None:
    cr = tokenize((FIXTURES / "ju211_cr_only.edi").read_bytes()).segments
    crlf = tokenize((FIXTURES / "ju211_indented.edi").read_bytes()).segments
    assert [s.line for s in cr][:4] == [2, 3, 4, 5]
    assert [s.line for s in cr] == [s.line for s in crlf]
    one_line = tokenize((FIXTURES / "ju211_one_line.edi").read_bytes()).segments
    assert {s.line for s in one_line} == {1}


def test_type_b_header_lines_are_skipped_and_wrapped_segments_joined() -> None:
    tokens = tokenize((FIXTURES / "ju211_typeb.txt").read_bytes())
    unb, unh = tokens.segments[0], tokens.segments[1]
    assert (unb.line, unh.line) == (5, 7)  # after QU, .ISTKKJU, PAXLST and UNA lines
    assert unh.value(2) == "JU211/261123/0635"  # was wrapped across two telex lines
    assert tokens.segments[-1].tag == "UNZ"


def test_junk_before_and_after_the_interchange_is_ignored() -> None:
    data = b"From: gateway\r\n\x00\x01junk\r\n" + f"UNA:+.? '{UNB}UNZ+0+X1'".encode()
    tokens = tokenize(data + b"\x00\xff trailing NNNN")
    assert [s.tag for s in tokens.segments] == ["UNB", "UNZ"]
    assert tokens.segments[0].line == 3


def test_several_interchanges_in_one_file_are_all_read() -> None:
    one = f"UNA:+.? '{UNB}UNZ+0+X1'\n"
    two = "UNA|*.? ~UNB*UNOA|4*A*B*261123|0513*X2~UNZ*0*X2~"
    tokens = tokenize((one + "NNNN\nQU BEGKLJU\n" + two).encode())
    assert [(s.tag, s.value(0, 1)) for s in tokens.segments] == [
        ("UNB", "4"),
        ("UNZ", ""),
        ("UNB", "4"),
        ("UNZ", ""),
    ]


def test_una_terminator_the_body_contradicts_falls_back_to_the_one_after_unb() -> None:
    data = f"UNA:+.? ~\n{UNB}\nUNH+1+PAXLST'\nNAD+FL+++DOE'\nUNZ+1+X1'".encode()
    tokens = tokenize(data)
    assert [s.tag for s in tokens.segments] == ["UNB", "UNH", "NAD", "UNZ"]
    assert tokens.service_chars.terminator == "'"
    assert any('segments end with "\'"' in w for w in tokens.warnings)


def test_separators_without_una_are_taken_from_the_unb_with_a_warning() -> None:
    data = b"UNB*UNOA|4*A*B*261123|0513*X2~UNH*1*PAXLST|D~UNZ*1*X2~"
    tokens = tokenize(data)
    assert tokens.segments[1].elements == (("1",), ("PAXLST", "D"))
    assert len(tokens.warnings) == 2


@pytest.mark.parametrize(
    ("syntax", "codec", "name"),
    [
        ("UNOC", "latin-1", "MÜLLER"),
        ("UNOD", "iso8859-2", "DVOŘÁK"),
        ("UNOE", "iso8859-5", "ЂОРЂЕВИЋ"),
        ("UNOW", "utf-8", "ĐORĐEVIĆ"),
        ("UNOY", "utf-8", "ŞAHİN"),
    ],
)
def test_bytes_are_decoded_in_the_character_set_the_syntax_identifier_names(
    syntax: str, codec: str, name: str
) -> None:
    data = f"UNB+{syntax}:4+A+B+261123:0512+X'NAD+FL+++{name}:X'UNZ+0+X'".encode(codec)
    tokens = tokenize(data)
    assert tokens.segments[1].value(3) == name
    assert tokens.charset == codec
    assert tokens.warnings == ()


def test_bytes_not_in_the_named_character_set_fall_back_with_a_warning() -> None:
    data = "UNB+UNOW:4+A+B+261123:0512+X'\nNAD+FL+++MÜLLER'UNZ+0+X'".encode("cp1252")
    tokens = tokenize(data)
    assert tokens.segments[1].value(3) == "MÜLLER"
    assert tokens.charset == "cp1252"
    assert tokens.warnings == (
        "line 2: the file is not valid utf-8 as its syntax identifier UNOW says; "
        "read as cp1252, check accented names",
    )


def test_binary_data_inside_a_segment_is_refused_naming_the_segment() -> None:
    with pytest.raises(EdifactError) as caught:
        tokenize(f"{UNB}UNH+1+PAXLST'NAD+FL+++DO\x00\x07E'UNZ+1'".encode())
    assert caught.value.where == "segment 3 (NAD)"


def test_a_file_without_an_interchange_header_is_refused() -> None:
    with pytest.raises(EdifactError, match="no EDIFACT interchange header"):
        tokenize(b"Flight,Origin\nJU211,IST\n")


def test_serialize_releases_the_service_characters_in_data() -> None:
    chars = ServiceChars()
    text = serialize([Segment("FTX", (("A:B", "C+D"), ("E'F?",)), 1, 1)], chars)
    assert text == "UNA:+.? 'FTX+A?:B:C?+D+E?'F??'"


_PUNCTUATION = [c for c in string.punctuation + " " if c != "\\"] + ["\\"]
_DATA = st.text(
    alphabet=st.sampled_from(list(string.ascii_letters + string.digits + string.punctuation + " ")),
    max_size=12,
)


@st.composite
def service_chars(draw: st.DrawFn) -> ServiceChars:
    chosen = draw(st.lists(st.sampled_from(_PUNCTUATION), min_size=6, max_size=6, unique=True))
    if chosen[3] == " ":  # a space in the release position means "no release character"
        chosen[3], chosen[4] = chosen[4], chosen[3]
    return ServiceChars(*chosen)


@settings(max_examples=300, deadline=None)
@given(
    chars=service_chars(),
    body=st.lists(
        st.lists(st.lists(_DATA, min_size=1, max_size=4), min_size=0, max_size=5),
        min_size=1,
        max_size=6,
    ),
)
def test_any_service_characters_and_data_round_trip_through_serialize_and_tokenize(
    chars: ServiceChars, body: list[list[list[str]]]
) -> None:
    segments = [Segment("UNB", (("UNOW", "4"), ("A",), ("B",), ("261123", "0512"), ("X",)), 1, 1)]
    segments += [Segment("UNH", (("1",), ("PAXLST", "D")), 2, 1)]
    for n, elements in enumerate(body):
        segments.append(Segment("FTX", tuple(tuple(e) for e in elements), n + 3, 1))
    segments.append(Segment("UNZ", (("1",), ("X",)), len(segments) + 1, 1))
    text = serialize(segments, chars, line_end="\n")
    tokens = tokenize(text.encode("utf-8"))
    assert shape(tokens.segments) == shape(tuple(segments))
    assert tokens.service_chars == chars
    assert tokens.warnings == ()
