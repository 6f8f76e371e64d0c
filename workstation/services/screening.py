"""Screening: stored travellers against the active version of every enabled watchlist, and
the passengers against the enabled risk rules (see :mod:`workstation.services.indicators`).

A traveller is hit at most once per listed person (list and the list's own id), whatever the
version: a person carried unchanged into a new version raises no second hit, and the first hit
keeps its decisions and the entry row that raised it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from matching import DEFAULT_THRESHOLD, ListedPerson, Match, PartialDate, Person, Screener
from workstation.db.models import Hit, ScreeningRun, Traveller, Watchlist, WatchlistEntry
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.entries import in_force
from workstation.services.indicators import find_indicators, raise_indicators
from workstation.services.memory import REMEMBERED, recall
from workstation.services.versions import active_versions
from workstation.services.views import Actor, RunSummary

HitKey = tuple[int, int, str]  # traveller id, watchlist id, the list's own entry id
EntryKeys = dict[int, tuple[int, str]]  # entry row id -> watchlist id, source id


def screen_stored(
    store: Store,
    actor: Actor,
    *,
    flight_ids: Sequence[int] | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> RunSummary:
    """Screen the stored travellers (all, or those of some flights) and raise new hits.

    A traveller already hit by a listed person keeps that hit and its decisions; only new pairs
    are added. Entries outside their validity period are skipped. On cancel the whole run is
    rolled back.
    """
    require(actor.role, "screen")
    cancel = cancel or CancelToken()
    started = utcnow()
    # Read, then match with no transaction open, then write: a long run never holds the store's
    # write lock, so officers keep opening travellers and deciding hits meanwhile.
    with store.transaction() as session:
        condition = Traveller.flight_id.in_(flight_ids) if flight_ids is not None else None
        travellers = load_travellers(session, condition)
        lists = [
            (session.get_one(Watchlist, v.watchlist_id), _entries_in_force(session, v.id))
            for v in active_versions(session)
        ]
        findings = find_indicators(session, travellers)
    people = [person_of(t) for t in travellers]
    keys: EntryKeys = {}
    matches: list[Match] = []
    for n, (watchlist, rows) in enumerate(lists, start=1):
        label = f"Screening against {watchlist.name} ({n} of {len(lists)})"
        matches.extend(screen_rows(people, rows, watchlist, keys, progress, label, cancel))
    entries = sum(len(rows) for _watchlist, rows in lists)
    with store.transaction() as session:
        scope = "all" if flight_ids is None else "flights"
        run = ScreeningRun(user_id=actor.user_id, scope=scope, started_at=started)
        session.add(run)
        session.flush()
        new = raise_hits(session, run, matches, keys, [t.id for t in travellers])
        indicators, held_back = raise_indicators(session, actor, run, findings)
        run.traveller_count, run.entry_count = len(people), entries
        run.hit_count, run.new_hit_count = len(matches), new
        record_event(
            session,
            actor,
            "screening",
            "screening_run",
            [run.id],
            flights=list(flight_ids) if flight_ids is not None else "all",
            travellers=len(people),
            entries=entries,
            hits=len(matches),
            new_hits=new,
            indicator_hits=indicators,
            rules=len(findings.versions),
        )
        return RunSummary(run.id, len(people), entries, len(matches), new, indicators, held_back)


def _entries_in_force(session: Session, version_id: int) -> list[WatchlistEntry]:
    return list(
        session.scalars(
            select(WatchlistEntry).where(
                WatchlistEntry.version_id == version_id, in_force(utcnow().date())
            )
        )
    )


def screen_rows(
    people: list[Person],
    rows: list[WatchlistEntry],
    watchlist: Watchlist,
    keys: EntryKeys,
    progress: ProgressCallback,
    label: str,
    cancel: CancelToken,
) -> list[Match]:
    """Matches of ``people`` against entry rows of one list, at the list's own threshold."""
    for row in rows:
        keys[row.id] = (watchlist.id, row.source_id)
    if not rows or not people:
        return []
    threshold = watchlist.threshold if watchlist.threshold is not None else DEFAULT_THRESHOLD
    screener = Screener([listed_person_of(r) for r in rows], threshold=threshold)
    matches = screener.screen(
        people, progress=_relabelled(progress, label), should_stop=lambda: cancel.cancelled
    )
    cancel.raise_if_cancelled()
    return matches


