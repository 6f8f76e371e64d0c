"""Migration 0005 on a store of schema 0004 that holds travellers, hits and decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from tests.workstation.migrationcase import filled_store_url
from workstation.db.migrate import alembic_config
from workstation.db.models import Hit, ReviewDecision
from workstation.db.store import Store
from workstation.services.rulestore import list_rules
from workstation.services.users import sign_in


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url_0004(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return filled_store_url(request, tmp_path, "0004")


def test_migrating_a_0004_store_keeps_its_hits_on_their_entries_and_adds_disabled_templates(
    store_url_0004: str,
) -> None:
    store = Store(store_url_0004)
    try:
        with store.transaction() as session:
            hits = session.execute(
                select(Hit.id, Hit.kind, Hit.entry_id, Hit.rule_version_id).order_by(Hit.id)
            ).all()
            decisions = session.scalars(select(ReviewDecision.decision)).all()
        assert [tuple(h) for h in hits] == [
            (1, "watchlist", 1, None), (2, "watchlist", 3, None), (3, "watchlist", 2, None)
        ]  # fmt: skip
        assert sorted(decisions) == ["confirmed", "dismissed"]
        rules = list_rules(store, sign_in(store, "supervisor", role="supervisor"))
        assert len(rules) == 13 and not any(r.enabled for r in rules)
    finally:
        store.close()


def test_a_0005_store_without_indicator_hits_goes_back_to_0004(store_url_0004: str) -> None:
    store = Store(store_url_0004)
    store.close()
    engine = create_engine(store_url_0004)
    try:
        command.downgrade(alembic_config(engine), "0004")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM hits")).scalar() == 3
    finally:
        engine.dispose()
