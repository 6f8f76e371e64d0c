"""Matching quality on a seeded synthetic watchlist and manifest with known truth.

Listed people are written as lists hold them (diacritics, Cyrillic, Arabic romanisations with
articles, aliases); passengers as API/MRZ carries them (upper-case ASCII, one of several
romanisations, middle names dropped, fields swapped, typos, truncation, date variants). Unlisted
passengers are strangers, people sharing a listed surname, and namesakes of listed people born
years apart. Prints recall and false alerts per 1000 unlisted passengers for the engine and for a
brute-force rapidfuzz ``token_sort_ratio >= 85`` baseline.

    python benchmarks/matching_quality.py [--seed 1] [--entries 1500] [--listed 600]
                                          [--unlisted 3000] [--show 10]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from anyascii import anyascii
from name_pools import POOLS, serbian_cyrillic
from rapidfuzz import fuzz, process

from matching import DEFAULT_THRESHOLD, ListedPerson, PartialDate, Person, Screener
from matching.normalize import name_keys, romanise
from matching.variants import NAME_GROUPS

LETTERS = "ABCDEFGHIJKLMNOPRSTUVZ"
_GROUP_MEMBERS: dict[str, list[str]] = {}
for _word, _group in NAME_GROUPS.items():
    _GROUP_MEMBERS.setdefault(_group, []).append(_word)


@dataclass(frozen=True)
class Source:
    """A listed person's name parts as the generator knows them."""

    origin: str
    given: tuple[str, ...]
    family: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    person: Person
    kind: str  # listed, stranger, surname, namesake
    entry_key: str | None


