"""Load the school list: the Oxfordshire file shipped with OxField, or a GIAS extract.

Both files are CSV with their own column names; the format is recognised from the header.
Unknown columns are ignored, a school already in the vault (same URN) is updated rather than
duplicated, and a row that cannot be read is reported with its line number and the column at
fault while every good row still loads.

Encoding (see :mod:`oxfield.services.import_text`): UTF-8, or UTF-16 with a byte-order mark
(Excel's tab-separated "Unicode Text"). The DfE publishes GIAS downloads in Windows-1252, so a
file that is not UTF-8 is read as Windows-1252 only when its header is a GIAS header, and the
report names the encoding used; any other file that is not UTF-8 is refused, never guessed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from oxfield.domain.schools import School
from oxfield.errors import ValidationError
from oxfield.progress import NullProgress, Progress, check_cancel
from oxfield.resources import resource_path
from oxfield.services.import_text import UTF8, DecodedFile, decode_legacy_if, dialect_for
from oxfield.text import search_key
from oxfield.vault.vault import Vault

DEFAULT_FILE = ("reference", "oxfordshire_schools.csv")
SCHOOL_FIELDS = (
    "laestab",
    "la_code",
    "name",
    "type_of_establishment",
    "phase",
    "town",
    "postcode",
    "open",
    "open_date",
    "close_date",
)


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str = UTF8


@dataclass(frozen=True, slots=True)
class SchoolRow:
    urn: int
    laestab: str | None
    name: str
    type_of_establishment: str | None
    phase: str | None
    town: str | None
    postcode: str | None
    open: bool


class _RowError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _date(row: Mapping[str, str], column: str) -> date | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _RowError(column, "not a date (expected dd-mm-yyyy)")


def _urn(row: Mapping[str, str], column: str) -> int:
    text = (row.get(column) or "").strip()
    # isascii: "¹²³⁴⁵⁶" passes isdigit() but int() cannot read it
    if not (text.isascii() and text.isdigit()) or not 100000 <= int(text) <= 9999999:
        raise _RowError(column, "a URN is a number of six or seven digits")
    return int(text)


def _text(row: Mapping[str, str], column: str, *, required: bool = False) -> str | None:
    text = (row.get(column) or "").strip()
    if required and not text:
        raise _RowError(column, "is empty")
    return text or None


def _from_oxfordshire(row: Mapping[str, str]) -> dict[str, Any]:
    in_gias = (row.get("open_in_gias_2025_07") or "").strip().lower()
    status = (row.get("status_2022") or "").strip().lower()
    return {
        "urn": _urn(row, "urn"),
        "laestab": _text(row, "laestab"),
        "la_code": _text(row, "la_code"),
        "name": _text(row, "establishment_name", required=True),
        "type_of_establishment": _text(row, "school_type_stats"),
        "phase": None,
        "town": _text(row, "town"),
        "postcode": _text(row, "postcode"),
        "open": in_gias == "yes" if in_gias else status == "open",
        "open_date": _date(row, "open_date"),
        "close_date": _date(row, "close_date"),
    }


def _from_gias(row: Mapping[str, str]) -> dict[str, Any]:
    la = _text(row, "LA (code)")
    number = _text(row, "EstablishmentNumber")
    if number is not None and not (number.isascii() and number.isdigit()):
        raise _RowError("EstablishmentNumber", "is not a number")
    laestab = f"{la}{int(number):04d}" if la and number else None
    status = (_text(row, "EstablishmentStatus (name)") or "").lower()
    close = _date(row, "CloseDate")
    return {
        "urn": _urn(row, "URN"),
        "laestab": laestab,
        "la_code": la,
        "name": _text(row, "EstablishmentName", required=True),
        "type_of_establishment": _text(row, "TypeOfEstablishment (name)"),
        "phase": _text(row, "PhaseOfEducation (name)"),
        "town": _text(row, "Town"),
        "postcode": _text(row, "Postcode"),
        "open": status.startswith("open") if status else close is None,
        "open_date": _date(row, "OpenDate"),
        "close_date": close,
    }


GIAS_HEADER = frozenset({"URN", "EstablishmentName"})


def _decode(data: bytes) -> DecodedFile:
    """UTF-8 or UTF-16 with a mark; Windows-1252 only for a GIAS extract (DfE publishes in it)."""
    return decode_legacy_if(data, lambda header: header >= GIAS_HEADER)


UNREADABLE = "the file cannot be read from this line on (a quote left open, or a cell over 128 KB)"
"""A damaged CSV (the csv module's own error): what the officer is told, with the line."""


def csv_records(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line, record) for each record; ``(line, None)`` once, and no more, where the file stops
    being CSV, so a damaged file is a problem named by line rather than a Python error."""
    while True:
        first = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield first, None
            return
        yield reader.line_num, record


def _rows(text: str) -> tuple[str, Iterator[tuple[int, dict[str, str] | None]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=dialect_for(text))
    try:
        fieldnames = reader.fieldnames
    except csv.Error:
        raise ValidationError(f"not a school list: line 1: {UNREADABLE}", "header") from None
    header = [h.strip() for h in fieldnames or []]
    reader.fieldnames = header
    if "URN" in header and "EstablishmentName" in header:
        kind = "gias"
    elif "urn" in header and "establishment_name" in header:
        kind = "oxfordshire"
    else:
        raise ValidationError(
            "not a school list: expected GIAS columns (URN, EstablishmentName, ...) "
            "or the Oxfordshire file's (urn, establishment_name, ...)",
            "header",
        )

    return kind, csv_records(reader)


def import_schools_text(
    vault: Vault,
    text: str,
    source: str,
    progress: Progress | None = None,
    encoding: str = UTF8,
) -> ImportReport:
    progress = progress or NullProgress()
    kind, rows = _rows(text)
    convert = _from_gias if kind == "gias" else _from_oxfordshire
    report = ImportReport(source=kind, encoding=encoding)
    parsed: dict[int, dict[str, Any]] = {}
    for line, row in rows:
        if row is None:
            report.problems.append(RowProblem(line, "file", UNREADABLE))
            break
        try:
            values = convert(row)
        except _RowError as exc:
            report.problems.append(RowProblem(line, exc.column, str(exc)))
            continue
        parsed[values["urn"]] = values
    with vault.write() as session:
        existing = {s.urn: s for s in session.scalars(select(School))}
        for done, (urn, values) in enumerate(parsed.items()):
            if done % 500 == 0:
                check_cancel(progress)
                progress.report(done, len(parsed), "schools")
            school = existing.get(urn)
            if school is None:
                session.add(School(source=source, **values))
                report.added += 1
            elif any(getattr(school, f) != values[f] for f in SCHOOL_FIELDS):
                for name in SCHOOL_FIELDS:
                    setattr(school, name, values[name])
                school.source = source
                report.updated += 1
            else:
                report.unchanged += 1
    progress.report(len(parsed), len(parsed), "schools")
    return report


def import_schools(vault: Vault, path: Path, progress: Progress | None = None) -> ImportReport:
    """Import a GIAS extract or the Oxfordshire list from ``path``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read the school file: {exc.strerror}", "file") from exc
    decoded = _decode(data)
    return import_schools_text(vault, decoded.text, path.name, progress, decoded.encoding)


def import_default_schools(vault: Vault) -> ImportReport:
    """Load the Oxfordshire list shipped in ``resources/reference``."""
    return import_schools(vault, resource_path(*DEFAULT_FILE))


def ensure_default_schools(vault: Vault) -> ImportReport | None:
    """Load the shipped list into a vault that has no schools yet."""
    return import_default_schools(vault) if school_count(vault) == 0 else None


def school_count(vault: Vault) -> int:
    with vault.read() as session:
        return int(session.scalar(select(func.count()).select_from(School)) or 0)


def find_schools(
    vault: Vault, text: str = "", *, open_only: bool = False, limit: int = 50
) -> list[SchoolRow]:
    """Schools whose name, LAESTAB or URN contains ``text`` (any accent or apostrophe)."""
    stmt = select(School).order_by(School.name).limit(limit)
    key = search_key(text)
    if key:
        stmt = stmt.where(School.search_key.contains(key, autoescape=True))
    if open_only:
        stmt = stmt.where(School.open.is_(True))
    with vault.read() as session:
        return [
            SchoolRow(
                s.urn,
                s.laestab,
                s.name,
                s.type_of_establishment,
                s.phase,
                s.town,
                s.postcode,
                s.open,
            )
            for s in session.scalars(stmt)
        ]
