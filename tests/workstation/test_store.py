from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from workstation.db.migrate import alembic_config
from workstation.db.models import User
from workstation.db.store import Store
from workstation.errors import StoreUnavailableError


def test_a_new_sqlite_store_is_migrated_and_runs_in_wal_with_full_sync(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "store.sqlite3"
    store = Store(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert {"flights", "travellers", "hits", "interdictions", "audit_events"} <= set(
        inspect(store.engine).get_table_names()
    )
    store.close()
    with sqlite3.connect(path) as plain:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert plain.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)


def test_reopening_a_store_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    first = Store(url)
    with first.transaction() as session:
        session.add(User(username="a", display_name="A", role="officer"))
    first.close()
    second = Store(url)
    with second.transaction() as session:
        assert session.query(User).count() == 1
    second.close()


def test_a_naive_datetime_is_refused_rather_than_guessed(sqlite_store: Store) -> None:
    with pytest.raises(Exception, match="naive datetime"), sqlite_store.transaction() as session:
        session.add(
            User(username="b", display_name="B", role="officer", created_at=datetime(2026, 1, 1))
        )


def test_an_unreachable_server_is_told_plainly() -> None:
    with pytest.raises(StoreUnavailableError, match="cannot be opened"):
        Store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_a_garbled_database_address_is_told_plainly() -> None:
    with pytest.raises(StoreUnavailableError, match="Not a database address"):
        Store("this is not a url")
