"""Moving an officer (team, district, role) and (re)assigning a record, audited.

Either changes which records some devices may hold, so each is one transaction that also
feeds the pull: records an officer loses get an ``officer_exits`` row (a purge for that
officer's devices on their next pull), records the officer gains get a fresh feed number (so
devices whose cursor had passed them receive them), and so do the open conflicts on them. The
officer's old scope is kept, numbered, so exits before the move are judged by it (``purges``). A
reassignment is an ordinary new version of the record written by the administrator, so the
push's scope bookkeeping (``scope_exits``) purges it from the previous assignee and the feed
brings it to the new one. The audit keeps ids and scope only, never names.

Locks are taken in the same order as a push takes them (records in id order, then the feed
counter last), so an administrator's change and a push never deadlock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from oxfield.ids import new_id
from sync.server import feed, purges, schema
from sync.server.admin import ROLES
from sync.server.db import is_postgres, writing
from sync.server.push import _Batch
from sync.server.records import load_states
from sync.server.scope import Officer, scope_condition

#: the author and device of versions written by an administrator's command
ADMIN_ID = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True, slots=True)
class ScopeChange:
    lost: int
    gained: int


def load_officer(conn: Connection, officer_id: str, *, lock: bool = False) -> Officer | None:
    o = schema.officers
    query = sa.select(o.c.id, o.c.team, o.c.district, o.c.role).where(o.c.id == officer_id)
    if lock:
        query = query.with_for_update()
    row = conn.execute(query).first()
    return None if row is None else Officer(row.id, row.team, row.district, row.role)


def _audit(conn: Connection, now: datetime, action: str, target: str, details: Any) -> None:
    conn.execute(
        schema.admin_audit.insert().values(
            id=new_id(), at=now, action=action, target=target, details=details
        )
    )


def _check(team: str | None, district: str | None, role: str | None) -> None:
    if team is not None and team not in {t.value for t in Team}:
        raise ValidationError(f"team must be one of {', '.join(t.value for t in Team)}", "team")
    if district is not None and not district.strip():
        raise ValidationError("the district is empty", "district")
    if role is not None and role not in ROLES:
        raise ValidationError(f"role must be one of {', '.join(ROLES)}", "role")
    if team is None and district is None and role is None:
        raise ValidationError("give at least one of --team, --district, --role", "team")


def update_officer(
    engine: Engine,
    officer_id: str,
    now: datetime,
    *,
    team: str | None = None,
    district: str | None = None,
    role: str | None = None,
) -> ScopeChange:
    """Change an officer's team, district or role; returns how many records their devices
    lose and gain (delivered as purges and records on their next pull)."""
    _check(team, district, role)
    r = schema.records
    with writing(engine) as conn:
        old = load_officer(conn, officer_id, lock=is_postgres(engine))
        if old is None:
            raise ValidationError("no officer has this id", "officer")
        new = Officer(
            old.id,
            team or old.team,
            district.strip() if district is not None else old.district,
            role or old.role,
        )
        was, now_in = scope_condition(old, r), scope_condition(new, r)
        lost: list[str] = list(
            conn.execute(sa.select(r.c.id).where(was, sa.not_(now_in)).order_by(r.c.id)).scalars()
        )
        gained_query = sa.select(r.c.id).where(now_in, sa.not_(was)).order_by(r.c.id)
        if is_postgres(engine):
            gained_query = gained_query.with_for_update()
        gained: list[str] = list(conn.execute(gained_query).scalars())
        conn.execute(
            schema.officers.update()
            .where(schema.officers.c.id == officer_id)
            .values(team=new.team, district=new.district, role=new.role)
        )
        _audit(conn, now, "officer_update", officer_id, {
            "before": {"team": old.team, "district": old.district, "role": old.role},
            "after": {"team": new.team, "district": new.district, "role": new.role},
            "records_lost": len(lost), "records_gained": len(gained),
        })  # fmt: skip
        _renumber(conn, old, lost, gained)
    return ScopeChange(len(lost), len(gained))


def _renumber(conn: Connection, old: Officer, lost: list[str], gained: list[str]) -> None:
    """Feed numbers for the move itself, the purges and the re-deliveries, taken last (see
    ``feed``). The move's own number ends the officer's old scope (see ``purges``)."""
    officer_id = old.id
    r, c = schema.records, schema.conflicts
    open_on_gained: list[str] = []
    for start in range(0, len(gained), 500):
        open_on_gained += conn.execute(
            sa.select(c.c.id)
            .where(c.c.record_id.in_(gained[start : start + 500]), c.c.resolved_at.is_(None))
            .order_by(c.c.id)
        ).scalars()
    count = 1 + len(lost) + len(gained) + len(open_on_gained)
    seqs = iter(range(feed.take_numbers(conn, count), 2**62))
    purges.keep_past_scope(conn, old, next(seqs))
    if lost:
        conn.execute(
            schema.officer_exits.insert(),
            [{"feed_seq": next(seqs), "officer_id": officer_id, "record_id": rid} for rid in lost],
        )
    if gained:
        conn.execute(
            r.update().where(r.c.id == sa.bindparam("b_id")).values(feed_seq=sa.bindparam("b_s")),
            [{"b_id": rid, "b_s": next(seqs)} for rid in gained],
        )
    if open_on_gained:
        conn.execute(
            c.update().where(c.c.id == sa.bindparam("b_id")).values(feed_seq=sa.bindparam("b_s")),
            [{"b_id": cid, "b_s": next(seqs)} for cid in open_on_gained],
        )


def _admin_hlc(now: datetime) -> str:
    """An HLC stamp for an administrator's write, in the devices' format."""
    return f"{int(now.timestamp() * 1000):015d}-00000-server"


def assign_record(engine: Engine, record_id: str, officer_id: str | None, now: datetime) -> int:
    """Assign a record to an officer (None: to nobody); returns the record's new version.

    Written as a new version by the administrator, so it merges with officers' offline edits
    like any other change to the record's scope.
    """
    with writing(engine) as conn:
        if officer_id is not None and load_officer(conn, officer_id) is None:
            raise ValidationError("no officer has this id", "officer")
        states = load_states(conn, [record_id], lock=is_postgres(engine))
        current = states.get(record_id)
        if current is None:
            raise ValidationError("no record has this id", "record")
        if current.signed():
            raise ValidationError("the record is signed and cannot change", "record")
        before = current.assigned_officer
        if before == officer_id:
            return current.version
        hlc = max(current.hlc, _admin_hlc(now))
        state = replace(
            current, version=current.version + 1, hlc=hlc, author=ADMIN_ID, device=ADMIN_ID,
            assigned_officer=officer_id, updated_at=now,
        )  # fmt: skip
        batch = _Batch()
        batch.changed[state.id] = state
        batch.versions.append({
            "record_id": state.id, "version": state.version, "hlc": _admin_hlc(now),
            "device": ADMIN_ID, "author": ADMIN_ID, "deleted": state.deleted,
            "team": state.team, "district": state.district,
            "assigned_officer": state.assigned_officer, "fields": state.fields, "created_at": now,
        })  # fmt: skip
        _audit(conn, now, "record_assign", record_id, {"before": before, "after": officer_id})
        feed.write_batch(conn, batch, {state.id: current.scope()}, now)
    return state.version
