"""The demo national lookout list: the people on it and how the list writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workstation.demo_cases import CATEGORIES, FILLER_CULTURES, LOOKOUTS, NOTES, Lookout
from workstation.demo_people import Identity, PeopleMaker, pick
from workstation.demo_spelling import airline_spelling, feminine, list_spelling

WATCHLIST_HEADERS = (
    "ID",
    "Name",
    "Aliases",
    "Date of Birth",
    "Sex",
    "Nationality",
    "Document Number",
    "Category",
    "Handling Notes",
)
_SCRIPT_CULTURES = ("sr", "mk", "ru")


@dataclass(frozen=True)
class Listed:
    """A person on the list: who they are and how the list shows them."""

    key: str  # the Lookout's key; "" for people drawn at random
    who: Identity
    nationalities: tuple[str, ...]
    listing: str  # flags, see demo_cases.Lookout.listing
    category: str
    notes: str
    aliases: tuple[str, ...]
    document: str = ""


def from_lookout(lookout: Lookout) -> Listed:
    nationalities = tuple(lookout.nationality.split(";"))
    who = Identity(
        lookout.culture,
        lookout.surname,
        lookout.given,
        lookout.middle,
        lookout.sex,
        date.fromisoformat(lookout.born),
        nationalities[0],
    )
    aliases = tuple(a.strip() for a in lookout.aliases.split(";") if a.strip())
    return Listed(
        lookout.key, who, nationalities, lookout.listing, lookout.category, lookout.notes, aliases
    )


def listed_people(maker: PeopleMaker, total: int) -> list[Listed]:
    """The hand-written lookouts and enough random ones to make ``total``.

    Every listed name is reserved, so that only plantings and decoys carry one on board.
    Random entries never take a hand-written lookout's surname, so decoys stay decoys.
    """
    listed = [from_lookout(lookout) for lookout in LOOKOUTS]
    taken = {feminine(item.who.culture, item.who.surname) for item in listed}
    taken |= {item.who.surname for item in listed}
    while len(listed) < total:
        item = _random_listed(maker)
        if item.who.surname not in taken:
            taken.add(item.who.surname)
            listed.append(item)
    for item in listed:
        maker.reserve(item.who.culture, item.who.surname, item.who.given)
    return listed


def _random_listed(maker: PeopleMaker) -> Listed:
    rng = maker.rng
    culture = pick(rng, FILLER_CULTURES)
    sex = "M" if rng.random() < 0.85 else "F"
    who = maker.person(culture, sex, maker.birth_date(22, 70))
    flags = [pick(rng, (("dob-full", 55), ("dob-year", 30), ("dob-none", 15)))]
    if culture in _SCRIPT_CULTURES and rng.random() < 0.7:
        flags.append("native")
    if rng.random() < 0.3:
        flags.append("given-first")
    nationalities: tuple[str, ...] = (who.nationality,)
    if rng.random() < 0.12:
        second = pick(rng, (("SRB", 3), ("BIH", 2), ("DEU", 2), ("AUT", 1), ("TUR", 1)))
        nationalities = tuple(dict.fromkeys((who.nationality, second)))
    category = pick(rng, CATEGORIES)
    document = ""
    if category == "stolen or lost document" or rng.random() < 0.15:
        document = maker.document_number(who.nationality, "P")
    return Listed(
        "",
        who,
        nationalities,
        " ".join(flags),
        category,
        rng.choice(NOTES[category]),
        _aliases(maker, who, flags),
        document,
    )


def _aliases(maker: PeopleMaker, who: Identity, flags: list[str]) -> tuple[str, ...]:
    rng = maker.rng
    count = rng.choices((0, 1, 2, 3), weights=(40, 30, 20, 10))[0]
    candidates = [
        list_name(who, native="native" not in flags, given_first=True),
        " ".join(
            (
                airline_spelling(who.culture, who.given, 1),
                airline_spelling(who.culture, who.surname, 1),
            )
        ).title(),
        list_name(who, native="native" in flags, given_first="given-first" not in flags),
    ]
    primary = list_name(who, "native" in flags, "given-first" in flags)
    return tuple(dict.fromkeys(a for a in candidates[:count] if a != primary))


def list_name(who: Identity, native: bool, given_first: bool) -> str:
    """The full name as the list writes it, surname first unless ``given_first``."""
    given = [list_spelling(who.culture, part, native) for part in (who.given, who.middle) if part]
    surname = list_spelling(who.culture, who.surname, native)
    return " ".join([*given, surname] if given_first else [surname, *given])


def _birth(item: Listed) -> str:
    if "dob-none" in item.listing:
        return ""
    if "dob-year" in item.listing:
        return str(item.who.born.year)
    return item.who.born.isoformat()


def watchlist_rows(
    listed: list[Listed], documents: dict[str, str], maker: PeopleMaker, year: int
) -> tuple[list[tuple[str, ...]], dict[str, str]]:
    """The list's rows in ID order, and each hand-written lookout's ID by key.

    ``documents`` gives the document numbers of lookouts listed with the one they travel on.
    """
    order = list(range(len(listed)))
    maker.rng.shuffle(order)
    numbers = sorted(maker.rng.sample(range(1, 400), len(listed)))
    rows: list[tuple[str, ...]] = []
    ids: dict[str, str] = {}
    for number, index in zip(numbers, order, strict=True):
        item = listed[index]
        entry_id = f"NL-{year}-{number:04d}"
        if item.key:
            ids[item.key] = entry_id
        document = documents.get(item.key, "") if "doc" in item.listing.split() else item.document
        sex = item.who.sex if item.key or maker.rng.random() < 0.8 else ""
        name = list_name(item.who, "native" in item.listing, "given-first" in item.listing)
        rows.append(
            (
                entry_id,
                name,
                "; ".join(item.aliases),
                _birth(item),
                sex,
                ";".join(item.nationalities),
                document,
                item.category,
                item.notes,
            )
        )
    return rows, ids
