"""Which history a pull cursor belongs to, so a server restored from a backup is noticed.

Why: feed numbers alone cannot tell. A server restored from an older backup hands out again
the numbers its lost writes had, so a device whose cursor is past the backup would skip the new
changes that re-use them, and a device that sent changes after the backup believes the server
holds them. Every writing transaction therefore stamps its last feed number with a random mark
(``feed_marks``); the cursor a pull hands out carries the mark of the write that took its
number (``sync.protocol.make_cursor``). A restore brings back the marks of the backup, never
those of the lost writes, and a re-used number gets a new random mark: a cursor whose number
and mark this server does not hold is from a timeline it has lost.

A mark has 20 bits, so a re-used number passes for the lost one about once in a million
restores; the row costs one small insert per writing transaction.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync.server import schema

_MARK_LIMIT = 1 << 20


def stamp(conn: Connection, top: int) -> None:
    """Mark the write that took feed numbers up to ``top`` (inside that write)."""
    conn.execute(schema.feed_marks.insert().values(top=top, mark=secrets.randbelow(_MARK_LIMIT)))


def mark_of(conn: Connection, seq: int) -> int:
    """The mark of the write that took ``seq`` (0 for the start, or before any mark)."""
    if seq <= 0:
        return 0
    m = schema.feed_marks
    found = conn.execute(
        sa.select(m.c.mark).where(m.c.top >= seq).order_by(m.c.top).limit(1)
    ).scalar_one_or_none()
    return int(found) if found is not None else 0


def holds(conn: Connection, seq: int, mark: int, top: int) -> bool:
    """Whether this server's history has the change a device saw as (``seq``, ``mark``)."""
    if seq <= 0:
        return True
    return seq <= top and mark_of(conn, seq) == mark
