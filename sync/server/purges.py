"""Two memories the pull needs so that scope changes purge and re-deliver exactly.

Why: the feed numbers each write, and a pull judges what happened after the device's cursor.
Judging every event against the officer's *current* scope fails in two ways:

- A record that left the officer's old district, followed by the officer moving, was never in
  the new scope, so its exit matched no one and a device that caught up late kept the record.
  So each move keeps the officer's previous scope in ``officer_past_scopes``, and an exit is
  judged by the scope the officer had when the exit was numbered.
- A device never pulls its own writes back. After a purge, though, the device no longer holds
  its write, and when the record comes back it must be delivered. So each purge a pull sends
  is kept in ``device_purges`` until the device writes the record again, and a record with
  such a row is not "its own write" for pulls whose cursor is past the purge (a pull from an
  older cursor, e.g. after a lost answer, is from a device that still holds its copy). The
  purge took the record's conflicts too, so the row also brings back an open conflict the
  device's own push found (which pulls otherwise leave out: the push answer told it).

A ``device_purges`` row goes (``done_with``, in the write of the device's next pull) once
nothing can need it:

- acknowledged: the record is back in the device's scope, numbered after the purge, and the
  pull's cursor is past the record and every conflict on it, so the device has applied the
  page(s) that gave them back (a pull repeated after a lost answer starts no later than that
  cursor, so it never needs the row again);
- obsolete: another device (or an administrator) wrote the record since, so it is no longer
  the device's own write, and no open conflict the device raised waits on it; or the record
  is gone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from sync.server import schema
from sync.server.db import is_postgres, writing
from sync.server.records import current_officer
from sync.server.scope import Officer, scope_condition


def keep_past_scope(conn: Connection, old: Officer, until_seq: int) -> None:
    """Remember that ``old`` was the officer's scope for feed numbers below ``until_seq``."""
    conn.execute(
        schema.officer_past_scopes.insert().values(
            officer_id=old.id, until_seq=until_seq, team=old.team, district=old.district,
            role=old.role,
        )
    )  # fmt: skip


def exit_condition(
    conn: Connection, officer: Officer, exits: sa.Table, cursor: int
) -> sa.ColumnElement[bool]:
    """True for the scope exits (after ``cursor``) that left the scope ``officer`` had when
    each exit was numbered. Usually one segment: the officer has not moved since the cursor."""
    p = schema.officer_past_scopes
    past = conn.execute(
        sa.select(p)
        .where(p.c.officer_id == officer.id, p.c.until_seq > cursor)
        .order_by(p.c.until_seq)
    ).all()
    if not past:
        return scope_condition(officer, exits)
    parts: list[sa.ColumnElement[bool]] = []
    below = cursor + 1
    for row in past:
        then = Officer(officer.id, row.team, row.district, row.role)
        parts.append(
            sa.and_(
                exits.c.feed_seq >= below,
                exits.c.feed_seq < row.until_seq,
                scope_condition(then, exits),
            )
        )
        below = int(row.until_seq)
    parts.append(sa.and_(exits.c.feed_seq >= below, scope_condition(officer, exits)))
    return sa.or_(*parts)


def purged(device_id: str, record_id: sa.ColumnElement[str], cursor: int) -> sa.ColumnElement[bool]:
    """The device was told to purge this record by a page it has applied (at or below
    ``cursor``) and has not written the record since: it holds neither the record nor its
    conflicts, whatever it wrote or raised before."""
    d = schema.device_purges
    return (
        sa.select(d.c.record_id)
        .where(d.c.device_id == device_id, d.c.record_id == record_id, d.c.feed_seq <= cursor)
        .exists()
    )


def deliverable(records: sa.Table, device_id: str, cursor: int) -> sa.ColumnElement[bool]:
    """Another device's write, or this device's own write that it was since told to purge."""
    return sa.or_(records.c.device != device_id, purged(device_id, records.c.id, cursor))


def done_with(
    conn: Connection, device_id: str, known: Officer, cursor: int
) -> list[tuple[str, int]]:
    """The device's purge rows (record id, feed number) that a pull from ``cursor`` shows no
    longer needed (see the module's note). One index lookup when the device has none."""
    d, r, c = schema.device_purges, schema.records, schema.conflicts
    if (
        conn.execute(sa.select(d.c.record_id).where(d.c.device_id == device_id).limit(1)).first()
        is None
    ):
        return []
    officer = current_officer(conn, known)
    later_conflicts = (
        sa.select(c.c.id).where(c.c.record_id == d.c.record_id, c.c.feed_seq > cursor).exists()
    )
    raised_open = (
        sa.select(c.c.id)
        .where(
            c.c.record_id == d.c.record_id,
            c.c.resolved_at.is_(None),
            c.c.raised_by_device == device_id,
        )
        .exists()
    )
    acknowledged = sa.and_(
        scope_condition(officer, r),
        r.c.feed_seq > d.c.feed_seq,
        r.c.feed_seq <= cursor,
        sa.not_(later_conflicts),
    )
    obsolete = sa.or_(r.c.id.is_(None), sa.and_(r.c.device != device_id, sa.not_(raised_open)))
    # a cheap test first: the usual row (the device's own write, still away and untouched since
    # the purge) can be neither, and is passed over without looking at conflicts or scope
    changed = sa.or_(r.c.id.is_(None), r.c.device != device_id, r.c.feed_seq > d.c.feed_seq)
    rows = conn.execute(
        sa.select(d.c.record_id, d.c.feed_seq)
        .select_from(d.outerjoin(r, r.c.id == d.c.record_id))
        .where(d.c.device_id == device_id, changed, sa.or_(acknowledged, obsolete))
    ).all()
    return [(row.record_id, int(row.feed_seq)) for row in rows]


def settle(
    engine: Engine,
    device_id: str,
    purges: Sequence[tuple[str, int]],
    done: Sequence[tuple[str, int]],
) -> None:
    """One write for a pull: drop the purge rows it found ``done`` (each only as it was read,
    so a row made again since stays), then record the purges it sent (record id, feed
    number; a repeat changes nothing)."""
    if not purges and not done:
        return
    d = schema.device_purges
    with writing(engine) as conn:
        if done:
            conn.execute(
                d.delete().where(
                    d.c.device_id == device_id,
                    d.c.record_id == sa.bindparam("b_record"),
                    d.c.feed_seq == sa.bindparam("b_seq"),
                ),
                [{"b_record": rid, "b_seq": seq} for rid, seq in done],
            )
        if purges:
            rows = [
                {"device_id": device_id, "record_id": rid, "feed_seq": seq} for rid, seq in purges
            ]
            dialect = postgresql if is_postgres(engine) else sqlite
            conn.execute(dialect.insert(d).on_conflict_do_nothing(), rows)


def forget(conn: Connection, writes: Iterable[tuple[str, str]]) -> None:
    """The writer device holds these records again (device id, record id)."""
    by_device: dict[str, list[str]] = {}
    for device, rid in writes:
        by_device.setdefault(device, []).append(rid)
    d = schema.device_purges
    for device, ids in by_device.items():
        for start in range(0, len(ids), 500):
            conn.execute(
                d.delete().where(
                    d.c.device_id == device, d.c.record_id.in_(ids[start : start + 500])
                )
            )
