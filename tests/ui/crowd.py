"""A store with many travellers written straight through the ORM (for lazy-loading tests)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workstation.db.models import Flight, ImportBatch, TravelDocument, Traveller
from workstation.db.store import Store
from workstation.services.views import Actor

SURNAMES = ("Đorđević", "Petrović", "Јовановић", "NIKOLIC", "Marković", "Ilić", "Стојановић")
GIVEN = ("Ana", "Marko", "Jelena", "Nikola", "Milica", "Stefan")


def fill_crowd(store: Store, actor: Actor, travellers: int, *, per_flight: int = 250) -> None:
    start = datetime(2025, 3, 12, 6, 0, tzinfo=UTC)
    with store.transaction() as session:
        batch = ImportBatch(
            kind="passengers",
            source_format="test",
            file_name="crowd",
            sha256="0" * 64,
            user_id=actor.user_id,
        )
        session.add(batch)
        session.flush()
        flight: Flight | None = None
        for n in range(travellers):
            if n % per_flight == 0:
                flight = Flight(
                    carrier="JU",
                    number=str(100 + n // per_flight),
                    origin="FRA",
                    destination="BEG",
                    scheduled_departure=start + timedelta(minutes=n // 10),
                    scheduled_arrival=start + timedelta(minutes=n // 10 + 120),
                    direction="inbound",
                )
                session.add(flight)
                session.flush()
            assert flight is not None
            session.add(
                Traveller(
                    flight_id=flight.id,
                    batch_id=batch.id,
                    role="passenger",
                    surname=SURNAMES[n % len(SURNAMES)],
                    given_names=GIVEN[n % len(GIVEN)],
                    birth_date=f"{1950 + n % 50}-01-01",
                    booking_reference=f"B{n:05d}",
                    documents=[TravelDocument(doc_type="P", number=f"P{n:07d}")],
                )
            )
