"""Name normalisation: from a name as written (any script, any case, stray invisible characters)
to tokens that carry several romanised spellings and a folded *skeleton* key each.

Steps for a name string: Unicode NFKC; invisible characters (zero-width space and joiners, soft
hyphen, BOM, direction marks) removed and unusual spaces made plain; words split on spaces,
punctuation and hyphens (the hyphenated whole is kept as a compound); short apostrophe prefixes
split (O'CONNOR -> O + CONNOR, compound OCONNOR), other apostrophes dropped (SAB'AWI -> SABAWI);
look-alike letters from another script folded into the word's own script; then each word romanised
under every scheme of :mod:`matching.translit`.

The skeleton folds spellings that different romanisations give one sound: DJ->D, KH->H, ZH->Z,
SH->S, CH->C, TS->C, Y/J->I, OU->U, Q->K, W->V, double letters collapsed, vowels kept. DJORDJEVIC,
DORDEVIC and DJORDEVIC share the skeleton DORDEVIC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from anyascii import anyascii

from matching.arabic import ARABIC_LETTERS, arabic_forms
from matching.equivalence import build_table, read_table, table_groups
from matching.lexicon import (
    COMMON_WEIGHTS,
    CYRILLIC_LOOKALIKES,
    GLUED_PREFIXES,
    GREEK_LOOKALIKES,
    INITIAL_TOKEN_WEIGHT,
    LATIN_TO_CYRILLIC,
    PARTICLE_WEIGHT,
    PARTICLES,
    TITLES,
)
from matching.translit import (
    CYRILLIC_LETTERS,
    LATIN_SPECIAL_LETTERS,
    cyrillic_forms,
    greek_forms,
    latin_forms,
)
from matching.variants import NAME_GROUPS

_HYPHENS = "-‐‑‒–—―⁃﹣－"
_APOSTROPHES = "'’‘`´ʼʻʹʽ′"
_SPLIT_PREFIX_MAX = 2  # O'CONNOR, D'ALEMA, L'HOMME: prefixes this short become their own token


def clean(text: str) -> str:
    """NFKC, invisible characters removed, every kind of space made a plain space."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":  # zero-width space/joiners, soft hyphen, BOM, direction marks
            continue
        out.append(" " if cat in ("Zs", "Zl", "Zp", "Cc") else ch)
    return "".join(out)


def word_groups(text: str) -> list[list[str]]:
    """Split a cleaned name into words, each word a list of its pieces (split at hyphens)."""
    groups: list[list[str]] = []
    buf: list[str] = []
    for ch in clean(text) + " ":
        if ch.isalpha() or unicodedata.category(ch).startswith("M"):
            buf.append(ch)
        elif ch in _HYPHENS or ch in _APOSTROPHES:
            buf.append("-" if ch in _HYPHENS else "'")
        else:
            _flush(buf, groups)
    return groups


def _flush(buf: list[str], groups: list[list[str]]) -> None:
    word = "".join(buf)
    buf.clear()
    pieces: list[str] = []
    for piece in word.split("-"):
        head, sep, tail = piece.partition("'")
        if sep and 0 < len(head) <= _SPLIT_PREFIX_MAX and len(tail.replace("'", "")) >= 2:
            pieces.extend([head, tail.replace("'", "")])
        else:
            pieces.append(piece.replace("'", ""))
    pieces = [p for p in pieces if p]
    if pieces:
        groups.append(pieces)


def _script(ch: str) -> str:
    if "A" <= ch <= "Z" or "a" <= ch <= "z":
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def fold_lookalikes(word: str) -> str:
    """Fold letters that look like the word's main script but belong to another.

    A Cyrillic О inside PETROVIC becomes a Latin O; a Latin A inside Cyrillic ПЕТАР becomes А.
    """
    scripts = [_script(ch) for ch in word if ch.isalpha()]
    latin, cyr, greek = (scripts.count(s) for s in ("LATIN", "CYRILLIC", "GREEK"))
    if latin and (cyr or greek) and latin >= cyr + greek:
        table = {**CYRILLIC_LOOKALIKES, **GREEK_LOOKALIKES}
        return "".join(table.get(ch, ch) for ch in word)
    if cyr and latin and cyr > latin:
        return "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in word)
    return word


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


