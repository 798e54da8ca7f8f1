"""Notes on any record, amendments to signed records, and files attached to records.

An amendment never changes the original: it points at it (kind and id), says why, and carries
the corrected fields as JSON. Readers show both.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from oxfield.domain.base import Signable, Synced
from oxfield.domain.types import UTCDateTime
from oxfield.orm import Base


class Note(Synced, Base):
    __tablename__ = "note"
    KIND = "note"

    subject_kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(36), index=True)
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    zone: Mapped[str] = mapped_column(String(64), default="Europe/London")


class Amendment(Signable, Base):
    __tablename__ = "amendment"
    KIND = "amendment"

    amends_kind: Mapped[str] = mapped_column(String(40))
    amends_id: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(Text)
    #: JSON object of field name -> corrected value
    changes: Mapped[str] = mapped_column(Text, default="{}")


class RecordAttachment(Synced, Base):
    """A file in the vault's attachment store linked to a record."""

    __tablename__ = "record_attachment"
    KIND = "record_attachment"

    subject_kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(36), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachment.sha256"))
    caption: Mapped[str | None] = mapped_column(String(200))
