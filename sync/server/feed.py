"""The change feed: how writes are numbered, and ``POST /v1/pull``.

Why a pull can never skip a change: every writing transaction takes its feed numbers by
incrementing the single ``feed_counter`` row as its *last* statement before commit. That row
lock (PostgreSQL) or the database write lock (SQLite) is held until commit, so a transaction
holding numbers above N cannot even get them until the one holding N has committed (or rolled
back, leaving a harmless gap). Hence, in any snapshot, the counter's visible value V is a
high-water mark: every change numbered <= V is committed and visible in that same snapshot.
A pull reads V and the page from one snapshot (REPEATABLE READ on PostgreSQL) and never moves
the cursor past V, so a later commit always lands above the cursor. A plain auto-increment
lacks exactly this: numbers are handed out at insert time and commit out of order.

Conflicts follow one contract: the push that finds (or resolves) a conflict answers with it,
and the pull brings it, once, to every other device in scope, never back to that one. A write
that moves a record (a reassignment, a change of district) numbers the record's open conflicts
again with it, so they reach the devices the record reaches anew, including one that lost the
record (and its conflicts) to a purge before.

Scope changes: a pull sends a purge for a record that left the scope the officer had when it
left, and re-delivers a device's own write once it has been told to purge it (``purges``).

Each record carries only the number of its latest change, so a pull costs what changed since
the cursor, and an empty pull is two index lookups, one more for whether the device has purge
memories to settle and one for the cursor's mark, whatever the size of the data.

A restored server: cursors carry the mark of the write they saw (``sync.server.timeline``); a
cursor this server's history does not hold restarts the device's feed from the start.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from oxfield.domain.kinds import KINDS
from sync.protocol import PullRequest, PullResponse, make_cursor, split_cursor
from sync.server import purges, schema, timeline
from sync.server.auth import DeviceContext
from sync.server.db import reading
from sync.server.decide import RecordState
from sync.server.records import conflict_model, current_officer, server_record, state_from_row
from sync.server.scope import scope_condition

if TYPE_CHECKING:
    from sync.server.push import _Batch

_SHA = frozenset("0123456789abcdef")


def take_numbers(conn: Connection, count: int) -> int:
    """Reserve ``count`` feed numbers; returns the first. Call last, just before commit."""
    c = schema.feed_counter
    top: int = conn.execute(
        c.update().where(c.c.id == 1).values(value=c.c.value + count).returning(c.c.value)
    ).scalar_one()
    timeline.stamp(conn, int(top))
    return int(top) - count + 1


def _record_row(state: RecordState, seq: int) -> dict[str, Any]:
    return {
        "id": state.id, "kind": state.kind, "version": state.version, "hlc": state.hlc,
        "author": state.author, "device": state.device, "deleted": state.deleted,
        "signed": KINDS[state.kind].signable and state.fields.get("signed_at") is not None,
        "team": state.team, "district": state.district,
        "assigned_officer": state.assigned_officer, "fields": state.fields,
        "created_at": state.created_at, "updated_at": state.updated_at, "feed_seq": seq,
    }  # fmt: skip


def _attachment_refs(state: RecordState) -> set[str]:
    refs = state.fields.get("attachments")
    if not isinstance(refs, list):
        return set()
    return {r for r in refs if isinstance(r, str) and len(r) == 64 and set(r) <= _SHA}


def write_batch(
    conn: Connection,
    batch: _Batch,
    original_scope: dict[str, tuple[str, str, str | None]],
    now: datetime,
) -> None:
    """Write one push's records, history, conflicts and answers, numbered for the feed."""
    r, c = schema.records, schema.conflicts
    touched = [*batch.new.values(), *batch.changed.values()]
    moved = [s.id for s in batch.changed.values() if original_scope[s.id] != s.scope()]
    again = _open_conflicts_on(conn, moved, batch)
    count = len(touched) + len(batch.conflicts) + len(batch.resolved) + len(again)
    first = take_numbers(conn, count) if count else 0
    seqs = iter(range(first, first + count))
    new_rows = [_record_row(s, next(seqs)) for s in batch.new.values()]
    changed_rows = [_record_row(s, next(seqs)) for s in batch.changed.values()]
    if new_rows:
        conn.execute(r.insert(), new_rows)
    if changed_rows:
        cols = [k for k in changed_rows[0] if k not in ("id", "created_at")]
        stmt = (
            r.update()
            .where(r.c.id == sa.bindparam("b_id"))
            .values({k: sa.bindparam(f"b_{k}") for k in cols})
        )
        conn.execute(stmt, [{f"b_{k}": v for k, v in row.items()} for row in changed_rows])
        exits = [
            {"feed_seq": row["feed_seq"], "record_id": row["id"], "team": old[0],
             "district": old[1], "assigned_officer": old[2]}
            for row in changed_rows
            if (old := original_scope[row["id"]]) != (row["team"], row["district"],
                                                       row["assigned_officer"])
        ]  # fmt: skip
        if exits:
            conn.execute(schema.scope_exits.insert(), exits)
    if batch.versions:
        conn.execute(schema.record_versions.insert(), batch.versions)
    if batch.conflicts:
        conn.execute(c.insert(), [{**row, "feed_seq": next(seqs)} for row in batch.conflicts])
    for cid, device in batch.resolved.items():
        conn.execute(
            c.update()
            .where(c.c.id == cid)
            .values(resolved_at=now, resolved_by_device=device, feed_seq=next(seqs))
        )
    if again:
        conn.execute(
            c.update().where(c.c.id == sa.bindparam("b_id")).values(feed_seq=sa.bindparam("b_s")),
            [{"b_id": cid, "b_s": next(seqs)} for cid in again],
        )
    if touched:
        purges.forget(conn, [(s.device, s.id) for s in touched])
        ra = schema.record_attachments
        conn.execute(ra.delete().where(ra.c.record_id.in_([s.id for s in touched])))
        links = [{"record_id": s.id, "sha256": h} for s in touched for h in _attachment_refs(s)]
        if links:
            conn.execute(ra.insert(), links)
    if batch.applied:
        conn.execute(schema.applied_changes.insert(), batch.applied)


