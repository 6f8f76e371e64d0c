"""SQLCipher itself, below the store: the facts docs/encryption-at-rest.md relies on.

``sqlcipher3`` is a dependency, so these run everywhere (a missing wheel fails, not skips).
"""

from __future__ import annotations

import importlib
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL

from workstation.security.secrets import StoreKeys

sqlcipher = importlib.import_module("sqlcipher3.dbapi2")

NAME = "PETROVIĆ ĐORĐE"
KEYS = StoreKeys(bytes(range(32)), bytes(32), "keyring")
OTHER = StoreKeys(bytes(range(1, 33)), bytes(32), "keyring")
PAGE = 4096


def engine_for(path: Path, keys: StoreKeys) -> Engine:
    url = URL.create("sqlite+pysqlcipher", password=keys.sqlcipher_key, database=str(path))
    engine = create_engine(url, module=sqlcipher)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:  # as the store's, after the key
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


@contextmanager
def raw_open(path: Path, keys: StoreKeys) -> Iterator[Any]:
    with closing(sqlcipher.connect(str(path))) as db:
        db.execute("PRAGMA cipher_log_level = NONE")
        db.execute(f'PRAGMA key = "{keys.sqlcipher_key}"')
        yield db


def count(path: Path, keys: StoreKeys) -> int:
    with raw_open(path, keys) as db:
        return int(db.execute("SELECT count(*) FROM travellers").fetchone()[0])


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    engine = engine_for(path, KEYS)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE travellers (id INTEGER PRIMARY KEY, name TEXT)"))
        for i in range(300):
            conn.execute(text("INSERT INTO travellers (name) VALUES (:n)"), {"n": f"{NAME} {i}"})
    engine.dispose()
    return path


def test_sqlalchemy_opens_an_encrypted_store_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    engine = engine_for(path, KEYS)
    with engine.begin() as conn:
        assert str(conn.execute(text("PRAGMA cipher_version")).scalar()).startswith("4.")
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        conn.execute(text("CREATE TABLE t (name TEXT)"))
        conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": NAME})
    reader = engine_for(path, KEYS).connect()  # a second connection reads the WAL
    assert reader.execute(text("SELECT name FROM t")).scalar() == NAME
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    for file in (path, wal):
        assert NAME.encode("utf-8") not in file.read_bytes()
        assert not file.read_bytes().startswith(b"SQLite format 3")
    reader.close()
    engine.dispose()


def test_plain_sqlite_cannot_read_the_encrypted_file(encrypted: Path) -> None:
    with (
        closing(sqlite3.connect(encrypted)) as db,
        pytest.raises(sqlite3.DatabaseError, match="file is not a database"),
    ):
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_wrong_key_fails_on_the_first_read(encrypted: Path) -> None:
    with raw_open(encrypted, OTHER) as db:
        assert db.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")  # no read yet
        with pytest.raises(sqlcipher.DatabaseError, match="file is not a database"):
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_corrupt_page_is_named_by_the_cipher_integrity_check(encrypted: Path) -> None:
    with encrypted.open("r+b") as file:
        file.seek(PAGE * 4 + 100)
        file.write(b"\xff" * 16)
    with raw_open(encrypted, KEYS) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone() == (1,)  # right key
        problems = [row[0] for row in db.execute("PRAGMA cipher_integrity_check")]
    assert problems == ["HMAC verification failed for page 5"]


def test_a_corrupt_first_page_looks_like_a_wrong_key(encrypted: Path) -> None:
    with encrypted.open("r+b") as file:
        file.seek(200)
        file.write(b"\xff" * 16)
    with pytest.raises(sqlcipher.DatabaseError, match="file is not a database"):
        count(encrypted, KEYS)


def test_an_online_backup_can_take_a_new_key_and_passes_both_checks(
    encrypted: Path, tmp_path: Path
) -> None:
    target_path = tmp_path / "backup.sqlite3"
    with raw_open(encrypted, KEYS) as source, raw_open(target_path, OTHER) as target:
        source.backup(target)
        assert target.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert target.execute("PRAGMA cipher_integrity_check").fetchall() == []
    with pytest.raises(sqlcipher.DatabaseError):
        count(target_path, KEYS)
    assert count(target_path, OTHER) == 300


def test_rekey_changes_the_key_of_a_live_wal_store(encrypted: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(encrypted, copy)
    with raw_open(copy, KEYS) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f'PRAGMA rekey = "{OTHER.sqlcipher_key}"')
    with pytest.raises(sqlcipher.DatabaseError):
        count(copy, KEYS)
    assert count(copy, OTHER) == 300
