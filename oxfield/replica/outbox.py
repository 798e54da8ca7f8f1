"""Record every local change to a synced record in the outbox, in the same transaction.

An ``after_flush`` listener on every Session: for each synced record the flush wrote (unless
the session applies the server's changes, ``guard.REMOTE``), it compares the record with what
the server will hold once the pending outbox has gone up (the shadow copy plus the pending
changes) and, if anything differs, appends one outbox row with the next sequence number. Since
it runs inside the flush's transaction, a crash either keeps both the change and its outbox
row or neither: no change can be left that will never be sent. Diffing against the projected
server copy (not against the previous local value) also means that a change the server refused
is sent again with the officer's next edit, and an edit undone before sync is undone there too.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, UOWTransaction

from oxfield.clock import Clock
from oxfield.domain import guard
from oxfield.domain.base import SYNC_BOOKKEEPING, Synced
from oxfield.replica.documents import Doc, diff, file_columns, to_doc
from oxfield.replica.tables import OutboxRow, ShadowRow, TransferRow

#: Session info key: conflict ids that the changes of this session resolve.
RESOLVES = "oxfield.replica.resolves"
_SCOPE = ("team", "district", "assigned_officer")


def apply_changes(fields: Doc, changed: Doc) -> Doc:
    """A document after changed fields (``None`` clears one), as the server applies them."""
    out = dict(fields)
    for name, value in changed.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


def projected(conn: Connection, record_id: str) -> tuple[int, Doc, bool, tuple[Any, ...]] | None:
    """(base version, fields, deleted, scope) the server will hold after the pending outbox;
    None when the server has never heard of the record and nothing is pending."""
    s = ShadowRow.__table__
    o = OutboxRow.__table__
    row = conn.execute(
        select(
            s.c.version, s.c.fields, s.c.deleted, s.c.team, s.c.district, s.c.assigned_officer
        ).where(s.c.record_id == record_id)
    ).first()
    pending = conn.execute(
        select(o.c.fields, o.c.deleted, o.c.team, o.c.district, o.c.assigned_officer)
        .where(o.c.record_id == record_id)
        .order_by(o.c.seq)
    ).all()
    if row is None and not pending:
        return None
    version = int(row.version) if row is not None else 0
    fields: Doc = json.loads(row.fields) if row is not None else {}
    deleted = bool(row.deleted) if row is not None else False
    scope: tuple[Any, ...] = tuple(row[3:6]) if row is not None else (None, None, None)
    for p in pending:
        fields = apply_changes(fields, json.loads(p.fields))
        deleted = bool(p.deleted)
        scope = (p.team, p.district, p.assigned_officer)
    return version, fields, deleted, scope


def _has_changes(obj: Synced) -> bool:
    from sqlalchemy import inspect

    state = inspect(obj)
    changed = {a.key for a in state.attrs if a.history.has_changes()}
    return bool(changed - SYNC_BOOKKEEPING)


def record(
    conn: Connection, obj: Synced, *, deleted: bool, clock: Clock, resolves: list[str]
) -> int | None:
    """Append the outbox row for ``obj``'s current state; returns its seq (None: no change)."""
    doc = to_doc(obj)
    scope = (_text(obj.team), obj.district, obj.assigned_officer)
    before = projected(conn, obj.id)
    old: Doc
    old_scope: tuple[Any, ...]
    if before is None:
        base_version, old, was_deleted, old_scope = 0, {}, False, (None, None, None)
    else:
        base_version, old, was_deleted, old_scope = before
    changed = diff(old, doc)
    unchanged = not changed and deleted == was_deleted and scope == old_scope
    if before is not None and unchanged and not resolves:
        return None
    result = conn.execute(
        insert(OutboxRow).values(
            record_id=obj.id,
            kind=obj.KIND,
            base_version=base_version,
            hlc=obj.hlc,
            fields=json.dumps(changed, sort_keys=True),
            deleted=deleted,
            team=scope[0],
            district=scope[1],
            assigned_officer=scope[2],
            resolves=json.dumps(resolves),
            sent=False,
            created_at=clock.now(),
        )
    )
    for column in file_columns(type(obj)):
        sha = doc.get(column)
        if isinstance(sha, str):
            conn.execute(
                sqlite_insert(TransferRow)
                .values(sha256=sha, direction="up", record_id=obj.id)
                .on_conflict_do_nothing()
            )
    key = result.inserted_primary_key
    return int(key[0]) if key is not None else None


def _text(value: object) -> str:
    return str(getattr(value, "value", value))


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    if session.info.get(guard.REMOTE) or session.info.get(guard.PURGE):
        return
    written = [o for o in session.new if isinstance(o, Synced)]
    written += [o for o in session.dirty if isinstance(o, Synced) and _has_changes(o)]
    removed = [o for o in session.deleted if isinstance(o, Synced)]
    if not written and not removed:
        return
    conn = session.connection()
    clock: Clock = session.info.get(guard.CLOCK) or Clock()
    resolves: list[str] = list(session.info.get(RESOLVES) or [])
    for obj in written:
        record(conn, obj, deleted=bool(obj.deleted), clock=clock, resolves=resolves)
    for obj in removed:
        record(conn, obj, deleted=True, clock=clock, resolves=resolves)