def _date(rng: random.Random, lo: int = 1940, hi: int = 2005) -> PartialDate:
    return PartialDate(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def _source(rng: random.Random) -> Source:
    origins = list(POOLS)
    origin = rng.choices(origins, [POOLS[o][3] for o in origins])[0]
    given_pool, family_pool, _, _ = POOLS[origin]
    given = [rng.choice(given_pool)]
    if origin == "arabic":
        given += [rng.choice(given_pool) for _ in range(rng.choice((1, 1, 2)))]
    elif rng.random() < 0.1:
        given.append(rng.choice(given_pool))
    return Source(origin, tuple(given), (rng.choice(family_pool),))


def _written(src: Source, rng: random.Random, *, alias: bool = False) -> str:
    words = [*src.given, *src.family] if rng.random() < 0.6 else [*src.family, *src.given]
    text = " ".join(words)
    if src.origin == "serbian" and not alias and rng.random() < 0.4:
        return serbian_cyrillic(text)
    if alias:
        return " ".join(_pick_form(w, rng, plain=0.0) for w in text.split()).title()
    return text.upper() if rng.random() < 0.3 else text


def make_watchlist(rng: random.Random, n: int) -> tuple[list[ListedPerson], dict[str, Source]]:
    entries, sources = [], {}
    for i in range(n):
        src = _source(rng)
        names = [_written(src, rng)]
        if rng.random() < 0.35:
            names.append(_written(src, rng, alias=True))
        roll = rng.random()
        if roll < 0.6:
            born: tuple[PartialDate, ...] = (_date(rng, 1940, 1995),)
        elif roll < 0.9:
            born = (PartialDate(rng.randint(1940, 1995)),)
        else:
            born = ()
        key = f"E{i}"
        entries.append(ListedPerson(key, tuple(names), born, None, (POOLS[src.origin][2],)))
        sources[key] = src
    return entries, sources


def _pick_form(word: str, rng: random.Random, plain: float = 0.7) -> str:
    parts = []
    for piece in word.replace("-", " ").split():
        forms = romanise(piece)
        if not forms:
            continue
        form = forms[0] if rng.random() < plain else rng.choice(forms)
        members = _GROUP_MEMBERS.get(NAME_GROUPS.get(form, ""), [])
        if members and rng.random() < 0.3:
            form = rng.choice(members)
        parts.append(form)
    if parts and parts[0] in ("AL", "EL") and len(parts) > 1:
        roll = rng.random()
        if roll < 0.35:
            return parts[0] + parts[1]
        if roll < 0.5:
            return parts[1]
    return " ".join(parts)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + rng.choice(LETTERS) + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 2:
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice(LETTERS) + word[i:]


def passenger_name(src: Source, rng: random.Random) -> tuple[str, str]:
    """Surname and given names as API/MRZ would carry them, with realistic noise."""
    given = [_pick_form(w, rng) for w in src.given]
    family = [_pick_form(w, rng) for w in src.family]
    if len(given) > 1 and rng.random() < 0.5:
        given = given[:1]
    elif len(given) > 1 and rng.random() < 0.3:
        family = given[1:] + family
        given = given[:1]
    words = [w for w in " ".join(given + family).split()]
    if rng.random() < 0.12:
        i = rng.randrange(len(words))
        old = words[i]
        new = _typo(old, rng)
        given = " ".join(given).replace(old, new, 1).split()
        family = " ".join(family).replace(old, new, 1).split()
    if rng.random() < 0.08 and given and len(given[-1]) > 6:
        given[-1] = given[-1][: rng.randint(5, len(given[-1]) - 1)]
    surname, forenames = " ".join(family), " ".join(given)
    if rng.random() < 0.08:
        surname, forenames = forenames, surname
    return surname, forenames


def passenger_date(entry: ListedPerson, rng: random.Random) -> PartialDate | None:
    if not entry.birth_dates:
        return _date(rng)
    d = rng.choice(entry.birth_dates)
    roll = rng.random()
    if d.day is None:
        year = d.year + (rng.choice((-1, 1)) if roll < 0.1 else 0)
        return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
    assert d.month is not None
    if roll < 0.05 and d.day <= 12:
        return PartialDate(d.year, d.day, d.month)
    if roll < 0.10:
        return PartialDate(d.year + rng.choice((-1, 1)), d.month, d.day)
    if roll < 0.15:
        return None
    return d


class Namesakes:
    """Which (surname, given name) combinations the list holds, to keep strangers strangers."""

    def __init__(self, entries: list[ListedPerson], sources: dict[str, Source]) -> None:
        self._given_by_family: dict[str, set[str]] = {}
        self._undated: dict[str, set[str]] = {}
        for e in entries:
            src = sources[e.key]
            keys = self._given_by_family.setdefault(_key(src.family[0]), set())
            undated = self._undated.setdefault(_key(src.family[0]), set())
            for g in src.given:
                keys |= name_keys(g)
                if not e.birth_dates:
                    undated |= name_keys(g)

    def taken(self, src: Source) -> bool:
        listed = self._given_by_family.get(_key(src.family[0]), set())
        return any(name_keys(g) & listed for g in src.given)

    def undated(self, src: Source) -> bool:
        """Whether an entry without a date of birth has this name (namesakes cannot be told)."""
        listed = self._undated.get(_key(src.family[0]), set())
        return any(name_keys(g) & listed for g in src.given)


def _key(word: str) -> str:
    return min(name_keys(word), default="")


def _unlisted(
    rng: random.Random, entries: list[ListedPerson], sources: dict[str, Source], names: Namesakes
) -> tuple[Source, str, PartialDate]:
    roll = rng.random()
    if roll < 0.85:
        while True:
            if roll < 0.6:
                src, kind = _source(rng), "stranger"
            else:
                listed = sources[rng.choice(entries).key]
                other = _source(rng)
                given = other.given if other.origin == listed.origin else listed.given
                src, kind = replace(listed, given=given), "surname"
            if not names.taken(src):
                return src, kind, _date(rng)
    e = rng.choice([e for e in entries if e.birth_dates and not names.undated(sources[e.key])])
    year = max(d.year for d in e.birth_dates) + rng.choice((-1, 1)) * rng.randint(2, 30)
    born = PartialDate(min(2010, max(1900, year)), rng.randint(1, 12), rng.randint(1, 28))
    return sources[e.key], "namesake", born


def make_manifest(
    rng: random.Random,
    entries: list[ListedPerson],
    sources: dict[str, Source],
    listed: int,
    unlisted: int,
) -> list[Case]:
    cases = []
    for i in range(listed):
        e = rng.choice(entries)
        surname, given = passenger_name(sources[e.key], rng)
        person = Person(f"L{i}", surname, given, passenger_date(e, rng))
        cases.append(Case(person, "listed", e.key))
    names = Namesakes(entries, sources)
    for i in range(unlisted):
        src, kind, born = _unlisted(rng, entries, sources, names)
        surname, given = passenger_name(src, rng)
        cases.append(Case(Person(f"U{i}", surname, given, born), kind, None))
    return cases


def evaluate(name: str, alerts: dict[str, set[str]], cases: list[Case], seconds: float) -> None:
    listed = [c for c in cases if c.kind == "listed"]
    found = sum(1 for c in listed if c.entry_key in alerts.get(c.person.key, set()))
    unlisted = [c for c in cases if c.kind != "listed"]
    flagged = [c for c in unlisted if alerts.get(c.person.key)]
    by_kind = {}
    for kind in ("stranger", "surname", "namesake"):
        group = [c for c in unlisted if c.kind == kind]
        hits = sum(1 for c in group if alerts.get(c.person.key))
        by_kind[kind] = f"{1000 * hits / max(1, len(group)):.1f}"
    print(
        f"{name:<34} recall {found / len(listed):.3f}  "
        f"false alerts/1000 unlisted {1000 * len(flagged) / len(unlisted):6.1f}  "
        f"(stranger {by_kind['stranger']}, same surname {by_kind['surname']}, "
        f"namesake born apart {by_kind['namesake']})  {seconds:.1f} s"
    )


def run_engine(entries: list[ListedPerson], cases: list[Case]) -> tuple[dict[str, set[str]], float]:
    start = time.perf_counter()
    screener = Screener(entries)
    alerts: dict[str, set[str]] = {}
    for m in screener.screen([c.person for c in cases]):
        alerts.setdefault(m.traveller_key, set()).add(m.entry_key)
    return alerts, time.perf_counter() - start


def _plain(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in anyascii(text).upper()).split())


