"""``POST /v1/held``: the server's copies of records a device asks about after a restore.

Why: a device that finds the server restored from an older backup (``sync.server.timeline``)
must send again whatever the backup lost. The re-read of the feed brings it other devices'
writes but never its own, so it asks here about the records it holds: the server answers with
its copy of each that the device's officer may hold, and lists the ids it has never heard of.
Ids of records outside the officer's scope are left out, so nothing leaks.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sync.protocol import HeldRequest, HeldResponse
from sync.server import schema
from sync.server.auth import DeviceContext
from sync.server.db import reading
from sync.server.records import current_officer, server_record, state_from_row
from sync.server.scope import scope_condition


def held(engine: Engine, ctx: DeviceContext, request: HeldRequest) -> HeldResponse:
    """This server's copies of the asked-for records in scope, and the ids it lacks."""
    r = schema.records
    wanted = sorted(set(request.record_ids))
    with reading(engine) as conn:
        officer = current_officer(conn, ctx.officer)
        known: set[str] = set(conn.execute(sa.select(r.c.id).where(r.c.id.in_(wanted))).scalars())
        rows = conn.execute(
            sa.select(r).where(r.c.id.in_(wanted), scope_condition(officer, r)).order_by(r.c.id)
        ).all()
    return HeldResponse(
        records=[server_record(state_from_row(row._mapping)) for row in rows],
        missing=[rid for rid in wanted if rid not in known],
    )
