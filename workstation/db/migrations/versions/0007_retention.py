"""retention: masking markers for PNR data older than the masking period

- travellers.masked_at: when the traveller's PNR data (and the API data of a traveller linked
  to a booking) was depersonalised; views then show "masked" instead of the values, and only
  an approved consultation (``view_masked_data``) shows them (PNR Directive 2016/681 Art. 12).
- booking_versions.masked_at: the same for one push of a booking (contacts, payments,
  frequent-flyer numbers, remarks and the names it gives).

Indexes for the hourly run: booking_versions.push_time and .masked_at (pushes due for masking
or deletion), travellers (has_pnr, has_api) (API-only travellers).

Deletions need no column: rows are removed by the retention run (workstation.services.
retention), which records each run as one "erasure" audit event.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TABLES = ("travellers", "booking_versions")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("masked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_booking_versions_masked_at", "booking_versions", ["masked_at"])
    op.create_index("ix_booking_versions_push_time", "booking_versions", ["push_time"])
    op.create_index("ix_travellers_has_pnr_has_api", "travellers", ["has_pnr", "has_api"])


def downgrade() -> None:
    op.drop_index("ix_travellers_has_pnr_has_api", "travellers")
    op.drop_index("ix_booking_versions_push_time", "booking_versions")
    op.drop_index("ix_booking_versions_masked_at", "booking_versions")
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("masked_at")
