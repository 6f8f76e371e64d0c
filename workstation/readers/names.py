"""Splitting a traveller's name as airline systems write it into surname and given names.

``JOVANOVIC/MARKO MR`` (reservation style) and ``JOVANOVIC, MARKO`` put the surname first;
a name with neither slash nor comma is read as ``GIVEN NAMES SURNAME`` (the last word is the
surname) unless the column says the surname comes first. Titles (MR, MRS, MS, MSTR, MISS, DR...)
are dropped. A surname of several words written without a separator cannot be told from a given
name; the matching engine compares names in any order, so little is lost.
"""

from __future__ import annotations

TITLES = frozenset({"MR", "MRS", "MS", "MSTR", "MISS", "DR", "MX", "PROF", "CHD", "INF"})


def without_titles(text: str) -> str:
    """The words of ``text`` without leading or trailing titles (``Marko MR`` -> ``Marko``)."""
    words = text.split()
    while words and _is_title(words[-1]):
        words.pop()
    while words and _is_title(words[0]):
        words.pop(0)
    return " ".join(words)


def split_full_name(text: str, *, surname_first: bool = False) -> tuple[str, str]:
    """``(surname, given_names)`` from one written full name; both empty for an empty text."""
    text = " ".join(text.split())
    for separator in ("/", ","):
        if separator in text:
            surname, _, given = text.partition(separator)
            return without_titles(surname.strip()), without_titles(given.replace(separator, " "))
    words = without_titles(text).split()
    if len(words) < 2:
        return (words[0] if words else ""), ""
    if surname_first:
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def _is_title(word: str) -> bool:
    return word.upper().rstrip(".") in TITLES
