"""Small helpers shared by the vault tests: page surgery and a floor-strength new vault."""

from __future__ import annotations

import os
from pathlib import Path

from oxfield.vault.engine import PAGE_SIZE
from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams

SQLITE_HEADER = b"SQLite format 3\x00"


def floor_kdf() -> KdfParams:
    return KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))


def page_count(path: Path) -> int:
    return path.stat().st_size // PAGE_SIZE


def flip_bit(path: Path, page: int, offset: int = 1000) -> None:
    """Flip one bit in page ``page`` (1-based) at ``offset`` bytes into the page."""
    with path.open("r+b") as fh:
        fh.seek((page - 1) * PAGE_SIZE + offset)
        byte = fh.read(1)[0]
        fh.seek(-1, os.SEEK_CUR)
        fh.write(bytes([byte ^ 0x10]))


def swap_pages(path: Path, a: int, b: int) -> None:
    with path.open("r+b") as fh:
        fh.seek((a - 1) * PAGE_SIZE)
        first = fh.read(PAGE_SIZE)
        fh.seek((b - 1) * PAGE_SIZE)
        second = fh.read(PAGE_SIZE)
        fh.seek((a - 1) * PAGE_SIZE)
        fh.write(second)
        fh.seek((b - 1) * PAGE_SIZE)
        fh.write(first)
