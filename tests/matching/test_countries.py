"""Country codes and names read into ISO 3166 alpha-3."""

from __future__ import annotations

import pytest

from matching.countries import to_alpha3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SRB", "SRB"),
        ("srb", "SRB"),
        (" MKD ", "MKD"),
        ("RS", "SRB"),
        ("tr", "TUR"),
        ("GB", "GBR"),
        ("UK", "GBR"),
    ],
)
def test_alpha3_and_alpha2_codes_give_alpha3(text: str, expected: str) -> None:
    assert to_alpha3(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serbia", "SRB"),
        ("Republic of Serbia", "SRB"),
        ("North Macedonia", "MKD"),
        ("Macedonia", "MKD"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("TURKIYE", "TUR"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("Bosnia and Herzegovina", "BIH"),
        ("Côte d'Ivoire", "CIV"),
        ("cote divoire", "CIV"),
        ("United Kingdom", "GBR"),
    ],
)
def test_english_country_names_give_alpha3(text: str, expected: str) -> None:
    assert to_alpha3(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Srbija", "SRB"),
        ("Србија", "SRB"),
        ("Crna Gora", "MNE"),
        ("Македонија", "MKD"),
        ("Северна Македонија", "MKD"),
        ("Turska", "TUR"),
        ("Турција", "TUR"),
        ("Nemačka", "DEU"),
        ("Njemacka", "DEU"),
        ("Сирија", "SYR"),
    ],
)
def test_serbian_and_macedonian_country_names_give_alpha3(text: str, expected: str) -> None:
    assert to_alpha3(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D", "DEU"),
        ("RKS", "RKS"),
        ("Kosovo", "RKS"),
        ("XK", "RKS"),
        ("XXA", "XXA"),
        ("XXB", "XXB"),
        ("XXC", "XXC"),
        ("XXX", "XXX"),
        ("UNO", "UNO"),
        ("UNA", "UNA"),
        ("UNK", "UNK"),
        ("EUE", "EUE"),
        ("GBN", "GBN"),
    ],
)
def test_icao_codes_missing_from_iso_are_understood(text: str, expected: str) -> None:
    assert to_alpha3(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "QQ", "ZZZ", "12", "Serbia and Mars"])
def test_unknown_or_empty_text_gives_none(text: str) -> None:
    assert to_alpha3(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Democratic Republic of the Congo", "COD"),
        ("Congo, Democratic Republic of the", "COD"),
        ("State of Palestine", "PSE"),
        ("possibly Palestinian", "PSE"),
        ("The Gambia", "GMB"),
        ("Macedonia, The Former Yugoslav Republic of", "MKD"),
        ("Eritrean", "ERI"),
        ("Serbian", "SRB"),
    ],
)
def test_names_found_in_the_real_un_and_ofac_lists_map_to_their_codes(text: str, code: str) -> None:
    assert to_alpha3(text) == code