def _ascii_only(form: str) -> str:
    return "".join(ch for ch in form if "A" <= ch <= "Z")


def romanise(word: str) -> tuple[str, ...]:
    """The ASCII upper-case spellings of one word, the display spelling first."""
    upper = fold_lookalikes(word).upper()
    if any(ch in ARABIC_LETTERS for ch in upper):
        raw = list(arabic_forms(_strip_marks(upper)))
    elif any(ch in CYRILLIC_LETTERS for ch in upper):
        raw = cyrillic_forms(upper)
    elif any(_script(ch) == "GREEK" for ch in upper):
        raw = greek_forms(_strip_marks(upper).upper())
    else:
        kept = "".join(
            ch if ch in LATIN_SPECIAL_LETTERS else _strip_marks(ch) for ch in upper
        ).upper()
        raw = latin_forms(kept)
    forms: list[str] = []
    for form in raw:
        ascii_form = _ascii_only(anyascii(form).upper())
        if ascii_form and ascii_form not in forms:
            forms.append(ascii_form)
    return tuple(forms)


_SKELETON_RULES: dict[str, str] = {
    "SHCH": "S", "TSCH": "C", "DZH": "Z", "SCH": "S", "TCH": "C", "XH": "Z", "CH": "C", "SH": "S",
    "ZH": "Z", "KH": "H", "GH": "G", "TH": "T", "PH": "F", "DJ": "D", "GJ": "G", "KJ": "K",
    "DZ": "Z", "TS": "C", "TZ": "C", "CK": "K", "OU": "U", "EE": "I", "OO": "U", "Q": "K",
    "W": "V", "X": "KS", "Y": "I", "J": "I",
}  # fmt: skip
_SKELETON_RE = re.compile("|".join(sorted(_SKELETON_RULES, key=len, reverse=True)))
_DOUBLE_RE = re.compile(r"(.)\1+")
_ABD_RE = re.compile(r"^ABD(?:[AEIOU]L|[AEIOU](?=([B-DF-HJ-NP-TV-Z])\1)|[AEIOU])?(?=[A-Z]{3})")


@lru_cache(maxsize=200_000)
def skeleton(form: str) -> str:
    """The folded key of an ASCII upper-case spelling (see the module notes)."""
    s = _ABD_RE.sub("ABD", form)  # ABDUL RAHMAN, ABDURRAHMAN, ABDEL RAHMAN -> ABDRAHMAN
    s = _SKELETON_RE.sub(lambda m: _SKELETON_RULES[m.group(0)], s)
    s = _DOUBLE_RE.sub(r"\1", s)
    if len(s) > 3 and s.endswith("AH"):
        s = s[:-1]
    return s


def _build_group_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for word, group in NAME_GROUPS.items():
        index.setdefault(word, group)
        index.setdefault(skeleton(word), group)
    return index


def _build_weight_index() -> dict[str, float]:
    index: dict[str, float] = {}
    for word, weight in COMMON_WEIGHTS.items():
        for key in (word, skeleton(word), NAME_GROUPS.get(word, "")):
            if key:
                index[key] = min(weight, index.get(key, 1.0))
    for word, group in NAME_GROUPS.items():  # every spelling of a common name is common
        if group in index:
            index[skeleton(word)] = min(index[group], index.get(skeleton(word), 1.0))
    return index


_GROUP_OF = _build_group_index()
_WEIGHT_OF = _build_weight_index()


