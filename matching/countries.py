"""Country codes as travel documents and lists write them, read into ISO 3166 alpha-3.

``to_alpha3`` accepts alpha-3 and alpha-2 codes, English names (official, common and the usual
short forms such as "Russia" or "Turkey"), the Serbian and Macedonian names of the countries met
most often at Belgrade and Skopje, and the ICAO Doc 9303 codes that ISO lacks: ``D`` for Germany,
``RKS`` for Kosovo, ``XXA``/``XXB``/``XXC``/``XXX`` (stateless, refugees, unspecified), ``UNO``/
``UNA``/``UNK`` (United Nations), ``EUE`` (European Union) and the British ``GB?`` variants, which
are kept as they are. Matching is case-, diacritic-, space- and punctuation-insensitive.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry
from anyascii import anyascii

# ICAO codes kept as they are, and codes that mean a country under another ISO code.
_ICAO_KEPT = frozenset(
    {"RKS", "XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "EUE"}
    | {"GBD", "GBN", "GBO", "GBP", "GBS", "XOM", "XPO", "XCC", "XCE", "XEC", "XBA", "XIM"}
)
_CODE_ALIASES = {"D": "DEU", "UK": "GBR", "EL": "GRC", "XK": "RKS", "KOS": "RKS"}

# Names pycountry does not know, in English, Serbian (both scripts) and Macedonian.
_NAME_ALIASES: dict[str, tuple[str, ...]] = {
    "RKS": ("Kosovo", "Republic of Kosovo", "Косово", "Kosova"),
    "SRB": ("Srbija", "Србија", "Republika Srbija", "Република Србија"),
    "MNE": ("Crna Gora", "Црна Гора"),
    "BIH": ("Bosnia", "Bosna i Hercegovina", "BiH", "Босна и Херцеговина"),
    "HRV": ("Hrvatska", "Хрватска"),
    "MKD": (
        "Macedonia",
        "Republic of Macedonia",
        "FYROM",
        "The former Yugoslav Republic of Macedonia",
        "Macedonia, The Former Yugoslav Republic of",
        "Makedonija",
        "Severna Makedonija",
        "Македонија",
        "Северна Македонија",
    ),
    "SVN": ("Slovenija", "Словенија"),
    "ALB": ("Albanija", "Албанија", "Shqiperia", "Shqipëria"),
    "BGR": ("Bugarska", "Бугарска", "България"),
    "GRC": ("Grčka", "Грчка", "Грција"),
    "ROU": ("Rumunija", "Румунија", "Romania"),
    "HUN": ("Mađarska", "Мађарска", "Унгарија"),
    "TUR": ("Turkey", "Turska", "Турска", "Турција"),
    "DEU": ("Nemačka", "Njemačka", "Немачка", "Германија"),
    "AUT": ("Austrija", "Аустрија", "Австрија"),
    "CHE": ("Švajcarska", "Швајцарска", "Швајцарија"),
    "RUS": ("Russia", "Rusija", "Русија"),
    "UKR": ("Ukrajina", "Украјина", "Украина"),
    "SYR": ("Sirija", "Сирија"),
    "IRQ": ("Irak", "Ирак"),
    "IRN": ("Iran", "Иран"),
    "AFG": ("Avganistan", "Авганистан"),
    "PAK": ("Пакистан",),
    "LBN": ("Liban", "Либан"),
    "JOR": ("Jordan", "Јордан"),
    "EGY": ("Egipat", "Египат", "Египет"),
    "LBY": ("Libija", "Либија"),
    "MAR": ("Maroko", "Мароко"),
    "DZA": ("Alžir", "Алжир"),
    "TUN": ("Tunis", "Тунис"),
    "PSE": ("Palestine", "State of Palestine", "Palestina", "Палестина"),
    "ITA": ("Italija", "Италија"),
    "FRA": ("Francuska", "Француска", "Франција"),
    "NLD": ("Holland", "Holandija", "Холандија"),
    "GBR": ("Great Britain", "Britain", "England", "Velika Britanija", "Велика Британија"),
    "USA": ("USA", "America", "SAD", "САД"),
    "CIV": ("Ivory Coast",),
    "COD": (
        "DR Congo",
        "DRC",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo, Democratic Republic of the",
    ),
    "GMB": ("The Gambia",),
    "CZE": ("Češka", "Чешка"),
    "SVK": ("Slovačka", "Словачка"),
    "KOR": ("Korea",),
    "PRK": ("North Korea",),
    "VAT": ("Vatican",),
    "MMR": ("Burma",),
    "SWZ": ("Swaziland",),
    "CPV": ("Cape Verde",),
}

# Nationalities written as adjectives, as lists and manifests often do ("nationality Eritrean").
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "SRB": ("Serbian", "Serb"),
    "MKD": ("Macedonian", "North Macedonian"),
    "BIH": ("Bosnian", "Bosnian and Herzegovinian"),
    "HRV": ("Croatian", "Croat"),
    "MNE": ("Montenegrin",),
    "ALB": ("Albanian",),
    "RKS": ("Kosovar", "Kosovan"),
    "BGR": ("Bulgarian",),
    "GRC": ("Greek",),
    "TUR": ("Turkish",),
    "RUS": ("Russian",),
    "UKR": ("Ukrainian",),
    "DEU": ("German",),
    "AUT": ("Austrian",),
    "CHE": ("Swiss",),
    "GBR": ("British",),
    "USA": ("American",),
    "FRA": ("French",),
    "ITA": ("Italian",),
    "NLD": ("Dutch",),
    "SYR": ("Syrian",),
    "IRQ": ("Iraqi",),
    "IRN": ("Iranian",),
    "AFG": ("Afghan", "Afghani"),
    "PAK": ("Pakistani",),
    "PSE": ("Palestinian",),
    "JOR": ("Jordanian",),
    "LBN": ("Lebanese",),
    "EGY": ("Egyptian",),
    "LBY": ("Libyan",),
    "TUN": ("Tunisian",),
    "DZA": ("Algerian",),
    "MAR": ("Moroccan",),
    "SAU": ("Saudi", "Saudi Arabian"),
    "ARE": ("Emirati",),
    "QAT": ("Qatari",),
    "KWT": ("Kuwaiti",),
    "YEM": ("Yemeni",),
    "SOM": ("Somali",),
    "SDN": ("Sudanese",),
    "ERI": ("Eritrean",),
    "ETH": ("Ethiopian",),
    "NGA": ("Nigerian",),
    "CHN": ("Chinese",),
    "IND": ("Indian",),
    "BGD": ("Bangladeshi",),
}
# Hedges that lists put before a nationality ("possibly Palestinian").
_HEDGES = re.compile(r"^(?:possibly|probably|reportedly|allegedly|presumably)\s+", re.IGNORECASE)

_CODE = re.compile(r"^[A-Z]{1,3}$")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(text).casefold())


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                index.setdefault(_key(name), country.alpha_3)
    for table in (_NAME_ALIASES, _DEMONYMS):
        for code, names in table.items():
            for name in names:
                index[_key(name)] = code
    return index


@cache
def _code_index() -> dict[str, str]:
    index: dict[str, str] = {code: code for code in _ICAO_KEPT}
    for country in pycountry.countries:
        index[country.alpha_3] = country.alpha_3
        index.setdefault(country.alpha_2, country.alpha_3)
    index.update(_CODE_ALIASES)
    return index


@cache
def to_alpha3(text: str) -> str | None:
    """The ISO 3166 alpha-3 (or kept ICAO) code for a code or country name, or None if unknown."""
    stripped = _HEDGES.sub("", text.strip().strip(".").strip())
    if not stripped:
        return None
    upper = stripped.upper()
    if _CODE.match(upper):
        code = _code_index().get(upper)
        if code is not None:
            return code
    return _name_index().get(_key(stripped))
