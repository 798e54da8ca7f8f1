"""Reading and writing the sync bookkeeping inside one vault session.

The device engine opens a vault write session (marked ``guard.REMOTE`` when it applies the
server's copies, so no outbox rows or clock stamps are made for them) and calls these. Nothing
here talks to the network or decides a merge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
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
    set_if_changed,
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
    return (
        session.scalar(select(OutboxRow.seq).where(OutboxRow.record_id == record_id).limit(1))
        is not None
    )


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
        rows = session.scalars(
            select(ShadowRow).where(ShadowRow.record_id.in_(ids[start : start + 500]))
        )
        for row in rows:
            found[row.record_id] = Shadow(
                row.record_id, row.kind, row.version, row.hlc, row.author, row.device,
                row.deleted, row.team, row.district, row.assigned_officer,
                json.loads(row.fields), row.updated_at,
            )  # fmt: skip
    return found


def _shadow_values(s: Shadow) -> dict[str, Any]:
    return {
        "record_id": s.id, "kind": s.kind, "version": s.version, "hlc": s.hlc,
        "author": s.author, "device": s.device, "deleted": s.deleted, "team": s.team,
        "district": s.district, "assigned_officer": s.assigned_officer,
        "fields": json.dumps(s.fields, sort_keys=True), "updated_at": s.updated_at,
    }  # fmt: skip


def put_shadows(session: Session, items: list[Shadow]) -> None:
    """Store these server copies (one statement, many rows)."""
    if items:
        session.execute(_upsert_shadow(), [_shadow_values(i) for i in items])


@cache
def _upsert_shadow() -> Any:
    stmt = sqlite_insert(ShadowRow)
    cols = [c.name for c in ShadowRow.__table__.columns if c.name != "record_id"]
    return stmt.on_conflict_do_update(
        index_elements=["record_id"], set_={c: stmt.excluded[c] for c in cols}
    )


def put_shadow(session: Session, s: Shadow) -> None:
    put_shadows(session, [s])


def pending_ids(session: Session, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(
            session.scalars(
                select(OutboxRow.record_id).where(OutboxRow.record_id.in_(ids[start : start + 500]))
            )
        )
    return found


def done_many(session: Session, seqs: list[int]) -> None:
    for start in range(0, len(seqs), 500):
        session.execute(delete(OutboxRow).where(OutboxRow.seq.in_(seqs[start : start + 500])))


def clear_rejections_many(session: Session, ids: list[str]) -> None:
    for start in range(0, len(ids), 500):
        session.execute(
            delete(RejectionRow).where(RejectionRow.record_id.in_(ids[start : start + 500]))
        )


def set_versions(session: Session, kind: str, versions: dict[str, int]) -> None:
    """Record the server's version numbers on local records (bookkeeping: no outbox row)."""
    if not versions:
        return
    table = model_for(kind).__table__  # type: ignore[attr-defined]
    stmt = (
        update(table).where(table.c.id == bindparam("b_id")).values(version=bindparam("b_version"))
    )
    session.connection().execute(
        stmt, [{"b_id": rid, "b_version": v} for rid, v in versions.items()]
    )


def local(session: Session, kind: str, record_id: str) -> Synced | None:
    return session.get(model_for(kind), record_id)


def local_doc(obj: Synced) -> tuple[Doc, bool, tuple[str, str | None, str | None]]:
    team = str(getattr(obj.team, "value", obj.team))
    return to_doc(obj), bool(obj.deleted), (team, obj.district, obj.assigned_officer)


@dataclass(frozen=True, slots=True)
class Write:
    """One server copy (or merge result) to make the local record hold."""

    shadow: Shadow
    fields: Doc
    deleted: bool
    scope: tuple[str, str | None, str | None]
    hlc: str
    device: str
    author: str


def _existing(session: Session, kind: str, ids: set[str]) -> set[str]:
    cls = model_for(kind)
    found: set[str] = set()
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        found.update(session.scalars(select(cls.id).where(cls.id.in_(wanted[start : start + 500]))))
    return found


def _unique_clashes(session: Session, items: list[Write]) -> set[str]:
    """Records whose unique values (a case reference) another local record already holds."""
    clashes: set[str] = set()
    by_kind: dict[str, list[Write]] = {}
    for w in items:
        by_kind.setdefault(w.shadow.kind, []).append(w)
    for kind, group in by_kind.items():
        cls = model_for(kind)
        table = cls.__table__  # type: ignore[attr-defined]
        for column in (c for c in table.columns if c.unique):
            seen: dict[Any, str] = {}
            values = {w.fields.get(column.name): w.shadow.id for w in group}
            values.pop(None, None)
            rows = (
                session.execute(select(table.c.id, column).where(column.in_(list(values)))).all()
                if values
                else []
            )
            taken = {value: rid for rid, value in rows}
            for w in group:
                value = w.fields.get(column.name)
                if value is None:
                    continue
                holder = taken.get(value)
                if (holder is not None and holder != w.shadow.id) or seen.get(
                    value, w.shadow.id
                ) != w.shadow.id:
                    clashes.add(w.shadow.id)
                seen.setdefault(value, w.shadow.id)
    return clashes