@cache
def _table() -> dict[str, frozenset[str]]:
    """The Wikidata name groups (:mod:`matching.equivalence`), read on first use."""
    return build_table(read_table(), _GROUP_OF)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name, romanised.

    ``forms`` are the spellings (display spelling first); ``alt_forms`` are weaker spellings with an
    Arabic article taken off (ALMASRI -> MASRI). ``kind`` is ``word``, ``particle``, ``title`` or
    ``initial``. ``weight`` is how distinctive the token is among travellers (0..1).
    """

    text: str
    forms: tuple[str, ...]
    alt_forms: tuple[str, ...]
    skeletons: frozenset[str]
    alt_skeletons: frozenset[str]
    groups: frozenset[str]
    kind: str
    weight: float

    @property
    def display(self) -> str:
        return self.forms[0] if self.forms else ""


@lru_cache(maxsize=200_000)
def make_token(piece: str) -> Token:
    """Romanise one piece of a name and classify it (cached: the same word costs once)."""
    forms = romanise(piece)
    skeletons = frozenset(skeleton(f) for f in forms)
    alt_forms = tuple(
        f[len(p) :]
        for f in forms
        for p in GLUED_PREFIXES
        if f.startswith(p) and len(f) - len(p) >= 4 and f not in _GROUP_OF
    )
    alt_skeletons = frozenset(skeleton(f) for f in alt_forms) - skeletons
    keys = (*forms, *skeletons)
    groups = frozenset(_GROUP_OF[k] for k in keys if k in _GROUP_OF) or table_groups(_table(), keys)
    if not forms:
        kind = "particle"
    elif any(f in TITLES for f in forms):
        kind = "title"
    elif any(f in PARTICLES for f in forms):
        kind = "particle"
    elif len(forms[0]) == 1:
        kind = "initial"
    else:
        kind = "word"
    weight = _weight(kind, skeletons, groups)
    return Token(piece, forms, alt_forms, skeletons, alt_skeletons, groups, kind, weight)


def _weight(kind: str, skeletons: frozenset[str], groups: frozenset[str]) -> float:
    if kind in ("particle", "title"):
        return PARTICLE_WEIGHT
    if kind == "initial":
        return INITIAL_TOKEN_WEIGHT
    weight = min((_WEIGHT_OF.get(k, 1.0) for k in (*skeletons, *groups)), default=1.0)
    if min((len(s) for s in skeletons), default=0) <= 2:
        weight = min(weight, 0.5)
    return weight


@lru_cache(maxsize=300_000)
def _chunk_tokens(chunk: str) -> tuple[tuple[Token, ...], ...]:
    return tuple(tuple(make_token(p) for p in pieces) for pieces in word_groups(chunk))


def name_tokens(text: str) -> list[list[Token]]:
    """The tokens of a name grouped by written word, titles dropped unless nothing else is left.

    Words are read one whitespace-separated chunk at a time (cached: list names repeat words)."""
    groups = [list(g) for chunk in text.split() for g in _chunk_tokens(chunk)]
    kept = [[t for t in g if t.kind != "title"] for g in groups]
    kept = [g for g in kept if g]
    return kept if kept else groups


def normalize_name(text: str) -> str:
    """A display-friendly upper-case ASCII form: ``Đorđević  Đorđe`` -> ``DJORDJEVIC DJORDJE``."""
    return " ".join(t.display for g in name_tokens(text) for t in g if t.display)


def name_keys(text: str) -> frozenset[str]:
    """The search keys of a name: every token's skeletons (also with an article removed and for
    hyphenated words as one), and ``~GROUP`` for tokens in the name-variant table.

    Two names that share a key have at least one word that is the same name in some spelling.
    """
    keys: set[str] = set()
    for group in name_tokens(text):
        for tok in group:
            if tok.kind in ("word", "initial"):
                keys |= tok.skeletons | tok.alt_skeletons
                keys |= {f"~{g}" for g in tok.groups}
        if len(group) > 1:
            joined = make_token("".join(t.text for t in group))
            keys |= joined.skeletons | joined.alt_skeletons
    return frozenset(keys)
