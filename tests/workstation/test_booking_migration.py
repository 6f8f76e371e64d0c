"""Migration 0003 on a store of schema 0002 that holds travellers, hits and decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.workstation.migrationcase import filled_store_url
from workstation.db.models import Hit, ImportBatch, ReviewDecision, Traveller
from workstation.db.store import Store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url_0002(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return filled_store_url(request, tmp_path, "0002")


def test_migrating_a_0002_store_marks_its_travellers_as_api_and_keeps_hits_and_decisions(
    store_url_0002: str,
) -> None:
    store = Store(store_url_0002)
    try:
        with store.transaction() as session:
            travellers = session.execute(
                select(
                    Traveller.id, Traveller.has_api, Traveller.has_pnr, Traveller.booking_id
                ).order_by(Traveller.id)
            ).all()
            carriers = dict(session.execute(select(ImportBatch.id, ImportBatch.carrier)).all())
            hits = session.scalars(select(Hit.id).order_by(Hit.id)).all()
            decisions = session.scalars(select(ReviewDecision.decision)).all()
        assert [tuple(t) for t in travellers] == [(1, True, False, None), (2, True, False, None)]
        assert carriers == {1: None, 2: None, 3: "JU"}  # lists have no flights
        assert list(hits) == [1, 2, 3]
        assert sorted(decisions) == ["confirmed", "dismissed"]
    finally:
        store.close()
