"""Migration 0003 on a store of schema 0002 that holds travellers, hits and decisions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from tests.workstation.test_lifecycle_migration import _fill_0001
from workstation.db.migrate import alembic_config
from workstation.db.models import Hit, ImportBatch, ReviewDecision, Traveller
from workstation.db.store import Store

_TABLES = (
    "users", "import_batches", "watchlists", "watchlist_versions", "watchlist_entries",
    "flights", "travellers", "screening_runs", "hits", "review_decisions", "flags",
)  # fmt: skip


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url_0002(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_database")
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        _fill_0001(conn)
        if engine.dialect.name == "postgresql":
            for table in _TABLES:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 100)"))
    command.upgrade(alembic_config(engine), "0002")
    engine.dispose()
    yield url


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
