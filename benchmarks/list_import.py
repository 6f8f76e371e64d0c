"""How fast a large watchlist imports: a generated list of 1,000,000 names, as CSV and as FtM.

Run: python benchmarks/list_import.py [entries] [csv|ftm|both]
Target: a 1,000,000-name list (400,000 entries with aliases) imports in 60 s or less, with
bounded memory. Each format is imported into a fresh SQLite store through ``import_watchlist``;
the figures are wall seconds (and CPU seconds of this process, the cost whatever else the
machine runs), the peak resident memory of this process (``ru_maxrss``, which
only grows: run one format at a time for its own peak) and entries per second.
"""

from __future__ import annotations

import csv
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workstation.db.store import Store
from workstation.services.users import sign_in
from workstation.services.watchlists import import_watchlist

_GIVEN = (
    "Marko Nikola Đorđe Željko Dušan Miloš Stefan Ana Marija Jelena Mehmet Ayşe Ahmed Hassan "
    "Горан Зоран Никола Ѓорѓи Иван Сергей Ольга John Peter Arben Besnik Emir Lejla Fatima"
)
GIVEN = tuple(_GIVEN.split())
_SURNAMES = (
    "Jovanović Petrović Nikolić Marković Đorđević Yılmaz Demir Kaya Al-Hamadi Krasniqi Hoxha "
    "Стојановски Николовски Трајковски Иванов Смирнов Smith Brown Müller Berisha Hodžić"
)
SURNAMES = tuple(_SURNAMES.split())
COUNTRIES = ("SRB", "MKD", "TUR", "ALB", "RKS", "BIH", "RUS", "DEU", "SYR", "IRQ")
CATEGORIES = ("Drugs", "Migrant smuggling", "Wanted person", "Terrorism", "Other")
ALIASES = (1, 1, 2, 2)  # 1.5 aliases on average: 2.5 names per entry


def _people(entries: int, seed: int = 7) -> Iterator[tuple[str, list[str], str, str, str, str]]:
    """(id, names, date of birth, sex, nationality, document) for each generated entry."""
    rng = random.Random(seed)
    for n in range(entries):
        names = [
            f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}{n % 97 or ''}"
            for _ in range(1 + rng.choice(ALIASES))
        ]
        year, month, day = rng.randint(1940, 2004), rng.randint(1, 12), rng.randint(1, 28)
        dob = f"{year}-{month:02d}-{day:02d}" if n % 5 else str(year)
        yield (
            f"BM-{n:07d}",
            names,
            dob,
            rng.choice("MF"),
            rng.choice(COUNTRIES),
            f"P{rng.randint(10**7, 10**8 - 1)}",
        )


def write_csv(path: Path, entries: int) -> int:
    """The generated list as a generic watchlist CSV; returns the number of names."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["ID", "Name", "Aliases", "Date of Birth", "Sex", "Nationality",
                      "Document Numbers", "Category"])  # fmt: skip
        for n, (entry_id, names, dob, sex, country, doc) in enumerate(_people(entries)):
            out.writerow(
                [
                    entry_id,
                    names[0],
                    "; ".join(names[1:]),
                    dob,
                    sex,
                    country,
                    doc,
                    CATEGORIES[n % len(CATEGORIES)],
                ]
            )
            count += len(names)
    return count


def write_ftm(path: Path, entries: int) -> int:
    """The generated list as FollowTheMoney JSON lines; returns the number of names."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for entry_id, names, dob, sex, country, doc in _people(entries):
            properties = {
                "name": names[:1],
                "alias": names[1:],
                "birthDate": [dob],
                "gender": ["male" if sex == "M" else "female"],
                "nationality": [country],
                "passportNumber": [doc],
                "topics": ["sanction"],
            }
            entity = {"id": entry_id, "schema": "Person", "properties": properties}
            handle.write(json.dumps(entity, ensure_ascii=False) + "\n")
            count += len(names)
    return count


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def cpu_seconds() -> float:
    """User and system time of this process: the cost, whatever else the machine runs."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench(kind: str, entries: int, work: Path) -> None:
    path = work / f"list-{entries}.{'csv' if kind == 'csv' else 'ftm.json'}"
    start = time.perf_counter()
    names = (write_csv if kind == "csv" else write_ftm)(path, entries)
    written = time.perf_counter() - start
    store = Store(f"sqlite:///{work / f'store-{kind}.sqlite3'}")
    actor = sign_in(store, "bench.supervisor", display_name="Benchmark")
    before = peak_rss_mb()
    start, cpu = time.perf_counter(), cpu_seconds()
    summary = import_watchlist(store, actor, [path], f"Benchmark {kind}")
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    store.close()
    stored = summary.watchlist.entry_count
    print(
        f"{kind:4} {stored:,} entries ({names:,} names, {path.stat().st_size / 2**20:.0f} MB, "
        f"written in {written:.1f} s): imported in {seconds:.1f} s ({cpu:.1f} s CPU), "
        f"{stored / seconds:,.0f} entries/s; peak RSS {peak_rss_mb():,.0f} MB "
        f"(before the import {before:,.0f} MB)"
    )


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 400_000
    kinds = ("csv", "ftm") if len(sys.argv) <= 2 or sys.argv[2] == "both" else (sys.argv[2],)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            bench(kind, entries, Path(tmp))


if __name__ == "__main__":
    main()
