"""CSV that a spreadsheet opens safely and that reads back exactly as written.

A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be taken as
a formula by Excel or LibreOffice (CSV injection, OWASP); such text cells get a leading
apostrophe, which spreadsheets show as plain text. Numbers stay numbers. Commas, quotes and
newlines are quoted by the :mod:`csv` module, so they survive a round trip. The file is UTF-8
with a byte-order mark, so Excel shows every script's names correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"

Cell = str | int | None


def safe_cell(value: Cell) -> str | int:
    """The value as it should be written: text that could run as a formula is defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return value
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unsafe_text(cell: str) -> str:
    """Undo :func:`safe_cell` on text read back from a file written here."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The whole file as bytes (built in memory: nothing personal touches the disk here)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return buffer.getvalue().encode(ENCODING)


def read_csv(data: bytes) -> list[list[str]]:
    """Rows of a CSV written by :func:`to_csv` (or any UTF-8 CSV), cells as text."""
    text = data.decode(ENCODING)
    return [row for row in csv.reader(io.StringIO(text, newline=""))]
