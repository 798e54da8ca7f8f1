"""Turn the bytes of an imported CSV into text without ever guessing the encoding silently.

A file read in the wrong encoding does not fail: every byte still maps to some character, so a
Polish "Łucja" saved as Windows-1250 arrives as "£ucja" and is written into the vault as if it
were right. Detection libraries do not fix this for the files councils import: they judge by
letter statistics, and a register is a few hundred short names. charset-normalizer 3.4, asked
about a one-row Polish register in Windows-1250, answered Big5 (Chinese); about an Irish one in
Windows-1252 ("Seán O’Brien"), Windows-1257 (Baltic). A council IT team can trust a rule, not a
score, so the rule is:

- UTF-8, with or without a byte-order mark, is read as it is; so is UTF-16 or UTF-32 with a
  byte-order mark (what Excel writes for "Unicode Text", which is tab-separated).
- Anything else is refused with the steps to save the file as "CSV UTF-8" in Excel, unless
  the caller knows where the file came from: the GIAS school extract is published by the DfE
  in Windows-1252, so :mod:`oxfield.services.schools` accepts that one legacy encoding for a
  file whose header is a GIAS header, and its import report says so.

Messages name a line, never a cell: the cells are personal data.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable
from dataclasses import dataclass

from oxfield.errors import ValidationError

UTF8 = "UTF-8"
WINDOWS_1252 = "Windows-1252"

SAVE_AS_UTF8 = (
    "In Excel open the file, choose File > Save As, pick the type "
    '"CSV UTF-8 (Comma delimited) (*.csv)", save, and import the new file.'
)

# longest first: the UTF-32 LE mark begins with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", UTF8),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


class NotUnicodeError(ValidationError):
    """The file is not UTF-8 (or UTF-16/32 with a byte-order mark): nothing was read."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = f"{reason}; nothing was imported. {SAVE_AS_UTF8}"
        super().__init__(f"line {line}: {self.reason}", "file")


@dataclass(frozen=True, slots=True)
class DecodedFile:
    text: str
    encoding: str  # as an officer would name it: "UTF-8", "UTF-16", "Windows-1252"


def _no_nul(text: str, encoding: str) -> DecodedFile:
    # UTF-16 without a mark is valid UTF-8 (every other byte a NUL): refuse it here
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise NotUnicodeError(line, "the file has NUL characters, so it is not CSV text")
    return DecodedFile(text, encoding)


def decode_unicode(data: bytes) -> DecodedFile:
    """The text of a UTF-8 file (mark or not) or a UTF-16/32 file with a mark, or refuse."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _no_nul(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError as exc:
                line = data[: len(bom) + exc.start].decode(codec, "replace").count("\n") + 1
                raise NotUnicodeError(line, f"the file starts as {name} but is not") from None
    try:
        return _no_nul(data.decode("utf-8"), UTF8)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reason = "the file is not saved as UTF-8 (this line is the first that is not)"
        raise NotUnicodeError(line, reason) from None


def decode_windows_1252(data: bytes) -> DecodedFile:
    """Windows-1252, for a file known to be published in it; refuse its five unused bytes."""
    try:
        return _no_nul(data.decode("cp1252"), WINDOWS_1252)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotUnicodeError(line, "the file is neither UTF-8 nor Windows-1252") from None


def decode_legacy_if(data: bytes, known: Callable[[frozenset[str]], bool]) -> DecodedFile:
    """Unicode, or Windows-1252 when ``known`` recognises the header as from a source that
    publishes in it; otherwise the refusal for a file that is not UTF-8."""
    try:
        return decode_unicode(data)
    except NotUnicodeError as refusal:
        try:
            legacy = decode_windows_1252(data)
        except NotUnicodeError:
            raise refusal from None
        if known(frozenset(cell.strip() for cell in header_cells(legacy.text))):
            return legacy
        raise refusal from None


def dialect_for(text: str) -> str:
    """The delimiter: a tab when the header has tabs and no commas (Excel's "Unicode Text")."""
    header = text.partition("\n")[0]
    return "\t" if "\t" in header and "," not in header else ","


def header_cells(text: str) -> list[str]:
    """The header's cells, for a caller that must recognise the file before trusting it."""
    try:
        return next(csv.reader([text.partition("\n")[0]], delimiter=dialect_for(text)), [])
    except csv.Error:
        return []
