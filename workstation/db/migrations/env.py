"""Alembic environment: the engine is handed in by workstation.db.migrate.

On SQLite, batch migrations rebuild a table (create a copy, drop the old one, rename the copy),
which SQLite's own procedure requires with foreign keys off: they are switched off outside the
migration's transaction, checked with ``PRAGMA foreign_key_check`` before it commits, and switched
back on for the pooled connection. The whole upgrade is one transaction on both backends.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from workstation.db.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # the alembic command line, for writing new revisions
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")


def _migrate(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    with connection.begin():
        if sqlite:  # pysqlite opens no transaction before DDL: open one, so all or nothing lands
            connection.exec_driver_sql("BEGIN")
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left broken references: {broken[:5]}")


with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            _migrate(connection)
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    else:
        _migrate(connection)
