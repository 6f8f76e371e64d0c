"""A generated, realistic demo day: passenger manifests and a national lookout list, as files.

The files go through the normal import path, so the demo store holds what a real day would.
Everything is drawn from one ``random.Random`` seeded by ``seed`` and ``day``: the same seed and
day give byte-identical files. Some travellers are people on the list, written as airline data
writes them (another transliteration, no patronymic, a typo...); ``planted_truth`` names them.
Others share a listed person's name but not their date of birth.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from workstation.demo_cases import DECOYS, LOOKOUTS, PLANTINGS, ROUTES, Planting, Route
from workstation.demo_lookouts import (
    WATCHLIST_HEADERS,
    Listed,
    from_lookout,
    listed_people,
    watchlist_rows,
)
from workstation.demo_people import Identity, PeopleMaker, Traveller, pick
from workstation.demo_spelling import typo

DEFAULT_SEED = 20261123
WATCHLIST_NAME = "Demo national lookouts"
WATCHLIST_SIZE = 60
MANIFEST_HEADERS = (
    "Flight",
    "Origin",
    "Destination",
    "Departure",
    "Arrival",
    "Role",
    "Surname",
    "Given Names",
    "Date of Birth",
    "Sex",
    "Nationality",
    "Document Type",
    "Document Number",
    "Issuing State",
    "Document Expiry",
    "Booking Reference",
    "Seat",
)
_PARTY_SIZES = (1, 2, 3, 4, 5)  # people on one booking, and how often
_PARTY_WEIGHTS = (50, 28, 10, 8, 4)


@dataclass(frozen=True)
class DemoFiles:
    manifests: tuple[Path, ...]  # one CSV per flight
    watchlist: Path  # the demo national lookout list (CSV)
    watchlist_name: str  # "Demo national lookouts"


@dataclass(frozen=True)
class _Flight:
    route: Route
    departure: datetime
    arrival: datetime
    crew: tuple[Traveller, ...]
    passengers: tuple[Traveller, ...]

    @property
    def designator(self) -> str:
        return self.route.carrier + self.route.number


@dataclass(frozen=True)
class _Day:
    flights: tuple[_Flight, ...]
    watchlist: tuple[tuple[str, ...], ...]
    truth: tuple[tuple[str, str], ...]  # (traveller's document number, watchlist ID)


def write_demo_files(directory: Path, *, day: date, seed: int = DEFAULT_SEED) -> DemoFiles:
    """Write one manifest CSV per flight of ``day`` and the lookout list into ``directory``."""
    generated = _generate(day, seed)
    directory.mkdir(parents=True, exist_ok=True)
    manifests = []
    for flight in generated.flights:
        route = flight.route
        path = directory / f"{day:%Y%m%d}-{flight.designator}-{route.origin}{route.destination}.csv"
        _write_csv(path, MANIFEST_HEADERS, _manifest_rows(flight))
        manifests.append(path)
    watchlist = directory / "demo-national-lookouts.csv"
    _write_csv(watchlist, WATCHLIST_HEADERS, generated.watchlist)
    return DemoFiles(tuple(manifests), watchlist, WATCHLIST_NAME)


def planted_truth(day: date, seed: int = DEFAULT_SEED) -> list[tuple[str, str]]:
    """(document number of the traveller, watchlist ID) for every listed person on board."""
    return list(_generate(day, seed).truth)


def _generate(day: date, seed: int) -> _Day:
    rng = random.Random(seed * 100_000 + day.toordinal())
    maker = PeopleMaker(rng, day)
    listed = listed_people(maker, WATCHLIST_SIZE)
    parties: dict[str, list[list[Traveller]]] = {r.carrier + r.number: [] for r in ROUTES}
    routes = {r.carrier + r.number: r for r in ROUTES}
    planted: dict[str, str] = {}  # lookout key -> document number on board
    for planting in PLANTINGS:
        party = _planted_party(maker, planting, routes[planting.flight])
        planted[planting.key] = party[0].doc_number
        parties[planting.flight].append(party)
    for decoy in DECOYS:
        namesake = _lookout(decoy.key).who
        who = replace(
            namesake,
            given=decoy.given or namesake.given,
            middle="",
            sex=decoy.sex,
            born=_years_later(namesake.born, decoy.years),
        )
        parties[decoy.flight].append([maker.traveller(who, scheme=0)])
    flights = tuple(
        _flight(maker, route, parties[route.carrier + route.number]) for route in ROUTES
    )
    rows, ids = watchlist_rows(listed, planted, maker, day.year)
    truth = sorted((planted[key], ids[key]) for key in planted)
    return _Day(flights, tuple(rows), tuple(truth))


def _planted_party(maker: PeopleMaker, planting: Planting, route: Route) -> list[Traveller]:
    who = _lookout(planting.key).who
    traveller = maker.traveller(
        who,
        scheme=planting.spelling,
        regional=route.regional,
        drop_middle="drop-middle" in planting.changes,
    )
    if "typo" in planting.changes:
        traveller = replace(traveller, surname=typo(traveller.surname, maker.rng.randrange(99)))
    company: list[Identity] = []
    if planting.party == "partner":
        born = who.born + timedelta(days=maker.rng.randint(-300, 2500))
        family = "" if who.culture == "ar" else who.surname
        company.append(
            maker.person(
                who.culture,
                "F" if who.sex == "M" else "M",
                born,
                surname=family,
                nationality=who.nationality,
            )
        )
    elif planting.party == "escorted":
        for _ in range(2):
            company.append(
                maker.person(
                    who.culture, "F", maker.birth_date(19, 24), nationality=who.nationality
                )
            )
    others = [
        maker.traveller(person, scheme=planting.spelling, regional=route.regional)
        for person in company
    ]
    return [traveller, *others]


def _lookout(key: str) -> Listed:
    return from_lookout(next(lookout for lookout in LOOKOUTS if lookout.key == key))


def _years_later(born: date, years: int) -> date:
    return born.replace(year=born.year + years, day=min(born.day, 28))


def _flight(maker: PeopleMaker, route: Route, placed: list[list[Traveller]]) -> _Flight:
    rng = maker.rng
    hours, minutes = (int(part) for part in route.departs.split(":"))
    departure = datetime.combine(maker.day, time(hours, minutes), tzinfo=UTC)
    parties = list(placed)
    load = rng.randint(*route.load)
    while sum(len(party) for party in parties) < load:
        room = load - sum(len(party) for party in parties)
        size = min(room, rng.choices(_PARTY_SIZES, weights=_PARTY_WEIGHTS)[0])
        culture = pick(rng, route.mix)
        people = maker.party(culture, size)
        scheme = maker.scheme(people[0])  # a family's names are mostly spelled alike
        parties.append([maker.traveller(p, scheme=scheme, regional=route.regional) for p in people])
    passengers = _seat(maker, route, parties)
    crew = []
    for sexes in ["MMMMF"] * 2 + ["FFFM"] * rng.randint(2, 4):  # two pilots, the cabin crew
        culture, nationality = rng.choice(route.crew)
        person = maker.person(
            culture, rng.choice(sexes), maker.birth_date(23, 58), nationality=nationality
        )
        crew.append(maker.traveller(person, role="crew"))
    return _Flight(
        route,
        departure,
        departure + timedelta(minutes=route.minutes),
        tuple(crew),
        tuple(sorted(passengers, key=lambda t: (t.surname, t.given, t.doc_number))),
    )


def _seat(maker: PeopleMaker, route: Route, parties: list[list[Traveller]]) -> list[Traveller]:
    """Give each party one booking reference and seats side by side: three a block, two a row."""
    rows = [["ABC", "DEF"] for _ in range(route.rows)]
    seated = []
    for party in parties:
        booking = maker.booking_reference()
        row = maker.rng.choice(_rows_with_room(rows, len(party)))
        waiting = list(party)
        while waiting:
            if not any(rows[row]):
                row = maker.rng.choice(_rows_with_room(rows, len(waiting)))
            half = max(range(2), key=lambda h: len(rows[row][h]))
            taken, rows[row][half] = (
                rows[row][half][: len(waiting)],
                rows[row][half][len(waiting) :],
            )
            for letter in taken:
                seated.append(replace(waiting.pop(0), booking=booking, seat=f"{row + 1}{letter}"))
    return seated


def _rows_with_room(rows: list[list[str]], wanted: int) -> list[int]:
    """Rows with room for ``wanted`` (or as many as any row has) seats."""
    room = [len(a) + len(b) for a, b in rows]
    best = min(max(room), wanted)
    return [index for index, free in enumerate(room) if free >= best]


def _manifest_rows(flight: _Flight) -> list[tuple[str, ...]]:
    route = flight.route
    head = (
        flight.designator,
        route.origin,
        route.destination,
        _utc(flight.departure),
        _utc(flight.arrival),
    )
    return [
        (
            *head,
            t.role,
            t.surname,
            t.given,
            t.born.isoformat(),
            t.sex,
            t.nationality,
            t.doc_type,
            t.doc_number,
            t.nationality,
            t.expiry.isoformat(),
            t.booking,
            t.seat,
        )
        for t in (*flight.crew, *flight.passengers)
    ]


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_csv(path: Path, headers: tuple[str, ...], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)
