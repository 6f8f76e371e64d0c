"""Shared fixtures: isolated user directories, real SQLite stores, PostgreSQL when CI gives one."""

from __future__ import annotations

import os

# Qt must never look for a screen in tests; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.workstation.accounts import administrator_of, approval_for, auditor_of, supervisor_of
from workstation.db.store import Store
from workstation.security import passwords
from workstation.services.users import Approval, sign_in_unchecked
from workstation.services.views import Actor

PG_ENV = "WORKSTATION_TEST_PG_URL"
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
FIXTURES = Path(__file__).parent / "fixtures"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in a dict, for tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def _memory_keyring() -> Iterator[MemoryKeyring]:
    """No test touches the computer's keyring: store keys go to a dict for the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(_memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """The test's keyring, to look into."""
    return _memory_keyring


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A computer without a keyring (a headless Linux box)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(previous)


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


def _empty_public_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _fresh_pg_store(url: str) -> Store:
    _empty_public_schema(url)
    return Store(url)


@pytest.fixture
def pg_empty_database(pg_database: str) -> str:
    """The session's PostgreSQL database with an empty public schema. The database is shared
    by the tests of one process (one xdist worker) in whatever order they are run, so a test
    that builds its own tables must not find an earlier test's store there."""
    _empty_public_schema(pg_database)
    return pg_database


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
    return sign_in_unchecked(any_store, "officer.petrovic", display_name="Ana Petrović")


@pytest.fixture
def supervisor(any_store: Store) -> Actor:
    return supervisor_of(any_store)


@pytest.fixture
def fast_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with light parameters for this test: the defaults take most of a second per
    hash on a shared CI core, and a test with approvals hashes and verifies several times.
    The tests of the hashing itself (tests/workstation/security) keep the defaults."""
    monkeypatch.setattr(passwords, "_DEFAULT_HASHER", FAST_HASHER)


@pytest.fixture
def administrator(any_store: Store, fast_passwords: None) -> Actor:
    """The store's first administrator, with a password (so it can approve its own changes)."""
    return administrator_of(any_store)


@pytest.fixture
def auditor(any_store: Store) -> Actor:
    return auditor_of(any_store)


@pytest.fixture
def approval(any_store: Store, fast_passwords: None) -> Callable[[Actor], Approval]:
    """``approval(actor)``: a fresh approval of ``actor`` for a privileged action (the
    administrator sets the actor's password first, as in real use)."""
    return lambda actor: approval_for(any_store, actor)


@pytest.fixture
def supervisor_approval(supervisor: Actor, approval: Callable[[Actor], Approval]) -> Approval:
    """The supervisor's approval, fresh for this test (valid a few minutes)."""
    return approval(supervisor)
