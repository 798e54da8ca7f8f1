"""``POST /v1/push``: apply a device's changes at most once each, in one transaction.

The transaction locks the records the batch touches (in id order, so two pushes never
deadlock), decides each change (``sync.server.decide``), then takes feed numbers for
everything it wrote from the counter row as its last step before commit (``feed``). Each
(device, seq) is stored with its answer, so a re-sent change, even one racing its first copy
on another server process, gets the first answer back instead of being applied twice.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from oxfield.ids import new_id
from sync.merge import DELETED_FIELD, MISSING, FieldConflict
from sync.protocol import Change, ChangeResult, Conflict, PushRequest, PushResponse
from sync.server import feed, schema
from sync.server.auth import DeviceContext
from sync.server.db import is_postgres, writing
from sync.server.decide import Base, Outcome, RecordState, Rejection, decide
from sync.server.provenance import Credit, field_ranker, typed_by
from sync.server.records import conflict_model, current_officer, load_states, server_record

_RETRIES = 8


def push(engine: Engine, ctx: DeviceContext, request: PushRequest, now: datetime) -> PushResponse:
    """Apply ``request``; retried whole when a concurrent duplicate or deadlock interferes."""
    for attempt in range(_RETRIES):
        try:
            with writing(engine) as conn:
                results = _apply(conn, ctx, request.changes, now)
            return PushResponse(results=results, server_time=now)
        except (IntegrityError, DBAPIError) as exc:
            if attempt == _RETRIES - 1 or not _retryable(exc):
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(exc.orig, "sqlstate", None)
    return code in {"40001", "40P01"} or "database is locked" in str(exc.orig)


class _Batch:
    """Everything one push will write, gathered before the feed numbers are taken."""

    def __init__(self) -> None:
        self.new: dict[str, RecordState] = {}
        self.changed: dict[str, RecordState] = {}
        self.versions: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []
        self.resolved: dict[str, str] = {}
        self.applied: list[dict[str, Any]] = []


def _apply(
    conn: Connection, ctx: DeviceContext, changes: list[Change], now: datetime
) -> list[ChangeResult]:
    ctx = replace(ctx, officer=current_officer(conn, ctx.officer))
    done = _earlier_results(conn, ctx.device_id, [c.seq for c in changes])
    todo = [c for c in changes if c.seq not in done]
    states = load_states(conn, {c.record_id for c in todo}, lock=is_postgres(conn.engine))
    original_scope = {rid: s.scope() for rid, s in states.items()}
    batch = _Batch()
    results: list[ChangeResult] = []
    for change in changes:
        if change.seq in done:
            results.append(done[change.seq])
            continue
        result = _one(conn, ctx, change, states, batch, now)
        done[change.seq] = result
        results.append(result)
        batch.applied.append(
            {
                "device_id": ctx.device_id,
                "seq": change.seq,
                "created_at": now,
                "result": result.model_dump_json(),
            }
        )
    feed.write_batch(conn, batch, original_scope, now)
    return results


def _earlier_results(conn: Connection, device_id: str, seqs: list[int]) -> dict[int, ChangeResult]:
    if not seqs:
        return {}
    t = schema.applied_changes
    rows = conn.execute(
        sa.select(t.c.seq, t.c.result).where(t.c.device_id == device_id, t.c.seq.in_(seqs))
    )
    return {r.seq: ChangeResult.model_validate_json(r.result) for r in rows}


def _base_for(
    conn: Connection, current: RecordState, change: Change, device_id: str
) -> Base | None:
    """The version the device's change builds on: the one it names, or its own later write
    (a device's unsynced edits follow each other, so each builds on the one before)."""
    if current.device == device_id or change.base_version == current.version:
        return Base(current.fields, current.deleted, current.scope())
    v = schema.record_versions
    own = conn.execute(
        sa.select(sa.func.max(v.c.version)).where(
            v.c.record_id == current.id, v.c.device == device_id
        )
    ).scalar()
    number = max(change.base_version, int(own or 0))
    if number == 0:
        return None
    row = conn.execute(
        sa.select(v).where(v.c.record_id == current.id, v.c.version == number)
    ).first()
    if row is None:
        return None
    return Base(dict(row.fields), row.deleted, (row.team, row.district, row.assigned_officer))


def _one(
    conn: Connection,
    ctx: DeviceContext,
    change: Change,
    states: dict[str, RecordState],
    batch: _Batch,
    now: datetime,
) -> ChangeResult:
    current = states.get(change.record_id)
    base = _base_for(conn, current, change, ctx.device_id) if current is not None else None
    ranker = (
        field_ranker(conn, current.id, current.version, batch.versions)
        if current is not None
        else None
    )
    outcome = decide(current, base, change, ctx.officer, ctx.device_id, now, ranker)
    if isinstance(outcome, Rejection):
        return ChangeResult(
            seq=change.seq,
            record_id=change.record_id,
            status="rejected",
            reason=outcome.reason,
            field=outcome.field,
        )
    rejection = _resolve(conn, change, batch, ctx.device_id)
    if rejection is not None:
        return ChangeResult(
            seq=change.seq,
            record_id=change.record_id,
            status="rejected",
            reason=rejection.reason,
            field=rejection.field,
        )
    state = outcome.state
    states[state.id] = state
    if current is None or state.id in batch.new:
        batch.new[state.id] = state
    else:
        batch.changed[state.id] = state
    batch.versions.append(
        {
            "record_id": state.id,
            "version": state.version,
            "hlc": change.hlc,
            "device": ctx.device_id,
            "author": ctx.officer.id,
            "deleted": state.deleted,
            "team": state.team,
            "district": state.district,
            "assigned_officer": state.assigned_officer,
            "fields": state.fields,
            "created_at": now,
        }
    )
    models = [_store_conflict(conn, c, state, current, ctx, batch, now) for c in outcome.conflicts]
    return _answer(change, outcome, models)


def _answer(change: Change, outcome: Outcome, conflicts: list[Conflict]) -> ChangeResult:
    record = server_record(outcome.state) if outcome.status != "applied" else None
    return ChangeResult(
        seq=change.seq,
        record_id=change.record_id,
        status=outcome.status,  # type: ignore[arg-type]
        version=outcome.state.version,
        record=record,
        conflicts=conflicts,
    )


def _resolve(conn: Connection, change: Change, batch: _Batch, device_id: str) -> Rejection | None:
    if not change.resolves:
        return None
    c = schema.conflicts
    rows = conn.execute(sa.select(c.c.id, c.c.record_id).where(c.c.id.in_(change.resolves))).all()
    known = {r.id: r.record_id for r in rows}
    for cid in change.resolves:
        if known.get(cid) != change.record_id and cid not in batch.resolved:
            return Rejection("resolves names a conflict not on this record", "resolves")
    for cid in change.resolves:
        batch.resolved[cid] = device_id
    return None


def previous_author(previous: RecordState | None, ctx: DeviceContext) -> str:
    return previous.author if previous is not None else ctx.officer.id


def _server_credit(
    conn: Connection, conflict: FieldConflict, previous: RecordState, batch: _Batch
) -> Credit:
    """Who typed the value the record held before this push (see ``provenance``)."""
    last_writer = Credit(previous.device, previous.author, previous.updated_at, previous.hlc)
    server_value = conflict.kept if conflict.kept_from_first else conflict.other
    if conflict.field == DELETED_FIELD and server_value is False:
        return last_writer  # the server side is "an edit", made by whoever wrote last
    found = typed_by(conn, previous.id, conflict.field, previous.version, batch.versions)
    return found or last_writer


def _store_conflict(
    conn: Connection,
    conflict: FieldConflict,
    state: RecordState,
    previous: RecordState | None,
    ctx: DeviceContext,
    batch: _Batch,
    now: datetime,
) -> Conflict:
    """Keep both values of a field changed on both sides (never dropped), each credited to
    the device and officer that typed it."""
    pusher = Credit(ctx.device_id, ctx.officer.id, now)
    server = _server_credit(conn, conflict, previous, batch) if previous is not None else pusher
    kept, other = (server, pusher) if conflict.kept_from_first else (pusher, server)
    row = {
        "id": new_id(),
        "record_id": state.id,
        "field": conflict.field,
        "base_value": None if conflict.base is MISSING else conflict.base,
        "kept_value": None if conflict.kept is MISSING else conflict.kept,
        "other_value": None if conflict.other is MISSING else conflict.other,
        "kept_present": conflict.kept is not MISSING,
        "other_present": conflict.other is not MISSING,
        "kept_by_device": kept.device,
        "other_by_device": other.device,
        "other_by_officer": other.officer or previous_author(previous, ctx),
        "kept_by_officer": kept.officer,
        "kept_at": kept.at,
        "other_at": other.at,
        "raised_by_device": ctx.device_id,
        "created_at": now,
        "resolved_at": None,
        "resolved_by_device": None,
    }
    batch.conflicts.append(row)
    return conflict_model(row)
