"""Transliteration tables: Cyrillic (Serbian, Macedonian, Russian, Bulgarian, Ukrainian), Greek and
Latin letters with diacritics, each romanised by the several schemes found on real documents.

A *scheme* maps a letter to one ASCII string. Writing a word under every scheme gives the handful of
spellings a traveller's passport or a list may carry: Ђорђевић -> DORDEVIC (diacritics dropped),
DJORDJEVIC (Serbian passports), ... Mixed spellings such as DJORDEVIC are caught later by the
skeleton key (:func:`matching.normalize.skeleton`), not by multiplying schemes here.

Tables are keyed by upper-case letters; callers upper-case first.
"""

from __future__ import annotations

# Cyrillic, a plain romanisation: Serbian/Croatian Latin with its diacritics dropped.
_CYR_BASE: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ж": "Z", "З": "Z", "И": "I",
    "Й": "J", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S",
    "Т": "T", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "C", "Ш": "S", "Щ": "S", "Ъ": "",
    "Ы": "Y", "Ь": "", "Э": "E", "Ю": "JU", "Я": "JA", "Ё": "E", "Ђ": "D", "Ћ": "C", "Џ": "DZ",
    "Љ": "LJ", "Њ": "NJ", "Ј": "J", "Ѓ": "G", "Ќ": "K", "Ѕ": "DZ", "Є": "JE", "І": "I", "Ї": "JI",
    "Ґ": "G", "Ў": "U",
}  # fmt: skip

# Overrides of the plain table, one per scheme in real use.
_CYR_SCHEMES: dict[str, dict[str, str]] = {
    "plain": {},
    # Serbian passports and MRZ: Đ written DJ, other diacritics dropped.
    "serbian_passport": {"Ђ": "DJ", "Џ": "DZ"},
    # English-language press and many lists.
    "english": {
        "Ж": "ZH", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Х": "KH", "Ц": "TS", "Й": "Y", "Ю": "YU",
        "Я": "YA", "Ј": "Y", "Ћ": "CH", "Ђ": "DJ", "Џ": "DZH", "Ё": "YO", "Є": "YE", "Ї": "YI",
        "Ы": "Y", "Э": "E",
    },
    # ICAO Doc 9303 (Russian and other passports since 2013).
    "icao": {
        "Ж": "ZH", "Х": "KH", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ю": "IU", "Я": "IA",
        "Й": "I", "Ј": "I", "Ъ": "IE", "Є": "IE", "Ї": "I", "Ѕ": "DZ",
    },
    # Macedonian official romanisation (passports).
    "macedonian": {
        "Ѓ": "GJ", "Ќ": "KJ", "Ж": "ZH", "Ч": "CH", "Ш": "SH", "Џ": "DJ", "Ѕ": "DZ", "Ц": "C",
        "Х": "H",
    },
    # Bulgarian streamlined system (Bulgarian passports).
    "bulgarian": {
        "Ж": "ZH", "Х": "H", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHT", "Ъ": "A", "Ь": "Y",
        "Ю": "YU", "Я": "YA", "Й": "Y",
    },
    # Ukrainian national system (passports since 2010).
    "ukrainian": {
        "Г": "H", "И": "Y", "Х": "KH", "Є": "IE", "Ї": "I", "Й": "I", "Ю": "IU", "Я": "IA",
        "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ж": "ZH",
    },
    # French-language documents (older passports of some CIS states, Maghreb lists).
    "french": {
        "Ш": "CH", "Ж": "J", "Ч": "TCH", "У": "OU", "Х": "KH", "Й": "I", "Ю": "IOU", "Я": "IA",
        "Ц": "TS",
    },
}  # fmt: skip

# Greek, letters first (after accents are removed), digraphs handled separately.
_GREEK_BASE: dict[str, str] = {
    "Α": "A", "Β": "V", "Γ": "G", "Δ": "D", "Ε": "E", "Ζ": "Z", "Η": "I", "Θ": "TH", "Ι": "I",
    "Κ": "K", "Λ": "L", "Μ": "M", "Ν": "N", "Ξ": "X", "Ο": "O", "Π": "P", "Ρ": "R", "Σ": "S",
    "Τ": "T", "Υ": "Y", "Φ": "F", "Χ": "CH", "Ψ": "PS", "Ω": "O",
}  # fmt: skip

