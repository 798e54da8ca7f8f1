"""The server's tables (SQLAlchemy Core), the single description Alembic compares against.

Records are documents (``fields`` as JSON) with their scope in plain columns so the pull can
filter by it. ``feed_seq`` orders the change feed: it is taken from the one ``feed_counter``
row inside the writing transaction, just before commit, so a transaction that takes a higher
number cannot commit before one holding a lower number (see ``sync.server.feed``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite as on PostgreSQL."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the server's database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(JSONB(), "postgresql")


ID = sa.String(36)

officers = sa.Table(
    "officers",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("team", sa.String(20), nullable=False),
    sa.Column("district", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
)

enrol_codes = sa.Table(
    "enrol_codes",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("officer_id", ID, sa.ForeignKey("officers.id"), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("expires_at", UTCDateTime(), nullable=False),
    sa.Column("used_at", UTCDateTime(), nullable=True),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("officer_id", ID, sa.ForeignKey("officers.id"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("public_key", sa.String(64), nullable=False, unique=True),
    sa.Column("enrolled_at", UTCDateTime(), nullable=False),
    sa.Column("last_seen_at", UTCDateTime(), nullable=True),
    sa.Column("revoked_at", UTCDateTime(), nullable=True),
    sa.Column("vault_generation", sa.BigInteger(), nullable=False, server_default="0"),
    sa.Column("rollback_at", UTCDateTime(), nullable=True),
)

nonces = sa.Table(
    "nonces",
    metadata,
    sa.Column("device_id", ID, primary_key=True),
    sa.Column("nonce", sa.String(64), primary_key=True),
    sa.Column("seen_at", UTCDateTime(), nullable=False, index=True),
)

feed_counter = sa.Table(
    "feed_counter",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("value", sa.BigInteger(), nullable=False),
)

#: one row per writing transaction: its last feed number and a random mark (``timeline``)
feed_marks = sa.Table(
    "feed_marks",
    metadata,
    sa.Column("top", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("mark", sa.Integer(), nullable=False),
)

records = sa.Table(
    "records",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("version", sa.BigInteger(), nullable=False),
    sa.Column("hlc", sa.String(64), nullable=False),
    sa.Column("author", ID, nullable=False),
    sa.Column("device", ID, nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.Column("signed", sa.Boolean(), nullable=False),
    sa.Column("team", sa.String(20), nullable=False),
    sa.Column("district", sa.String(200), nullable=False),
    sa.Column("assigned_officer", ID, nullable=True),
    sa.Column("fields", _json(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.Column("feed_seq", sa.BigInteger(), nullable=False, unique=True),
    sa.Index("ix_records_team_kind", "team", "kind"),
)

record_versions = sa.Table(
    "record_versions",
    metadata,
    sa.Column("record_id", ID, primary_key=True),
    sa.Column("version", sa.BigInteger(), primary_key=True),
    sa.Column("hlc", sa.String(64), nullable=False),
    sa.Column("device", ID, nullable=False),
    #: the officer whose push (or the administrator whose command) wrote this version
    sa.Column("author", ID, nullable=True),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.Column("team", sa.String(20), nullable=False),
    sa.Column("district", sa.String(200), nullable=False),
    sa.Column("assigned_officer", ID, nullable=True),
    sa.Column("fields", _json(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
)

scope_exits = sa.Table(
    "scope_exits",
    metadata,
    sa.Column("feed_seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("record_id", ID, nullable=False),
    sa.Column("team", sa.String(20), nullable=False),
    sa.Column("district", sa.String(200), nullable=False),
    sa.Column("assigned_officer", ID, nullable=True),
)

applied_changes = sa.Table(
    "applied_changes",
    metadata,
    sa.Column("device_id", ID, primary_key=True),
    sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("result", sa.Text(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
)

conflicts = sa.Table(
    "conflicts",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("record_id", ID, nullable=False, index=True),
    sa.Column("field", sa.String(200), nullable=False),
    sa.Column("base_value", _json(), nullable=True),
    sa.Column("kept_value", _json(), nullable=True),
    sa.Column("other_value", _json(), nullable=True),
    sa.Column("kept_present", sa.Boolean(), nullable=False),
    sa.Column("other_present", sa.Boolean(), nullable=False),
    sa.Column("kept_by_device", ID, nullable=False),
    sa.Column("other_by_device", ID, nullable=False),
    sa.Column("other_by_officer", ID, nullable=False),
    #: who typed the kept value and when the server received each value (from history)
    sa.Column("kept_by_officer", ID, nullable=True),
    sa.Column("kept_at", UTCDateTime(), nullable=True),
    sa.Column("other_at", UTCDateTime(), nullable=True),
    #: the device whose push found the conflict: it learns of it from the push answer
    sa.Column("raised_by_device", ID, nullable=True),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("resolved_at", UTCDateTime(), nullable=True),
    sa.Column("resolved_by_device", ID, nullable=True),
    sa.Column("feed_seq", sa.BigInteger(), nullable=False, index=True),
)

attachments = sa.Table(
    "attachments",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger(), nullable=False),
    sa.Column("received", sa.BigInteger(), nullable=False),
    sa.Column("complete", sa.Boolean(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
)

attachment_chunks = sa.Table(
    "attachment_chunks",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("offset", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("data", sa.LargeBinary(), nullable=False),
)

record_attachments = sa.Table(
    "record_attachments",
    metadata,
    sa.Column("record_id", ID, primary_key=True),
    sa.Column("sha256", sa.String(64), primary_key=True, index=True),
)

officer_exits = sa.Table(
    "officer_exits",
    metadata,
    # a record leaving one officer's scope because the officer's team, district or role changed
    sa.Column("feed_seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("officer_id", ID, nullable=False, index=True),
    sa.Column("record_id", ID, nullable=False),
)

admin_audit = sa.Table(
    "admin_audit",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("at", UTCDateTime(), nullable=False, index=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("target", ID, nullable=False),
    sa.Column("details", _json(), nullable=False),
)

officer_past_scopes = sa.Table(
    "officer_past_scopes",
    metadata,
    # the scope an officer had for feed numbers below ``until_seq`` (and at or above the
    # officer's previous row's): a scope exit is judged by the scope its officer had then
    sa.Column("officer_id", ID, primary_key=True),
    sa.Column("until_seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("team", sa.String(20), nullable=False),
    sa.Column("district", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
)

device_purges = sa.Table(
    "device_purges",
    metadata,
    # a purge a pull sent to a device (numbered by the exit that caused it), kept until the
    # device writes the record again: until then the record is no longer "its own write"
    sa.Column("device_id", ID, primary_key=True),
    sa.Column("record_id", ID, primary_key=True),
    sa.Column("feed_seq", sa.BigInteger(), nullable=False),
)
