"""Shared fixtures: isolated user directories, real SQLite stores, PostgreSQL when CI gives one."""

from __future__ import annotations

import os

# Qt must never look for a screen in tests; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workstation.db.store import Store
from workstation.services.users import sign_in
from workstation.services.views import Actor

PG_ENV = "WORKSTATION_TEST_PG_URL"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's data, settings or logs."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("WORKSTATION_DB_URL", raising=False)


@pytest.fixture(scope="session")
def pg_server_url() -> str | None:
    return os.environ.get(PG_ENV)


@pytest.fixture(scope="session")
def pg_database(pg_server_url: str | None) -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    if not pg_server_url:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server for this run")
    name = f"ws_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        make_url(pg_server_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(pg_server_url)
            .set(drivername="postgresql+psycopg", database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _fresh_pg_store(url: str) -> Store:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return Store(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on a real SQLite file and, where CI provides one, a real PostgreSQL server."""
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    else:
        store = _fresh_pg_store(request.getfixturevalue("pg_database"))
    yield store
    store.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield store
    store.close()


@pytest.fixture
def officer(any_store: Store) -> Actor:
    return sign_in(any_store, "officer.petrovic", display_name="Ana Petrović")
