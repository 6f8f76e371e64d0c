"""A store at an old schema revision holding lists, travellers, hits and decisions.

Migration tests build one, upgrade it, and check that nothing recorded was lost.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import create_engine, text

from workstation.db.migrate import alembic_config

NOW = datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _table(name: str, *columns: str, json: tuple[str, ...] = ()) -> sa.TableClause:
    return sa.table(
        name,
        *(sa.column(c) for c in columns),
        *(sa.column(c, sa.JSON) for c in json),
    )


def _entry(
    entry_id: int, version: int, source: str, names: list[str], **more: Any
) -> dict[str, Any]:
    return {
        "id": entry_id,
        "version_id": version,
        "source_id": source,
        "primary_name": names[0],
        "names": names,
        "documents": [],
        "remarks": "",
        **more,
    }


def fill_0001(conn: sa.Connection) -> None:
    """Two versions of a list and the hits a 0001 store raised: NL-001 hit twice (v1 and v2)."""
    rows: list[tuple[sa.TableClause, list[dict[str, Any]]]] = [
        (_table("users", "id", "username", "display_name", "role", "created_at"),
         [{"id": 1, "username": "old", "display_name": "Old", "role": "officer",
           "created_at": NOW}]),
        (_table("import_batches", "id", "kind", "source_format", "file_name", "sha256",
                "imported_at", "user_id", "record_count", json=("warnings",)),
         [{"id": i, "kind": k, "source_format": "csv", "file_name": f"{i}.csv",
           "sha256": str(i) * 64, "imported_at": NOW, "user_id": 1, "record_count": 2,
           "warnings": []}
          for i, k in ((1, "watchlist"), (2, "watchlist"), (3, "passengers"))]),
        (_table("watchlists", "id", "name", "threshold", "priority", "enabled", "created_at"),
         [{"id": 1, "name": "Lookouts", "threshold": None, "priority": 0, "enabled": True,
           "created_at": NOW}]),
        (_table("watchlist_versions", "id", "watchlist_id", "batch_id", "version_no",
                "entry_count", "skipped_count", "imported_at"),
         [{"id": v, "watchlist_id": 1, "batch_id": v, "version_no": v, "entry_count": 2,
           "skipped_count": 0, "imported_at": NOW} for v in (1, 2)]),
        (_table("watchlist_entries", "id", "version_id", "source_id", "primary_name", "sex",
                "category", "handling_notes", "remarks",
                json=("names", "birth_dates", "nationalities", "documents")),
         [_entry(1 + 2 * (v - 1), v, "NL-001", ["Ђорђевић Жарко", "Đorđević Žarko"],
                 birth_dates=["1979-04-12"], sex="M", nationalities=["SRB"], category="drugs",
                 handling_notes="Inform customs") for v in (1, 2)]
         + [_entry(2 + 2 * (v - 1), v, "NL-002", ["Petra Novak"], birth_dates=[year],
                   sex="F", nationalities=["HRV"], category="wanted_person",
                   handling_notes="Do not alert") for v, year in ((1, "1961"), (2, "1962"))]),
        (_table("flights", "id", "carrier", "number", "origin", "destination",
                "scheduled_departure", "scheduled_arrival", "direction"),
         [{"id": 1, "carrier": "JU", "number": "211", "origin": "IST", "destination": "BEG",
           "scheduled_departure": NOW - timedelta(hours=2), "scheduled_arrival": NOW,
           "direction": "inbound"}]),
        (_table("travellers", "id", "flight_id", "batch_id", "role", "surname", "given_names",
                "birth_date", "sex", "nationality"),
         [{"id": 1, "flight_id": 1, "batch_id": 3, "role": "passenger", "surname": "DJORDJEVIC",
           "given_names": "ZARKO", "birth_date": "1979-04-12", "sex": "M", "nationality": "SRB"},
          {"id": 2, "flight_id": 1, "batch_id": 3, "role": "passenger", "surname": "NOVAK",
           "given_names": "PETRA", "birth_date": "1962-05-05", "sex": "F", "nationality": "HRV"}]),
        (_table("screening_runs", "id", "user_id", "started_at", "traveller_count",
                "entry_count", "hit_count", "new_hit_count"),
         [{"id": r, "user_id": 1, "started_at": NOW, "traveller_count": 2, "entry_count": 2,
           "hit_count": 1, "new_hit_count": 1} for r in (1, 2)]),
        (_table("hits", "id", "run_id", "traveller_id", "entry_id", "kind", "score",
                "matched_name", "status", "created_at", json=("explanation",)),
         [{"id": h, "run_id": r, "traveller_id": t, "entry_id": e, "kind": "watchlist",
           "score": 95.0, "matched_name": "x", "status": s, "created_at": NOW, "explanation": []}
          for h, r, t, e, s in ((1, 1, 1, 1, "dismissed"), (2, 2, 1, 3, "confirmed"),
                                (3, 1, 2, 2, "open"))]),
        (_table("review_decisions", "id", "hit_id", "user_id", "decided_at", "decision",
                "reason", "control_point"),
         [{"id": 1, "hit_id": 1, "user_id": 1, "decided_at": NOW, "decision": "dismissed",
           "reason": "Different person", "control_point": None},
          {"id": 2, "hit_id": 2, "user_id": 1, "decided_at": NOW, "decision": "confirmed",
           "reason": "", "control_point": "gate"}]),
        (_table("flags", "id", "traveller_id", "hit_id", "user_id", "created_at",
                "control_point", "note"),
         [{"id": 1, "traveller_id": 1, "hit_id": 2, "user_id": 1, "created_at": NOW,
           "control_point": "gate", "note": ""}]),
    ]  # fmt: skip
    for table, values in rows:
        conn.execute(sa.insert(table), values)


_TABLES = (
    "users", "import_batches", "watchlists", "watchlist_versions", "watchlist_entries",
    "flights", "travellers", "screening_runs", "hits", "review_decisions", "flags",
)  # fmt: skip


def filled_store_url(request: pytest.FixtureRequest, tmp_path: Path, revision: str) -> str:
    """A store (SQLite file or the test PostgreSQL database, by ``request.param``) filled at
    schema 0001 and then migrated to ``revision``; ids continue from 100 on PostgreSQL."""
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
        fill_0001(conn)
        if engine.dialect.name == "postgresql":
            for table in _TABLES:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 100)"))
    command.upgrade(alembic_config(engine), revision)
    engine.dispose()
    return url
