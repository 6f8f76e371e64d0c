"""The matching engine at list scale: a seeded 1,000,000-name watchlist (names plus aliases, six
cultures, common tokens as common as on real lists) against 20,000 passengers (a busy day at
Belgrade), a few hundred of them listed people written with noise.

Prints, one figure per line: list generation, index build seconds, peak RSS, screening seconds for
one flight of 300 and for all passengers (in ``--workers`` processes: forked workers where the
platform forks; with their peak memory, parent plus workers, as proportional set size, sampled
in a second, untimed run),
candidates per traveller (mean, p99), recall on the planted passengers, alerts on the others, and
the brute-force baseline: rapidfuzz
``process.cdist(token_sort_ratio, score_cutoff=85)`` over a sample of passengers against every
name (half the sample timed before the engine runs, half after), extrapolated to all passengers
(both sides pre-normalised to plain upper-case ASCII, the normalisation not timed), with the
speed-up of the engine over it.

    python benchmarks/matching_scale.py [--names 1000000] [--passengers 20000] [--quick]
                                        [--workers N]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching_quality import Source, _plain, _written, passenger_date, passenger_name
from rapidfuzz import fuzz, process
from scale_pools import Culture, ZipfPicker, build_cultures, written_in_script

from matching import DEFAULT_THRESHOLD, ListedPerson, PartialDate, Person, Screener

FLIGHT = 300


def _figure(label: str, value: str) -> None:
    print(f"{label:<44} {value}", flush=True)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _pss_mib(pid: int) -> float:
    """Proportional set size of one process (shared pages split among their sharers)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")) / 1024


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


class MemoryWatch:
    """Samples the summed proportional set size of this process and its children (Linux)."""

    def __init__(self) -> None:
        self.peak = 0.0
        self.peak_children = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            children = _children()
            total = _pss_mib(os.getpid()) + sum(_pss_mib(c) for c in children)
            self.peak = max(self.peak, total)
            self.peak_children = max(self.peak_children, len(children))

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


