"""The sync bookkeeping tables in the vault (migrations ``0003_sync``, ``0005_conflict_credit``,
``0006_officer_names``).

- ``sync_outbox``: each local change, numbered by a per-device sequence that is never reused
  (SQLite AUTOINCREMENT), with its base version and changed fields. ``sent`` marks a change
  that has been offered to the server at least once: its answer may have been lost, so it is
  re-sent as it is (the server answers a repeated sequence number with its first answer).
- ``sync_shadow``: the last-known server copy of each record.
- ``sync_conflict``: conflicts the server reported, until resolved, each value credited to the
  device and officer that typed it and when (the credit columns come with ``0005``).
- ``sync_rejection``: changes the server refused, with its reason, set aside.
- ``sync_parked``: server records waiting for a record they point at (a later page).
- ``sync_purge``: records that left this device's scope, removed once their changes went up.
- ``sync_transfer``: files to upload or download.
- ``sync_officer``: the name and team of officers the conflicts name (from the server's
  ``POST /v1/officers``), so the review can say who rather than show an id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from oxfield.domain.types import UTCDateTime
from oxfield.orm import Base


class OutboxRow(Base):
    __tablename__ = "sync_outbox"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    base_version: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(80))
    fields: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean)
    team: Mapped[str] = mapped_column(String(16))
    district: Mapped[str | None] = mapped_column(String(64))
    assigned_officer: Mapped[str | None] = mapped_column(String(64))
    resolves: Mapped[str] = mapped_column(Text, default="[]")
    sent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ShadowRow(Base):
    __tablename__ = "sync_shadow"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(80))
    author: Mapped[str] = mapped_column(String(64))
    device: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean)
    team: Mapped[str] = mapped_column(String(16))
    district: Mapped[str | None] = mapped_column(String(64))
    assigned_officer: Mapped[str | None] = mapped_column(String(64))
    fields: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConflictRow(Base):
    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    base_value: Mapped[str] = mapped_column(Text)
    kept_value: Mapped[str] = mapped_column(Text)
    other_value: Mapped[str] = mapped_column(Text)
    kept_present: Mapped[bool] = mapped_column(Boolean)
    other_present: Mapped[bool] = mapped_column(Boolean)
    kept_by_device: Mapped[str] = mapped_column(String(64))
    other_by_device: Mapped[str] = mapped_column(String(64))
    other_by_officer: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: who typed the kept value and when the server received each value (``0005``); None on
    #: conflicts stored before the vault kept them
    kept_by_officer: Mapped[str | None] = mapped_column(String(64))
    kept_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    other_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: "open", "resolving" (our resolution waits in the outbox) or "resolved"
    status: Mapped[str] = mapped_column(String(16), default="open")


class RejectionRow(Base):
    __tablename__ = "sync_rejection"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ParkedRow(Base):
    __tablename__ = "sync_parked"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    waiting_for: Mapped[str] = mapped_column(String(36))


class PurgeRow(Base):
    __tablename__ = "sync_purge"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class TransferRow(Base):
    __tablename__ = "sync_transfer"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: "up" or "down"
    direction: Mapped[str] = mapped_column(String(4), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36))


class OfficerNameRow(Base):
    __tablename__ = "sync_officer"

    officer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    team: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
