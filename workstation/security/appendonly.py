"""SQL that makes the audit table append-only, run by migration 0006.

On SQLite two triggers refuse UPDATE and DELETE. They stop the application and a careless
tool, not someone with the file: the keyed chain (:mod:`workstation.security.auditchain`) is
what proves tampering. A migration that rebuilds the table (Alembic batch mode) drops the
triggers with it and must create them again.

On PostgreSQL the application connects as a role that does not own the table and may only
INSERT and SELECT it; a trigger refuses UPDATE, DELETE and TRUNCATE even by the owner unless
the owner drops it first.
"""

from __future__ import annotations

import re

AUDIT_TABLE = "audit_events"
REFUSAL = "audit_events is append-only"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _identifier(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return name


def sqlite_append_only_ddl(table: str = AUDIT_TABLE) -> list[str]:
    """CREATE TRIGGER statements refusing UPDATE and DELETE on ``table`` (idempotent)."""
    table = _identifier(table)
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: an event cannot be changed'); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: an event cannot be deleted'); END",
    ]


def sqlite_drop_append_only_ddl(table: str = AUDIT_TABLE) -> list[str]:
    """The downgrade of :func:`sqlite_append_only_ddl`."""
    table = _identifier(table)
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_update",
        f"DROP TRIGGER IF EXISTS {table}_no_delete",
    ]


def postgresql_append_only_ddl(app_role: str, table: str = AUDIT_TABLE) -> list[str]:
    """Grants and triggers so that ``app_role`` may only INSERT and SELECT on ``table``.

    Run by the table's owner (the migration role), which must not be ``app_role``.
    """
    return postgresql_grant_ddl(app_role, table) + postgresql_trigger_ddl(table)


def postgresql_grant_ddl(app_role: str, table: str = AUDIT_TABLE) -> list[str]:
    """The grants of :func:`postgresql_append_only_ddl`: for the unit's IT, run by the owner."""
    role, table = _identifier(app_role), _identifier(table)
    return [
        f"REVOKE ALL ON TABLE {table} FROM PUBLIC",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE {table} FROM {role}",
        f"GRANT SELECT, INSERT ON TABLE {table} TO {role}",
        f"GRANT USAGE ON SEQUENCE {table}_id_seq TO {role}",
    ]


def postgresql_trigger_ddl(table: str = AUDIT_TABLE) -> list[str]:
    """Triggers refusing UPDATE, DELETE and TRUNCATE on ``table``, even by its owner."""
    table = _identifier(table)
    function = f"{table}_refuse_change"
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{REFUSAL}: % refused', TG_OP; END $$",
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def postgresql_drop_trigger_ddl(table: str = AUDIT_TABLE) -> list[str]:
    """The downgrade of :func:`postgresql_trigger_ddl`."""
    table = _identifier(table)
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_refuse_change()",
    ]
