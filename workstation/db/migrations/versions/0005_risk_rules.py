"""risk rules: rules, their versions, named lists, and indicator hits

- rules: a rule by its unique name and its current version number.
- rule_versions: every definition of a rule (matching.rules JSON), never edited but for
  ``enabled``; hits point at the version that raised them.
- rule_lists: the unit's named lists (countries, airports, agencies) rules refer to.
- hits: entry_id and watchlist_id become nullable and rule_version_id is added, so an
  indicator hit (kind "indicator") points at its rule version instead of a list entry.
- The starting templates (matching.rules.TEMPLATES) are seeded DISABLED, with the empty named
  lists three of them refer to.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from matching.rules import TEMPLATE_LISTS, TEMPLATES, rule_to_json
from workstation.db.types import UTCDateTime, utcnow

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# the kind of each template list: what its editor offers
_LIST_KINDS = {"source countries": "countries", "transit countries": "countries"}


def upgrade() -> None:
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rules"),
        sa.UniqueConstraint("name", name="uq_rules_name"),
    )
    op.create_table(
        "rule_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("effective_until", sa.Date(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rule_versions"),
        sa.ForeignKeyConstraint(["rule_id"], ["rules.id"], name="fk_rule_versions_rule_id_rules"),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name="fk_rule_versions_created_by_users"
        ),
        sa.UniqueConstraint("rule_id", "version_no", name="uq_rule_versions_rule_id"),
    )
    op.create_index("ix_rule_versions_rule_id", "rule_versions", ["rule_id"])
    op.create_table(
        "rule_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_rule_lists"),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name="fk_rule_lists_updated_by_users"
        ),
        sa.UniqueConstraint("name", name="uq_rule_lists_name"),
    )
    with op.batch_alter_table("hits") as batch:
        batch.alter_column("entry_id", existing_type=sa.Integer(), nullable=True)
        batch.alter_column("watchlist_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("rule_version_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_hits_rule_version_id_rule_versions", "rule_versions", ["rule_version_id"], ["id"]
        )
        batch.create_index("ix_hits_rule_version_id", ["rule_version_id"])
    _seed_templates()


def _seed_templates() -> None:
    """The starting library, every rule disabled, and the (empty) lists it refers to."""
    bind = op.get_bind()
    now = utcnow()
    rules = sa.table(
        "rules",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("current_version", sa.Integer),
        sa.column("created_at", UTCDateTime),
    )
    versions = sa.table(
        "rule_versions",
        sa.column("rule_id", sa.Integer),
        sa.column("version_no", sa.Integer),
        sa.column("definition", sa.Text),
        sa.column("weight", sa.Integer),
        sa.column("owner", sa.String),
        sa.column("rationale", sa.Text),
        sa.column("enabled", sa.Boolean),
        sa.column("created_at", UTCDateTime),
    )
    lists = sa.table(
        "rule_lists",
        sa.column("name", sa.String),
        sa.column("kind", sa.String),
        sa.column("items", sa.JSON),
        sa.column("updated_at", UTCDateTime),
    )
    for rule in TEMPLATES:
        rule_id = bind.execute(
            sa.insert(rules)
            .values(name=rule.name, current_version=1, created_at=now)
            .returning(rules.c.id)
        ).scalar_one()
        bind.execute(
            sa.insert(versions).values(
                rule_id=rule_id,
                version_no=1,
                definition=rule_to_json(rule),
                weight=rule.weight,
                owner=rule.owner,
                rationale=rule.rationale,
                enabled=False,
                created_at=now,
            )
        )
    for name in TEMPLATE_LISTS:
        kind = _LIST_KINDS.get(name, "agencies")
        bind.execute(sa.insert(lists).values(name=name, kind=kind, items=[], updated_at=now))


def downgrade() -> None:
    indicators = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM hits WHERE rule_version_id IS NOT NULL"))
        .scalar()
    )
    if indicators:
        raise RuntimeError("This store holds indicator hits, which schema 0004 cannot keep.")
    with op.batch_alter_table("hits") as batch:
        batch.drop_index("ix_hits_rule_version_id")
        batch.drop_constraint("fk_hits_rule_version_id_rule_versions", type_="foreignkey")
        batch.drop_column("rule_version_id")
        batch.alter_column("watchlist_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("entry_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("rule_lists")
    op.drop_index("ix_rule_versions_rule_id", table_name="rule_versions")
    op.drop_table("rule_versions")
    op.drop_table("rules")