def raise_hits(
    session: Session,
    run: ScreeningRun,
    matches: list[Match],
    keys: EntryKeys,
    traveller_ids: list[int],
) -> int:
    """Store a hit for every match whose (traveller, list, listed person) has none yet.

    Two rows of one version with the same list id (lists do repeat ids) make one hit, the
    better scoring. A pair an officer dismissed before (same person, same unchanged entry) is
    stored as ``dismissed_by_memory`` (see :mod:`workstation.services.memory`). Closes the run;
    returns the number of new open hits.
    """
    known = _known_keys(session, traveller_ids)
    best: dict[HitKey, Match] = {}
    for m in matches:
        watchlist_id, source_id = keys[int(m.entry_key)]
        key = (int(m.traveller_key), watchlist_id, source_id)
        if key not in known and (key not in best or m.score > best[key].score):
            best[key] = m
    remembered = recall(session, {key: int(m.entry_key) for key, m in best.items()})
    for key, m in best.items():
        row = _hit_row(run.id, key, m)
        if key in remembered:
            row.status, row.memory_id = REMEMBERED, remembered[key]
        session.add(row)
    run.finished_at = utcnow()
    return len(best) - len(remembered)


def _relabelled(progress: ProgressCallback, label: str) -> ProgressCallback:
    def report(done: int, total: int, _text: str) -> None:
        progress(done, total, label)

    return report


def load_travellers(session: Session, condition: ColumnElement[bool] | None) -> list[Traveller]:
    query = select(Traveller).options(selectinload(Traveller.documents)).order_by(Traveller.id)
    if condition is not None:
        query = query.where(condition)
    return list(session.scalars(query))


def _known_keys(session: Session, traveller_ids: list[int]) -> set[HitKey]:
    keys: set[HitKey] = set()
    for start in range(0, len(traveller_ids), 500):
        chunk = traveller_ids[start : start + 500]
        rows = session.execute(
            select(Hit.traveller_id, Hit.watchlist_id, Hit.source_id).where(
                Hit.traveller_id.in_(chunk), Hit.watchlist_id.is_not(None)
            )
        )
        keys.update((t, w, s) for t, w, s in rows if w is not None)
    return keys


def _partial(text: str | None) -> PartialDate | None:
    return PartialDate.parse_iso(text) if text else None


def person_of(t: Traveller) -> Person:
    return Person(
        key=str(t.id),
        surname=t.surname,
        given_names=t.given_names,
        birth_date=_partial(t.birth_date),
        sex=t.sex,
        nationality=t.nationality,
        documents=tuple(d.number for d in t.documents),
    )


def listed_person_of(e: WatchlistEntry) -> ListedPerson:
    return ListedPerson(
        key=str(e.id),
        names=tuple(e.names),
        birth_dates=tuple(PartialDate.parse_iso(d) for d in e.birth_dates),
        sex=e.sex,
        nationalities=tuple(e.nationalities),
        documents=tuple(e.documents),
    )


def _hit_row(run_id: int, key: HitKey, m: Match) -> Hit:
    return Hit(
        run_id=run_id,
        traveller_id=key[0],
        watchlist_id=key[1],
        source_id=key[2],
        entry_id=int(m.entry_key),
        score=round(m.score, 1),
        matched_name=m.matched_name,
        explanation=[
            {
                "field": r.field,
                "verdict": r.verdict,
                "traveller_part": r.traveller_part,
                "entry_part": r.entry_part,
                "detail": r.detail,
                "weight": r.weight,
            }
            for r in m.reasons
        ],
    )
