"""Session events that keep records honest: signed records never change, and every local
write is stamped with the vault's hybrid logical clock.

Registered on every SQLAlchemy :class:`~sqlalchemy.orm.Session` when ``oxfield.domain`` is
imported. The service layer checks first and gives a friendly message; this is the net under
it. Session ``info`` keys tune it: ``ACTOR`` and ``DEVICE`` name who writes, ``CLOCK`` is the
clock to read, ``REMOTE`` marks a session applying the server's changes (no local stamps),
``PURGE`` allows deleting signed records that left this device's scope.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from oxfield.clock import Clock
from oxfield.domain import hlc
from oxfield.domain.base import SYNC_BOOKKEEPING, Signable, Synced
from oxfield.errors import SignedRecordError

ACTOR = "oxfield.actor"
DEVICE = "oxfield.device"
CLOCK = "oxfield.clock"
REMOTE = "oxfield.remote"
PURGE = "oxfield.purge"

_REAL_CLOCK = Clock()


def _changed_fields(obj: Synced) -> set[str]:
    """Columns changed since load (relationship collections are not the record's own data)."""
    state = inspect(obj)
    columns = state.mapper.column_attrs.keys()
    return {key for key in columns if state.attrs[key].history.has_changes()}


def was_signed(session: Session, obj: Signable) -> bool:
    """Whether the record was signed before this flush (as stored in the database)."""
    state = inspect(obj)
    if state.pending or state.transient:
        return False
    hist = state.attrs.signed_at.history
    if hist.deleted:
        return hist.deleted[0] is not None
    if hist.unchanged:
        return hist.unchanged[0] is not None
    table: Any = inspect(type(obj)).local_table
    id_col: ColumnElement[Any] = table.c.id
    stored = (
        session.connection().execute(select(table.c.signed_at).where(id_col == obj.id)).scalar()
    )
    return stored is not None


def _refuse(obj: Synced) -> SignedRecordError:
    return SignedRecordError(
        f"this {obj.KIND.replace('_', ' ')} is signed and cannot change: record an amendment"
    )


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    for obj in session.deleted:
        if isinstance(obj, Signable) and not session.info.get(PURGE) and was_signed(session, obj):
            raise _refuse(obj)
    to_stamp: list[Synced] = [o for o in session.new if isinstance(o, Synced)]
    for obj in session.dirty:
        if not isinstance(obj, Synced):
            continue
        changed = _changed_fields(obj)
        if not changed:
            continue
        if isinstance(obj, Signable) and changed - SYNC_BOOKKEEPING and was_signed(session, obj):
            raise _refuse(obj)
        if changed - SYNC_BOOKKEEPING:
            to_stamp.append(obj)
    if not to_stamp or session.info.get(REMOTE):
        return
    clock: Clock = session.info.get(CLOCK) or _REAL_CLOCK
    device: str = session.info.get(DEVICE) or ""
    actor: str | None = session.info.get(ACTOR)
    now = clock.now()
    stamps = hlc.tick(session.connection(), device, clock, len(to_stamp))
    for obj, stamp in zip(to_stamp, stamps, strict=True):
        obj.hlc = str(stamp)
        obj.updated_at = now
        if inspect(obj).pending and obj.created_at is None:
            obj.created_at = now
        if actor is not None:
            obj.author = actor
        if device:
            obj.device = device


@event.listens_for(Session, "do_orm_execute")
def _no_bulk_changes_to_signable(state: ORMExecuteState) -> None:
    """Bulk UPDATE/DELETE would bypass the flush check: refuse them on signable tables."""
    if not (state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, Signable):
        raise SignedRecordError(
            "signable records change one at a time through the session, never in bulk"
        )
