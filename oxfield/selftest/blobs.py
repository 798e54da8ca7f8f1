"""Attachments for the self-test until the vault's attachment service is in this tree.

Same calls and shapes as ``oxfield.services.attachments`` (``store_in``, ``read``), written
straight over the vault's attachment tables, so switching over is a one-line import change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.vault.tables import Attachment, AttachmentChunk
from oxfield.vault.vault import Vault

CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    sha256: str
    size: int
    media_type: str


def store_in(session: Session, source: BinaryIO, media_type: str) -> StoredAttachment:
    data = source.read()
    sha = hashlib.sha256(data).hexdigest()
    now = datetime.now(UTC).replace(tzinfo=None)
    session.add(Attachment(sha256=sha, size=len(data), media_type=media_type, created_at=now))
    session.flush()
    for seq, start in enumerate(range(0, len(data), CHUNK_BYTES)):
        chunk = data[start : start + CHUNK_BYTES]
        session.add(AttachmentChunk(sha256=sha, seq=seq, data=chunk))
    return StoredAttachment(sha, len(data), media_type)


def read(vault: Vault, sha256: str) -> Iterator[bytes]:
    with vault.read() as session:
        rows = session.scalars(
            select(AttachmentChunk.data)
            .where(AttachmentChunk.sha256 == sha256)
            .order_by(AttachmentChunk.seq)
        )
        yield from rows
