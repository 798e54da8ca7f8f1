"""Reading and writing the sync bookkeeping inside one vault session.

The device engine opens a vault write session (marked ``guard.REMOTE`` when it applies the
server's copies, so no outbox rows or clock stamps are made for them) and calls these. Nothing
here talks to the network or decides a merge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from oxfield.domain import guard
from oxfield.domain.base import Synced, utc_now
from oxfield.domain.kinds import Team
from oxfield.replica.documents import (
    Doc,
    apply_doc,
    file_columns,
    model_for,
    references,
    to_doc,
)
from oxfield.replica.tables import (
    ConflictRow,
    OutboxRow,
    ParkedRow,
    PurgeRow,
    RejectionRow,
    ShadowRow,
    TransferRow,
)
from oxfield.vault.tables import Attachment, VaultMeta

CURSOR = "sync.cursor"
#: ``waiting_for`` of a record the vault refused (a unique value taken by another record)
UNSTORABLE = "unstorable"


@dataclass(frozen=True, slots=True)
class Shadow:
    """A record as the server last told us (a ServerRecord, in plain data)."""

    id: str
    kind: str
    version: int
    hlc: str
    author: str
    device: str
    deleted: bool
    team: str
    district: str | None
    assigned_officer: str | None
    fields: Doc
    updated_at: datetime

    @property
    def scope(self) -> tuple[str, str | None, str | None]:
        return (self.team, self.district, self.assigned_officer)


def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(VaultMeta.value).where(VaultMeta.key == key))


def set_meta(session: Session, key: str, value: str) -> None:
    session.merge(VaultMeta(key=key, value=value))


def cursor(session: Session) -> int:
    return int(get_meta(session, CURSOR) or 0)


# --- outbox -------------------------------------------------------------------------------


def pending(session: Session, limit: int, after: int = 0) -> list[OutboxRow]:
    return list(
        session.scalars(
            select(OutboxRow).where(OutboxRow.seq > after).order_by(OutboxRow.seq).limit(limit)
        )
    )


def pending_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def has_pending(session: Session, record_id: str) -> bool:
    return session.scalar(select(OutboxRow.seq).where(OutboxRow.record_id == record_id).limit(1)) is not None


def mark_sent(session: Session, seqs: list[int]) -> None:
    session.execute(update(OutboxRow).where(OutboxRow.seq.in_(seqs)).values(sent=True))


def done(session: Session, seq: int) -> None:
    session.execute(delete(OutboxRow).where(OutboxRow.seq == seq))


def reject(session: Session, row: OutboxRow, reason: str, field: str | None, now: datetime) -> None:
    session.merge(
        RejectionRow(
            seq=row.seq, record_id=row.record_id, kind=row.kind, reason=reason, field=field,
            created_at=now,
        )
    )  # fmt: skip
    session.execute(delete(OutboxRow).where(OutboxRow.seq == row.seq))


def clear_rejections(session: Session, record_id: str) -> None:
    session.execute(delete(RejectionRow).where(RejectionRow.record_id == record_id))


# --- shadow copies and local records ------------------------------------------------------


def shadow(session: Session, record_id: str) -> Shadow | None:
    row = session.get(ShadowRow, record_id)
    if row is None:
        return None
    return Shadow(
        row.record_id, row.kind, row.version, row.hlc, row.author, row.device, row.deleted,
        row.team, row.district, row.assigned_officer, json.loads(row.fields), row.updated_at,
    )  # fmt: skip


def shadows(session: Session, ids: list[str]) -> dict[str, Shadow]:
    found: dict[str, Shadow] = {}
    for start in range(0, len(ids), 500):
        rows = session.scalars(select(ShadowRow).where(ShadowRow.record_id.in_(ids[start : start + 500])))
        for row in rows:
            found[row.record_id] = Shadow(
                row.record_id, row.kind, row.version, row.hlc, row.author, row.device,
                row.deleted, row.team, row.district, row.assigned_officer,
                json.loads(row.fields), row.updated_at,
            )  # fmt: skip
    return found


def put_shadow(session: Session, s: Shadow) -> None:
    values: dict[str, Any] = {
        "record_id": s.id, "kind": s.kind, "version": s.version, "hlc": s.hlc,
        "author": s.author, "device": s.device, "deleted": s.deleted, "team": s.team,
        "district": s.district, "assigned_officer": s.assigned_officer,
        "fields": json.dumps(s.fields, sort_keys=True), "updated_at": s.updated_at,
    }  # fmt: skip
    stmt = sqlite_insert(ShadowRow.__table__).values(values)
    session.execute(stmt.on_conflict_do_update(index_elements=["record_id"], set_=values))


def local(session: Session, kind: str, record_id: str) -> Synced | None:
    return session.get(model_for(kind), record_id)


def local_doc(obj: Synced) -> tuple[Doc, bool, tuple[str, str | None, str | None]]:
    team = str(getattr(obj.team, "value", obj.team))
    return to_doc(obj), bool(obj.deleted), (team, obj.district, obj.assigned_officer)


def missing_reference(session: Session, kind: str, fields: Doc) -> str | None:
    """The id of a record ``fields`` points at that is not in the vault yet, if any."""
    for column, target_kind in references(model_for(kind)).items():
        target = fields.get(column)
        if isinstance(target, str) and session.get(model_for(target_kind), target) is None:
            return target
    return None


def write_local(
    session: Session,
    s: Shadow,
    fields: Doc,
    deleted: bool,
    scope: tuple[str, str | None, str | None],
    hlc: str,
    device: str,
    author: str,
) -> bool:
    """Make the local record hold ``fields``; False (and parked) when it points at a record
    that has not arrived yet. Call in a ``REMOTE`` session."""
    assert session.info.get(guard.REMOTE), "server copies are applied in a REMOTE session"
    waiting = missing_reference(session, s.kind, fields)
    if waiting is not None:
        session.merge(ParkedRow(record_id=s.id, kind=s.kind, waiting_for=waiting))
        return False
    _placeholders(session, s.kind, s.id, fields)
    cls = model_for(s.kind)
    try:
        with session.begin_nested():
            obj = session.get(cls, s.id)
            if obj is None:
                obj = cls(id=s.id)
                session.add(obj)
            apply_doc(obj, fields)
            obj.team = Team(scope[0])
            obj.district = scope[1]
            obj.assigned_officer = scope[2]
            obj.deleted = deleted
            obj.version = s.version
            obj.hlc = hlc
            obj.device = device
            obj.author = author
            obj.updated_at = s.updated_at
            session.flush()
    except IntegrityError:
        # e.g. a case reference another laptop also gave out: keep the server's copy in the
        # shadow and say so, rather than stop every later sync on it
        session.merge(ParkedRow(record_id=s.id, kind=s.kind, waiting_for=UNSTORABLE))
        return False
    session.execute(delete(ParkedRow).where(ParkedRow.record_id == s.id))
    return True


def _placeholders(session: Session, kind: str, record_id: str, fields: Doc) -> None:
    """A file the record points at that is not here yet: an empty row to download into."""
    for column in file_columns(model_for(kind)):
        sha = fields.get(column)
        if isinstance(sha, str) and session.get(Attachment, sha) is None:
            session.add(Attachment(sha256=sha, size=-1, created_at=utc_now()))
            session.flush()
            session.execute(
                sqlite_insert(TransferRow.__table__)
                .values(sha256=sha, direction="down", record_id=record_id)
                .on_conflict_do_nothing()
            )


def set_version(session: Session, kind: str, record_id: str, version: int) -> None:
    obj = local(session, kind, record_id)
    if obj is not None and obj.version != version:
        obj.version = version


def parked(session: Session) -> list[str]:
    return list(session.scalars(select(ParkedRow.record_id).order_by(ParkedRow.record_id)))


# --- conflicts ----------------------------------------------------------------------------


def put_conflict(session: Session, c: dict[str, Any], resolved: bool) -> None:
    row = session.get(ConflictRow, c["id"])
    status = "resolved" if resolved else (row.status if row is not None else "open")
    values = {**c, "status": status}
    for key in ("base_value", "kept_value", "other_value"):
        values[key] = json.dumps(c[key])
    session.merge(ConflictRow(**values))


def open_conflicts(session: Session, record_id: str | None = None) -> list[ConflictRow]:
    query = select(ConflictRow).where(ConflictRow.status != "resolved")
    if record_id is not None:
        query = query.where(ConflictRow.record_id == record_id)
    return list(session.scalars(query.order_by(ConflictRow.created_at, ConflictRow.id)))


def settle_resolutions(session: Session, ids: list[str]) -> None:
    """Our resolution of these conflicts reached the server."""
    if ids:
        session.execute(update(ConflictRow).where(ConflictRow.id.in_(ids)).values(status="resolved"))


# --- purges -------------------------------------------------------------------------------


def want_purge(session: Session, record_id: str) -> None:
    session.merge(PurgeRow(record_id=record_id))


def purges(session: Session) -> list[str]:
    return list(session.scalars(select(PurgeRow.record_id)))


def purge(session: Session, record_id: str) -> bool:
    """Remove a record that left this device's scope; False if it must wait (its changes have
    not gone up yet, or other local records still point at it)."""
    if has_pending(session, record_id):
        want_purge(session, record_id)
        return False
    row = session.get(ShadowRow, record_id)
    kind = row.kind if row is not None else None
    session.info[guard.PURGE] = True
    try:
        with session.begin_nested():
            if kind is not None:
                obj = local(session, kind, record_id)
                if obj is not None:
                    session.delete(obj)
                    session.flush()
            for table in (ShadowRow, ConflictRow, RejectionRow, ParkedRow, PurgeRow):
                column = table.record_id  # type: ignore[attr-defined]
                session.execute(delete(table).where(column == record_id))
    except IntegrityError:
        want_purge(session, record_id)
        return False
    finally:
        session.info[guard.PURGE] = False
    return True