def _open_conflicts_on(conn: Connection, moved: list[str], batch: _Batch) -> list[str]:
    """The open conflicts on records whose scope this batch changes (other than those the
    batch itself raises or resolves): they get fresh feed numbers beside their record, so a
    device the record reaches anew (a reassignment, a move to another district) receives them
    too, even one whose cursor passed them before it lost the record."""
    c = schema.conflicts
    skip = {row["id"] for row in batch.conflicts} | set(batch.resolved)
    found: list[str] = []
    for start in range(0, len(moved), 500):
        found += conn.execute(
            sa.select(c.c.id)
            .where(c.c.record_id.in_(moved[start : start + 500]), c.c.resolved_at.is_(None))
            .order_by(c.c.id)
        ).scalars()
    return [cid for cid in found if cid not in skip]


def pull(engine: Engine, ctx: DeviceContext, request: PullRequest, now: datetime) -> PullResponse:
    """One page of the feed after ``request.cursor`` for this device's scope. The request's
    cursor acknowledges every earlier page, so the purge memories it settles go in the same
    write as the purges this page sends (``purges.settle``). A cursor whose change this
    server does not hold (restored from an older backup) restarts the feed from the start,
    flagged so that the device knows (``sync.server.timeline``)."""
    cursor, mark = split_cursor(request.cursor)
    with reading(engine) as conn:
        top = int(conn.execute(sa.select(schema.feed_counter.c.value)).scalar_one())
        rewound = mark is not None and not timeline.holds(conn, cursor, mark, top)
        if rewound:
            cursor = 0
        done = purges.done_with(conn, ctx.device_id, ctx.officer, cursor)
        page = _page(conn, ctx, cursor, request.limit, top) if cursor < top else None
        end = page[0] if page is not None else cursor
        answer = make_cursor(end, timeline.mark_of(conn, end), rewound=rewound)
    if page is None:
        purges.settle(engine, ctx.device_id, [], done)
        return PullResponse(cursor=answer, has_more=False, server_time=now)
    end, rows, leaving, conflicts = page
    told = {row.record_id: int(row.feed_seq) for row in reversed(leaving)}
    purges.settle(engine, ctx.device_id, list(told.items()), done)
    return PullResponse(
        cursor=answer,
        has_more=end < top,
        records=[server_record(state_from_row(row._mapping)) for row in rows],
        purges=list(dict.fromkeys(row.record_id for row in leaving)),
        conflicts=[conflict_model(row._mapping) for row in conflicts],
        server_time=now,
    )