def run_baseline(entries: list[ListedPerson], cases: list[Case]) -> tuple[
    dict[str, set[str]], float
]:  # fmt: skip
    start = time.perf_counter()
    choices, owners = [], []
    for e in entries:
        for n in e.names:
            choices.append(_plain(n))
            owners.append(e.key)
    queries = [_plain(f"{c.person.given_names} {c.person.surname}") for c in cases]
    matrix = process.cdist(queries, choices, scorer=fuzz.token_sort_ratio, score_cutoff=85,
                           workers=-1)  # fmt: skip
    alerts: dict[str, set[str]] = {}
    for qi, ci in zip(*matrix.nonzero(), strict=True):
        alerts.setdefault(cases[qi].person.key, set()).add(owners[ci])
    return alerts, time.perf_counter() - start


def show_misses(
    entries: list[ListedPerson], cases: list[Case], alerts: dict[str, set[str]], n: int
) -> None:
    by_key = {e.key: e for e in entries}
    screener = Screener(entries)
    shown = 0
    for c in cases:
        hit = (
            c.entry_key in alerts.get(c.person.key, set())
            if c.entry_key
            else bool(alerts.get(c.person.key))
        )
        if shown >= n or (c.kind == "listed") == hit:
            continue
        shown += 1
        p = c.person
        if c.entry_key:
            m = screener.compare(p, by_key[c.entry_key])
            print(f"MISS {p.surname}/{p.given_names} {p.birth_date} -> {m.score} {m.summary()}")
        else:
            for key in alerts[p.key]:
                m = screener.compare(p, by_key[key])
                print(f"FALSE[{c.kind}] {p.surname}/{p.given_names} {p.birth_date} -> "
                      f"{m.matched_name} {m.score} {m.summary()}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entries", type=int, default=1500)
    parser.add_argument("--listed", type=int, default=600)
    parser.add_argument("--unlisted", type=int, default=3000)
    parser.add_argument("--show", type=int, default=0, help="print this many misses/false alerts")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    entries, sources = make_watchlist(rng, args.entries)
    cases = make_manifest(rng, entries, sources, args.listed, args.unlisted)
    print(f"{len(entries)} entries, {args.listed} listed and {args.unlisted} unlisted passengers, "
          f"seed {args.seed}, threshold {DEFAULT_THRESHOLD}")  # fmt: skip
    alerts, seconds = run_engine(entries, cases)
    evaluate("engine (Screener)", alerts, cases, seconds)
    base, base_seconds = run_baseline(entries, cases)
    evaluate("baseline token_sort_ratio>=85", base, cases, base_seconds)
    if args.show:
        show_misses(entries, cases, alerts, args.show)


if __name__ == "__main__":
    main()
