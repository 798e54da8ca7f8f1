"""Reading records and conflicts from the tables into working state and wire models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from oxfield.domain.kinds import Team
from sync.protocol import Conflict, Scope, ServerRecord
from sync.server import schema
from sync.server.decide import RecordState
from sync.server.scope import Officer

_CHUNK = 500


def load_states(conn: Connection, ids: Iterable[str], *, lock: bool) -> dict[str, RecordState]:
    """The records with these ids, locked for update (in id order) when ``lock``."""
    wanted = sorted(set(ids))
    r = schema.records
    states: dict[str, RecordState] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = sa.select(r).where(r.c.id.in_(wanted[start : start + _CHUNK])).order_by(r.c.id)
        if lock:
            query = query.with_for_update()
        for row in conn.execute(query):
            states[row.id] = state_from_row(row._mapping)
    return states


def state_from_row(row: Mapping[Any, Any]) -> RecordState:
    return RecordState(
        id=row["id"],
        kind=row["kind"],
        version=int(row["version"]),
        hlc=row["hlc"],
        author=row["author"],
        device=row["device"],
        deleted=bool(row["deleted"]),
        team=row["team"],
        district=row["district"],
        assigned_officer=row["assigned_officer"],
        fields=dict(row["fields"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def server_record(state: RecordState) -> ServerRecord:
    return ServerRecord(
        id=state.id,
        kind=state.kind,
        version=state.version,
        hlc=state.hlc,
        author=state.author,
        device=state.device,
        deleted=state.deleted,
        scope=Scope(
            team=Team(state.team), district=state.district, assigned_officer=state.assigned_officer
        ),
        fields=state.fields,
        updated_at=state.updated_at,
    )


def conflict_model(row: Mapping[Any, Any]) -> Conflict:
    return Conflict(
        id=row["id"],
        record_id=row["record_id"],
        field=row["field"],
        base_value=row["base_value"],
        kept_value=row["kept_value"],
        other_value=row["other_value"],
        kept_present=bool(row["kept_present"]),
        other_present=bool(row["other_present"]),
        kept_by_device=row["kept_by_device"],
        other_by_device=row["other_by_device"],
        other_by_officer=row["other_by_officer"],
        created_at=row["created_at"],
        kept_by_officer=row.get("kept_by_officer"),
        kept_at=row.get("kept_at"),
        other_at=row.get("other_at"),
        resolved=row["resolved_at"] is not None,
        resolved_by_device=row["resolved_by_device"],
    )


def open_conflicts(conn: Connection) -> list[Conflict]:
    c = schema.conflicts
    rows = conn.execute(sa.select(c).where(c.c.resolved_at.is_(None)).order_by(c.c.created_at))
    return [conflict_model(row._mapping) for row in rows]


def current_officer(conn: Connection, known: Officer) -> Officer:
    """The officer's scope as this transaction sees it: an administrator may have moved them
    since the request was authenticated, and push and pull must both use the new scope."""
    o = schema.officers
    row = conn.execute(
        sa.select(o.c.team, o.c.district, o.c.role).where(o.c.id == known.id)
    ).first()
    return known if row is None else Officer(known.id, row.team, row.district, row.role)
