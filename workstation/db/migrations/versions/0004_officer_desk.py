"""officer desk: traveller search keys, escalation, dismissal memory, interdiction revisions

- travellers.search_key: the quick-search key (see workstation.db.searchkey), filled for stored
  travellers from their names, documents and booking reference.
- flights.scheduled_arrival indexed: the day's board selects arrivals and departures by time.
- hits.status widened (escalated, dismissed_by_memory); hits.memory_id points to the
  remembered dismissal that decided a hit raised again.
- dismissal_memories: dismissed pairs (traveller identity, list, listed person, entry print).
- interdiction_revisions: the values an edit of an interdiction replaced, who, when.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workstation.db.searchkey import traveller_search_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PAGE = 2000

_travellers = sa.table(
    "travellers",
    sa.column("id", sa.Integer),
    sa.column("surname", sa.String),
    sa.column("given_names", sa.String),
    sa.column("booking_reference", sa.String),
    sa.column("search_key", sa.Text),
)
_documents = sa.table(
    "travel_documents",
    sa.column("id", sa.Integer),
    sa.column("traveller_id", sa.Integer),
    sa.column("number", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("travellers") as batch:
        batch.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
    _fill_search_keys()
    op.create_index("ix_flights_scheduled_arrival", "flights", ["scheduled_arrival"])
    op.create_table(
        "dismissal_memories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(64), nullable=False),
        sa.Column("watchlist_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(100), nullable=False),
        sa.Column("entry_fingerprint", sa.String(64), nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dismissal_memories"),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name="fk_dismissal_memories_watchlist_id_watchlists",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_dismissal_memories_user_id_users"
        ),
    )
    op.create_index(
        "ix_dismissal_memories_pair",
        "dismissal_memories",
        ["identity", "watchlist_id", "source_id"],
    )
    with op.batch_alter_table("hits") as batch:
        batch.alter_column(
            "status", existing_type=sa.String(12), type_=sa.String(24), existing_nullable=False
        )
        batch.add_column(sa.Column("memory_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_hits_memory_id_dismissal_memories", "dismissal_memories", ["memory_id"], ["id"]
        )
    op.create_table(
        "interdiction_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interdiction_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("revised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("previous", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_interdiction_revisions"),
        sa.ForeignKeyConstraint(
            ["interdiction_id"],
            ["interdictions.id"],
            name="fk_interdiction_revisions_interdiction_id_interdictions",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_interdiction_revisions_user_id_users"
        ),
    )
    op.create_index(
        "ix_interdiction_revisions_interdiction_id", "interdiction_revisions", ["interdiction_id"]
    )


def _fill_search_keys() -> None:
    """Keys of the stored travellers, a page at a time by ascending id."""
    bind = op.get_bind()
    t, d = _travellers.c, _documents.c
    update = (
        sa.update(_travellers)
        .where(t.id == sa.bindparam("tid"))
        .values(search_key=sa.bindparam("key"))
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(t.id, t.surname, t.given_names, t.booking_reference)
            .where(t.id > last)
            .order_by(t.id)
            .limit(_PAGE)
        ).all()
        if not rows:
            return
        documents: dict[int, list[str]] = {}
        for tid, number in bind.execute(
            sa.select(d.traveller_id, d.number)
            .where(d.traveller_id.in_([r.id for r in rows]))
            .order_by(d.id)
        ):
            documents.setdefault(tid, []).append(number)
        values = [
            {
                "tid": r.id,
                "key": traveller_search_key(
                    r.surname, r.given_names, documents.get(r.id, []), r.booking_reference
                ),
            }
            for r in rows
        ]
        bind.execute(update, values)
        last = rows[-1].id


def downgrade() -> None:
    remembered = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT count(*) FROM hits WHERE status IN ('escalated', 'dismissed_by_memory')"
            )
        )
        .scalar()
    )
    if remembered:
        raise RuntimeError(
            "This store holds escalated hits or hits dismissed by memory, which schema 0003 "
            "cannot keep."
        )
    op.drop_table("interdiction_revisions")
    with op.batch_alter_table("hits") as batch:
        batch.drop_constraint("fk_hits_memory_id_dismissal_memories", type_="foreignkey")
        batch.drop_column("memory_id")
        batch.alter_column(
            "status", existing_type=sa.String(24), type_=sa.String(12), existing_nullable=False
        )
    op.drop_table("dismissal_memories")
    op.drop_index("ix_flights_scheduled_arrival", table_name="flights")
    with op.batch_alter_table("travellers") as batch:
        batch.drop_column("search_key")
