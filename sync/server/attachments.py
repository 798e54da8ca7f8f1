"""Attachments: resumable chunked upload verified by SHA-256, download by hash within scope.

A file is named by its hash. The device announces its size, then sends bytes at the offset the
server reports as received; bytes the server already has are ignored, so re-sending a chunk
after a lost answer is harmless. When the last byte arrives the server hashes what it holds:
a mismatch throws the upload away (422) so the device starts again. Chunks live in the
database so that every server process sees the same upload. Download is allowed only to a
device whose scope includes a record that lists the hash in its ``attachments`` field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sync.protocol import AttachmentState
from sync.server import errors, schema
from sync.server.auth import DeviceContext
from sync.server.db import is_postgres, reading, writing
from sync.server.errors import ApiError
from sync.server.scope import scope_condition

MAX_CHUNK = 4 * 1024 * 1024


def _state(sha: str, size: int, received: int, complete: bool) -> AttachmentState:
    return AttachmentState(sha256=sha, size=size, received=received, complete=complete)


def start(engine: Engine, sha: str, size: int, now: datetime) -> AttachmentState:
    """Announce (or look up) an upload; answers how much the server already holds."""
    a = schema.attachments
    with writing(engine) as conn:
        row = conn.execute(sa.select(a).where(a.c.sha256 == sha)).first()
        if row is None:
            conn.execute(
                a.insert().values(sha256=sha, size=size, received=0, complete=False, created_at=now)
            )
            result = _finish(conn, sha, 0) if size == 0 else _state(sha, size, 0, False)
            return _or_mismatch(result)
        if int(row.size) != size:
            raise ApiError(409, errors.WRONG_OFFSET, "this hash was announced with another size")
        return _state(sha, int(row.size), int(row.received), bool(row.complete))


def status(engine: Engine, sha: str) -> AttachmentState:
    a = schema.attachments
    with reading(engine) as conn:
        row = conn.execute(sa.select(a).where(a.c.sha256 == sha)).first()
    if row is None:
        raise ApiError(404, errors.NOT_FOUND, "no upload with this hash")
    return _state(sha, int(row.size), int(row.received), bool(row.complete))


def put_chunk(engine: Engine, sha: str, offset: int, data: bytes) -> AttachmentState:
    """Store bytes at ``offset``; overlapping bytes already received are skipped."""
    if len(data) > MAX_CHUNK:
        raise ApiError(413, errors.TOO_LARGE, f"chunks are at most {MAX_CHUNK} bytes")
    a, ch = schema.attachments, schema.attachment_chunks
    with writing(engine) as conn:
        query = sa.select(a).where(a.c.sha256 == sha)
        if is_postgres(engine):
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise ApiError(404, errors.NOT_FOUND, "announce the upload first")
        size, received = int(row.size), int(row.received)
        if row.complete or offset + len(data) <= received:
            return _state(sha, size, received, bool(row.complete))
        if offset > received:
            raise ApiError(409, errors.WRONG_OFFSET, f"send from offset {received}", field="offset")
        tail = data[received - offset :]
        if received + len(tail) > size:
            raise ApiError(422, errors.TOO_LARGE, "more bytes than announced", field="offset")
        conn.execute(ch.insert().values(sha256=sha, offset=received, data=tail))
        received += len(tail)
        conn.execute(a.update().where(a.c.sha256 == sha).values(received=received))
        result = _state(sha, size, received, False) if received < size else _finish(conn, sha, size)
    return _or_mismatch(result)


def _or_mismatch(result: AttachmentState | None) -> AttachmentState:
    """Refuse (after the reset has committed) an upload whose bytes missed the hash."""
    if result is None:
        raise ApiError(422, errors.HASH_MISMATCH, "the bytes do not match the hash; resend all")
    return result


def _finish(conn: sa.Connection, sha: str, size: int) -> AttachmentState | None:
    a, ch = schema.attachments, schema.attachment_chunks
    digest = hashlib.sha256()
    piece: bytes
    for piece in conn.execute(
        sa.select(ch.c.data).where(ch.c.sha256 == sha).order_by(ch.c.offset)
    ).scalars():
        digest.update(piece)
    if digest.hexdigest() != sha:
        conn.execute(ch.delete().where(ch.c.sha256 == sha))
        conn.execute(a.update().where(a.c.sha256 == sha).values(received=0))
        return None
    conn.execute(a.update().where(a.c.sha256 == sha).values(complete=True))
    return _state(sha, size, size, True)


def may_download(engine: Engine, ctx: DeviceContext, sha: str) -> bool:
    r, ra = schema.records, schema.record_attachments
    with reading(engine) as conn:
        hit = conn.execute(
            sa.select(ra.c.record_id)
            .join(r, r.c.id == ra.c.record_id)
            .where(ra.c.sha256 == sha, scope_condition(ctx.officer, r))
            .limit(1)
        ).first()
    return hit is not None


def download(
    engine: Engine, ctx: DeviceContext, sha: str, offset: int = 0, length: int | None = None
) -> tuple[int, Iterator[bytes]]:
    """The file's size and its bytes from ``offset`` (at most ``length`` of them), after the
    scope check. A device resumes a cut download by asking from the bytes it already holds."""
    a, ch = schema.attachments, schema.attachment_chunks
    if not may_download(engine, ctx, sha):
        raise ApiError(404, errors.NOT_FOUND, "no attachment with this hash in your scope")
    with reading(engine) as conn:
        row = conn.execute(sa.select(a.c.complete, a.c.size).where(a.c.sha256 == sha)).first()
        if row is None or not row.complete:
            raise ApiError(404, errors.NOT_FOUND, "this attachment has not been uploaded")
        size = int(row.size)
        if offset > size:
            raise ApiError(409, errors.WRONG_OFFSET, f"the file has {size} bytes", field="offset")
        end = size if length is None else min(size, offset + length)
        # every stored chunk is at most MAX_CHUNK long, so only these can overlap the range
        found = conn.execute(
            sa.select(ch.c.offset, ch.c.data)
            .where(ch.c.sha256 == sha, ch.c.offset < end, ch.c.offset > offset - MAX_CHUNK)
            .order_by(ch.c.offset)
        ).all()
    pieces: list[bytes] = []
    for row in found:
        start, data = int(row.offset), bytes(row.data)
        lo, hi = max(offset - start, 0), min(end - start, len(data))
        if hi > lo:
            pieces.append(data[lo:hi])
    return size, iter(pieces)
