"""Risk indicators raised by screening: the enabled rules on the screened passengers, flight by
flight, with the runaway guard.

A traveller gets at most one indicator hit per rule, whatever the version (a later version or a
later run adds none): the hit keeps the version that raised it and its explanation. A rule that
hits more than its ``max_share`` of a flight's passengers (and at least
``matching.rules.DEFAULT_MIN_HITS`` of them) is held back on that flight: its hits are stored
with status ``held_back``, never put to review, and the supervisor is told by an audit event
(``rule_held_back``) and the notice in the rules tab.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.rules import RuleHit, runaway
from workstation.db.models import Flight, Hit, RiskRule, RuleVersion, ScreeningRun, Traveller
from workstation.services.audit import record_event
from workstation.services.facts import travel_facts
from workstation.services.rulestore import enabled_rules
from workstation.services.ruleviews import HeldBackNotice
from workstation.services.views import Actor

HELD_BACK = "held_back"
INDICATOR = "indicator"


@dataclass
class Findings:
    """What the rules found, read in one transaction and written in another."""

    hits: list[tuple[int, RuleHit, bool]] = field(default_factory=list)  # traveller, hit, held
    held: list[tuple[str, int, int, int]] = field(default_factory=list)  # rule, flight, hits, size
    versions: dict[str, tuple[int, int]] = field(default_factory=dict)  # rule -> rule, version id


def find_indicators(session: Session, travellers: Sequence[Traveller]) -> Findings:
    """Apply the enabled rules to the passengers among ``travellers`` (documents loaded)."""
    rules, versions = enabled_rules(session)
    findings = Findings(versions={n: (v.rule_id, v.id) for n, v in versions.items()})
    passengers = [t for t in travellers if t.role == "passenger"]
    if not rules.rules or not passengers:
        return findings
    facts = travel_facts(session, passengers, rules.trip_windows)
    by_flight: dict[int, list[int]] = defaultdict(list)
    for i, t in enumerate(passengers):
        by_flight[t.flight_id].append(i)
    shares = {r.name: r.max_share for r in rules.rules}
    for flight_id, members in by_flight.items():
        hits = rules.evaluate_many([facts[i] for i in members])
        counts: dict[str, int] = defaultdict(int)
        for traveller_hits in hits:
            for hit in traveller_hits:
                counts[hit.rule] += 1
        held = runaway(counts, len(members), shares)
        for i, traveller_hits in zip(members, hits, strict=True):
            for hit in traveller_hits:
                findings.hits.append((passengers[i].id, hit, hit.rule in held))
        findings.held += [(name, flight_id, counts[name], len(members)) for name in sorted(held)]
    return findings


def raise_indicators(
    session: Session, actor: Actor, run: ScreeningRun, findings: Findings
) -> tuple[int, tuple[str, ...]]:
    """Store the new indicator hits; the number put to review, and "rule on flight" for each
    rule held back (each also audited)."""
    traveller_ids = sorted({tid for tid, _hit, _held in findings.hits})
    known = known_indicator_keys(session, traveller_ids)
    new = 0
    for tid, hit, held in findings.hits:
        rule_id, version_id = findings.versions[hit.rule]
        key = (tid, _source(rule_id))
        if key in known:
            continue
        known.add(key)
        session.add(_hit_row(run.id, tid, hit, version_id, rule_id, held))
        new += not held
    notices = []
    for name, flight_id, count, size in findings.held:
        flight = session.get_one(Flight, flight_id)
        rule_id, version_id = findings.versions[name]
        notices.append(f"{name} on {flight.carrier}{flight.number}")
        record_event(
            session,
            actor,
            "rule_held_back",
            "rule",
            [rule_id],
            rule=name,
            version_id=version_id,
            flight=flight_id,
            hits=count,
            travellers=size,
        )
    return new, tuple(notices)


def known_indicator_keys(session: Session, traveller_ids: list[int]) -> set[tuple[int, str]]:
    keys: set[tuple[int, str]] = set()
    for start in range(0, len(traveller_ids), 500):
        chunk = traveller_ids[start : start + 500]
        rows = session.execute(
            select(Hit.traveller_id, Hit.source_id).where(
                Hit.traveller_id.in_(chunk), Hit.kind == INDICATOR
            )
        )
        keys.update((t, s) for t, s in rows)
    return keys


def held_back_notices(session: Session) -> list[HeldBackNotice]:
    """Every (rule version, flight) with held-back hits, newest departure first."""
    rows = session.execute(
        select(RuleVersion, Flight, Hit.id)
        .join(Hit, Hit.rule_version_id == RuleVersion.id)
        .join(Traveller, Traveller.id == Hit.traveller_id)
        .join(Flight, Flight.id == Traveller.flight_id)
        .where(Hit.status == HELD_BACK)
    ).all()
    grouped: dict[tuple[int, int], list[int]] = defaultdict(list)
    seen: dict[tuple[int, int], tuple[RuleVersion, Flight]] = {}
    for version, flight, hit_id in rows:
        grouped[(version.id, flight.id)].append(hit_id)
        seen[(version.id, flight.id)] = (version, flight)
    sizes = _passenger_counts(session, {f for _v, f in grouped})
    names = _rule_names(session, {v.rule_id for v, _f in seen.values()})
    notices = [
        HeldBackNotice(
            rule=names[version.rule_id],
            version=version.version_no,
            flight_id=flight.id,
            flight=flight.carrier + flight.number,
            departure=flight.scheduled_departure,
            hits=len(grouped[key]),
            travellers=sizes.get(flight.id, 0),
        )
        for key, (version, flight) in seen.items()
    ]
    return sorted(notices, key=lambda n: (n.departure is None, n.departure), reverse=True)


def _passenger_counts(session: Session, flight_ids: set[int]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for (fid,) in session.execute(
        select(Traveller.flight_id).where(
            Traveller.flight_id.in_(flight_ids), Traveller.role == "passenger"
        )
    ):
        counts[fid] += 1
    return counts


def _rule_names(session: Session, rule_ids: set[int]) -> dict[int, str]:
    query = select(RiskRule.id, RiskRule.name).where(RiskRule.id.in_(rule_ids))
    return {rule_id: name for rule_id, name in session.execute(query)}


def _source(rule_id: int) -> str:
    return f"rule:{rule_id}"


def _hit_row(
    run_id: int, traveller_id: int, hit: RuleHit, version_id: int, rule_id: int, held: bool
) -> Hit:
    return Hit(
        run_id=run_id,
        traveller_id=traveller_id,
        kind=INDICATOR,
        rule_version_id=version_id,
        source_id=_source(rule_id),
        score=float(hit.weight),
        matched_name=hit.rule,
        status=HELD_BACK if held else "open",
        explanation=[
            {"text": c.text, "held": c.held, "actual": c.actual, "depth": c.depth}
            for c in hit.explanation
        ],
    )
