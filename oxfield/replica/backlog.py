"""Changes that the outbox listener could not have queued, queued by hand.

Two kinds, both run inside one ordinary vault write session:

- **Records older than sync.** A record written before migration ``0003_sync`` (or before the
  outbox existed in some other way) has version 0, no shadow copy, no outbox row and no
  rejection: nothing would ever send it until it is next edited. :func:`queue_unsent` queues
  each such record once; running it again finds nothing (it skips any record with an outbox
  row, a shadow or a rejection), so it is safe at enrolment and at every first sync.
- **Rejected changes.** The server refused a change and it was set aside with its reason.
  Once the officer has fixed the record, :func:`requeue` queues the record's current state as
  a new change (a fresh sequence number: the server answers a repeated one with its first
  answer) and clears the rejection, in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain import hlc
from oxfield.domain.base import Synced
from oxfield.errors import ValidationError
from oxfield.replica import outbox, store
from oxfield.replica.documents import model_for, models
from oxfield.replica.tables import OutboxRow, RejectionRow, ShadowRow

#: vault_meta key set once every never-synced record has been queued
QUEUED_KEY = "sync.backlog_queued"
_BATCH = 500


def _queue(session: Session, obj: Synced, node: str, clock: Clock) -> int | None:
    conn = session.connection()
    seq = outbox.record(conn, obj, deleted=bool(obj.deleted), clock=clock, resolves=[])
    if seq is not None and not obj.hlc:  # written before the hybrid clock: give it a stamp
        stamp = str(hlc.tick(conn, node, clock)[0])
        conn.execute(update(OutboxRow).where(OutboxRow.seq == seq).values(hlc=stamp))
    return seq


def queue_one(session: Session, obj: Synced, node: str, clock: Clock) -> bool:
    """Queue ``obj``'s current state against the server's copy; False when they match."""
    return _queue(session, obj, node, clock) is not None


def queue_unsent(session: Session, node: str, clock: Clock) -> int:
    """Queue every record the server has never seen and nothing waits to send; returns how
    many. Idempotent; marks the vault so later syncs need not look again."""
    queued = 0
    for kind in sorted(models()):
        cls = model_for(kind)
        query = (
            select(cls)
            .where(
                cls.version == 0,
                ~exists().where(OutboxRow.record_id == cls.id),
                ~exists().where(ShadowRow.record_id == cls.id),
                ~exists().where(RejectionRow.record_id == cls.id),
            )
            .order_by(cls.created_at, cls.id)
        )
        for obj in session.scalars(query.execution_options(yield_per=_BATCH)):
            queued += _queue(session, obj, node, clock) is not None
    store.set_meta(session, QUEUED_KEY, clock.now().isoformat())
    return queued


def backlog_done(session: Session) -> bool:
    return store.get_meta(session, QUEUED_KEY) is not None


# --- rejected changes ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rejection:
    """The latest refusal of one record's change."""

    record_id: str
    kind: str
    reason: str
    field: str | None
    rejected_at: datetime
    #: the record's case reference when it has one (something to read aloud), else ""
    label: str
    #: the record is no longer on this laptop (purged or deleted locally)
    missing: bool
    #: the case to open to fix it (the record's own, its child's first), None if none
    case_id: str | None = None


def _cases() -> list[type[Synced]]:
    return [m for m in models().values() if "reference" in m.__table__.columns]  # type: ignore[attr-defined]


def case_of(session: Session, obj: Synced | None) -> str | None:
    """The case an officer opens to see or fix ``obj``."""
    if obj is None:
        return None
    if getattr(obj, "reference", None):
        return obj.id
    case_id = getattr(obj, "case_id", None)
    if isinstance(case_id, str):
        return case_id
    child_id = obj.id if obj.KIND == "child" else getattr(obj, "child_id", None)
    if not isinstance(child_id, str):
        return None
    for model in sorted(_cases(), key=lambda m: m.KIND):
        table: Any = model.__table__  # type: ignore[attr-defined]
        found = session.scalar(
            select(table.c.id).where(table.c.child_id == child_id).order_by(table.c.id).limit(1)
        )
        if found is not None:
            return str(found)
    return None


def rejections(session: Session) -> list[Rejection]:
    """One line per rejected record (its latest refusal), oldest first."""
    latest: dict[str, RejectionRow] = {}
    for row in session.scalars(select(RejectionRow).order_by(RejectionRow.seq)):
        latest[row.record_id] = row
    out: list[Rejection] = []
    for row in sorted(latest.values(), key=lambda r: (r.created_at, r.seq)):
        obj = store.local(session, row.kind, row.record_id)
        label = str(getattr(obj, "reference", "") or "") if obj is not None else ""
        out.append(
            Rejection(
                row.record_id, row.kind, row.reason, row.field, row.created_at, label,
                obj is None, case_of(session, obj),
            )
        )  # fmt: skip
    return out


class Requeued(StrEnum):
    #: a new change with the record's current state waits to go up
    QUEUED = "queued"
    #: later edits already waiting carry it all: only the refusal is cleared
    WAITING = "waiting"
    #: the record now matches the server's copy: nothing to send, the refusal is cleared
    NOTHING = "nothing"


def requeue(session: Session, record_id: str, node: str, clock: Clock) -> tuple[Requeued, str]:
    """Send a rejected record's current state again (inside the caller's transaction);
    returns what happened and the record's kind."""
    row = session.scalar(select(RejectionRow).where(RejectionRow.record_id == record_id).limit(1))
    if row is None:
        raise ValidationError("there is no rejected change for this record", "record_id")
    obj = store.local(session, row.kind, record_id)
    if obj is None:
        raise ValidationError("the rejected record is no longer on this laptop", "record_id")
    session.flush()
    # Diffing against the server's copy plus what waits: whatever the refused change carried
    # and no later change repeats goes up again.
    if _queue(session, obj, node, clock) is not None:
        outcome = Requeued.QUEUED
    elif store.has_pending(session, record_id):
        outcome = Requeued.WAITING
    else:
        outcome = Requeued.NOTHING
    session.execute(delete(RejectionRow).where(RejectionRow.record_id == record_id))
    return outcome, row.kind