def _page(
    conn: Connection, ctx: DeviceContext, cursor: int, limit: int, top: int
) -> tuple[int, list[Any], list[Any], list[Any]]:
    """(end, records, leaving, conflicts) of the page after ``cursor``, from one snapshot."""
    r, x, c = schema.records, schema.scope_exits, schema.conflicts
    oe = schema.officer_exits
    # the officer's scope as of this snapshot (an administrator may have just moved them)
    officer = current_officer(conn, ctx.officer)
    mine = scope_condition(officer, r)
    rows = conn.execute(
        sa.select(r)
        .where(
            r.c.feed_seq > cursor,
            r.c.feed_seq <= top,
            purges.deliverable(r, ctx.device_id, cursor),
            mine,
        )
        .order_by(r.c.feed_seq)
        .limit(limit)
    ).all()
    end = int(rows[-1].feed_seq) if len(rows) == limit else top
    exits = conn.execute(
        sa.select(x.c.record_id, x.c.feed_seq)
        .join(r, r.c.id == x.c.record_id)
        .where(
            x.c.feed_seq > cursor,
            x.c.feed_seq <= end,
            purges.exit_condition(conn, officer, x, cursor),
            sa.not_(mine),
        )
        .order_by(x.c.feed_seq)
        .limit(limit)
    ).all()
    if len(exits) == limit:
        end = int(exits[-1].feed_seq)
        rows = [row for row in rows if row.feed_seq <= end]
    moved = conn.execute(
        sa.select(oe.c.record_id, oe.c.feed_seq)
        .join(r, r.c.id == oe.c.record_id)
        .where(
            oe.c.feed_seq > cursor,
            oe.c.feed_seq <= end,
            oe.c.officer_id == officer.id,
            sa.not_(mine),
        )
        .order_by(oe.c.feed_seq)
        .limit(limit)
    ).all()
    if len(moved) == limit:
        end = int(moved[-1].feed_seq)
        rows = [row for row in rows if row.feed_seq <= end]
        exits = [row for row in exits if row.feed_seq <= end]
    leaving = sorted([*exits, *moved], key=lambda row: int(row.feed_seq))
    conflicts = conn.execute(
        sa.select(c)
        .join(r, r.c.id == c.c.record_id)
        .where(
            c.c.feed_seq > cursor,
            c.c.feed_seq <= end,
            mine,
            _not_told(c, ctx.device_id, cursor),
        )
        .order_by(c.c.feed_seq)
    ).all()
    return end, list(rows), leaving, list(conflicts)


def _not_told(c: sa.Table, device_id: str, cursor: int) -> sa.ColumnElement[bool]:
    """A conflict reaches each device once: the device whose push found it, or whose push
    resolved it, was told in that push's answer, so its pulls leave it out. Unless that device
    has since been told to purge the record: the purge took the conflict with it, so when the
    record comes back the conflict must come back too (``purges.deliverable`` is the same
    rule for the device's own writes)."""
    told = sa.case(
        (c.c.resolved_at.is_(None), c.c.raised_by_device),
        else_=c.c.resolved_by_device,
    )
    return sa.or_(
        sa.func.coalesce(told, "") != device_id,
        purges.purged(device_id, c.c.record_id, cursor),
    )
