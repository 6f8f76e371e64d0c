"""How fast risk rules screen travellers: 100 active rules over 20,000 generated travellers.

Run: python benchmarks/rules_speed.py [travellers] [rules]
Target: 100 rules over 20,000 travellers in 2 s or less (with explanations for every hit).
The rules are the templates with their thresholds varied; the travellers are random but
seeded, with rates of cash payment, one-way tickets and so on picked to look like real traffic.
"""

from __future__ import annotations

import dataclasses
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.rules import TEMPLATES, Condition, Group, Rule, RuleSet, TravelFacts, Value

ORIGINS = {  # country of departure: share of travellers
    "TUR": 30, "DEU": 20, "AUT": 15, "MKD": 10, "NLD": 5, "ARE": 5, "QAT": 5, "ESP": 3,
    "GRC": 5, "COL": 0.5, "PER": 0.3, "BRA": 0.5,
}  # fmt: skip
LISTS = {
    "source countries": {"COL", "PER", "BRA"},
    "transit countries": {"ESP", "ARE"},
    "watched agencies": {f"{n:08d}" for n in range(5)},
}
REPEATS = 3
SCALES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 0.9)


def scaled(value: Value, factor: float) -> Value:
    if isinstance(value, bool) or not isinstance(value, int | float | tuple):
        return value
    if isinstance(value, tuple):  # (trips, days) or (low, high)
        return tuple(scaled(v, factor) for v in value)
    return max(1, round(value * factor)) if isinstance(value, int) else value * factor


def varied(group: Group, factor: float) -> Group:
    items: list[Condition | Group] = []
    for item in group.items:
        if isinstance(item, Group):
            items.append(varied(item, factor))
        else:
            items.append(dataclasses.replace(item, value=scaled(item.value, factor)))
    return Group(group.mode, tuple(items))


def rules(count: int) -> list[Rule]:
    made = []
    for i in range(count):
        base = TEMPLATES[i % len(TEMPLATES)]
        factor = SCALES[(i // len(TEMPLATES)) % len(SCALES)]
        made.append(
            dataclasses.replace(
                base, name=f"{base.name} #{i}", root=varied(base.root, factor), enabled=True
            )
        )
    return made


def traveller(
    rng: random.Random, i: int, departure: datetime, windows: frozenset[int]
) -> TravelFacts:
    one_way = rng.random() < 0.3
    stay = None if one_way else rng.choice((1, 2, 3, 4, 5, 7, 7, 10, 14, 21))
    bags = rng.choice((0, 1, 1, 1, 2)) if (stay or 0) < 7 else rng.choice((0, 1, 1, 2, 2, 3))
    (country,) = rng.choices(tuple(ORIGINS), weights=tuple(ORIGINS.values()))
    trips_per_day = rng.choice((0.0,) * 8 + (0.02, 0.15))
    return TravelFacts(
        key=str(i),
        origin="BOG" if country == "COL" else "IST",
        destination="BEG",
        route_countries=frozenset({country, "SRB"}),
        carrier=rng.choice(("JU", "TK", "LH", "OS")),
        departure=departure,
        booking_lead_hours=rng.expovariate(1 / 600),
        ticketing_lead_hours=rng.expovariate(1 / 400) if rng.random() < 0.9 else None,
        payment_forms=frozenset({"cash" if rng.random() < 0.02 else "card"}),
        one_way=one_way,
        stay_days=stay,
        group_size=rng.choice((1, 1, 1, 2, 2, 3, 4)),
        agency_code=f"{rng.randrange(1000):08d}",
        bag_count=bags,
        bag_weight_kg=sum(rng.uniform(8, 23) for _ in range(bags)),
        document_expiry=(departure + timedelta(days=rng.randint(0, 3650))).date(),
        document_issuing_state="SRB",
        nationality="SRB" if rng.random() < 0.9 else "BIH",
        age=rng.randint(1, 90),
        trips_in_window={days: trips(rng, trips_per_day, days) for days in windows},
        travelling_with_flagged=rng.random() < 0.01,
        name_changed_hours_before_departure=rng.uniform(0, 200) if rng.random() < 0.03 else None,
    )


def trips(rng: random.Random, per_day: float, days: int) -> int:
    return sum(rng.random() < per_day for _ in range(days))


def main() -> None:
    travellers_count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rules_count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    start = time.perf_counter()
    rule_set = RuleSet(rules(rules_count), LISTS)
    compiled = time.perf_counter() - start

    rng = random.Random(7)
    start = time.perf_counter()
    departure = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    windows = rule_set.trip_windows  # the caller counts trips for the windows rules use
    people = [traveller(rng, i, departure, windows) for i in range(travellers_count)]
    built = time.perf_counter() - start

    timings = {}
    for explain in (False, True):
        runs = []
        for _ in range(REPEATS):
            start, cpu = time.perf_counter(), time.process_time()
            hits = rule_set.evaluate_many(people, explain=explain)
            runs.append((time.perf_counter() - start, time.process_time() - cpu))
        timings[explain] = min(runs)

    start = time.perf_counter()
    flights = [people[n : n + 200] for n in range(0, len(people), 200)]
    for flight in flights:
        rule_set.evaluate_flight(flight)
    per_flight = (time.perf_counter() - start) / len(flights)

    per_rule = Counter(h.rule for traveller_hits in hits for h in traveller_hits)
    total = sum(per_rule.values())
    print(f"{travellers_count} travellers built in {built:.2f} s (not counted below)")
    print(f"{rules_count} rules validated and compiled in {compiled * 1000:.1f} ms")
    print(f"best of {REPEATS} runs, wall clock (CPU time):")
    print("screening without explanations: {:.2f} s ({:.2f} s)".format(*timings[False]))
    print(
        "screening with explanations:    {:.2f} s ({:.2f} s)  target <= 2 s".format(*timings[True])
    )
    print(f"one 200-traveller flight with the runaway guard: {per_flight * 1000:.1f} ms")
    print(f"{total} hits, {total / travellers_count:.2f} per traveller; hits per rule:")
    for rule in rule_set.rules:
        print(f"  {per_rule[rule.name]:6d}  {rule.name}")


if __name__ == "__main__":
    main()
