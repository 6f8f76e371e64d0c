"""Opening the store: engine, pragmas, migrations, and one transaction per service call."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from workstation.db import auditseal
from workstation.db.auditseal import AnchorFile
from workstation.db.migrate import upgrade_to_head
from workstation.errors import StoreUnavailableError, store_advice
from workstation.security.secrets import StoreKeys, ephemeral_keys

log = logging.getLogger(__name__)

# SQLite messages that mean the environment, not a bug: tell the user and keep running.
_ENVIRONMENT_MARKERS = (
    "database is locked",
    "disk is full",
    "disk i/o error",
    "readonly database",
    "unable to open database",
    "connection refused",
    "could not connect",
    "server closed the connection",
    "connection timeout",
    "terminating connection",
    # an encrypted file read with another key, or a damaged first page: restore a backup
    "file is not a database",
    "database disk image is malformed",
)
_DAMAGED_MARKERS = ("file is not a database", "database disk image is malformed")


def _silence_sqlcipher(dbapi_connection: Any, _record: Any) -> None:
    """SQLCipher writes its own lines on stderr for a wrong key; the store reports it instead."""
    dbapi_connection.execute("PRAGMA cipher_log_level = NONE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def is_environment_error(exc: BaseException) -> bool:
    """True for a database error the user can do something about (locked, full, server gone)."""
    if isinstance(exc, OperationalError | DBAPIError) and getattr(
        exc, "connection_invalidated", False
    ):
        return True
    text = str(exc).lower()
    # "file is not a database" comes as a DatabaseError, not an OperationalError
    return isinstance(exc, DatabaseError) and any(m in text for m in _ENVIRONMENT_MARKERS)


def _is_damaged(exc: BaseException) -> bool:
    return any(m in str(exc).lower() for m in _DAMAGED_MARKERS)


class Store:
    """One database: the embedded SQLite file or a shared PostgreSQL server."""

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        keys: StoreKeys | None = None,
        anchor: Path | None = None,
        encrypted: bool = False,
    ) -> None:
        """Open (and migrate) the store at ``url``.

        ``keys`` are the store's database and audit keys (:func:`workstation.security.secrets.
        load_keys`); without them a random audit key is used for this process only, which suits
        an in-memory store or a test, never a real store (its chain would not verify later).
        ``anchor`` is the file where the audit chain's head is kept outside the store.
        ``encrypted`` opens an SQLite file with SQLCipher under ``keys.database`` (a raw key:
        no second key derivation); :func:`workstation.opening.open_store` decides it.
        """
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise StoreUnavailableError(f"Not a database address: {url!r}") from exc
        self.url = url
        self.dialect = parsed.get_backend_name()
        if self.dialect == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        is_file = self.dialect == "sqlite" and parsed.database not in (None, "", ":memory:")
        if is_file:
            Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        if encrypted and (not is_file or keys is None):
            raise ValueError("only an SQLite file with its keys can be encrypted")  # a bug
        self.encrypted = encrypted
        self.keys = keys or ephemeral_keys()
        if encrypted:
            # the dialect's default pool keeps one connection per thread and never closes
            # those of the job pool's worker threads; a QueuePool shares a few
            cipher = URL.create(
                "sqlite+pysqlcipher", password=self.keys.sqlcipher_key, database=parsed.database
            )
            self.engine: Engine = create_engine(cipher, poolclass=QueuePool)
            event.listen(self.engine, "connect", _silence_sqlcipher)
        else:
            self.engine = create_engine(parsed, pool_pre_ping=self.dialect != "sqlite")
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self._first_read(parsed.render_as_string(hide_password=True))
        self.anchor = AnchorFile(anchor) if anchor is not None else None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        auditseal.install(self._sessions, self.keys.audit)
        if migrate:
            try:
                upgrade_to_head(self.engine)
            except OperationalError as exc:
                self.engine.dispose()
                raise StoreUnavailableError(
                    f"The store at {parsed.render_as_string(hide_password=True)} cannot be opened: "
                    f"{exc.orig}; {store_advice(str(exc.orig))}."
                ) from exc

    def _first_read(self, where: str) -> None:
        """Read the schema once: a file another key encrypted, or a damaged one, fails here."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        except DBAPIError as exc:
            self.engine.dispose()
            if _is_damaged(exc):
                raise StoreUnavailableError(
                    f"The store at {where} cannot be read with its key: the file is damaged, "
                    "or it is not this store's file. Restore a backup (see the administrator's "
                    "guide); nothing was changed."
                ) from exc
            raise StoreUnavailableError(
                f"The store at {where} cannot be opened: {exc.orig}; {store_advice(str(exc.orig))}."
            ) from exc

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session, one transaction: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
            head = auditseal.sealed_head(session)
            if head is not None and self.anchor is not None:
                self.anchor.write(head, lambda kept: auditseal.holds(session, kept))
        except DBAPIError as exc:
            if is_environment_error(exc):
                advice = "restore a backup" if _is_damaged(exc) else store_advice(str(exc.orig))
                raise StoreUnavailableError(
                    f"The store could not be written or read: {exc.orig}. Nothing was changed; "
                    f"{advice}."
                ) from exc
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
