"""The search key of a traveller: what a quick search by name, document or booking compares.

A key is a string of ``|``-separated terms, stored on the traveller row: the screener's name keys
(:func:`matching.name_keys`: skeletons and name-variant groups, so ``DJORDJEVIC``, ``Đorđević``
and ``Ђорђевић`` share ``DORDEVIC``), ``#`` and the document numbers, ``@`` and the booking
reference, all upper-case ASCII. A query word matches a traveller when one of its own terms is a
prefix of one of the traveller's terms; every word of a query must match. SQL does the same with
``search_key LIKE '%|TERM%'``, so the filter of a loaded table and the store agree.

Keys are computed when a traveller is written (see :mod:`workstation.db.models`); migration 0004
fills the keys of stored travellers. A change to what :func:`matching.name_keys` computes makes
stored keys stale until a migration recomputes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from matching import name_keys

SEPARATOR = "|"
MIN_WORD = 2  # a single letter would match half the manifest


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def traveller_search_key(
    surname: str, given_names: str, documents: Iterable[str], booking_reference: str | None
) -> str:
    """The stored key of a traveller, e.g. ``|DORDEVIC|~DJORDJEVIC|MARKO|#P1234567|@ABC123|``."""
    terms = set(name_keys(f"{surname} {given_names}"))
    terms |= {f"#{d}" for d in map(_alnum, documents) if d}
    booking = _alnum(booking_reference or "")
    if booking:
        terms.add(f"@{booking}")
    ordered = sorted(t for t in terms if SEPARATOR not in t)
    return SEPARATOR + SEPARATOR.join(ordered) + SEPARATOR if ordered else ""


def search_terms(text: str) -> list[frozenset[str]]:
    """The terms of each word of a query; a traveller must match one term of every word.

    Words shorter than :data:`MIN_WORD` characters are ignored; an empty list matches everyone.
    """
    words: list[frozenset[str]] = []
    for word in text.split():
        if len(word) < MIN_WORD:
            continue
        terms = set(name_keys(word))
        code = _alnum(word)
        if code:
            terms |= {f"#{code}", f"@{code}"}
        terms = {t for t in terms if t and SEPARATOR not in t and "%" not in t and "_" not in t}
        if terms:
            words.append(frozenset(terms))
    return words


def key_matches(key: str, words: list[frozenset[str]]) -> bool:
    """True when ``key`` matches every word of a query (see :func:`search_terms`)."""
    return all(any(f"{SEPARATOR}{term}" in key for term in terms) for terms in words)


def name_terms(text: str) -> frozenset[str]:
    """The name keys of ``text`` (two words sharing one are the same name in some spelling)."""
    return name_keys(text)
