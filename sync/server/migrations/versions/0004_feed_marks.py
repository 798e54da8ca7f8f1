"""Feed marks: a random mark per writing transaction, so a restored server is noticed.

The feed written before this migration gets one mark for all of it, so cursors handed out
from now on can be checked (see ``sync.server.timeline``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 20:10:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    marks = op.create_table(
        "feed_marks",
        sa.Column("top", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("mark", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("top", name=op.f("pk_feed_marks")),
    )
    top = op.get_bind().execute(sa.text("SELECT value FROM feed_counter WHERE id = 1")).scalar()
    if top:
        op.bulk_insert(marks, [{"top": int(top), "mark": secrets.randbelow(1 << 20)}])


def downgrade() -> None:
    op.drop_table("feed_marks")