_GREEK_SCHEMES: dict[str, dict[str, str]] = {
    # ELOT 743 / ICAO: ΟΥ -> OU, ΑΥ -> AV, ΕΥ -> EV, ΜΠ -> MP, ΝΤ -> NT.
    "elot": {"ΟΥ": "OU", "ΑΥ": "AV", "ΕΥ": "EV", "ΜΠ": "MP", "ΝΤ": "NT", "ΓΓ": "NG", "ΓΚ": "GK"},
    # As pronounced: ΜΠ -> B, ΝΤ -> D, Υ -> I, Χ -> H, ΟΥ -> U.
    "phonetic": {
        "ΟΥ": "U", "ΑΥ": "AF", "ΕΥ": "EF", "ΜΠ": "B", "ΝΤ": "D", "ΓΓ": "NG", "ΓΚ": "G",
        "ΑΙ": "E", "ΟΙ": "I", "ΕΙ": "I", "Υ": "I", "Χ": "H", "Ξ": "KS",
    },
    # Classical transcription: Β -> B, Η -> E, Φ -> PH, Χ -> KH.
    "classical": {"ΟΥ": "OU", "Β": "B", "Η": "E", "Φ": "PH", "Χ": "KH", "Ξ": "X"},
}  # fmt: skip

# Latin letters that do not decompose to a base letter plus accents, and letters that several
# schemes write differently. Index 0 is the plain form.
_LATIN_SPECIAL: dict[str, tuple[str, ...]] = {
    "Đ": ("D", "DJ"), "Ð": ("D", "DH"), "Ž": ("Z", "ZH"), "Č": ("C", "CH"), "Ć": ("C", "CH"),
    "Š": ("S", "SH"), "Ü": ("U", "UE"), "Ö": ("O", "OE"), "Ä": ("A", "AE"), "ß": ("SS", "SS"),
    "Ø": ("O", "OE"), "Å": ("A", "AA"), "Æ": ("AE", "AE"), "Œ": ("OE", "OE"), "Ł": ("L", "L"),
    "Ñ": ("N", "NY"), "Ç": ("C", "CH"), "Ş": ("S", "SH"), "Ș": ("S", "SH"), "Ț": ("T", "TS"),
    "Ğ": ("G", "G"), "Þ": ("TH", "TH"), "Ħ": ("H", "H"), "Ŧ": ("T", "T"),
    "Ŋ": ("NG", "NG"), "Ə": ("A", "E"),
}  # fmt: skip

# Which alternative each Latin scheme takes: plain, passport (ICAO 9303 with Serbian DJ),
# English (CH, SH, ZH).
_LATIN_PASSPORT = {"Đ": 1, "Ü": 1, "Ö": 1, "Ä": 1, "Ø": 1, "Å": 1}
_LATIN_ENGLISH = {"Đ": 1, "Ž": 1, "Č": 1, "Ć": 1, "Š": 1, "Ş": 1, "Ș": 1, "Ç": 1, "Ñ": 1}

CYRILLIC_LETTERS = frozenset(_CYR_BASE)
_SOUTH_SLAVIC = frozenset("ЂЋЏЉЊЈЃЌЅ")
GREEK_LETTERS = frozenset(_GREEK_BASE)
LATIN_SPECIAL_LETTERS = frozenset(_LATIN_SPECIAL)


def _apply(word: str, table: dict[str, str], digraphs: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if len(pair) == 2 and pair in digraphs:
            out.append(digraphs[pair])
            i += 2
            continue
        ch = word[i]
        out.append(table.get(ch, ch))
        i += 1
    return "".join(out)


def cyrillic_forms(word: str) -> list[str]:
    """Every scheme's romanisation of an upper-case Cyrillic word, no repeats, the display form
    first: Serbian passport spelling for words with Serbian or Macedonian letters, else ICAO."""
    first = "serbian_passport" if any(ch in _SOUTH_SLAVIC for ch in word) else "icao"
    if any(ch in "ЃЌЅ" for ch in word):
        first = "macedonian"
    forms: list[str] = []
    for name in (first, *_CYR_SCHEMES):
        table = {**_CYR_BASE, **_CYR_SCHEMES[name]}
        form = _apply(word, table, {})
        if form not in forms:
            forms.append(form)
    return forms


def greek_forms(word: str) -> list[str]:
    """Every scheme's romanisation of an upper-case, accent-free Greek word."""
    forms: list[str] = []
    word = word.replace("ς", "Σ")
    for overrides in _GREEK_SCHEMES.values():
        digraphs = {k: v for k, v in overrides.items() if len(k) == 2}
        singles = {k: v for k, v in overrides.items() if len(k) == 1}
        form = _apply(word, {**_GREEK_BASE, **singles}, digraphs)
        if form not in forms:
            forms.append(form)
    return forms


def latin_forms(word: str) -> list[str]:
    """Passport (display), plain and English spellings of an upper-case Latin word.

    Letters with ordinary accents (É, Á) must already be reduced to their base letter; this only
    handles the letters listed in ``_LATIN_SPECIAL``.
    """
    forms: list[str] = []
    for choice in (_LATIN_PASSPORT, {}, _LATIN_ENGLISH):
        form = "".join(
            _LATIN_SPECIAL[ch][choice.get(ch, 0)] if ch in _LATIN_SPECIAL else ch for ch in word
        )
        if form not in forms:
            forms.append(form)
    return forms
