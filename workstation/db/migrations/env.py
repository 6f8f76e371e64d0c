"""Alembic environment: the engine is handed in by workstation.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from workstation.db.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # the alembic command line, for writing new revisions
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
