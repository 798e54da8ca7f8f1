"""Administration: officers, one-time enrolment codes, devices, revocation, open conflicts.

These run from ``oxfield-server admin ...`` straight against the database; a revocation is
seen by the very next request on any server process, since nothing is cached.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from oxfield.ids import new_id
from sync.protocol import Conflict
from sync.server import schema
from sync.server.auth import code_hash
from sync.server.db import reading, writing
from sync.server.records import open_conflicts

ROLES = ("officer", "manager", "admin")
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def create_officer(
    engine: Engine, name: str, team: str, district: str, role: str, now: datetime
) -> str:
    """Add an officer; returns their id."""
    if not name.strip():
        raise ValidationError("the officer's name is empty", "name")
    if team not in {t.value for t in Team}:
        raise ValidationError(f"team must be one of {', '.join(t.value for t in Team)}", "team")
    if not district.strip():
        raise ValidationError("the district is empty", "district")
    if role not in ROLES:
        raise ValidationError(f"role must be one of {', '.join(ROLES)}", "role")
    officer_id = new_id()
    with writing(engine) as conn:
        conn.execute(
            schema.officers.insert().values(
                id=officer_id,
                name=name.strip(),
                team=team,
                district=district.strip(),
                role=role,
                created_at=now,
            )
        )
    return officer_id


def enrol_code(engine: Engine, officer_id: str, valid_hours: float, now: datetime) -> str:
    """A new one-time code for ``officer_id``, valid for ``valid_hours``."""
    if not 0 < valid_hours <= 24 * 30:
        raise ValidationError("valid hours must be between 0 and 720", "valid-hours")
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
    with writing(engine) as conn:
        found = conn.execute(
            sa.select(schema.officers.c.id).where(schema.officers.c.id == officer_id)
        ).first()
        if found is None:
            raise ValidationError("no officer has this id", "officer")
        conn.execute(
            schema.enrol_codes.insert().values(
                code_hash=code_hash(code),
                officer_id=officer_id,
                created_at=now,
                expires_at=now + timedelta(hours=valid_hours),
            )
        )
    return code


@dataclass(frozen=True, slots=True)
class DeviceRow:
    id: str
    officer_id: str
    name: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
    vault_generation: int
    rollback_at: datetime | None


def devices(engine: Engine) -> list[DeviceRow]:
    d = schema.devices
    with reading(engine) as conn:
        rows = conn.execute(
            sa.select(
                d.c.id, d.c.officer_id, d.c.name, d.c.enrolled_at, d.c.last_seen_at,
                d.c.revoked_at, d.c.vault_generation, d.c.rollback_at,
            ).order_by(d.c.enrolled_at)
        ).all()  # fmt: skip
    return [DeviceRow(**dict(row._mapping)) for row in rows]


def revoke_device(engine: Engine, device_id: str, now: datetime) -> bool:
    """Revoke; False when there is no such device. Revoking twice keeps the first time."""
    d = schema.devices
    with writing(engine) as conn:
        found = conn.execute(sa.select(d.c.revoked_at).where(d.c.id == device_id)).first()
        if found is None:
            return False
        if found.revoked_at is None:
            conn.execute(d.update().where(d.c.id == device_id).values(revoked_at=now))
    return True


def conflicts(engine: Engine) -> list[Conflict]:
    with reading(engine) as conn:
        return open_conflicts(conn)
