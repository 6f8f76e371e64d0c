"""Finding lists and their versions inside a service's session."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.models import Watchlist, WatchlistVersion
from workstation.errors import NotFoundError


def watchlist_named(session: Session, name: str, *, for_update: bool = False) -> Watchlist:
    query = select(Watchlist).where(Watchlist.name == name.strip())
    if for_update:
        query = query.with_for_update()
    watchlist = session.scalar(query)
    if watchlist is None:
        known = ", ".join(session.scalars(select(Watchlist.name).order_by(Watchlist.name)))
        raise NotFoundError(f"No watchlist named {name!r}. Lists: {known or 'none yet'}.")
    return watchlist


def latest_version(session: Session, watchlist_id: int) -> WatchlistVersion | None:
    """The newest version of a list: the one screened."""
    newest = (
        select(func.max(WatchlistVersion.version_no))
        .where(WatchlistVersion.watchlist_id == watchlist_id)
        .scalar_subquery()
    )
    return session.scalar(
        select(WatchlistVersion).where(
            WatchlistVersion.watchlist_id == watchlist_id, WatchlistVersion.version_no == newest
        )
    )


def version_numbered(session: Session, watchlist: Watchlist, number: int) -> WatchlistVersion:
    version = session.scalar(
        select(WatchlistVersion).where(
            WatchlistVersion.watchlist_id == watchlist.id, WatchlistVersion.version_no == number
        )
    )
    if version is None:
        raise NotFoundError(f"{watchlist.name} has no version {number}.")
    return version


def previous_version(session: Session, version: WatchlistVersion) -> WatchlistVersion | None:
    """The version just before ``version`` of the same list, if any."""
    return session.scalar(
        select(WatchlistVersion)
        .where(
            WatchlistVersion.watchlist_id == version.watchlist_id,
            WatchlistVersion.version_no < version.version_no,
        )
        .order_by(WatchlistVersion.version_no.desc())
        .limit(1)
    )


def active_versions(session: Session) -> list[WatchlistVersion]:
    """The newest version of every enabled list: what screening compares against."""
    return [
        v
        for wl in session.scalars(
            select(Watchlist).where(Watchlist.enabled.is_(True)).order_by(Watchlist.id)
        )
        if (v := latest_version(session, wl.id)) is not None
    ]
