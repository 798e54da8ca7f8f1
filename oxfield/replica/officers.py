"""The names of officers the conflicts mention, as the server told them (``sync_officer``).

Why: a conflict credits each value to an officer by id, and a laptop learns only its own
officer at enrolment. The device engine asks the server for the officers its open conflicts
name and keeps the answers here, so the review can say "Sam Example (EHE)" and falls back to
the start of the id only for an officer the server has not named (an older server, or no
sync since the conflict arrived).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, union
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from oxfield.replica.tables import ConflictRow, OfficerNameRow
from oxfield.text import humanise


@dataclass(frozen=True, slots=True)
class OfficerName:
    """How people know an officer: a display name and a team."""

    id: str
    name: str
    team: str

    def label(self) -> str:
        """``Sam Example (EHE)``."""
        return f"{self.name} ({humanise(self.team)})"


def names(session: Session) -> dict[str, OfficerName]:
    """Every officer name the vault holds, by officer id."""
    rows = session.execute(
        select(OfficerNameRow.officer_id, OfficerNameRow.name, OfficerNameRow.team)
    )
    return {oid: OfficerName(oid, name, team) for oid, name, team in rows}


def to_ask(session: Session, refresh: Iterable[str] = (), skip: Iterable[str] = ()) -> list[str]:
    """The officers to ask the server about: those the open conflicts name without a stored
    name (except ``skip``: the server declined them before), plus those named by the
    conflicts in ``refresh`` (just received: an officer may have moved team since we asked)."""
    c = ConflictRow
    open_ = c.status != "resolved"
    mentioned = union(
        select(c.other_by_officer.label("oid")).where(open_),
        select(c.kept_by_officer.label("oid")).where(open_, c.kept_by_officer.is_not(None)),
    ).subquery()
    known = select(OfficerNameRow.officer_id)
    wanted: set[str] = set(
        session.scalars(select(mentioned.c.oid).where(mentioned.c.oid.not_in(known)))
    )
    wanted -= set(skip)
    fresh = sorted(set(refresh))
    for start in range(0, len(fresh), 500):
        for row in session.execute(
            select(c.other_by_officer, c.kept_by_officer).where(
                c.id.in_(fresh[start : start + 500])
            )
        ):
            wanted.update(oid for oid in row if oid)
    return sorted(wanted)


def put_names(session: Session, found: Iterable[OfficerName], now: datetime) -> None:
    """Store (or update) these names."""
    rows = [{"officer_id": o.id, "name": o.name, "team": o.team, "updated_at": now} for o in found]
    if not rows:
        return
    stmt = sqlite_insert(OfficerNameRow)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["officer_id"],
            set_={
                "name": stmt.excluded.name,
                "team": stmt.excluded.team,
                "updated_at": stmt.excluded.updated_at,
            },
        ),
        rows,
    )
