"""How the demo day writes a name: as airline data does, and as a lookout list does.

Airline data is upper case ASCII, and the same person is written in more than one way in real
use (Đorđević: DJORDJEVIC or DORDEVIC; Юлия: IULIIA or YULIYA). ``airline_spellings`` gives those
ways, most common first; lists keep a name's own script or its diacritics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from workstation.demo_names import ARABIC_SPELLINGS

_SR_TO_CYRILLIC = {
    "Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ", "Dž": "Џ", "DŽ": "Џ",
    "dž": "џ", "A": "А", "B": "Б", "V": "В", "G": "Г", "D": "Д", "Đ": "Ђ", "E": "Е", "Ž": "Ж",
    "Z": "З", "I": "И", "J": "Ј", "K": "К", "L": "Л", "M": "М", "N": "Н", "O": "О", "P": "П",
    "R": "Р", "S": "С", "T": "Т", "Ć": "Ћ", "U": "У", "F": "Ф", "H": "Х", "C": "Ц", "Č": "Ч",
    "Š": "Ш",
}  # fmt: skip
_SR_TO_CYRILLIC.update({k.lower(): v.lower() for k, v in list(_SR_TO_CYRILLIC.items())[9:]})
_SR_PATTERN = re.compile("|".join(sorted(map(re.escape, _SR_TO_CYRILLIC), key=len, reverse=True)))

# Macedonian Cyrillic -> (official Latin with diacritics, airline digraphs, airline plain).
_MK_LETTERS = {
    "а": ("a", "a", "a"), "б": ("b", "b", "b"), "в": ("v", "v", "v"), "г": ("g", "g", "g"),
    "д": ("d", "d", "d"), "ѓ": ("ǵ", "gj", "g"), "е": ("e", "e", "e"), "ж": ("ž", "zh", "z"),
    "з": ("z", "z", "z"), "ѕ": ("dz", "dz", "dz"), "и": ("i", "i", "i"), "ј": ("j", "j", "j"),
    "к": ("k", "k", "k"), "л": ("l", "l", "l"), "љ": ("lj", "lj", "lj"), "м": ("m", "m", "m"),
    "н": ("n", "n", "n"), "њ": ("nj", "nj", "nj"), "о": ("o", "o", "o"), "п": ("p", "p", "p"),
    "р": ("r", "r", "r"), "с": ("s", "s", "s"), "т": ("t", "t", "t"), "ќ": ("ḱ", "kj", "k"),
    "у": ("u", "u", "u"), "ф": ("f", "f", "f"), "х": ("h", "h", "h"), "ц": ("c", "c", "c"),
    "ч": ("č", "ch", "c"), "џ": ("dž", "dzh", "dz"), "ш": ("š", "sh", "s"),
}  # fmt: skip

# Russian Cyrillic -> (ICAO Doc 9303 since 2013, the older passport and airline spelling).
_RU_LETTERS = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("g", "g"), "д": ("d", "d"),
    "е": ("e", "e"), "ё": ("e", "e"), "ж": ("zh", "zh"), "з": ("z", "z"), "и": ("i", "i"),
    "й": ("i", "y"), "к": ("k", "k"), "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"),
    "о": ("o", "o"), "п": ("p", "p"), "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"),
    "у": ("u", "u"), "ф": ("f", "f"), "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"),
    "ш": ("sh", "sh"), "щ": ("shch", "shch"), "ъ": ("ie", ""), "ы": ("y", "y"), "ь": ("", ""),
    "э": ("e", "e"), "ю": ("iu", "yu"), "я": ("ia", "ya"),
}  # fmt: skip

_GERMAN_DIGRAPHS = {"Ä": "Ae", "ä": "ae", "Ö": "Oe", "ö": "oe", "Ü": "Ue", "ü": "ue"}
_SERBIAN_DJ = {"Đ": "Dj", "đ": "dj"}
_NO_DECOMPOSITION = {"Đ": "D", "đ": "d", "ı": "i", "ß": "ss", "Ø": "O", "ø": "o", "Ł": "L"}


def _fold(text: str, first: dict[str, str] | None = None) -> str:
    """Upper case ASCII as airline systems write it: no diacritics, no hyphens."""
    for source, target in (first or {}).items():
        text = text.replace(source, target)
    for source, target in _NO_DECOMPOSITION.items():
        text = text.replace(source, target)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^A-Za-z ]+", " ", plain)
    return " ".join(plain.upper().split())


def _letters(text: str, table: Mapping[str, tuple[str, ...]], column: int) -> str:
    out = []
    for char in text:
        mapped = table.get(char.lower())
        if mapped is None:
            out.append(char)
        elif char.isupper():
            out.append(mapped[column][:1].upper() + mapped[column][1:])
        else:
            out.append(mapped[column])
    return "".join(out)


def _russian(text: str, column: int) -> str:
    if column == 1:  # the older spelling wrote Дмитрий DMITRIY, Сергей SERGEY
        text = re.sub("ий\\b", "iy", text)
    return _fold(_letters(text, _RU_LETTERS, column))


def airline_spellings(culture: str, text: str) -> tuple[str, ...]:
    """The ways airline data writes ``text`` (a name in its own script), most common first."""
    if culture == "ar":
        return ARABIC_SPELLINGS[text]
    if culture in ("sr", "bs", "hr"):
        forms = [_fold(text, _SERBIAN_DJ), _fold(text)]
    elif culture == "mk":
        forms = [_fold(_letters(text, _MK_LETTERS, 1)), _fold(_letters(text, _MK_LETTERS, 2))]
    elif culture == "ru":
        forms = [_russian(text, 0), _russian(text, 1)]
    elif culture in ("de", "tr"):  # German documents write Ö as OE, Turkish ones as O
        forms = [_fold(text), _fold(text, _GERMAN_DIGRAPHS)]
        if culture == "de":
            forms.reverse()
    else:
        forms = [_fold(text)]
    return tuple(dict.fromkeys(forms))


def airline_spelling(culture: str, text: str, scheme: int) -> str:
    """One airline spelling; ``scheme`` picks the same way of writing across a person's names."""
    forms = airline_spellings(culture, text)
    return forms[scheme % len(forms)]


def list_spelling(culture: str, text: str, native: bool) -> str:
    """How a lookout list writes a name: in Cyrillic (``native``) or in Latin with diacritics."""
    if culture == "sr" and native:
        return _SR_PATTERN.sub(lambda m: _SR_TO_CYRILLIC[m.group(0)], text)
    if culture == "mk" and not native:
        return _letters(text, _MK_LETTERS, 0)
    if culture == "ru" and not native:
        return _russian(text, 1).title()
    return text


def feminine(culture: str, surname: str) -> str:
    """The surname a woman of the family carries (Macedonian and Russian change it)."""
    if culture == "mk" and surname.endswith("ски"):
        return surname[:-1] + "а"
    if culture in ("mk", "ru") and surname[-2:] in ("ов", "ев", "ин", "ёв"):
        return surname + "а"
    return surname


def typo(name: str, position: int) -> str:
    """The name with two neighbouring letters swapped, as a hurried check-in agent types it."""
    spots = [
        i for i in range(1, len(name) - 1) if name[i] != name[i + 1] and " " not in name[i : i + 2]
    ]
    if not spots:
        return name
    i = spots[position % len(spots)]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
