"""The vault's own tables: metadata, the audit chain, attachments and autosaved drafts.

Domain records live in ``oxfield.domain``; these are the vault's machinery.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from oxfield.orm import Base


class VaultMeta(Base):
    """Key/value facts about this vault: its id, generation counter, clock, audit head."""

    __tablename__ = "vault_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One append-only audit row; ``mac`` chains it to the row before (see ``audit.py``)."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject_kind: Mapped[str | None] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    mac: Mapped[bytes] = mapped_column(LargeBinary(32))


class Attachment(Base):
    """A file stored in the vault, named by the SHA-256 of its content."""

    __tablename__ = "attachment"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    media_type: Mapped[str] = mapped_column(String(127), default="application/octet-stream")
    created_at: Mapped[datetime]


class AttachmentChunk(Base):
    __tablename__ = "attachment_chunk"
    sha256: Mapped[str] = mapped_column(
        ForeignKey("attachment.sha256", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Draft(Base):
    """A form in progress, autosaved so that a crash or a flat battery loses nothing."""

    __tablename__ = "draft"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    form: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
