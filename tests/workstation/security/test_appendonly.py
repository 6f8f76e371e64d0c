"""The append-only SQL: SQLite triggers on a real table, PostgreSQL grants on a real server."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from workstation.security.appendonly import (
    postgresql_append_only_ddl,
    sqlite_append_only_ddl,
    sqlite_drop_append_only_ddl,
)

AUDIT_COLUMNS = """
    id INTEGER PRIMARY KEY, at DATETIME NOT NULL, user_id INTEGER, username VARCHAR(64) NOT NULL,
    action VARCHAR(40) NOT NULL, object_type VARCHAR(40) NOT NULL, object_ids JSON NOT NULL,
    details JSON NOT NULL
"""
INSERT = (
    "INSERT INTO audit_events (at, user_id, username, action, object_type, object_ids, details) "
    "VALUES ('2025-03-01 06:30:00', 1, 'ana', 'export', 'flight', '[7]', '{}')"
)


@pytest.fixture
def audit_db() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE audit_events ({AUDIT_COLUMNS})")
    for statement in sqlite_append_only_ddl():
        db.execute(statement)
    db.execute(INSERT)
    db.commit()
    yield db
    db.close()


def test_sqlite_still_takes_new_events(audit_db: sqlite3.Connection) -> None:
    audit_db.execute(INSERT)
    assert audit_db.execute("SELECT count(*) FROM audit_events").fetchone() == (2,)


def test_sqlite_refuses_to_change_an_event(audit_db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only: an event cannot be changed"):
        audit_db.execute("UPDATE audit_events SET username = 'nobody'")
    assert audit_db.execute("SELECT username FROM audit_events").fetchall() == [("ana",)]


def test_sqlite_refuses_to_delete_an_event(audit_db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only: an event cannot be deleted"):
        audit_db.execute("DELETE FROM audit_events")
    assert audit_db.execute("SELECT count(*) FROM audit_events").fetchone() == (1,)


def test_the_sqlite_triggers_can_be_created_twice_and_dropped(
    audit_db: sqlite3.Connection,
) -> None:
    for statement in sqlite_append_only_ddl():
        audit_db.execute(statement)
    for statement in sqlite_drop_append_only_ddl():
        audit_db.execute(statement)
    audit_db.execute("DELETE FROM audit_events")  # the downgrade really removes them


def test_a_role_name_that_is_not_a_plain_identifier_is_refused() -> None:
    with pytest.raises(ValueError, match="plain SQL identifier"):
        postgresql_append_only_ddl("ws; DROP TABLE audit_events")


@pytest.mark.postgres
def test_postgresql_lets_the_application_role_only_insert_and_select(
    pg_empty_database: str,
) -> None:
    role = f"ws_app_{uuid.uuid4().hex[:8]}"
    engine = create_engine(pg_empty_database)
    pg_columns = AUDIT_COLUMNS.replace("INTEGER PRIMARY KEY", "SERIAL PRIMARY KEY").replace(
        "DATETIME", "TIMESTAMPTZ"
    )
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
            conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
            conn.execute(text(f"CREATE TABLE audit_events ({pg_columns})"))
            for statement in postgresql_append_only_ddl(role):
                conn.execute(text(statement))
        with engine.begin() as conn:
            conn.execute(text(f"SET LOCAL ROLE {role}"))
            conn.execute(text(INSERT))
            assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 1
        for statement, refusal in (
            ("UPDATE audit_events SET username = 'x'", "permission denied"),
            ("DELETE FROM audit_events", "permission denied"),
            ("TRUNCATE audit_events", "permission denied"),
        ):
            with pytest.raises(DBAPIError, match=refusal), engine.begin() as conn:
                conn.execute(text(f"SET LOCAL ROLE {role}"))
                conn.execute(text(statement))
        for statement in ("DELETE FROM audit_events", "TRUNCATE audit_events"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))  # even the owner, while the trigger stands
    finally:
        try:
            with engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS audit_events"))
                conn.execute(text("DROP FUNCTION IF EXISTS audit_events_refuse_change()"))
                if conn.execute(text(f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'")).first():
                    conn.execute(text(f"REVOKE ALL ON SCHEMA public FROM {role}"))
                conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        finally:
            engine.dispose()  # an open connection left to the collector fails a later test
