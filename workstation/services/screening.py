"""Screening: stored travellers against the active version of every enabled watchlist."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matching import DEFAULT_THRESHOLD, ListedPerson, Match, PartialDate, Person, Screener
from workstation.db.models import Hit, ScreeningRun, Traveller, Watchlist, WatchlistEntry
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.services.audit import record_event
from workstation.services.views import Actor, RunSummary
from workstation.services.watchlists import active_versions


def screen_stored(
    store: Store,
    actor: Actor,
    *,
    flight_ids: Sequence[int] | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> RunSummary:
    """Screen the stored travellers (all, or those of some flights) and raise new hits.

    A pair already hit keeps its hit and its decisions; only new pairs are added. On cancel the
    whole run is rolled back.
    """
    cancel = cancel or CancelToken()
    with store.transaction() as session:
        run = ScreeningRun(user_id=actor.user_id)
        session.add(run)
        session.flush()
        travellers = _load_travellers(session, flight_ids)
        people = [person_of(t) for t in travellers]
        known = _known_pairs(session, [t.id for t in travellers])
        entries = 0
        matches: list[Match] = []
        versions = active_versions(session)
        for n, version in enumerate(versions, start=1):
            listed = [
                listed_person_of(e)
                for e in session.scalars(
                    select(WatchlistEntry).where(WatchlistEntry.version_id == version.id)
                )
            ]
            entries += len(listed)
            watchlist = session.get_one(Watchlist, version.watchlist_id)
            threshold = (
                watchlist.threshold if watchlist.threshold is not None else DEFAULT_THRESHOLD
            )
            screener = Screener(listed, threshold=threshold)
            label = f"Screening against {watchlist.name} ({n} of {len(versions)})"
            matches.extend(
                screener.screen(
                    people,
                    progress=_relabelled(progress, label),
                    should_stop=lambda: cancel.cancelled,
                )
            )
            cancel.raise_if_cancelled()
        new = [m for m in matches if (int(m.traveller_key), int(m.entry_key)) not in known]
        session.add_all(_hit_row(run.id, m) for m in new)
        run.finished_at = utcnow()
        run.traveller_count, run.entry_count = len(people), entries
        run.hit_count, run.new_hit_count = len(matches), len(new)
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
            new_hits=len(new),
        )
        return RunSummary(run.id, len(people), entries, len(matches), len(new))


def _relabelled(progress: ProgressCallback, label: str) -> ProgressCallback:
    def report(done: int, total: int, _text: str) -> None:
        progress(done, total, label)

    return report


def _load_travellers(session: Session, flight_ids: Sequence[int] | None) -> list[Traveller]:
    query = select(Traveller).options(selectinload(Traveller.documents)).order_by(Traveller.id)
    if flight_ids is not None:
        query = query.where(Traveller.flight_id.in_(flight_ids))
    return list(session.scalars(query))


def _known_pairs(session: Session, traveller_ids: list[int]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(traveller_ids), 500):
        chunk = traveller_ids[start : start + 500]
        rows = session.execute(
            select(Hit.traveller_id, Hit.entry_id).where(Hit.traveller_id.in_(chunk))
        )
        pairs.update((t, e) for t, e in rows)
    return pairs


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


def _hit_row(run_id: int, m: Match) -> Hit:
    return Hit(
        run_id=run_id,
        traveller_id=int(m.traveller_key),
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
