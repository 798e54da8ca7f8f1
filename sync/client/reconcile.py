"""Applying the server's answers to the vault: push results and pull pages.

Each call runs inside one vault write session marked ``REMOTE`` (no outbox rows, no clock
stamps), so a page or a push answer is applied whole or not at all. A record with local
changes still waiting to go up is not overwritten: the server's copy is merged with the local
one against the shadow (the copy both started from) by the same three-way merge the server
uses, so the laptop shows what the server will hold once its changes arrive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import JsonValue
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain import hlc
from oxfield.replica import store
from oxfield.replica.outbox import apply_changes
from oxfield.replica.store import Shadow
from oxfield.replica.tables import OutboxRow
from sync.merge import Side, merge
from sync.protocol import ChangeResult, Conflict, ServerRecord

_SCOPE_KEYS = ("_scope_team", "_scope_district", "_scope_assigned_officer")


@dataclass
class Tally:
    pushed: int = 0
    pulled: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    purged: int = 0
    reasons: list[str] = field(default_factory=list)


def shadow_of(rec: ServerRecord) -> Shadow:
    return Shadow(
        rec.id, rec.kind, rec.version, rec.hlc, rec.author, rec.device, rec.deleted,
        rec.scope.team.value, rec.scope.district, rec.scope.assigned_officer,
        dict(rec.fields), rec.updated_at,
    )  # fmt: skip


def _with_scope(fields: dict[str, Any], scope: tuple[Any, ...]) -> dict[str, JsonValue]:
    out = dict(fields)
    for key, value in zip(_SCOPE_KEYS, scope, strict=True):
        if value is not None:
            out[key] = value
    return out


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, str | None, str | None]]:
    scope = tuple(fields.pop(k, None) for k in _SCOPE_KEYS)
    return fields, (str(scope[0]), scope[1], scope[2])


def _merge_into_local(session: Session, old: Shadow | None, new: Shadow, me: str) -> bool:
    """Re-merge the local record (with changes still to go up) onto the server's new copy.
    Returns False when there is no local record to merge (the server's copy is written)."""
    obj = store.local(session, new.kind, new.id)
    if obj is None:
        return False
    doc, deleted, scope = store.local_doc(obj)
    base = Side(_with_scope(old.fields, old.scope), old.deleted) if old is not None else None
    theirs = Side(_with_scope(new.fields, new.scope), new.deleted, (new.hlc, new.device))
    mine = Side(_with_scope(doc, scope), deleted, (obj.hlc, me))
    result = merge(base, theirs, mine)
    fields, merged_scope = _split(dict(result.fields))
    store.write_local(
        session, new, fields, result.deleted, merged_scope, obj.hlc, obj.device, obj.author
    )
    return True


def apply_server_copy(session: Session, rec: Shadow, me: str) -> bool:
    """Take in one server copy; True if it was merged with local changes."""
    old = store.shadow(session, rec.id)
    store.put_shadow(session, rec)
    if store.has_pending(session, rec.id) and _merge_into_local(session, old, rec, me):
        return True
    store.write_local(session, rec, rec.fields, rec.deleted, rec.scope, rec.hlc, rec.device, rec.author)
    return False


def conflict_values(c: Conflict) -> dict[str, Any]:
    data = c.model_dump(mode="python", exclude={"resolved", "resolved_by_device"})
    return data


def apply_page(
    session: Session,
    records: list[ServerRecord],
    purges: list[str],
    conflicts: list[Conflict],
    me: str,
    clock: Clock,
    tally: Tally,
) -> None:
    latest = ""
    for rec in records:
        if apply_server_copy(session, shadow_of(rec), me):
            tally.merged += 1
        tally.pulled += 1
        latest = max(latest, rec.hlc)
    retry_parked(session, me)
    for c in conflicts:
        store.put_conflict(session, conflict_values(c), c.resolved)
        if not c.resolved:
            tally.conflicts += 1
    for rid in purges:
        if store.purge(session, rid):
            tally.purged += 1
    if latest:
        try:
            hlc.observe(session.connection(), latest, me, clock)
        except ValueError:
            pass  # a clock written by something else: nothing to learn from it


def retry_parked(session: Session, me: str) -> None:
    """Records that pointed at one not yet arrived: try again now that more has."""
    progress = True
    while progress:
        progress = False
        for rid in store.parked(session):
            s = store.shadow(session, rid)
            if s is None:
                continue
            if store.write_local(session, s, s.fields, s.deleted, s.scope, s.hlc, s.device, s.author):
                progress = True


def apply_results(
    session: Session,
    rows: dict[int, OutboxRow],
    results: list[ChangeResult],
    me: str,
    officer: str,
    now: datetime,
    tally: Tally,
) -> None:
    """The server's answers to one push, in sequence order."""
    for result in results:
        row = rows.get(result.seq)
        if row is None:
            continue
        resolves: list[str] = json.loads(row.resolves)
        if result.status == "rejected":
            store.reject(session, row, result.reason or "refused", result.field, now)
            tally.rejected += 1
            tally.reasons.append(f"{row.kind}: {result.reason}" + (f" ({result.field})" if result.field else ""))
            continue
        tally.pushed += 1
        old = store.shadow(session, row.record_id)
        store.done(session, row.seq)
        store.clear_rejections(session, row.record_id)
        store.settle_resolutions(session, resolves)
        if result.record is None:
            fields = apply_changes(old.fields if old else {}, json.loads(row.fields))
            new = Shadow(
                row.record_id, row.kind, result.version or 0, row.hlc, officer, me, row.deleted,
                row.team, row.district, row.assigned_officer, fields, now,
            )  # fmt: skip
            store.put_shadow(session, new)
            store.set_version(session, row.kind, row.record_id, new.version)
            continue
        new = shadow_of(result.record)
        store.put_shadow(session, new)
        tally.merged += 1
        if not (store.has_pending(session, row.record_id) and _merge_into_local(session, old, new, me)):
            store.write_local(
                session, new, new.fields, new.deleted, new.scope, new.hlc, new.device, new.author
            )
        for c in result.conflicts:
            store.put_conflict(session, conflict_values(c), c.resolved)
            tally.conflicts += 1
