"""accounts and the audit chain: passwords, lockout, and an append-only, keyed audit trail

- users: password_hash (argon2id), active, failed_logins, last_failed_at, last_login_at,
  password_changed_at; accounts made before have no password until an administrator sets one.
- audit_events: role, workstation, justification and mac (the keyed hash chain, see
  workstation.security.auditchain); events recorded before this revision keep an empty mac
  and are reported by ``audit verify`` as written before the chain began.
- audit_chain_head: one row, the chain's count, last id and last MAC (taken for writing
  while sealing, so two writers never chain after the same event).
- audit_events becomes append-only: triggers refuse UPDATE and DELETE (and TRUNCATE on
  PostgreSQL). On a shared PostgreSQL server the unit's IT also gives the application role
  INSERT and SELECT only (README, "Shared PostgreSQL server").

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workstation.security.appendonly import (
    postgresql_drop_trigger_ddl,
    postgresql_trigger_ddl,
    sqlite_append_only_ddl,
    sqlite_drop_append_only_ddl,
)

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.add_column(
        "users", sa.Column("password_hash", sa.String(200), nullable=False, server_default="")
    )
    op.add_column(
        "users", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column(
        "users", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
    )
    for column in ("last_failed_at", "last_login_at", "password_changed_at"):
        op.add_column("users", sa.Column(column, sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "audit_events", sa.Column("role", sa.String(20), nullable=False, server_default="")
    )
    op.add_column(
        "audit_events",
        sa.Column("workstation", sa.String(100), nullable=False, server_default=""),
    )
    op.add_column(
        "audit_events",
        sa.Column("justification", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column(
        "audit_events", sa.Column("mac", sa.String(64), nullable=False, server_default="")
    )
    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_mac", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_chain_head"),
    )
    op.bulk_insert(head, [{"id": 1, "count": 0, "last_id": None, "last_mac": ""}])
    dialect = op.get_bind().dialect.name
    ddl = sqlite_append_only_ddl() if dialect == "sqlite" else postgresql_trigger_ddl()
    for statement in ddl:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    ddl = sqlite_drop_append_only_ddl() if dialect == "sqlite" else postgresql_drop_trigger_ddl()
    for statement in ddl:
        op.execute(statement)
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_events") as batch:
        for column in ("mac", "justification", "workstation", "role"):
            batch.drop_column(column)
    with op.batch_alter_table("users") as batch:
        for column in (
            "password_changed_at",
            "last_login_at",
            "last_failed_at",
            "failed_logins",
            "active",
            "password_hash",
        ):
            batch.drop_column(column)
