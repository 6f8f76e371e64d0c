"""Names written in Arabic script. Short vowels are not written (and vowel marks, the tatweel and
the shadda are dropped), so a word is read as a pattern: its consonants in order, each with the
Latin spellings romanisations give it, any short vowels between them, and its long vowels
(ا و ي) as vowels that a romanisation must write. A word that the head spelling of a group of
the name-variant table (:mod:`matching.variants`) fits takes that group's fitting spellings
(محمد -> MUHAMMAD, MOHAMMED, ...; حسين -> HUSSEIN, HUSAYN, ..., not HASAN: the ي is written);
any other word gets a plain consonant romanisation (التكريتي -> ALTKRITI) that the fuzzy
comparison of skeletons can still match with a romanised spelling (AL TIKRITI).
"""

from __future__ import annotations

import re
from functools import lru_cache

from matching.variants import NAME_GROUPS

_GAP = "[AEIOU]?"  # a short vowel: not written
# Letter -> pattern of its romanisations (upper-case ASCII), and its plain romanisation.
_LETTERS: dict[str, tuple[str, str]] = {
    "ب": ("B+", "B"), "ت": ("T+", "T"), "ث": ("(?:TH|T|S)+", "TH"),
    "ج": ("(?:DJ|DZ|J|G|C|Z)+", "J"), "ح": ("H+", "H"), "خ": ("(?:KH|CH|H|K)+", "KH"),
    "د": ("D+", "D"), "ذ": ("(?:DH|TH|D|Z)+", "DH"), "ر": ("R+", "R"), "ز": ("Z+", "Z"),
    "س": ("S+", "S"), "ش": ("(?:SH|SCH|CH|S)+", "SH"), "ص": ("S+", "S"),
    "ض": ("(?:DH|D|Z)+", "D"), "ط": ("T+", "T"), "ظ": ("(?:DH|TH|Z|D)+", "Z"),
    "ع": ("[AEIOU']?", ""), "غ": ("(?:GH|G|R)+", "GH"), "ف": ("(?:PH|F)+", "F"),
    "ق": ("(?:Q|K|G|C)+", "Q"), "ك": ("(?:CK|K|C)+", "K"), "ل": ("L+", "L"), "م": ("M+", "M"),
    "ن": ("N+", "N"), "ه": ("H*", "H"), "ة": ("(?:AH|EH|AT|A|E)?", "A"),
    "و": ("[AEIO]?(?:W|V|U|O)[AEIOUW]?", "U"), "ي": ("[AEOU]?(?:Y|I|J|EE)[AEIOUY]?", "I"),
    "ى": (_GAP, "A"), "ا": (_GAP, "A"), "أ": (_GAP, "A"), "إ": (_GAP, "I"), "آ": (_GAP, "A"),
    "ء": (_GAP, ""), "ئ": ("[AEIOUY]*", ""), "ؤ": ("[AEIOUW]*", ""),
}  # fmt: skip
# At the start of a word: و and ي are consonants, ع is heard as a vowel (ALI, OMAR, ABD).
_FIRST = {"و": ("(?:W|V|U|O)", "W"), "ي": ("(?:Y|J|I|E)", "Y"), "ع": ("[AEIOU]", "A")}
_PERSIAN = str.maketrans({"ی": "ي", "ک": "ك", "ە": "ه", "ٱ": "ا"})
_TATWEEL = "\u0640"
ARABIC_LETTERS = frozenset(_LETTERS) | frozenset("یکەٱ")
_HEADS = frozenset(NAME_GROUPS.values())


def _letters(word: str) -> str:
    word = word.translate(_PERSIAN).replace(_TATWEEL, "")
    return "".join(ch for ch in word if ch in _LETTERS)


def _pattern(letters: str) -> re.Pattern[str]:
    parts = []
    for i, ch in enumerate(letters):
        pattern = _FIRST[ch][0] if i == 0 and ch in _FIRST else _LETTERS[ch][0]
        parts.append(pattern if pattern.startswith("[") else _GAP + pattern)
    return re.compile("".join(parts))


def plain(letters: str) -> str:
    """The consonant romanisation of a word's letters (long vowels written, short ones not)."""
    return "".join(
        _FIRST[ch][1] if i == 0 and ch in _FIRST else _LETTERS[ch][1]
        for i, ch in enumerate(letters)
    )


@lru_cache(maxsize=20_000)
def arabic_forms(word: str) -> tuple[str, ...]:
    """Upper-case ASCII spellings of an Arabic-script word: the name-variant table's spellings
    that fit it, else its plain consonant romanisation."""
    letters = _letters(word)
    if not letters:
        return ()
    pattern = _pattern(letters)
    heads = sorted(h for h in _HEADS if pattern.fullmatch(h))
    found = sorted(w for w in NAME_GROUPS if NAME_GROUPS[w] in heads and pattern.fullmatch(w))
    return tuple(dict.fromkeys([*heads, *found])) if heads else (plain(letters),)
