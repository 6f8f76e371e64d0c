"""Dismissal memory: a pair dismissed once is not raised as a new open hit again.

When an officer dismisses a hit, the pair is remembered by the traveller's identity (normalised
names, date of birth, document numbers), the list, the list's own entry id and the entry's
fingerprint. When screening later matches the same person (on another flight) against the same
listed person, the hit is still stored, for the record, but with status ``dismissed_by_memory``
and a link to the memory, so the review shows "previously dismissed by X on D: reason" and a
supervisor can still see and reconsider it. Recording rather than skipping keeps the audit trail
complete and the counts honest: nothing the engine found disappears silently.

A change on either side breaks the memory: another date of birth or document, a changed name,
or a new version of the entry with another fingerprint raise an open hit as usual.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matching import normalize_name
from workstation.db.models import DismissalMemory, Hit, Traveller, User, WatchlistEntry
from workstation.services.views import Actor, RememberedDismissal

HitKey = tuple[int, int, str]  # traveller id, watchlist id, the list's own entry id
REMEMBERED = "dismissed_by_memory"


def identity_fingerprint(
    surname: str, given_names: str, birth_date: str | None, documents: Iterable[str]
) -> str:
    """The same person as the screener reads them: spelling, script and word order do not count."""
    names = sorted(normalize_name(f"{surname} {given_names}").split())
    numbers = sorted({"".join(ch for ch in d.upper() if ch.isalnum()) for d in documents} - {""})
    canonical = json.dumps(
        {"names": names, "birth": birth_date or "", "documents": numbers}, sort_keys=True
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def traveller_identity(t: Traveller) -> str:
    return identity_fingerprint(
        t.surname, t.given_names, t.birth_date, [d.number for d in t.documents]
    )


def remember_dismissal(session: Session, actor: Actor, hit: Hit, reason: str) -> None:
    """Remember the dismissed pair of ``hit`` (in the caller's transaction). An indicator hit
    (no listed person) is not remembered: its rule and version already say why it held."""
    if hit.entry_id is None or hit.watchlist_id is None:
        return
    traveller = session.get_one(
        Traveller, hit.traveller_id, options=[selectinload(Traveller.documents)]
    )
    entry = session.get_one(WatchlistEntry, hit.entry_id)
    session.add(
        DismissalMemory(
            identity=traveller_identity(traveller),
            watchlist_id=hit.watchlist_id,
            source_id=hit.source_id,
            entry_fingerprint=entry.fingerprint,
            hit_id=hit.id,
            user_id=actor.user_id,
            reason=reason,
        )
    )


def recall(session: Session, pairs: dict[HitKey, int]) -> dict[HitKey, int]:
    """The newest remembered dismissal of each pair, by hit key: ``pairs`` maps a new hit's key
    to the entry row that raised it; the answer maps the keys that are remembered to a memory id.
    """
    if not pairs:
        return {}
    traveller_ids = sorted({key[0] for key in pairs})
    travellers = session.scalars(
        select(Traveller)
        .where(Traveller.id.in_(traveller_ids))
        .options(selectinload(Traveller.documents))
    )
    identity = {t.id: traveller_identity(t) for t in travellers}
    prints = dict(
        session.execute(
            select(WatchlistEntry.id, WatchlistEntry.fingerprint).where(
                WatchlistEntry.id.in_(set(pairs.values()))
            )
        ).all()
    )
    memories = session.execute(
        select(
            DismissalMemory.id,
            DismissalMemory.identity,
            DismissalMemory.watchlist_id,
            DismissalMemory.source_id,
            DismissalMemory.entry_fingerprint,
        )
        .where(DismissalMemory.identity.in_(set(identity.values())))
        .order_by(DismissalMemory.id)
    ).all()
    known = {(who, wl, src, fp): mid for mid, who, wl, src, fp in memories}
    found: dict[HitKey, int] = {}
    for key, entry_id in pairs.items():
        memory = known.get((identity.get(key[0], ""), key[1], key[2], prints.get(entry_id, "")))
        if memory is not None:
            found[key] = memory
    return found


def remembered_view(session: Session, memory_id: int | None) -> RememberedDismissal | None:
    if memory_id is None:
        return None
    row = session.execute(
        select(DismissalMemory, User.username)
        .join(User, User.id == DismissalMemory.user_id)
        .where(DismissalMemory.id == memory_id)
    ).first()
    if row is None:
        return None
    memory, username = row
    return RememberedDismissal(username, memory.created_at, memory.reason, memory.hit_id)
