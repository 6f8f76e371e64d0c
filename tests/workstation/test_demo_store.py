"""The demo day through the real imports and screening: the first screen shows the planted hits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from workstation.db.models import Hit, TravelDocument, WatchlistEntry
from workstation.db.store import Store
from workstation.demo import planted_truth
from workstation.services.demo import demo_store_is_empty, load_demo_day
from workstation.services.queries import list_flights
from workstation.services.users import sign_in

DAY = date(2026, 11, 23)


def test_the_demo_day_raises_a_hit_for_every_planted_listed_person(sqlite_store: Store) -> None:
    actor = sign_in(sqlite_store, "demo.supervisor", role="supervisor")
    assert demo_store_is_empty(sqlite_store)
    load_demo_day(sqlite_store, actor, DAY)
    assert not demo_store_is_empty(sqlite_store)
    flights = list_flights(sqlite_store, actor)
    assert len(flights) >= 10
    assert all(f.screened for f in flights)
    with sqlite_store.transaction() as session:
        hit_pairs = {
            (number, source_id)
            for number, source_id in session.execute(
                select(TravelDocument.number, WatchlistEntry.source_id)
                .join(Hit, Hit.traveller_id == TravelDocument.traveller_id)
                .join(WatchlistEntry, WatchlistEntry.id == Hit.entry_id)
            )
        }
    # Every planted listed person alerts; none of the decoys (namesakes born decades apart,
    # JOVANOVIC MARKO against JOVANOVIC MARIJA) does.
    assert hit_pairs == set(planted_truth(DAY))