def write_many(session: Session, items: list[Write]) -> set[str]:
    """Make the local records hold these copies, in one flush; returns the ids parked
    (pointing at a record not here yet, or clashing on a unique value). REMOTE sessions only."""
    assert session.info.get(guard.REMOTE), "server copies are applied in a REMOTE session"
    if not items:
        return set()
    with session.no_autoflush:
        parked = _park(session, items)
        ready = [w for w in items if w.shadow.id not in parked]
        _placeholders(session, ready)
        by_kind: dict[str, list[Write]] = {}
        for w in ready:
            by_kind.setdefault(w.shadow.kind, []).append(w)
        for kind, group in by_kind.items():
            cls = model_for(kind)
            ids = [w.shadow.id for w in group]
            objs: dict[str, Any] = {}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for loaded in session.scalars(select(cls).where(cls.id.in_(chunk))):
                    objs[loaded.id] = loaded
            for w in group:
                obj: Any = objs.get(w.shadow.id)
                if obj is None:
                    obj = cls()
                    obj.id = w.shadow.id
                    session.add(obj)
                apply_doc(obj, w.fields)
                for name, value in (
                    ("team", Team(w.scope[0])), ("district", w.scope[1]),
                    ("assigned_officer", w.scope[2]), ("deleted", w.deleted),
                    ("version", w.shadow.version), ("hlc", w.hlc), ("device", w.device),
                    ("author", w.author), ("updated_at", w.shadow.updated_at),
                ):  # fmt: skip
                    set_if_changed(obj, name, value)
        done = [w.shadow.id for w in ready]
        for start in range(0, len(done), 500):
            session.execute(
                delete(ParkedRow).where(ParkedRow.record_id.in_(done[start : start + 500]))
            )
    session.flush()
    return parked


def _park(session: Session, items: list[Write]) -> set[str]:
    wanted: dict[str, set[str]] = {}
    refs: dict[str, list[tuple[str, str]]] = {}
    for w in items:
        for column, target_kind in references(model_for(w.shadow.kind)).items():
            target = w.fields.get(column)
            if isinstance(target, str):
                wanted.setdefault(target_kind, set()).add(target)
                refs.setdefault(w.shadow.id, []).append((target_kind, target))
    present = {kind: _existing(session, kind, ids) for kind, ids in wanted.items()}
    arriving = {w.shadow.id for w in items}
    parked: dict[str, str] = {rid: UNSTORABLE for rid in _unique_clashes(session, items)}
    changed = True
    while changed:
        changed = False
        for rid, targets in refs.items():
            if rid in parked:
                continue
            for kind, target in targets:
                if target not in present[kind] and (target not in arriving or target in parked):
                    parked[rid] = target
                    changed = True
                    break
    kinds = {w.shadow.id: w.shadow.kind for w in items}
    for rid, waiting in parked.items():
        session.merge(ParkedRow(record_id=rid, kind=kinds[rid], waiting_for=waiting))
    return set(parked)


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
    """One record (see :func:`write_many`); False when it was parked."""
    return not write_many(session, [Write(s, fields, deleted, scope, hlc, device, author)])


def _placeholders(session: Session, items: list[Write]) -> None:
    """Files the records point at that are not here yet: empty rows to download into."""
    for w in items:
        for column in file_columns(model_for(w.shadow.kind)):
            sha = w.fields.get(column)
            if isinstance(sha, str) and session.get(Attachment, sha) is None:
                session.add(Attachment(sha256=sha, size=-1, created_at=utc_now()))
                session.flush()
                session.execute(
                    sqlite_insert(TransferRow)
                    .values(sha256=sha, direction="down", record_id=w.shadow.id)
                    .on_conflict_do_nothing()
                )


def set_version(session: Session, kind: str, record_id: str, version: int) -> None:
    obj = local(session, kind, record_id)
    if obj is not None and obj.version != version:
        obj.version = version


def parked(session: Session) -> list[str]:
    return list(session.scalars(select(ParkedRow.record_id).order_by(ParkedRow.record_id)))


# --- conflicts ----------------------------------------------------------------------------


def put_conflict(session: Session, c: dict[str, Any], resolved: bool) -> bool:
    """Store a conflict the server sent; True when the vault did not hold it (the server sends
    one again when its record moves, and a laptop that kept it has nothing new)."""
    row = session.get(ConflictRow, c["id"])
    status = "resolved" if resolved else (row.status if row is not None else "open")
    values = {**c, "status": status}
    for key in ("base_value", "kept_value", "other_value"):
        values[key] = json.dumps(c[key])
    session.merge(ConflictRow(**values))
    return row is None


def open_conflicts(session: Session, record_id: str | None = None) -> list[ConflictRow]:
    query = select(ConflictRow).where(ConflictRow.status != "resolved")
    if record_id is not None:
        query = query.where(ConflictRow.record_id == record_id)
    return list(session.scalars(query.order_by(ConflictRow.created_at, ConflictRow.id)))


def settle_resolutions(session: Session, ids: list[str]) -> None:
    """Our resolution of these conflicts reached the server."""
    if ids:
        session.execute(
            update(ConflictRow).where(ConflictRow.id.in_(ids)).values(status="resolved")
        )


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
                column = table.record_id
                session.execute(delete(table).where(column == record_id))
    except IntegrityError:
        want_purge(session, record_id)
        return False
    finally:
        session.info[guard.PURGE] = False
    return True
