"""The names of officers that conflicts mention: a new ``sync_officer`` table.

A laptop knew only its own officer, so the conflict review named every other officer by the
start of an id. The server now sends the name and team of the officers a device's conflicts
mention (``POST /v1/officers``) and the vault keeps them here, encrypted like everything else.
Only a new table: no row of any other table is touched, so unsynced changes are untouched, and
a vault whose server never sends names simply keeps the table empty.

Revision ID: 0006_officer_names
Revises: 0005_conflict_credit
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_officer_names"
down_revision = "0005_conflict_credit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_officer",
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("team", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("officer_id", name=op.f("pk_sync_officer")),
    )


def downgrade() -> None:
    op.drop_table("sync_officer")
