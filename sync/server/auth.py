"""Device identity: enrolment with a one-time code, and the check of every signed request.

The check runs in this order, each failure with its own code: protocol version, signature
headers present, device known, signature valid, device not revoked (answered with the wipe
order), timestamp within the allowed skew (answered with the server's time), nonce never seen.
Nonces live in the database so that several server processes share them; each is kept for
twice the allowed skew, after which a replay is refused as stale anyway.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from oxfield.ids import new_id
from sync import signing
from sync.protocol import (
    OLDEST_SUPPORTED_VERSION,
    PROTOCOL_VERSION,
    EnrolRequest,
    EnrolResponse,
    Scope,
)
from sync.server import errors, schema
from sync.server.db import writing
from sync.server.errors import ApiError
from sync.server.scope import Officer


@dataclass(frozen=True, slots=True)
class DeviceContext:
    """The device (and its officer) a verified request came from."""

    device_id: str
    officer: Officer
    vault_generation: int


def code_hash(code: str) -> str:
    """Codes are stored only as hashes; dashes and case do not matter when typed."""
    cleaned = code.replace("-", "").replace(" ", "").upper()
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()


def check_protocol(headers: Mapping[str, str]) -> None:
    """Refuse a request without a protocol version we serve."""
    raw = headers.get(signing.HEADER_PROTOCOL.lower())
    try:
        version = int(raw) if raw is not None else None
    except ValueError:
        version = None
    if version is None:
        raise ApiError(
            400, errors.BAD_PROTOCOL, f"send the protocol version in {signing.HEADER_PROTOCOL}"
        )
    if version < OLDEST_SUPPORTED_VERSION:
        raise ApiError(
            426,
            errors.UPGRADE_REQUIRED,
            f"protocol {version} is no longer served; update OxField "
            f"(this server speaks {OLDEST_SUPPORTED_VERSION} to {PROTOCOL_VERSION})",
        )
    if version > PROTOCOL_VERSION:
        raise ApiError(
            400, errors.BAD_PROTOCOL, f"this server speaks protocol up to {PROTOCOL_VERSION}"
        )


def verify_request(
    engine: Engine,
    headers: Mapping[str, str],
    method: str,
    path: str,
    body: bytes,
    now: datetime,
) -> DeviceContext:
    """The device behind a signed request, or an ApiError saying why it is refused."""
    check_protocol(headers)
    parts = signing.parse_headers(headers)
    if parts is None:
        raise ApiError(401, errors.UNSIGNED, "the request is not signed (signature headers)")
    d, o = schema.devices, schema.officers
    with writing(engine) as conn:
        row = conn.execute(
            sa.select(d.c.public_key, d.c.revoked_at, d.c.vault_generation, o)
            .join(o, o.c.id == d.c.officer_id)
            .where(d.c.id == parts.device_id)
        ).first()
        if row is None:
            raise ApiError(401, errors.UNKNOWN_DEVICE, "this device is not enrolled")
        key = signing.load_public_key(row.public_key)
        if not signing.verify(key, parts, method, path, body):
            raise ApiError(401, errors.BAD_SIGNATURE, "the request signature does not verify")
        if row.revoked_at is not None:
            raise ApiError(
                403, errors.DEVICE_REVOKED, "this device has been revoked: wipe it", wipe=True
            )
        if signing.is_stale(parts.timestamp, now.timestamp()):
            raise ApiError(
                401,
                errors.STALE_TIMESTAMP,
                "the request timestamp is too far from the server's time; "
                "correct the clock and retry",
                server_time=now,
            )
        try:
            with conn.begin_nested():
                conn.execute(
                    schema.nonces.insert().values(
                        device_id=parts.device_id, nonce=parts.nonce, seen_at=now
                    )
                )
        except IntegrityError:
            raise ApiError(
                401, errors.REPLAYED_NONCE, "this request was already received (nonce)"
            ) from None
        conn.execute(d.update().where(d.c.id == parts.device_id).values(last_seen_at=now))
        if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
            horizon = now - timedelta(seconds=2 * signing.MAX_SKEW_SECONDS)
            conn.execute(schema.nonces.delete().where(schema.nonces.c.seen_at < horizon))
    officer = Officer(row.id, row.team, row.district, row.role)
    return DeviceContext(parts.device_id, officer, int(row.vault_generation))


def enrol(engine: Engine, request: EnrolRequest, now: datetime) -> EnrolResponse:
    """Exchange a one-time code and a public key for a device id."""
    try:
        signing.load_public_key(request.public_key)
    except ValueError as exc:
        raise ApiError(422, errors.BAD_KEY, str(exc), field="public_key") from None
    c, o = schema.enrol_codes, schema.officers
    device_id = new_id()
    with writing(engine) as conn:
        row = conn.execute(
            sa.select(c, o.c.team, o.c.district, o.c.role)
            .join(o, o.c.id == c.c.officer_id)
            .where(c.c.code_hash == code_hash(request.code))
        ).first()
        if row is None:
            raise ApiError(403, errors.CODE_UNKNOWN, "this enrolment code is not known")
        if row.used_at is not None:
            raise ApiError(403, errors.CODE_USED, "this enrolment code has already been used")
        if row.expires_at <= now:
            raise ApiError(403, errors.CODE_EXPIRED, "this enrolment code has expired")
        taken = conn.execute(
            c.update()
            .where(c.c.code_hash == row.code_hash, c.c.used_at.is_(None))
            .values(used_at=now)
        )
        if taken.rowcount != 1:
            raise ApiError(403, errors.CODE_USED, "this enrolment code has already been used")
        exists = conn.execute(
            sa.select(schema.devices.c.id).where(schema.devices.c.public_key == request.public_key)
        ).first()
        if exists is not None:
            raise ApiError(409, errors.KEY_IN_USE, "this public key is already enrolled")
        conn.execute(
            schema.devices.insert().values(
                id=device_id,
                officer_id=row.officer_id,
                name=request.device_name,
                public_key=request.public_key,
                enrolled_at=now,
                vault_generation=0,
            )
        )
    return EnrolResponse(
        device_id=device_id,
        officer_id=row.officer_id,
        role=row.role,
        scope=Scope(team=row.team, district=row.district),
        server_time=now,
    )


def record_generation(engine: Engine, ctx: DeviceContext, generation: int, now: datetime) -> bool:
    """Store the vault's generation counter; True when it went backwards (a rollback)."""
    if generation == ctx.vault_generation:
        return False
    d = schema.devices
    with writing(engine) as conn:
        if generation < ctx.vault_generation:
            conn.execute(d.update().where(d.c.id == ctx.device_id).values(rollback_at=now))
            return True
        conn.execute(
            d.update()
            .where(d.c.id == ctx.device_id, d.c.vault_generation < generation)
            .values(vault_generation=generation)
        )
    return False
