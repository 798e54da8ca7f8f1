"""A hybrid logical clock persisted in the vault, so local edits keep their order.

Each local write is stamped with an HLC: the larger of the wall clock and the last stamp, plus a
counter that breaks ties. The last stamp lives in ``vault_meta`` under ``hlc``, so a laptop whose
clock jumps backwards (a flat CMOS battery, a wrong time zone fixed by hand) still stamps every
later edit after every earlier one. Stamps are fixed-width text, so text order is clock order;
the device id at the end makes stamps from two devices distinct.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from oxfield.clock import Clock

META_KEY = "hlc"
_MAX_COUNTER = 99_999


@dataclass(frozen=True, slots=True, order=True)
class Hlc:
    wall_ms: int
    counter: int
    node: str = ""

    def __str__(self) -> str:
        return f"{self.wall_ms:015d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, stamp: str) -> Hlc:
        wall, counter, node = stamp.split("-", 2)
        return cls(int(wall), int(counter), node)

    @property
    def instant(self) -> datetime:
        return datetime.fromtimestamp(self.wall_ms / 1000, UTC)


def _bump(wall_ms: int, counter: int, node: str) -> Hlc:
    if counter > _MAX_COUNTER:
        return Hlc(wall_ms + 1, 0, node)
    return Hlc(wall_ms, counter, node)


def send(last: Hlc | None, now_ms: int, node: str) -> Hlc:
    """The stamp for a local event after ``last`` when the wall clock reads ``now_ms``."""
    if last is None or now_ms > last.wall_ms:
        return Hlc(now_ms, 0, node)
    return _bump(last.wall_ms, last.counter + 1, node)


def receive(last: Hlc | None, remote: Hlc, now_ms: int, node: str) -> Hlc:
    """The stamp after seeing ``remote`` (from the server): later than both, and than now."""
    candidates = [now_ms, remote.wall_ms] + ([last.wall_ms] if last else [])
    wall = max(candidates)
    counter = -1
    if last is not None and last.wall_ms == wall:
        counter = max(counter, last.counter)
    if remote.wall_ms == wall:
        counter = max(counter, remote.counter)
    return _bump(wall, counter + 1, node)


def _ms(clock: Clock) -> int:
    return int(clock.now().timestamp() * 1000)


def load(conn: Connection) -> Hlc | None:
    value = conn.execute(
        text("SELECT value FROM vault_meta WHERE key = :k"), {"k": META_KEY}
    ).scalar()
    return Hlc.parse(value) if value else None


def store(conn: Connection, stamp: Hlc) -> None:
    conn.execute(
        text(
            "INSERT INTO vault_meta (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": META_KEY, "v": str(stamp)},
    )


def tick(conn: Connection, node: str, clock: Clock, count: int = 1) -> list[Hlc]:
    """``count`` new stamps in order, persisted in the same transaction as ``conn``."""
    last = load(conn)
    stamps: list[Hlc] = []
    now = _ms(clock)
    for _ in range(count):
        last = send(last, now, node)
        stamps.append(last)
    if last is not None:
        store(conn, last)
    return stamps


def observe(conn: Connection, remote: str, node: str, clock: Clock) -> Hlc:
    """Advance the vault's clock past a stamp received from elsewhere."""
    stamp = receive(load(conn), Hlc.parse(remote), _ms(clock), node)
    store(conn, stamp)
    return stamp
