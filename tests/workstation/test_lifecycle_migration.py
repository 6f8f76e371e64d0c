"""Migration 0002 on a store of schema 0001 that holds lists, hits and decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.workstation.listcase import write_list
from tests.workstation.migrationcase import filled_store_url
from workstation.db.models import Hit, ReviewDecision, WatchlistEntry
from workstation.db.store import Store
from workstation.services.listdiff import diff_versions
from workstation.services.screening import screen_stored
from workstation.services.users import sign_in
from workstation.services.watchlists import import_watchlist

ZARKO = "NL-001,Ђорђевић Жарко,Đorđević Žarko,1979-04-12,M,SRB,,drugs,Inform customs"
PETRA_V2 = "NL-002,Petra Novak,,1962,F,HRV,,wanted,Do not alert"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url_0001(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return filled_store_url(request, tmp_path, "0001")


def test_migrating_a_0001_store_keeps_every_hit_and_decision_and_fingerprints_the_entries(
    store_url_0001: str, tmp_path: Path
) -> None:
    store = Store(store_url_0001)
    try:
        with store.transaction() as session:
            hits = session.execute(
                select(
                    Hit.id, Hit.watchlist_id, Hit.source_id, Hit.duplicate_no, Hit.entry_id
                ).order_by(Hit.id)
            ).all()
            decisions = session.execute(
                select(ReviewDecision.hit_id, ReviewDecision.decision).order_by(ReviewDecision.id)
            ).all()
            prints = {
                i: f
                for i, f in session.execute(select(WatchlistEntry.id, WatchlistEntry.fingerprint))
            }
        assert [tuple(h) for h in hits] == [
            (1, 1, "NL-001", 0, 1),
            (2, 1, "NL-001", 1, 3),
            (3, 1, "NL-002", 0, 2),
        ]
        assert [tuple(d) for d in decisions] == [(1, "dismissed"), (2, "confirmed")]
        assert prints[1] == prints[3] and prints[2] != prints[4]
        officer = sign_in(store, "supervisor.new", role="supervisor")
        diff = diff_versions(store, officer, "Lookouts")
        assert [(c.source_id, [f.field for f in c.fields]) for c in diff.changed] == [
            ("NL-002", ["dates"])
        ]
        assert diff.unchanged == 1
        assert screen_stored(store, officer).new_hits == 0
        again = import_watchlist(
            store, officer, [write_list(tmp_path, "v3.csv", ZARKO, PETRA_V2)], "Lookouts"
        )
        assert (again.watchlist.version_no, again.new_hits) == (3, 0)
        same = diff_versions(store, officer, "Lookouts")
        assert (same.unchanged, same.added, same.removed, same.changed) == (2, (), (), ())
    finally:
        store.close()
