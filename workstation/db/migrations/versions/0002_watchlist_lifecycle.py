"""watchlist lifecycle: entry fingerprints, hits per listed person, national lookouts

- watchlist_entries: fingerprint (filled for stored entries), validity period, source,
  reference, photo; lookout_photos holds the photos.
- watchlists.kind: "imported" or "national" (kept by hand); a hand-made version has no batch.
- screening_runs.scope: all, flights, or after_update (a partial run marks no flight screened).
- hits: keyed by (traveller, list, the list's own source_id) instead of the per-version entry
  row. Hits that stores of schema 0001 raised again for the same listed person in a later
  version are kept, with their decisions, and numbered by duplicate_no (1, 2...).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:30:00
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

from workstation.db.fingerprint import EntryContent

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PAGE = 2000

_entries = sa.table(
    "watchlist_entries",
    sa.column("id", sa.Integer),
    sa.column("names", sa.JSON),
    sa.column("birth_dates", sa.JSON),
    sa.column("sex", sa.String),
    sa.column("nationalities", sa.JSON),
    sa.column("documents", sa.JSON),
    sa.column("category", sa.String),
    sa.column("handling_notes", sa.Text),
    sa.column("fingerprint", sa.String),
    sa.column("version_id", sa.Integer),
    sa.column("source_id", sa.String),
)
_versions = sa.table(
    "watchlist_versions", sa.column("id", sa.Integer), sa.column("watchlist_id", sa.Integer)
)
_hits = sa.table(
    "hits",
    sa.column("id", sa.Integer),
    sa.column("traveller_id", sa.Integer),
    sa.column("entry_id", sa.Integer),
    sa.column("watchlist_id", sa.Integer),
    sa.column("source_id", sa.String),
    sa.column("duplicate_no", sa.Integer),
)


def upgrade() -> None:
    op.add_column(
        "screening_runs",
        sa.Column("scope", sa.String(20), nullable=False, server_default="all"),
    )
    op.add_column(
        "watchlists",
        sa.Column("kind", sa.String(20), nullable=False, server_default="imported"),
    )
    op.create_table(
        "lookout_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lookout_photos"),
        sa.UniqueConstraint("sha256", name="uq_lookout_photos_sha256"),
    )
    with op.batch_alter_table("watchlist_versions") as batch:
        batch.alter_column("batch_id", existing_type=sa.Integer(), nullable=True)

    with op.batch_alter_table("watchlist_entries") as batch:
        batch.add_column(sa.Column("fingerprint", sa.String(64), nullable=True))
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("source", sa.String(200), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("reference", sa.String(100), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("photo_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_watchlist_entries_photo_id_lookout_photos", "lookout_photos", ["photo_id"], ["id"]
        )
    _fill_fingerprints()
    with op.batch_alter_table("watchlist_entries") as batch:
        batch.alter_column("fingerprint", existing_type=sa.String(64), nullable=False)

    with op.batch_alter_table("hits") as batch:
        batch.add_column(sa.Column("watchlist_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("source_id", sa.String(100), nullable=True))
        batch.add_column(
            sa.Column("duplicate_no", sa.Integer(), nullable=False, server_default="0")
        )
    _fill_hit_keys()
    with op.batch_alter_table("hits") as batch:
        batch.alter_column("watchlist_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("source_id", existing_type=sa.String(100), nullable=False)
        batch.create_foreign_key(
            "fk_hits_watchlist_id_watchlists", "watchlists", ["watchlist_id"], ["id"]
        )
        batch.drop_constraint("uq_hits_traveller_id", type_="unique")
        batch.create_unique_constraint(
            "uq_hits_traveller_listed_person",
            ["traveller_id", "watchlist_id", "source_id", "duplicate_no"],
        )


def _pages(query: sa.Select[Any], key: sa.ColumnElement[int]) -> Iterator[list[sa.Row[Any]]]:
    """Rows in pages by ascending id, so a large store is never read into memory at once."""
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(query.where(key > last).order_by(key).limit(_PAGE)).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _fill_fingerprints() -> None:
    c = _entries.c
    query = sa.select(
        c.id,
        c.names,
        c.birth_dates,
        c.sex,
        c.nationalities,
        c.documents,
        c.category,
        c.handling_notes,
    )
    update = (
        sa.update(_entries)
        .where(c.id == sa.bindparam("entry"))
        .values(fingerprint=sa.bindparam("print"))
    )
    for rows in _pages(query, c.id):
        values = [
            {
                "entry": row.id,
                "print": EntryContent(
                    names=tuple(row.names or ()),
                    birth_dates=tuple(row.birth_dates or ()),
                    sex=row.sex,
                    nationalities=tuple(row.nationalities or ()),
                    documents=tuple(row.documents or ()),
                    category=row.category,
                    handling_notes=row.handling_notes,
                ).fingerprint(),
            }
            for row in rows
        ]
        op.get_bind().execute(update, values)


def _fill_hit_keys() -> None:
    bind = op.get_bind()
    e, v, h = _entries.c, _versions.c, _hits.c
    bind.execute(
        sa.update(_hits).values(
            source_id=sa.select(e.source_id).where(e.id == h.entry_id).scalar_subquery(),
            watchlist_id=sa.select(v.watchlist_id)
            .join(_entries, e.version_id == v.id)
            .where(e.id == h.entry_id)
            .scalar_subquery(),
        )
    )
    seen: dict[tuple[int, int, str], int] = {}
    renumber: list[dict[str, int]] = []
    query = sa.select(h.id, h.traveller_id, h.watchlist_id, h.source_id)
    for rows in _pages(query, h.id):
        for row in rows:
            key = (row.traveller_id, row.watchlist_id, row.source_id)
            seen[key] = seen.get(key, -1) + 1
            if seen[key]:
                renumber.append({"hit": row.id, "number": seen[key]})
    if renumber:
        bind.execute(
            sa.update(_hits)
            .where(h.id == sa.bindparam("hit"))
            .values(duplicate_no=sa.bindparam("number")),
            renumber,
        )


def downgrade() -> None:
    bind = op.get_bind()
    made_by_hand = bind.execute(
        sa.text("SELECT count(*) FROM watchlist_versions WHERE batch_id IS NULL")
    ).scalar()
    if made_by_hand:
        raise RuntimeError(
            "This store holds national lookouts made by hand, which schema 0001 cannot keep."
        )
    with op.batch_alter_table("hits") as batch:
        batch.drop_constraint("uq_hits_traveller_listed_person", type_="unique")
        batch.drop_constraint("fk_hits_watchlist_id_watchlists", type_="foreignkey")
        batch.drop_column("duplicate_no")
        batch.drop_column("source_id")
        batch.drop_column("watchlist_id")
        batch.create_unique_constraint("uq_hits_traveller_id", ["traveller_id", "entry_id"])
    with op.batch_alter_table("watchlist_entries") as batch:
        batch.drop_constraint("fk_watchlist_entries_photo_id_lookout_photos", type_="foreignkey")
        for column in ("photo_id", "reference", "source", "valid_until", "valid_from"):
            batch.drop_column(column)
        batch.drop_column("fingerprint")
    with op.batch_alter_table("watchlist_versions") as batch:
        batch.alter_column("batch_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("lookout_photos")
    with op.batch_alter_table("watchlists") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("screening_runs") as batch:
        batch.drop_column("scope")
