"""The sync bookkeeping: outbox, shadow copies, conflicts, rejections, parked records,
pending purges and file transfers (``oxfield.replica.tables``).

Only new tables: every unsynced change made before this migration is still in its record and
is sent at the next edit of that record (the outbox diffs against the shadow copy, and a vault
that has never synced has none).

Revision ID: 0003_sync
Revises: 0002_domain
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sync"
down_revision = "0002_domain"
branch_labels = None
depends_on = None


def _scope() -> list[sa.Column[object]]:
    return [
        sa.Column("team", sa.String(length=16), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.Column("assigned_officer", sa.String(length=64), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        *_scope(),
        sa.Column("resolves", sa.Text(), nullable=False),
        sa.Column("sent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sync_outbox_record_id", "sync_outbox", ["record_id"])
    op.create_table(
        "sync_shadow",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("device", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        *_scope(),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_sync_shadow")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("base_value", sa.Text(), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=False),
        sa.Column("other_value", sa.Text(), nullable=False),
        sa.Column("kept_present", sa.Boolean(), nullable=False),
        sa.Column("other_present", sa.Boolean(), nullable=False),
        sa.Column("kept_by_device", sa.String(length=64), nullable=False),
        sa.Column("other_by_device", sa.String(length=64), nullable=False),
        sa.Column("other_by_officer", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_index("ix_sync_conflict_record_id", "sync_conflict", ["record_id"])
    op.create_table(
        "sync_rejection",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_rejection")),
    )
    op.create_index("ix_sync_rejection_record_id", "sync_rejection", ["record_id"])
    op.create_table(
        "sync_parked",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("waiting_for", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_sync_parked")),
    )
    op.create_table(
        "sync_purge",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_sync_purge")),
    )
    op.create_table(
        "sync_transfer",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "direction", name=op.f("pk_sync_transfer")),
    )


def downgrade() -> None:
    for table in (
        "sync_transfer", "sync_purge", "sync_parked", "sync_rejection", "sync_conflict",
        "sync_shadow", "sync_outbox",
    ):  # fmt: skip
        op.drop_table(table)
