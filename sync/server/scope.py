"""Which records an officer's devices may hold and change (DESIGN.md section 5, "Scope").

- an administrator: every record;
- a team manager: every record of their team;
- an officer: the records of their team in their district, and any record assigned to them.

The same rule exists twice, once over Python values (checked on every push) and once as a SQL
condition (used by the pull), and the tests hold them to each other.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from sync.protocol import Scope


@dataclass(frozen=True, slots=True)
class Officer:
    id: str
    team: str
    district: str
    role: str


def in_scope(officer: Officer, team: str, district: str, assigned: str | None) -> bool:
    """True when ``officer`` may hold a record with this scope."""
    if officer.role == "admin":
        return True
    if officer.role == "manager":
        return team == officer.team
    if assigned is not None and assigned == officer.id:
        return True
    return team == officer.team and district == officer.district


def scope_in_scope(officer: Officer, scope: Scope) -> bool:
    return in_scope(officer, scope.team.value, scope.district, scope.assigned_officer)


def scope_condition(officer: Officer, table: sa.Table) -> ColumnElement[bool]:
    """The same rule as ``in_scope`` as a SQL condition over ``table``'s scope columns."""
    if officer.role == "admin":
        return sa.true()
    if officer.role == "manager":
        return table.c.team == officer.team
    return sa.or_(
        # coalesce: NOT (NULL = x) is NULL, which would hide a purge
        sa.func.coalesce(table.c.assigned_officer, "") == officer.id,
        sa.and_(table.c.team == officer.team, table.c.district == officer.district),
    )
