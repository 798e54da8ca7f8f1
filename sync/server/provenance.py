"""Who typed a field's current value: found in the record's history, not its last writer.

A record's last writer is often not the author of every value on it: a merged push writes the
whole record while changing one field, and a conflicted push writes it while the other
device's value stays. So the credit for a value is the oldest version in the unbroken run of
newest versions that all hold that value: the write that put it there. Versions still waiting
in the current push transaction count too, newest first. The pseudo-fields ``scope.*`` read
the scope columns and ``_deleted`` the tombstone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import JsonValue
from sqlalchemy.engine import Connection

from sync.merge import DELETED_FIELD, MISSING, Value, canonical_json
from sync.server import schema

_SCOPE_COLUMNS = {
    "scope.team": "team",
    "scope.district": "district",
    "scope.assigned_officer": "assigned_officer",
    "_scope_team": "team",
    "_scope_district": "district",
    "_scope_assigned_officer": "assigned_officer",
}
_PAGE = 50


@dataclass(frozen=True, slots=True)
class Credit:
    device: str
    officer: str | None
    at: datetime
    hlc: str = ""


def value_in(version: Mapping[str, Any], field: str) -> Value:
    """A field's value in one ``record_versions`` row (or a pending row of the same shape)."""
    if field == DELETED_FIELD:
        return bool(version["deleted"])
    column = _SCOPE_COLUMNS.get(field)
    if column is not None:
        value = version[column]
        return MISSING if value is None else value
    fields: Mapping[str, JsonValue] = version["fields"]
    return fields.get(field, MISSING)


def _history(
    conn: Connection, record_id: str, upto: int, pending: Iterable[Mapping[str, Any]]
) -> Iterator[Mapping[str, Any]]:
    """Versions <= ``upto`` of the record, newest first, pending ones before stored ones."""
    waiting = sorted(
        (p for p in pending if p["record_id"] == record_id and p["version"] <= upto),
        key=lambda p: -int(p["version"]),
    )
    yield from waiting
    below = min((int(p["version"]) for p in waiting), default=upto + 1)
    v = schema.record_versions
    while below > 1:
        rows = conn.execute(
            sa.select(v)
            .where(v.c.record_id == record_id, v.c.version < below)
            .order_by(v.c.version.desc())
            .limit(_PAGE)
        ).all()
        if not rows:
            return
        for row in rows:
            yield dict(row._mapping)
        below = int(rows[-1].version)


def typed_by(
    conn: Connection,
    record_id: str,
    field: str,
    upto: int,
    pending: Iterable[Mapping[str, Any]] = (),
) -> Credit | None:
    """The write that set ``field`` to the value it holds at version ``upto`` (None: the
    history holds no such version, e.g. records written before histories kept authors)."""
    credit: Credit | None = None
    wanted: str | None = None
    for version in _history(conn, record_id, upto, pending):
        text = canonical_json(value_in(version, field))
        if wanted is None:
            wanted = text
        elif text != wanted:
            break
        credit = Credit(
            version["device"], version.get("author"), version["created_at"], version["hlc"]
        )
    if credit is not None and credit.officer is None:  # a version from before authors were kept
        d = schema.devices
        owner = conn.execute(sa.select(d.c.officer_id).where(d.c.id == credit.device)).scalar()
        credit = Credit(credit.device, owner, credit.at, credit.hlc)
    return credit


def field_ranker(
    conn: Connection, record_id: str, upto: int, pending: Iterable[Mapping[str, Any]]
) -> Callable[[str], tuple[str, ...] | None]:
    """For the merge: the (HLC, device) of the edit that typed each field's value. Asked only
    for fields changed on both sides, so the history is read only when there is a conflict."""
    rows = list(pending)

    def rank(field: str) -> tuple[str, ...] | None:
        credit = typed_by(conn, record_id, field, upto, rows)
        return None if credit is None else (credit.hlc, credit.device)

    return rank
