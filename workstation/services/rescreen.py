"""Re-screening after a list changes: recent flights against the new and changed entries only."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.models import (
    Flight,
    ScreeningRun,
    Traveller,
    Watchlist,
    WatchlistEntry,
    WatchlistVersion,
)
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.security.roles import require
from workstation.services.audit import record_event
from workstation.services.entries import in_force
from workstation.services.listdiff import compare_ids, entry_rows
from workstation.services.screening import (
    EntryKeys,
    load_travellers,
    person_of,
    raise_hits,
    screen_rows,
)
from workstation.services.versions import latest_version, previous_version, watchlist_named
from workstation.services.views import Actor

RESCREEN_HOURS = 72  # flights that departed this long ago or less (and future ones) are re-screened


def screen_after_update(
    store: Store,
    actor: Actor,
    watchlist_name: str,
    *,
    hours: int = RESCREEN_HOURS,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Screen the travellers of recent and future flights against what the newest version of a
    list added or changed; returns the number of new hits.

    Listed persons carried unchanged into the new version are not screened again (a full
    ``screen_stored`` does that); a traveller already hit by a listed person gets no second hit.
    """
    require(actor.role, "screen")
    with store.transaction() as session:
        watchlist = watchlist_named(session, watchlist_name)
        version = latest_version(session, watchlist.id)
        if version is None:
            return 0
        return rescreen_update(
            session, actor, watchlist, version, hours=hours, progress=progress, cancel=cancel
        )


def rescreen_update(
    session: Session,
    actor: Actor,
    watchlist: Watchlist,
    version: WatchlistVersion,
    *,
    hours: int = RESCREEN_HOURS,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """:func:`screen_after_update` inside the caller's transaction (an import, a lookout edit)."""
    if hours < 0:
        raise InvalidInputError("The re-screening window is a number of hours, 0 or more.")
    if not watchlist.enabled:
        return 0
    cancel = cancel or CancelToken()
    since = utcnow() - timedelta(hours=hours)
    recent = Traveller.flight_id.in_(select(Flight.id).where(Flight.scheduled_departure >= since))
    anyone = session.scalar(select(Traveller.id).where(recent).limit(1)) is not None
    rows, entry_count = _new_entries(session, version, utcnow().date(), load=anyone)
    travellers = load_travellers(session, recent) if rows else []
    run = ScreeningRun(user_id=actor.user_id, scope="after_update")
    session.add(run)
    session.flush()
    keys: EntryKeys = {}
    label = f"Re-screening recent flights against {watchlist.name}"
    people = [person_of(t) for t in travellers]
    matches = screen_rows(people, rows, watchlist, keys, progress, label, cancel)
    new = raise_hits(session, run, matches, keys, [t.id for t in travellers])
    run.traveller_count, run.entry_count = len(people), entry_count
    run.hit_count, run.new_hit_count = len(matches), new
    record_event(
        session,
        actor,
        "screening",
        "screening_run",
        [run.id],
        scope="after_update",
        watchlist=watchlist.name,
        version=version.version_no,
        departed_since=since.isoformat(timespec="seconds"),
        travellers=len(people),
        entries=entry_count,
        hits=len(matches),
        new_hits=new,
    )
    return new


def _in_force(row: WatchlistEntry, day: date) -> bool:
    return (row.valid_from is None or row.valid_from <= day) and (
        row.valid_until is None or row.valid_until >= day
    )


def _new_entries(
    session: Session, version: WatchlistVersion, day: date, *, load: bool
) -> tuple[list[WatchlistEntry], int]:
    """The rows ``version`` added or changed that are in force on ``day``, and how many there
    are. The rows are loaded only when ``load`` (someone to screen them against): a large list
    is then only counted."""
    previous = previous_version(session, version)
    if previous is None and not load:  # a first version: every row is new
        query = select(func.count(WatchlistEntry.id)).where(
            WatchlistEntry.version_id == version.id, in_force(day)
        )
        return [], session.scalar(query) or 0
    ids = compare_ids(session, previous, version)
    new_ids = [*ids.added, *(after for _, after in ids.changed)]
    if not load:
        return [], _count_in_force(session, version, new_ids, day)
    loaded = entry_rows(session, new_ids)
    rows = [row for i in new_ids if _in_force(row := loaded[i], day)]
    return rows, len(rows)


def _count_in_force(session: Session, version: WatchlistVersion, ids: list[int], day: date) -> int:
    """How many of the rows ``ids`` of ``version`` are in force on ``day``, without loading them."""
    wanted = set(ids)
    query = select(WatchlistEntry.id).where(WatchlistEntry.version_id == version.id, in_force(day))
    return sum(1 for entry_id in session.scalars(query) if entry_id in wanted)
