"""Time-ordered record ids (UUIDv7, RFC 9562) made on the device.

Python 3.11 has no ``uuid.uuid7``; these ids sort by creation time so indexes stay compact
and a list ordered by id is roughly ordered by when records were made.
"""

from __future__ import annotations

import os
import time
import uuid


def uuid7(unix_ms: int | None = None) -> uuid.UUID:
    """Return a version 7 UUID: 48 bits of milliseconds, then 74 random bits."""
    ms = time.time_ns() // 1_000_000 if unix_ms is None else unix_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0x0FFF) << 64  # rand_a (12 bits)
    value |= 0b10 << 62  # variant
    value |= rand & 0x3FFF_FFFF_FFFF_FFFF  # rand_b (62 bits)
    return uuid.UUID(int=value)


def new_id() -> str:
    """A new record id as text, the form every table and the wire format use."""
    return str(uuid7())
