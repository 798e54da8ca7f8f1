"""Applying the server's answers to the vault: push results and pull pages.

Each call runs inside one vault write session marked ``REMOTE`` (no outbox rows, no clock
stamps), so a page or a push answer is applied whole or not at all. A record with local
changes still waiting to go up is not overwritten: the server's copy is merged with the local
one against the shadow (the copy both started from) by the same three-way merge the server
uses, so the laptop shows what the server will hold once its changes arrive.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import JsonValue
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain import hlc
from oxfield.replica import rewind, store
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
    conflict_ids: set[str] = field(default_factory=set)

    def saw(self, c: Conflict, new: bool = True) -> None:
        """Count an open conflict the vault did not hold (``new``) once per run."""
        if new and not c.resolved and c.id not in self.conflict_ids:
            self.conflict_ids.add(c.id)
            self.conflicts += 1


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


def _merged(session: Session, old: Shadow | None, new: Shadow, me: str) -> store.Write | None:
    """The local record (with changes still to go up) re-merged onto the server's new copy;
    None when there is no local record to merge."""
    obj = store.local(session, new.kind, new.id)
    if obj is None:
        return None
    doc, deleted, scope = store.local_doc(obj)
    base = Side(_with_scope(old.fields, old.scope), old.deleted) if old is not None else None
    theirs = Side(_with_scope(new.fields, new.scope), new.deleted, (new.hlc, new.device))
    mine = Side(_with_scope(doc, scope), deleted, (obj.hlc, me))
    result = merge(base, theirs, mine)
    fields, merged_scope = _split(dict(result.fields))
    return store.Write(new, fields, result.deleted, merged_scope, obj.hlc, obj.device, obj.author)


def _as_is(s: Shadow) -> store.Write:
    return store.Write(s, s.fields, s.deleted, s.scope, s.hlc, s.device, s.author)


def take_in(session: Session, copies: list[Shadow], me: str) -> int:
    """Take in server copies in one go; returns how many were merged with local changes."""
    ids = [c.id for c in copies]
    olds = store.shadows(session, ids)
    pending = store.pending_ids(session, ids)
    writes: list[store.Write] = []
    merged = 0
    with session.no_autoflush:
        for copy in copies:
            w = _merged(session, olds.get(copy.id), copy, me) if copy.id in pending else None
            merged += w is not None
            writes.append(w or _as_is(copy))
    store.put_shadows(session, copies)
    store.write_many(session, writes)
    return merged


def conflict_values(c: Conflict) -> dict[str, Any]:
    """A conflict as the vault's ``sync_conflict`` row holds it: both values, each credited
    to the device and officer that typed it and the time the server received it."""
    return c.model_dump(mode="python", exclude={"resolved", "resolved_by_device"})


def apply_page(
    session: Session,
    records: list[ServerRecord],
    purges: list[str],
    conflicts: list[Conflict],
    me: str,
    clock: Clock,
    tally: Tally,
) -> None:
    copies = [shadow_of(r) for r in records]
    if rewind.flagged(session):  # re-reading a restored server: never step back
        stale = rewind.older_than_mine(session, copies)
        copies = [c for c in copies if c.id not in stale]
    tally.merged += take_in(session, copies, me)
    tally.pulled += len(records)
    retry_parked(session, me)
    for c in conflicts:
        tally.saw(c, store.put_conflict(session, conflict_values(c), c.resolved))
    for rid in purges:
        if store.purge(session, rid):
            tally.purged += 1
    latest = max((r.hlc for r in records), default="")
    if latest:
        with suppress(ValueError):  # a clock written by something else: nothing to learn
            hlc.observe(session.connection(), latest, me, clock)


def retry_parked(session: Session, me: str) -> None:
    """Records that pointed at one not yet arrived: try again now that more has."""
    waiting = store.parked(session)
    while waiting:
        copies = list(store.shadows(session, waiting).values())
        still = store.write_many(session, [_as_is(c) for c in copies])
        if len(still) == len(waiting):
            return
        waiting = sorted(still)


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
    ids = sorted({row.record_id for row in rows.values()})
    current = store.shadows(session, ids)
    before = dict(current)
    accepted: set[str] = set()
    fresh: list[Shadow] = []
    settled: list[int] = []
    versions: dict[str, dict[str, int]] = {}
    for result in results:
        row = rows.get(result.seq)
        if row is None:
            continue
        if result.status == "rejected":
            store.reject(session, row, result.reason or "refused", result.field, now)
            tally.rejected += 1
            where = f" ({result.field})" if result.field else ""
            tally.reasons.append(f"{row.kind}: {result.reason}{where}")
            continue
        tally.pushed += 1
        accepted.add(row.record_id)
        settled.append(row.seq)
        store.settle_resolutions(session, json.loads(row.resolves))
        old = current.get(row.record_id)
        if result.record is None:
            fields = apply_changes(old.fields if old else {}, json.loads(row.fields))
            new = Shadow(
                row.record_id, row.kind, result.version or 0, row.hlc, officer, me, row.deleted,
                row.team, row.district, row.assigned_officer, fields, now,
            )  # fmt: skip
            current[row.record_id] = new
            versions.setdefault(row.kind, {})[row.record_id] = new.version
            continue
        new = shadow_of(result.record)
        current[row.record_id] = new
        fresh.append(new)
        tally.merged += 1
        for c in result.conflicts:
            tally.saw(c, store.put_conflict(session, conflict_values(c), c.resolved))
    finals = {rid: current[rid] for rid in sorted(accepted)}
    store.put_shadows(session, list(finals.values()))
    store.done_many(session, settled)
    store.clear_rejections_many(session, sorted(accepted))
    merged_ids = {s.id for s in fresh}
    for kind, numbers in versions.items():
        store.set_versions(
            session, kind, {rid: finals[rid].version for rid in numbers if rid not in merged_ids}
        )
    if merged_ids:
        _take_merged(session, [finals[rid] for rid in sorted(merged_ids)], before, me)


def _take_merged(
    session: Session, copies: list[Shadow], before: dict[str, Shadow], me: str
) -> None:
    """The server merged our change into its copy: hold that copy, re-merging any change of
    ours still waiting (against the copy our waiting change was based on)."""
    pending = store.pending_ids(session, [c.id for c in copies])
    writes = []
    with session.no_autoflush:
        for copy in copies:
            w = _merged(session, before.get(copy.id), copy, me) if copy.id in pending else None
            writes.append(w or _as_is(copy))
    store.write_many(session, writes)
