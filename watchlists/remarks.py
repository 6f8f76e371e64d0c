"""The facts OFAC keeps in an SDN entry's free-text remarks.

Remarks are ``;``-separated statements such as ``DOB 15 Aug 1959; alt. DOB 1960; POB Sirte,
Libya; nationality Libya; citizen Libya; Passport B012345 (Libya) issued 2010; National ID No.
98606612; Gender Male; a.k.a. 'ABU X'``. Read here: dates of birth (see ``watchlists.birth``),
nationality and citizenship, gender, identity document numbers (passport, national ID, cedula,
D.N.I., identification number; the number without its country or dates) and the quoted a.k.a.,
f.k.a. and n.k.a. names, which OFAC gives as weak aliases. Anything else is left in the remarks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from watchlists.names import clean, uncomma

# Documents a traveller may show: passports and national identity cards, by OFAC's names.
_DOCUMENTS = (
    r"Passport(?:\s+No\.)?|National ID No\.|Cedula No\.|D\.N\.I\.|Identification Number|"
    r"Personal ID Card|Identity Card(?:\s+No\.)?|Travel Document Number"
)
_DOCUMENT_KIND = re.compile(rf"^(?:{_DOCUMENTS})$", re.IGNORECASE)
_STATEMENT = re.compile(
    r"^(?:alt\.\s+)?(?P<kind>DOB|nationality|citizen|Gender|a\.k\.a\.|f\.k\.a\.|n\.k\.a\.|"
    rf"{_DOCUMENTS})[\s,:]+(?P<value>.+)$",
    re.IGNORECASE,
)
_DOCUMENT_END = re.compile(r"\s*(?:\(|\bissued\b|\bexpires\b|\bvalid\b).*$", re.IGNORECASE)


@dataclass
class RemarkFacts:
    """What ``read_remarks`` found; values are as written (countries not yet coded)."""

    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sex: str | None = None
    documents: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)


def read_remarks(text: str) -> RemarkFacts:
    """The birth dates, countries, sex, documents and weak aliases stated in OFAC remarks."""
    facts = RemarkFacts()
    for statement in split_statements(text):
        m = _STATEMENT.match(statement)
        if m is None:
            continue
        kind, value = m["kind"].casefold(), clean(m["value"])
        if kind == "dob":
            facts.birth_dates.append(value)
        elif kind in ("nationality", "citizen"):
            facts.countries.append(value)
        elif kind == "gender":
            facts.sex = facts.sex or value
        elif kind.endswith("k.a."):
            facts.weak_aliases.append(uncomma(_unquoted(value)))
        elif number := _DOCUMENT_END.sub("", value).strip(" .,"):
            facts.documents.append(number)
    return facts


def is_document_kind(kind: str) -> bool:
    """Whether OFAC's name of an identifier (``"Passport"``, ``"Cedula No."``) is a document."""
    return _DOCUMENT_KIND.match(kind.strip()) is not None


def split_statements(text: str) -> list[str]:
    """The ``;``-separated statements, trimmed, without the final full stop."""
    statements = []
    for part in text.split(";"):
        statement = clean(part).removesuffix(".").strip()
        if statement and statement != "-0-":
            statements.append(statement)
    return statements


def _unquoted(value: str) -> str:
    """``'ABU-'UMAR'`` as ``ABU-'UMAR``: one pair of outer quotes off, inner ones kept."""
    if value[:1] in "'\"" and value[-1:] == value[:1] and len(value) > 1:
        return value[1:-1]
    return value.lstrip("'\"")
