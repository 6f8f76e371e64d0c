"""Opening the store: engine, pragmas, migrations, and one transaction per service call."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workstation.db import auditseal
from workstation.db.auditseal import AnchorFile
from workstation.db.migrate import upgrade_to_head
from workstation.errors import StoreUnavailableError
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
)


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
    return isinstance(exc, OperationalError) and any(m in text for m in _ENVIRONMENT_MARKERS)


class Store:
    """One database: the embedded SQLite file or a shared PostgreSQL server."""

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        keys: StoreKeys | None = None,
        anchor: Path | None = None,
    ) -> None:
        """Open (and migrate) the store at ``url``.

        ``keys`` are the store's database and audit keys (:func:`workstation.security.secrets.
        load_keys`); without them a random audit key is used for this process only, which suits
        an in-memory store or a test, never a real store (its chain would not verify later).
        ``anchor`` is the file where the audit chain's head is kept outside the store.
        """
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise StoreUnavailableError(f"Not a database address: {url!r}") from exc
        self.url = url
        self.dialect = parsed.get_backend_name()
        if self.dialect == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        if self.dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(parsed, pool_pre_ping=self.dialect != "sqlite")
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.keys = keys or ephemeral_keys()
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
                    f"{exc.orig}"
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
                self.anchor.write(head)
        except OperationalError as exc:
            if is_environment_error(exc):
                raise StoreUnavailableError(
                    f"The store could not be written or read: {exc.orig}. Nothing was changed; "
                    "check the disk or the server and try again."
                ) from exc
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
