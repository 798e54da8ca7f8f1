"""``POST /v1/officers``: the display names of the officers a device's conflicts mention.

Why: a laptop learns only its own officer at enrolment, so a conflict credited to another
officer could show only an id. The server answers with the name and team of each asked-for
officer that the device may meet in a conflict: one named by a conflict on a record in the
device officer's current scope (as either side's officer), or the device's own officer. Any
other id is silently left out, so the route cannot be used to list the council's staff, and
nothing more personal than a name and a team ever leaves.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from oxfield.domain.kinds import Team
from sync.protocol import OfficerName, OfficerNamesRequest, OfficerNamesResponse
from sync.server import schema
from sync.server.auth import DeviceContext
from sync.server.db import reading
from sync.server.records import current_officer
from sync.server.scope import scope_condition


def officer_names(
    engine: Engine, ctx: DeviceContext, request: OfficerNamesRequest
) -> OfficerNamesResponse:
    """The names of the asked-for officers this device may see (see the module's note)."""
    o, c, r = schema.officers, schema.conflicts, schema.records
    wanted = sorted(set(request.officer_ids))
    with reading(engine) as conn:
        officer = current_officer(conn, ctx.officer)
        mentioned = (
            sa.select(c.c.id)
            .join(r, r.c.id == c.c.record_id)
            .where(
                sa.or_(c.c.other_by_officer == o.c.id, c.c.kept_by_officer == o.c.id),
                scope_condition(officer, r),
            )
            .exists()
        )
        rows = conn.execute(
            sa.select(o.c.id, o.c.name, o.c.team)
            .where(o.c.id.in_(wanted), sa.or_(o.c.id == officer.id, mentioned))
            .order_by(o.c.id)
        ).all()
    return OfficerNamesResponse(
        officers=[
            OfficerName(id=row.id, name=_display(row.name, row.id), team=Team(row.team))
            for row in rows
        ]
    )


def _display(name: str, officer_id: str) -> str:
    """The name on one line (an administrator may have typed a tab or a newline)."""
    return " ".join(name.split())[:200] or officer_id
