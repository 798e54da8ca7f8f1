"""CSV extracts of cases, visits and licences for the council's Power BI dashboards.

One row per record of the chosen team whose date falls in the range: an EHE case by
``notified_on``, a visit by ``visited_on`` (else ``planned_on``), a licence by
``first_performance_on`` (else the day the server first received it). Fixed columns first,
then every field name found, sorted. A cell that a spreadsheet would run as a formula
(leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) is prefixed with an apostrophe.
The file starts with a UTF-8 byte-order mark: without it Excel (and Power BI's Excel path)
reads the file as the local ANSI code page and garbles names in Arabic, Chinese or Polish.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from oxfield.errors import ValidationError
from sync.server import schema
from sync.server.db import reading

EXPORT_KINDS = ("ehe_case", "ehe_visit", "licence")
_DATE_FIELDS = {
    "ehe_case": ("notified_on",),
    "ehe_visit": ("visited_on", "planned_on"),
    "licence": ("first_performance_on",),
}
_FIXED = ("kind", "id", "version", "team", "district", "assigned_officer", "date", "signed")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """Text for one cell, neutralised if a spreadsheet would evaluate it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    elif isinstance(value, int | float):
        return str(value)
    else:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _record_date(kind: str, fields: dict[str, Any], created: date) -> date | None:
    for name in _DATE_FIELDS[kind]:
        value = fields.get(name)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    return created


def rows(engine: Engine, team: str, start: date, end: date) -> list[dict[str, Any]]:
    """The records to export, as flat dicts."""
    if end < start:
        raise ValidationError("the 'to' date is before the 'from' date", "to")
    r = schema.records
    out: list[dict[str, Any]] = []
    with reading(engine) as conn:
        result = conn.execute(
            sa.select(r)
            .where(r.c.team == team, r.c.kind.in_(EXPORT_KINDS), r.c.deleted.is_(False))
            .order_by(r.c.kind, r.c.id)
        )
        for row in result:
            fields = dict(row.fields)
            day = _record_date(row.kind, fields, row.created_at.date())
            if day is None or not start <= day <= end:
                continue
            fixed = {
                "kind": row.kind, "id": row.id, "version": row.version, "team": row.team,
                "district": row.district, "assigned_officer": row.assigned_officer,
                "date": day.isoformat(), "signed": bool(row.signed),
            }  # fmt: skip
            out.append({**{f"field_{k}": v for k, v in fields.items()}, **fixed})
    return out


def write_csv(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write the extract; returns the number of rows."""
    items = list(records)
    extra = sorted({k for item in items for k in item if k not in _FIXED})
    columns = [*_FIXED, *extra]
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for item in items:
            writer.writerow([safe_cell(item.get(col)) for col in columns])
    return len(items)
