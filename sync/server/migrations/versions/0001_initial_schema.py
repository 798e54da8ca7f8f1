"""Initial schema of the central server.

Revision ID: 0001
Revises:
Create Date: 2026-12-03 13:24:42.898347
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import sync.server.schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "applied_changes",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("created_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_applied_changes")),
    )
    op.create_table(
        "attachment_chunks",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "offset", name=op.f("pk_attachment_chunks")),
    )
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column(
            "base_value",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "kept_value",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "other_value",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("kept_present", sa.Boolean(), nullable=False),
        sa.Column("other_present", sa.Boolean(), nullable=False),
        sa.Column("kept_by_device", sa.String(length=36), nullable=False),
        sa.Column("other_by_device", sa.String(length=36), nullable=False),
        sa.Column("other_by_officer", sa.String(length=36), nullable=False),
        sa.Column("created_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.Column("resolved_at", sync.server.schema.UTCDateTime(), nullable=True),
        sa.Column("resolved_by_device", sa.String(length=36), nullable=True),
        sa.Column("feed_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflicts_feed_seq"), ["feed_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflicts_record_id"), ["record_id"], unique=False)

    op.create_table(
        "feed_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_counter")),
    )
    op.create_table(
        "nonces",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "nonce", name=op.f("pk_nonces")),
    )
    with op.batch_alter_table("nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nonces_seen_at"), ["seen_at"], unique=False)

    op.create_table(
        "officers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("team", sa.String(length=20), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officers")),
    )
    op.create_table(
        "record_attachments",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "sha256", name=op.f("pk_record_attachments")),
    )
    with op.batch_alter_table("record_attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_attachments_sha256"), ["sha256"], unique=False)

    op.create_table(
        "record_versions",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("device", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("team", sa.String(length=20), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("assigned_officer", sa.String(length=36), nullable=True),
        sa.Column(
            "fields",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "version", name=op.f("pk_record_versions")),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("author", sa.String(length=36), nullable=False),
        sa.Column("device", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("team", sa.String(length=20), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("assigned_officer", sa.String(length=36), nullable=True),
        sa.Column(
            "fields",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.Column("feed_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
        sa.UniqueConstraint("feed_seq", name=op.f("uq_records_feed_seq")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index("ix_records_team_kind", ["team", "kind"], unique=False)

    op.create_table(
        "scope_exits",
        sa.Column("feed_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("team", sa.String(length=20), nullable=False),
        sa.Column("district", sa.String(length=200), nullable=False),
        sa.Column("assigned_officer", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("feed_seq", name=op.f("pk_scope_exits")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", sync.server.schema.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", sync.server.schema.UTCDateTime(), nullable=True),
        sa.Column("vault_generation", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("rollback_at", sync.server.schema.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_devices_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.UniqueConstraint("public_key", name=op.f("uq_devices_public_key")),
    )
    op.create_table(
        "enrol_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sync.server.schema.UTCDateTime(), nullable=False),
        sa.Column("used_at", sync.server.schema.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_enrol_codes_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrol_codes")),
    )


def downgrade() -> None:

    op.drop_table("enrol_codes")
    op.drop_table("devices")
    op.drop_table("scope_exits")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("ix_records_team_kind")

    op.drop_table("records")
    op.drop_table("record_versions")
    with op.batch_alter_table("record_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_attachments_sha256"))

    op.drop_table("record_attachments")
    op.drop_table("officers")
    with op.batch_alter_table("nonces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nonces_seen_at"))

    op.drop_table("nonces")
    op.drop_table("feed_counter")
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflicts_record_id"))
        batch_op.drop_index(batch_op.f("ix_conflicts_feed_seq"))

    op.drop_table("conflicts")
    op.drop_table("attachments")
    op.drop_table("attachment_chunks")
    op.drop_table("applied_changes")