class Generator:
    """Seeded people of every culture, with the shares of the list or of the passengers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cultures = build_cultures()
        given_q = {"arabic": 1.0}  # Mohammed and Ahmed are commoner than any Balkan name
        self._given = {
            c.name: ZipfPicker(c.given, c.given_tail, rng, given_q.get(c.name, 3.0))
            for c in self.cultures
        }
        self._family = {c.name: ZipfPicker(c.family, c.tail, rng, 8.0) for c in self.cultures}

    def _given_name(self, culture: Culture) -> str:
        return self._given[culture.name].pick()

    def source(self, *, passenger: bool) -> tuple[Culture, Source]:
        shares = [c.passenger_share if passenger else c.list_share for c in self.cultures]
        culture = self.rng.choices(self.cultures, shares)[0]
        given = [self._given_name(culture)]
        if culture.name == "arabic":
            given += [self._given_name(culture) for _ in range(self.rng.choice((1, 1, 2)))]
        elif self.rng.random() < 0.1:
            given.append(self._given_name(culture))
        family = self._family[culture.name].pick()
        origin = "serbian" if culture.name == "serbian" else culture.name
        return culture, Source(origin, tuple(given), (family,))

    def date(self, lo: int = 1940, hi: int = 2005) -> PartialDate:
        return PartialDate(
            self.rng.randint(lo, hi), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )


def make_list(gen: Generator, n_names: int) -> tuple[list[ListedPerson], dict[str, Source]]:
    """Entries until ``n_names`` names (primary names plus aliases); sources of about 1 % kept."""
    rng = gen.rng
    entries: list[ListedPerson] = []
    kept: dict[str, Source] = {}
    names = 0
    while names < n_names:
        culture, src = gen.source(passenger=False)
        first = _written(src, rng)
        written = [written_in_script(culture, first) if rng.random() < 0.1 else first]
        roll = rng.random()
        for _ in range(2 if roll < 0.12 else 1 if roll < 0.45 else 0):
            written.append(_written(src, rng, alias=True))
        roll = rng.random()
        born = (
            (gen.date(1940, 1995),)
            if roll < 0.6
            else (PartialDate(rng.randint(1940, 1995)),)
            if roll < 0.9
            else ()
        )
        key = f"E{len(entries)}"
        entries.append(ListedPerson(key, tuple(written), born, None, (culture.nationality,)))
        names += len(written)
        if rng.random() < 0.01:
            kept[key] = src
    return entries, kept


def make_passengers(
    gen: Generator, entries: list[ListedPerson], kept: dict[str, Source], total: int, planted: int
) -> tuple[list[Person], dict[str, str]]:
    """``total`` passengers, ``planted`` of them listed people written with noise, shuffled."""
    rng = gen.rng
    by_key = {key: i for i, key in enumerate(kept)}
    chosen = rng.sample(sorted(by_key), min(planted, len(kept)))
    index = {e.key: e for e in entries if e.key in kept}
    people: list[Person] = []
    truth: dict[str, str] = {}
    for i, key in enumerate(chosen):
        surname, given = passenger_name(kept[key], rng)
        people.append(Person(f"L{i}", surname, given, passenger_date(index[key], rng)))
        truth[f"L{i}"] = key
    for i in range(total - len(chosen)):
        culture, src = gen.source(passenger=True)
        surname, given = passenger_name(src, rng)
        people.append(Person(f"U{i}", surname, given, gen.date(), None, culture.nationality))
    rng.shuffle(people)
    return people, truth


def baseline_seconds(entries: list[ListedPerson], people: list[Person]) -> float:
    """Seconds of brute force over every name for ``people`` (the names normalised first, not
    timed, and let go before returning so they do not weigh on the engine's memory figures)."""
    choices = [_plain(n) for e in entries for n in e.names]
    queries = [_plain(f"{p.given_names} {p.surname}") for p in people]
    start = time.perf_counter()
    for i in range(0, len(queries), 25):
        process.cdist(queries[i : i + 25], choices, scorer=fuzz.token_sort_ratio,
                      score_cutoff=85, dtype="uint8", workers=-1)  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--passengers", type=int, default=20_000)
    parser.add_argument("--planted", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="100,000 names, 2,000 passengers")
    parser.add_argument(
        "--baseline-sample", type=int, default=100, help="passengers timed, half before, half after"
    )
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="screening processes (0: two)")
    args = parser.parse_args()
    if args.quick:
        args.names, args.passengers = 100_000, 2_000
    gen = Generator(random.Random(args.seed))
    start = time.perf_counter()
    entries, kept = make_list(gen, args.names)
    people, truth = make_passengers(gen, entries, kept, args.passengers, args.planted)
    n_names = sum(len(e.names) for e in entries)
    _figure("list", f"{len(entries)} entries, {n_names} names")
    _figure("passengers", f"{len(people)} ({len(truth)} listed, written with noise)")
    _figure("generation seconds", f"{time.perf_counter() - start:.1f}")
    _figure("peak RSS after generation MiB", f"{_peak_rss_mib():.0f}")
    # The baseline is timed on half its sample before the engine runs and half after, so that
    # this machine's drift in speed (a third within the hour, seen here) weighs on both alike.
    sample = [] if args.no_baseline else people[: args.baseline_sample]
    half = len(sample) // 2
    before = baseline_seconds(entries, sample[:half]) if half else 0.0
    gc.collect()
    start = time.perf_counter()
    screener = Screener(entries)
    build = time.perf_counter() - start
    _figure("index build seconds", f"{build:.1f}")
    _figure("peak RSS after build MiB", f"{_peak_rss_mib():.0f}")
    flight = people[:FLIGHT]
    start = time.perf_counter()
    screener.screen(flight)
    _figure(f"screen one flight of {len(flight)} seconds", f"{time.perf_counter() - start:.2f}")
    workers = args.workers or None
    start = time.perf_counter()
    matches = screener.screen(people, workers=workers)
    screen = time.perf_counter() - start
    _figure(f"screen {len(people)} passengers seconds", f"{screen:.1f}")
    _figure("per traveller ms", f"{1000 * screen / len(people):.2f}")
    _figure("peak RSS after screening MiB", f"{_peak_rss_mib():.0f}")
    if workers != 1:
        # Sampling a process's proportional set size walks its page tables under its memory
        # lock, which stalls its page faults: it slowed the workers by 10-15 % here. Their memory
        # is taken in a second, untimed run, forked from the same parent.
        with MemoryWatch() as memory:
            screener.screen(people, workers=workers)
        _figure("worker processes seen (second run)", f"{memory.peak_children}")
        _figure("peak PSS parent + workers MiB (second run)", f"{memory.peak:.0f}")
    sizes = sorted(len(screener.candidates(p)) for p in people[:2000])
    _figure("candidates per traveller mean", f"{statistics.fmean(sizes):.1f}")
    _figure("candidates per traveller p99", f"{sizes[int(0.99 * (len(sizes) - 1))]}")
    alerts: dict[str, set[str]] = {}
    for m in matches:
        alerts.setdefault(m.traveller_key, set()).add(m.entry_key)
    found = sum(1 for t, key in truth.items() if key in alerts.get(t, set()))
    _figure(
        f"recall on planted (threshold {DEFAULT_THRESHOLD})", f"{found / max(1, len(truth)):.3f}"
    )
    others = [p for p in people if p.key not in truth]
    flagged = sum(1 for p in others if alerts.get(p.key))
    _figure("alerted unlisted passengers per 1000", f"{1000 * flagged / max(1, len(others)):.1f}")
    if not sample:
        return
    after = baseline_seconds(entries, sample[half:])
    _figure("baseline pairs timed", f"{len(sample)} x {n_names}")
    if half:
        _figure(
            "baseline ms per passenger before / after",
            f"{1000 * before / half:.1f} / {1000 * after / (len(sample) - half):.1f}",
        )
    estimate = (before + after) * len(people) / len(sample)
    _figure("baseline cdist estimate seconds", f"{estimate:.0f}")
    _figure("speed-up over baseline", f"{estimate / screen:.1f}x")


if __name__ == "__main__":
    main()
