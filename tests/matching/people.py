"""Small builders for travellers and entries used across the matching tests."""

from __future__ import annotations

from matching import ListedPerson, PartialDate, Person


def traveller(
    surname: str,
    given: str = "",
    born: str | None = None,
    *,
    sex: str | None = None,
    nationality: str | None = None,
    documents: tuple[str, ...] = (),
    key: str = "t1",
) -> Person:
    return Person(
        key,
        surname,
        given,
        PartialDate.parse_iso(born) if born else None,
        sex,
        nationality,
        documents,
    )


def entry(
    *names: str,
    born: tuple[str, ...] = (),
    sex: str | None = None,
    nationalities: tuple[str, ...] = (),
    documents: tuple[str, ...] = (),
    key: str = "e1",
) -> ListedPerson:
    return ListedPerson(
        key,
        names,
        tuple(PartialDate.parse_iso(b) for b in born),
        sex,
        nationalities,
        documents,
    )
