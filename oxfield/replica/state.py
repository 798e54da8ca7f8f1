"""Each record's sync state, the counts the desktop shows, and resolving a conflict.

States (DESIGN.md section 5, "Status"): ``new`` (never reached the server), ``changed`` (local
edits wait to go up), ``syncing`` (offered to the server, answer not yet received, or its files
are still going up), ``synced``, ``conflict`` (an open conflict names it) and ``rejected`` (the
server refused a change; the reason is kept and the next edit sends it again).
Resolving a conflict is an ordinary local edit whose outbox row names the conflict, so the
decision travels like any other change and the other officers see it settled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from oxfield.replica import outbox, store
from oxfield.replica.documents import columns, from_json, model_for
from oxfield.replica.tables import ConflictRow, OutboxRow, RejectionRow, ShadowRow, TransferRow


class SyncState(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    SYNCING = "syncing"
    SYNCED = "synced"
    CONFLICT = "conflict"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class RecordStatus:
    record_id: str
    state: SyncState
    #: the server's reason when rejected
    reason: str | None = None
    field: str | None = None


def _ids(session: Session, column: Any, ids: list[str], *extra: Any) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        query = select(column).where(column.in_(ids[start : start + 500]), *extra)
        found.update(session.scalars(query))
    return found


def states(session: Session, ids: list[str]) -> dict[str, RecordStatus]:
    """The sync state of each record in ``ids`` (a few indexed queries, whatever the count)."""
    conflict = _ids(session, ConflictRow.record_id, ids, ConflictRow.status != "resolved")
    rejected: dict[str, RejectionRow] = {}
    for start in range(0, len(ids), 500):
        for row in session.scalars(
            select(RejectionRow).where(RejectionRow.record_id.in_(ids[start : start + 500]))
        ):
            rejected[row.record_id] = row
    sent = _ids(session, OutboxRow.record_id, ids, OutboxRow.sent.is_(True))
    waiting = _ids(session, OutboxRow.record_id, ids)
    uploading = _ids(session, TransferRow.record_id, ids, TransferRow.direction == "up")
    known = _ids(session, ShadowRow.record_id, ids)
    out: dict[str, RecordStatus] = {}
    for rid in ids:
        if rid in conflict:
            out[rid] = RecordStatus(rid, SyncState.CONFLICT)
        elif rid in rejected:
            r = rejected[rid]
            out[rid] = RecordStatus(rid, SyncState.REJECTED, r.reason, r.field)
        elif rid in sent or rid in uploading:
            out[rid] = RecordStatus(rid, SyncState.SYNCING)
        elif rid in waiting:
            out[rid] = RecordStatus(rid, SyncState.CHANGED if rid in known else SyncState.NEW)
        elif rid in known:
            out[rid] = RecordStatus(rid, SyncState.SYNCED)
        else:
            out[rid] = RecordStatus(rid, SyncState.NEW)
    return out


@dataclass(frozen=True, slots=True)
class Counts:
    waiting: int
    conflicts: int
    rejected: int
    files_waiting: int


def counts(session: Session) -> Counts:
    def n(query: Any) -> int:
        return int(session.scalar(query) or 0)

    return Counts(
        waiting=n(select(func.count(func.distinct(OutboxRow.record_id)))),
        conflicts=n(select(func.count()).where(ConflictRow.status != "resolved")),
        rejected=n(select(func.count(func.distinct(RejectionRow.record_id)))),
        files_waiting=n(select(func.count()).select_from(TransferRow)),
    )


# --- resolving ----------------------------------------------------------------------------


def sides(row: ConflictRow, my_device: str) -> tuple[Any, bool, Any, bool]:
    """(mine, mine present, theirs, theirs present) for this device. When neither value came
    from this device (a manager reviewing two officers), "mine" is the value the record holds."""
    kept = (json.loads(row.kept_value), row.kept_present)
    other = (json.loads(row.other_value), row.other_present)
    mine, theirs = (other, kept) if row.other_by_device == my_device else (kept, other)
    return mine[0], mine[1], theirs[0], theirs[1]


def resolve(
    session: Session, conflict_id: str, my_device: str, *, take: str | None = None,
    value: Any = None,
) -> None:  # fmt: skip
    """Settle a conflict with ``take`` ("mine"/"theirs") or an edited ``value``.

    ``session`` is an ordinary local write session (stamped with the officer and device)."""
    row = session.get(ConflictRow, conflict_id)
    if row is None or row.status == "resolved":
        raise ValidationError("there is no open conflict with this id", "conflict_id")
    mine, mine_present, theirs, theirs_present = sides(row, my_device)
    if take == "mine":
        chosen, present = mine, mine_present
    elif take == "theirs":
        chosen, present = theirs, theirs_present
    elif take is None:
        chosen, present = value, value is not None
    else:
        raise ValidationError("take must be 'mine' or 'theirs'", "take")
    kind = _kind_of(session, row.record_id)
    obj = store.local(session, kind, row.record_id)
    if obj is None:
        raise ValidationError("the record of this conflict is not on this laptop", "conflict_id")
    neither_mine = my_device not in (row.kept_by_device, row.other_by_device)
    if not (take == "mine" and neither_mine):  # "mine" then means: keep what this laptop holds
        _set_field(obj, row.field, chosen if present else None)
    session.info[outbox.RESOLVES] = [conflict_id]
    obj.hlc = ""  # always a change, even when the value kept is the one already held
    session.flush()
    session.info.pop(outbox.RESOLVES, None)
    row.status = "resolving"


def _kind_of(session: Session, record_id: str) -> str:
    shadow = session.get(ShadowRow, record_id)
    if shadow is not None:
        return shadow.kind
    kind = session.scalar(select(OutboxRow.kind).where(OutboxRow.record_id == record_id))
    if kind is None:
        raise ValidationError("the record of this conflict is not on this laptop", "conflict_id")
    return kind


def _set_field(obj: Any, field: str, value: Any) -> None:
    if field == "_deleted":
        obj.deleted = bool(value)
    elif field == "scope.team":
        obj.team = Team(value)
    elif field in ("scope.district", "scope.assigned_officer"):
        setattr(obj, field.removeprefix("scope."), value)
    else:
        known = columns(model_for(obj.KIND))
        if field not in known:
            raise ValidationError(f"field '{field}' is not on this record", field)
        setattr(obj, field, from_json(value, known[field], field))
