"""Scope history for the pull's purges and re-deliveries.

- ``officer_past_scopes``: the scope each officer had before each move, by feed number, so a
  record that left an officer's old scope is purged from their devices even when they catch up
  only after the officer has moved;
- ``device_purges``: which records a pull told a device to purge, so a record the device last
  wrote itself is delivered again when it comes back into the device's scope.

Both start empty: officers keep their current scope for the whole past, as before.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer_past_scopes",
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("until_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("team", sa.String(length=20), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("officer_id", "until_seq", name=op.f("pk_officer_past_scopes")),
    )
    op.create_table(
        "device_purges",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("feed_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "record_id", name=op.f("pk_device_purges")),
    )


def downgrade() -> None:
    op.drop_table("device_purges")
    op.drop_table("officer_past_scopes")
