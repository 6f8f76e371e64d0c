"""Screening files against list files without a store: ``python -m workstation screen FILE``."""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

from matching import DEFAULT_THRESHOLD, ListedPerson, Person, Screener
from watchlists.entry import WatchlistEntry
from watchlists.errors import WatchlistFormatError
from watchlists.read import read_watchlist
from workstation.errors import InputFileError
from workstation.readers.detect import read_passenger_file
from workstation.readers.records import FlightRecord, TravellerRecord
from workstation.services.export import neutralise

HIT_COLUMNS = (
    "kind",
    "document_number",
    "surname",
    "given_names",
    "date_of_birth",
    "flight",
    "watchlist",
    "entry_id",
    "entry_name",
    "score",
    "reasons",
)


@dataclass(frozen=True)
class Timings:
    load: float
    index: float
    screen: float

    def line(self) -> str:
        return f"load={self.load:.2f} index={self.index:.2f} screen={self.screen:.2f}"


# A manifest screened on its own may name no flight (Surname, Given Names, ... only): its rows
# get this one, whose empty designator is all the hits file shows of it (the reader wants
# airport codes; ZZZ, "unknown", never leaves this module).
_NO_FLIGHT = FlightRecord("", "", "ZZZ", "ZZZ", None, None)


def _read_list(path: Path, warnings: list[str]) -> tuple[WatchlistEntry, ...]:
    try:
        read = read_watchlist(path)
    except WatchlistFormatError as exc:
        raise InputFileError(path, exc.problem, where=exc.where) from exc
    warnings.extend(f"{path.name}: {w}" for w in read.warnings)
    return read.entries


def screen_files(
    passengers: Path, watchlists: list[Path], out: Path, *, threshold: float = DEFAULT_THRESHOLD
) -> tuple[int, Timings, list[str]]:
    """Write one row per hit to ``out``; return the number of hits, the time each step took and
    what the readers warned of, each naming its file (rows skipped, values left out).

    Every file is read whole before anything is screened; the hits file is written last.
    """
    t0 = time.perf_counter()
    passenger_file = read_passenger_file(passengers, flight=_NO_FLIGHT)
    warnings = [f"{passengers.name}: {w}" for w in passenger_file.warnings]
    travellers: dict[str, tuple[TravellerRecord, str]] = {}
    for flight in passenger_file.flights:
        for n, t in enumerate(flight.travellers):
            travellers[f"{flight.designator}#{n}"] = (t, flight.designator)
    lists = [(path.name, _read_list(path, warnings)) for path in watchlists]
    t1 = time.perf_counter()
    screeners = [
        Screener(
            (
                ListedPerson(
                    key=str(n),
                    names=e.names,
                    birth_dates=e.birth_dates,
                    sex=e.sex,
                    nationalities=e.nationalities,
                    documents=e.documents,
                )
                for n, e in enumerate(entries)
            ),
            threshold=threshold,
        )
        for _name, entries in lists
    ]
    t2 = time.perf_counter()
    people = [
        Person(
            key=key,
            surname=t.surname,
            given_names=t.given_names,
            birth_date=t.birth_date,
            sex=t.sex,
            nationality=t.nationality,
            documents=tuple(d.number for d in t.documents),
        )
        for key, (t, _flight) in travellers.items()
    ]
    rows: list[list[str]] = []
    for (list_name, entries), screener in zip(lists, screeners, strict=True):
        for m in screener.screen(people):
            t, designator = travellers[m.traveller_key]
            rows.append(
                [
                    "watchlist",
                    t.documents[0].number if t.documents else "",
                    t.surname,
                    t.given_names,
                    str(t.birth_date or ""),
                    designator,
                    list_name,
                    entries[int(m.entry_key)].entry_id,
                    m.matched_name,
                    f"{m.score:.1f}",
                    m.summary(),
                ]
            )
    t3 = time.perf_counter()
    rows.sort(key=lambda r: -float(r[9]))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HIT_COLUMNS)
        writer.writerows([neutralise(c) for c in row] for row in rows)
    return len(rows), Timings(t1 - t0, t2 - t1, t3 - t2), warnings
