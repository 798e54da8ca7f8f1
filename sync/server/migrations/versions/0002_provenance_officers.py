"""Per-field credit in conflicts, officer scope changes, the administrators' audit.

- ``record_versions.author``: the officer behind each version, so a conflict can credit the
  officer who typed a value rather than whoever wrote the record last;
- ``conflicts.kept_by_officer``, ``kept_at``, ``other_at``: who typed the kept value and when
  the server received each value; ``raised_by_device``: the device told in its push answer;
- ``officer_exits``: records that left an officer's scope when the officer was moved;
- ``admin_audit``: what administrators changed (ids and scope only, never names).

Existing rows keep nulls in the new columns (old conflicts keep their old credit).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import sync.server.schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author", sa.String(length=36), nullable=True))
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kept_by_officer", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("kept_at", sync.server.schema.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("other_at", sync.server.schema.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("raised_by_device", sa.String(length=36), nullable=True))
    op.create_table(
        "officer_exits",
        sa.Column("feed_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("feed_seq", name=op.f("pk_officer_exits")),
    )
    with op.batch_alter_table("officer_exits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officer_exits_officer_id"), ["officer_id"])
    op.create_table(
        "admin_audit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=36), nullable=False),
        sa.Column(
            "details",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_audit")),
    )
    with op.batch_alter_table("admin_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_audit_at"), ["at"])


def downgrade() -> None:
    with op.batch_alter_table("admin_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_audit_at"))
    op.drop_table("admin_audit")
    with op.batch_alter_table("officer_exits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officer_exits_officer_id"))
    op.drop_table("officer_exits")
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_column("raised_by_device")
        batch_op.drop_column("other_at")
        batch_op.drop_column("kept_at")
        batch_op.drop_column("kept_by_officer")
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.drop_column("author")
