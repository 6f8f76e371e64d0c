"""bookings (PNR) with versions, travellers linked to them, refused files, batch carriers

- bookings, booking_versions, booking_segments, booking_contacts, booking_travellers.
- travellers: has_api (true for every stored row: they all came from API or manifests),
  has_pnr, booking_id, booking_ref.
- import_batches.carrier: filled from the flights of the batch's travellers.
- import_failures: files refused, with the reason.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _id(table: str) -> tuple[sa.Column[int], sa.PrimaryKeyConstraint]:
    return sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint(
        "id", name=f"pk_{table}"
    )


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def _version_child(table: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        table,
        *_id(table),
        sa.Column("version_id", sa.Integer(), nullable=False),
        *columns,
        _fk(table, "version_id", "booking_versions"),
    )
    op.create_index(f"ix_{table}_version_id", table, ["version_id"])


def upgrade() -> None:
    _bookings()
    _booking_children()
    with op.batch_alter_table("travellers") as batch:
        batch.add_column(
            sa.Column("has_api", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(
            sa.Column("has_pnr", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("booking_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("booking_ref", sa.String(10), nullable=True))
        batch.create_foreign_key(
            "fk_travellers_booking_id_bookings", "bookings", ["booking_id"], ["id"]
        )
        batch.create_index("ix_travellers_booking_id", ["booking_id"])
    with op.batch_alter_table("import_batches") as batch:
        batch.add_column(sa.Column("carrier", sa.String(3), nullable=True))
        batch.create_index("ix_import_batches_carrier", ["carrier"])
    _fill_batch_carriers()
    _import_failures()


def _bookings() -> None:
    op.create_table(
        "bookings",
        *_id("bookings"),
        sa.Column("carrier", sa.String(3), nullable=False),
        sa.Column("record_locator", sa.String(20), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("carrier", "record_locator", name="uq_bookings_carrier"),
    )
    op.create_table(
        "booking_versions",
        *_id("booking_versions"),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("flight_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("push_type", sa.String(10), nullable=False),
        sa.Column("push_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("creation_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ticketing_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("originator_system", sa.String(10), nullable=True),
        sa.Column("originator_agency", sa.String(20), nullable=True),
        sa.Column("originator_office", sa.String(40), nullable=True),
        sa.Column("originator_location", sa.String(10), nullable=True),
        sa.Column("originator_kind", sa.String(4), nullable=True),
        sa.Column("originator_country", sa.String(3), nullable=True),
        sa.Column("payments", sa.JSON(), nullable=False),
        sa.Column("tickets", sa.JSON(), nullable=False),
        sa.Column("bag_count", sa.Integer(), nullable=True),
        sa.Column("bag_weight_kg", sa.Float(), nullable=True),
        sa.Column("group_name", sa.String(200), nullable=True),
        sa.Column("group_size", sa.Integer(), nullable=True),
        sa.Column("remarks", sa.JSON(), nullable=False),
        sa.Column("dropped", sa.JSON(), nullable=False),
        _fk("booking_versions", "booking_id", "bookings"),
        _fk("booking_versions", "flight_id", "flights"),
        _fk("booking_versions", "batch_id", "import_batches"),
    )
    op.create_index("ix_booking_versions_booking_id", "booking_versions", ["booking_id"])
    op.create_index("ix_booking_versions_flight_id", "booking_versions", ["flight_id"])


def _booking_children() -> None:
    _version_child(
        "booking_segments",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(3), nullable=False),
        sa.Column("number", sa.String(5), nullable=False),
        sa.Column("origin", sa.String(3), nullable=False),
        sa.Column("destination", sa.String(3), nullable=False),
        sa.Column("departure", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arrival", sa.DateTime(timezone=True), nullable=True),
        sa.Column("operating_carrier", sa.String(3), nullable=True),
        sa.Column("booking_class", sa.String(2), nullable=True),
        sa.Column("status", sa.String(4), nullable=True),
    )
    _version_child(
        "booking_contacts",
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
    )
    _version_child(
        "booking_travellers",
        sa.Column("traveller_id", sa.Integer(), nullable=True),
        sa.Column("ref", sa.String(10), nullable=True),
        sa.Column("surname", sa.String(200), nullable=False),
        sa.Column("given_names", sa.String(200), nullable=False),
        sa.Column("title", sa.String(10), nullable=True),
        sa.Column("is_infant", sa.Boolean(), nullable=False),
        sa.Column("infant_of", sa.String(10), nullable=True),
        sa.Column("birth_date", sa.String(10), nullable=True),
        sa.Column("sex", sa.String(1), nullable=True),
        sa.Column("nationality", sa.String(3), nullable=True),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("seat", sa.String(5), nullable=True),
        sa.Column("frequent_flyer", sa.String(40), nullable=True),
        _fk("booking_travellers", "traveller_id", "travellers"),
    )
    op.create_index("ix_booking_travellers_traveller_id", "booking_travellers", ["traveller_id"])


def _import_failures() -> None:
    op.create_table(
        "import_failures",
        *_id("import_failures"),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("carrier", sa.String(3), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        _fk("import_failures", "user_id", "users"),
    )
    op.create_index("ix_import_failures_at", "import_failures", ["at"])
    op.create_index("ix_import_failures_carrier", "import_failures", ["carrier"])


def _fill_batch_carriers() -> None:
    batches = sa.table("import_batches", sa.column("id", sa.Integer), sa.column("carrier"))
    travellers = sa.table(
        "travellers", sa.column("batch_id", sa.Integer), sa.column("flight_id", sa.Integer)
    )
    flights = sa.table("flights", sa.column("id", sa.Integer), sa.column("carrier", sa.String))
    first_carrier = (
        sa.select(sa.func.min(flights.c.carrier))
        .join(travellers, travellers.c.flight_id == flights.c.id)
        .where(travellers.c.batch_id == batches.c.id)
        .scalar_subquery()
    )
    op.get_bind().execute(sa.update(batches).values(carrier=first_carrier))


def downgrade() -> None:
    pnr_only = (
        op.get_bind()
        .execute(sa.text("SELECT count(*) FROM travellers WHERE has_api = :no"), {"no": False})
        .scalar()
    )
    if pnr_only:
        raise RuntimeError(
            "This store holds travellers only a booking (PNR) names, which schema 0002 cannot keep."
        )
    op.drop_table("import_failures")
    with op.batch_alter_table("import_batches") as batch:
        batch.drop_index("ix_import_batches_carrier")
        batch.drop_column("carrier")
    with op.batch_alter_table("travellers") as batch:
        batch.drop_index("ix_travellers_booking_id")
        batch.drop_constraint("fk_travellers_booking_id_bookings", type_="foreignkey")
        for column in ("booking_ref", "booking_id", "has_pnr", "has_api"):
            batch.drop_column(column)
    for table in ("booking_contacts", "booking_segments", "booking_travellers"):
        op.drop_table(table)
    op.drop_table("booking_versions")
    op.drop_table("bookings")
