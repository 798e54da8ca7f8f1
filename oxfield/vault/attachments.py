"""Files inside the vault, named by the SHA-256 of their content and stored in chunks.

A file is read from a binary file object one chunk at a time, hashed as it goes and written
under a temporary name; only at the end, when its hash is known, is it renamed to that hash
(or dropped, if the same content is already stored: identical files are kept once). So a 50 MB
scan never sits in Python memory whole, and the record that refers to it can commit in the
same transaction. Reading back yields the chunks in order and checks the hash at the end.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from oxfield.errors import VaultDamagedError, VaultError
from oxfield.vault.tables import Attachment, AttachmentChunk

CHUNK_BYTES = 1024 * 1024
_PENDING = "pending-"


class AttachmentMissingError(VaultError):
    """No attachment with that hash is stored in this vault."""


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    sha256: str
    size: int
    media_type: str
    #: False when identical content was already in the vault and nothing new was written
    added: bool


def store(
    session: Session,
    source: BinaryIO,
    *,
    media_type: str = "application/octet-stream",
    now: datetime | None = None,
) -> StoredAttachment:
    """Stream ``source`` into the vault in the caller's (write) session."""
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    pending = _PENDING + secrets.token_hex(28)
    session.execute(
        insert(Attachment).values(sha256=pending, size=0, media_type=media_type, created_at=at)
    )
    digest, size, seq = hashlib.sha256(), 0, 0
    while True:
        chunk = source.read(CHUNK_BYTES)
        if not chunk:
            break
        digest.update(chunk)
        size += len(chunk)
        session.execute(insert(AttachmentChunk).values(sha256=pending, seq=seq, data=chunk))
        seq += 1
        del chunk
    sha = digest.hexdigest()
    existing = session.get(Attachment, sha)
    if existing is not None:
        session.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == pending))
        session.execute(delete(Attachment).where(Attachment.sha256 == pending))
        return StoredAttachment(sha, existing.size, existing.media_type, added=False)
    session.execute(
        insert(Attachment).values(sha256=sha, size=size, media_type=media_type, created_at=at)
    )
    session.execute(
        update(AttachmentChunk).where(AttachmentChunk.sha256 == pending).values(sha256=sha)
    )
    session.execute(delete(Attachment).where(Attachment.sha256 == pending))
    return StoredAttachment(sha, size, media_type, added=True)


def info(session: Session, sha256: str) -> StoredAttachment:
    row = session.get(Attachment, sha256)
    if row is None or sha256.startswith(_PENDING):
        raise AttachmentMissingError("no attachment with that hash is stored in this vault")
    return StoredAttachment(row.sha256, row.size, row.media_type, added=False)


def chunks(session: Session, sha256: str) -> Iterator[bytes]:
    """The content in order, one chunk per item; raises at the end if it does not hash back.

    Each chunk is fetched on its own so that at most one is in memory at a time.
    """
    expected = info(session, sha256)
    count = session.scalar(
        select(func.count()).select_from(AttachmentChunk).where(AttachmentChunk.sha256 == sha256)
    )
    digest, size = hashlib.sha256(), 0
    for seq in range(count or 0):
        data = session.scalar(
            select(AttachmentChunk.data).where(
                AttachmentChunk.sha256 == sha256, AttachmentChunk.seq == seq
            )
        )
        if data is None:
            break
        digest.update(data)
        size += len(data)
        yield data
    if digest.hexdigest() != sha256 or size != expected.size:
        raise VaultDamagedError(
            "an attachment does not match its SHA-256 (checked: chunk sequence and content hash)"
        )


def remove(session: Session, sha256: str) -> None:
    """Delete a stored file and its chunks (callers check that nothing refers to it)."""
    session.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha256))
    session.execute(delete(Attachment).where(Attachment.sha256 == sha256))


def all_hashes(session: Session) -> list[str]:
    rows = session.scalars(select(Attachment.sha256).order_by(Attachment.sha256))
    return [sha for sha in rows if not sha.startswith(_PENDING)]
