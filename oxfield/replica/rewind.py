"""Healing the vault after the server turned out to be restored from an older backup.

Why: the server lost every change it accepted after its backup, yet this laptop holds them as
synced (a shadow copy at the lost version, nothing in the outbox), so nothing would ever send
them again. Once a pull finds the server rewound (the flag below, set in the page's own
transaction so a crash cannot lose it), the device engine asks the server about every record
the laptop holds a shadow of and hands the answers here, batch by batch:

- the server holds the same content: adopt its copy and version, nothing to send;
- the server lacks the record, or holds an older version of it: the laptop's record is
  queued again as a change against what the server does hold (a new record when it has none),
  so every lost change goes up once more without the officer doing anything;
- the server holds a later change: the caller takes it in like any pulled copy.

While the flag is up, the re-read's pages never replace a record with an older copy
(``older_than_mine``): the laptop may hold another laptop's change that the server lost, and
sends it again too, so it survives even if that laptop never syncs again.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain.base import Synced
from oxfield.replica import backlog, store
from oxfield.replica.store import Shadow
from oxfield.replica.tables import OutboxRow, ShadowRow

#: vault_meta key: a pull found the server restored from an older backup; not yet healed
REWOUND = "sync.server_rewound"


def flag(session: Session) -> None:
    store.set_meta(session, REWOUND, "1")


def flagged(session: Session) -> bool:
    return store.get_meta(session, REWOUND) == "1"


def clear(session: Session) -> None:
    store.set_meta(session, REWOUND, "")


def held_ids(session: Session, after: str, limit: int) -> list[str]:
    """The ids of the records this laptop holds as synced, in id order after ``after``."""
    query = select(ShadowRow.record_id).where(ShadowRow.record_id > after)
    return list(session.scalars(query.order_by(ShadowRow.record_id).limit(limit)))


def _same(a: Shadow, b: Shadow) -> bool:
    return (a.fields, a.deleted, a.scope) == (b.fields, b.deleted, b.scope)


def _ours_is_later(mine: Shadow, theirs: Shadow) -> bool:
    if mine.version != theirs.version:
        return mine.version > theirs.version
    return mine.hlc > theirs.hlc  # the same number re-used after the restore: later write


def older_than_mine(session: Session, copies: list[Shadow]) -> set[str]:
    """The ids of pulled copies older than the laptop's own (while re-reading a restored
    server): taking them in would step back to what the server lost; ``heal`` sends ours."""
    mine = store.shadows(session, [c.id for c in copies])
    return {c.id for c in copies if (m := mine.get(c.id)) is not None and _ours_is_later(m, c)}


def heal(
    session: Session,
    ids: list[str],
    copies: dict[str, Shadow],
    missing: set[str],
    node: str,
    clock: Clock,
) -> tuple[int, list[Shadow]]:
    """Settle one batch (see the module's note); returns how many records were queued again
    and the server copies newer than this laptop's, for the caller to take in."""
    mine = store.shadows(session, ids)
    again: list[tuple[Synced, Shadow | None]] = []
    newer: list[Shadow] = []
    for rid in ids:
        held, theirs = mine.get(rid), copies.get(rid)
        if held is None or (theirs is None and rid not in missing):
            continue  # out of this officer's scope now: the feed purges it
        obj = store.local(session, held.kind, rid)
        if theirs is not None and _same(held, theirs):
            store.put_shadow(session, theirs)
            store.set_version(session, held.kind, rid, theirs.version)
        elif theirs is not None and not _ours_is_later(held, theirs):
            newer.append(theirs)
        elif obj is not None:
            again.append((obj, theirs))
    again.sort(key=lambda pair: (pair[0].created_at, pair[0].id))  # parents before children
    queued = 0
    for obj, theirs in again:
        session.execute(delete(OutboxRow).where(OutboxRow.record_id == obj.id))
        if theirs is None:
            session.execute(delete(ShadowRow).where(ShadowRow.record_id == obj.id))
        else:
            store.put_shadow(session, theirs)
        store.set_version(session, obj.KIND, obj.id, theirs.version if theirs else 0)
        session.flush()
        queued += backlog.queue_one(session, obj, node, clock)
    return queued, newer
