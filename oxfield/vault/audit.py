"""The append-only audit log: each row's HMAC covers the row and the MAC of the row before.

The MAC key is derived with HKDF from the data key, so only someone who can open the vault can
extend the chain, and editing, deleting or reordering rows breaks it. The chain's head (last
sequence number and MAC) is kept in ``vault_meta`` and updated in the same transaction as the
append, so deleting rows from the end is caught too. :func:`verify` names the first entry that
does not check out.

Rows are appended inside the caller's session, so an audited change and its audit row commit
or roll back together. Details are small JSON objects of ids and counts, never personal data.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from oxfield.errors import VaultDamagedError
from oxfield.vault.tables import AuditEntry, VaultMeta

GENESIS = bytes(32)
HEAD_KEY = "audit_head"
KEY_ID_KEY = "audit_key_id"


def audit_key(dek: bytes) -> bytes:
    """The audit chain's MAC key: HKDF-SHA256 of the data key, for this purpose only."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"oxfield audit log v1").derive(dek)


def key_id(key: bytes) -> str:
    """A short, non-secret name for a MAC key, to tell which key a chain was made with."""
    return hmac.new(key, b"oxfield audit key id", sha256).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class AuditReport:
    entries: int
    first_broken: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None and not self.reason

    def summary(self) -> str:
        if self.ok:
            return f"audit chain: {self.entries} entries verified"
        where = f" at entry {self.first_broken}" if self.first_broken is not None else ""
        return f"audit chain broken{where}: {self.reason}"


def _utc_naive(at: datetime) -> datetime:
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at


def _mac(key: bytes, prev: bytes, row: AuditEntry) -> bytes:
    body = [
        row.seq,
        _utc_naive(row.at).isoformat(timespec="microseconds"),
        row.actor,
        row.action,
        row.subject_kind,
        row.subject_id,
        row.detail,
    ]
    message = prev + json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return hmac.new(key, message, sha256).digest()


def _head(session: Session) -> tuple[int, bytes] | None:
    value = session.scalar(select(VaultMeta.value).where(VaultMeta.key == HEAD_KEY))
    if value is None:
        return None
    seq, mac = value.split(":", 1)
    return int(seq), bytes.fromhex(mac)


def append(
    session: Session,
    key: bytes,
    action: str,
    *,
    actor: str = "officer",
    subject_kind: str | None = None,
    subject_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> int:
    """Add one entry after the current head; returns its sequence number.

    Call it in a write session (IMMEDIATE), so two appenders cannot both read the same head.
    """
    head = _head(session)
    seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS)
    row = AuditEntry(
        seq=seq,
        at=_utc_naive(at or datetime.now(UTC)),
        actor=actor,
        action=action,
        subject_kind=subject_kind,
        subject_id=subject_id,
        detail=json.dumps(dict(detail or {}), sort_keys=True, separators=(",", ":")),
        mac=b"",
    )
    row.mac = _mac(key, prev, row)
    session.add(row)
    session.merge(VaultMeta(key=HEAD_KEY, value=f"{seq}:{row.mac.hex()}"))
    if session.get(VaultMeta, KEY_ID_KEY) is None:
        session.add(VaultMeta(key=KEY_ID_KEY, value=key_id(key)))
    session.flush()
    return seq


def verify(session: Session, key: bytes) -> AuditReport:
    """Walk the chain from the start; report the first entry that is missing or altered."""
    stored_id = session.scalar(select(VaultMeta.value).where(VaultMeta.key == KEY_ID_KEY))
    if stored_id is not None and stored_id != key_id(key):
        return AuditReport(0, 1, "the chain was made with another data key (interrupted re-key?)")
    prev, expected, count = GENESIS, 1, 0
    query = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=500)
    rows = session.scalars(query)
    for row in rows:
        if row.seq != expected:
            return AuditReport(count, expected, f"entry {expected} is missing (deleted?)")
        if not hmac.compare_digest(_mac(key, prev, row), row.mac):
            return AuditReport(count, row.seq, "entry was altered, moved or replaced")
        prev, expected, count = row.mac, expected + 1, count + 1
    head = _head(session)
    if head is None:
        if count:
            return AuditReport(count, None, "the chain's head record is missing")
        return AuditReport(0)
    head_seq, head_mac = head
    if head_seq > count:
        return AuditReport(count, count + 1, f"entries {count + 1} to {head_seq} were removed")
    if head_seq < count or not hmac.compare_digest(head_mac, prev):
        return AuditReport(count, head_seq, "the chain's head does not match its last entry")
    return AuditReport(count)


def rechain(session: Session, old_key: bytes, new_key: bytes) -> int:
    """Re-MAC the whole chain under ``new_key`` (after a re-key), having verified it first.

    Refuses a broken chain: re-signing it would launder the tampering.
    """
    report = verify(session, old_key)
    if not report.ok:
        raise VaultDamagedError(f"cannot re-key: {report.summary()}")
    prev = GENESIS
    for row in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all():
        mac = _mac(new_key, prev, row)
        session.execute(update(AuditEntry).where(AuditEntry.seq == row.seq).values(mac=mac))
        prev = mac
    if report.entries:
        session.merge(VaultMeta(key=HEAD_KEY, value=f"{report.entries}:{prev.hex()}"))
    session.merge(VaultMeta(key=KEY_ID_KEY, value=key_id(new_key)))
    session.flush()
    return report.entries


def current_key_id(session: Session) -> str | None:
    return session.scalar(select(VaultMeta.value).where(VaultMeta.key == KEY_ID_KEY))
