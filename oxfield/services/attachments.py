"""Attachments (photos, signatures, scanned letters) as the rest of OxField stores and reads them.

Content goes in from a binary file object and comes back as an iterator of chunks, so the caller
never needs the whole file in memory. :func:`store_in` lets a service store a file in the same
transaction as the record that refers to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from sqlalchemy.orm import Session

from oxfield.vault import attachments as _attachments
from oxfield.vault.attachments import AttachmentMissingError, StoredAttachment
from oxfield.vault.vault import Vault

__all__ = ["AttachmentMissingError", "StoredAttachment", "info", "read", "store", "store_in"]


def store_in(
    session: Session, source: BinaryIO, media_type: str = "application/octet-stream"
) -> StoredAttachment:
    """Store ``source`` in the caller's write session; identical content is kept once."""
    return _attachments.store(session, source, media_type=media_type)


def store(
    vault: Vault, source: BinaryIO, media_type: str = "application/octet-stream"
) -> StoredAttachment:
    with vault.write() as session:
        stored = store_in(session, source, media_type)
        if stored.added:
            vault.audit_in(
                session,
                "attachment.add",
                subject_kind="attachment",
                subject_id=stored.sha256,
                detail={"size": stored.size},
            )
        return stored


def info(vault: Vault, sha256: str) -> StoredAttachment:
    with vault.read() as session:
        return _attachments.info(session, sha256)


def read(vault: Vault, sha256: str) -> Iterator[bytes]:
    """The content in chunks, checked against its hash; one consistent read transaction."""
    with vault.read() as session, session.begin():
        yield from _attachments.chunks(session, sha256)
