"""Who typed each conflicting value and when: three nullable columns on ``sync_conflict``.

The server credits both values of a conflict to the device and officer that entered them and
the time it received each (``sync.protocol.Conflict``). The vault kept only the devices and the
other value's officer; these columns keep the rest so the conflict review can show both sides'
authors and times. They are nullable: conflicts stored before this revision stay valid and are
shown with what they hold (the server fills the gaps if it sends the conflict again). Adding
columns rewrites nothing, so unsynced changes are untouched.

Revision ID: 0005_conflict_credit
Revises: 0004_case_search
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_conflict_credit"
down_revision = "0004_case_search"
branch_labels = None
depends_on = None

COLUMNS = ("kept_by_officer", "kept_at", "other_at")


def upgrade() -> None:
    op.add_column("sync_conflict", sa.Column("kept_by_officer", sa.String(64), nullable=True))
    op.add_column("sync_conflict", sa.Column("kept_at", sa.DateTime(), nullable=True))
    op.add_column("sync_conflict", sa.Column("other_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
