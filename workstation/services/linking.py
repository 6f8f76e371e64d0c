"""One person on one flight, whether an API message, a manifest or a booking (PNR) named them.

Two descriptions are the same person when their surnames are equal once normalised
(``matching.normalize_name``: case, diacritics, script), their given names are equal or one's
words are all among the other's (a booking often keeps only the first given name), and neither
the dates of birth nor the document numbers disagree where both give them. Among several such
travellers the one with the most agreeing evidence (document, date of birth, record locator)
is chosen.

When API data meets a booking's traveller, the API (read from the document at check-in) wins
for names, date of birth, sex and nationality; the booking only fills what the API left empty.
A row changed by a later file takes that file's batch, so the flight counts as not yet screened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matching.normalize import normalize_name
from workstation.db.models import TravelDocument, Traveller
from workstation.readers.records import DocumentRecord


@dataclass(frozen=True)
class PersonKey:
    """What two descriptions of a traveller are compared on."""

    surname: str
    given: tuple[str, ...]
    birth: str | None
    documents: frozenset[str]
    locator: str | None = None

    @classmethod
    def of(
        cls,
        surname: str,
        given_names: str,
        birth: str | None,
        documents: Iterable[str],
        locator: str | None = None,
    ) -> PersonKey:
        return cls(
            surname=normalize_name(surname).replace(" ", ""),
            given=tuple(normalize_name(given_names).split()),
            birth=birth or None,
            documents=frozenset(d.replace(" ", "").upper() for d in documents if d),
            locator=(locator or "").upper() or None,
        )

    @classmethod
    def of_row(cls, row: Traveller) -> PersonKey:
        return cls.of(
            row.surname,
            row.given_names,
            row.birth_date,
            (d.number for d in row.documents),
            row.booking_reference,
        )


def evidence(a: PersonKey, b: PersonKey) -> int | None:
    """None when ``a`` and ``b`` cannot be the same person; else how much agrees beyond names."""
    if not a.surname or a.surname != b.surname:
        return None
    if a.given != b.given:
        shorter, longer = sorted((set(a.given), set(b.given)), key=len)
        if not shorter or not shorter <= longer:
            return None
    score = 0
    if a.birth and b.birth:
        if not (a.birth.startswith(b.birth) or b.birth.startswith(a.birth)):
            return None
        score += 1
    if a.documents and b.documents:
        if not a.documents & b.documents:
            return None
        score += 2
    if a.locator and a.locator == b.locator:
        score += 1
    return score


def best_match(key: PersonKey, rows: Sequence[Traveller]) -> Traveller | None:
    """The row most surely the person ``key`` describes, or None."""
    best: tuple[int, Traveller] | None = None
    for row in rows:
        score = evidence(key, PersonKey.of_row(row))
        if score is not None and (best is None or score > best[0]):
            best = (score, row)
    return best[1] if best else None


def flight_rows(session: Session, flight_id: int) -> list[Traveller]:
    return list(
        session.scalars(
            select(Traveller)
            .where(Traveller.flight_id == flight_id)
            .options(selectinload(Traveller.documents))
            .order_by(Traveller.id)
        )
    )


def add_documents(row: Traveller, documents: Iterable[DocumentRecord]) -> None:
    """Give ``row`` the documents it does not hold yet (by number)."""
    held = {d.number for d in row.documents}
    for doc in documents:
        if doc.number not in held:
            held.add(doc.number)
            row.documents.append(
                TravelDocument(
                    doc_type=doc.doc_type,
                    number=doc.number,
                    issuing_state=doc.issuing_state,
                    expiry=str(doc.expiry) if doc.expiry else None,
                )
            )
