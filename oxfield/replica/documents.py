"""Each synced model as a document (the wire's ``fields``) and back.

A document holds every mapped column of the record except the sync metadata (id, kind,
version, clock, author, device, tombstone, scope, timestamps) and derived search keys. Values
are JSON: dates and instants as ISO text, enums as their values. An empty value is absent
rather than ``null`` (``null`` on the wire clears a field). Records that point at a file also
list its hash under ``attachments``, which is how the server knows who may download it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, Integer, inspect
from sqlalchemy.orm import Mapper

import oxfield.domain  # noqa: F401  (registers every model)
from oxfield.domain.base import Synced
from oxfield.domain.types import UTCDateTime
from oxfield.errors import ValidationError
from oxfield.orm import Base

Json = Any
Doc = dict[str, Json]

METADATA = frozenset(
    {
        "id", "kind", "version", "hlc", "author", "device", "deleted", "team", "district",
        "assigned_officer", "created_at", "updated_at",
    }
)  # fmt: skip
DERIVED = frozenset({"search_key", "sort_key"})
ATTACHMENTS = "attachments"
_FILE_COLUMNS = ("sha256", "attachment_sha256")


@cache
def models() -> dict[str, type[Synced]]:
    """Every synced model by its kind."""
    found: dict[str, type[Synced]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Synced) and "KIND" in cls.__dict__:
            found[cls.KIND] = cls
    return found


def model_for(kind: str) -> type[Synced]:
    try:
        return models()[kind]
    except KeyError:
        raise ValidationError(f"unknown record kind {kind!r}", "kind") from None


_COLUMNS: dict[str, dict[str, Any]] = {}


def columns(cls: type[Synced]) -> dict[str, Any]:
    """The document's columns of a model (name -> column type), cached per kind."""
    found = _COLUMNS.get(cls.KIND)
    if found is not None:
        return found
    mapper: Mapper[Any] = inspect(cls)
    found = _COLUMNS[cls.KIND] = {
        attr.key: attr.columns[0].type
        for attr in mapper.column_attrs
        if attr.key not in METADATA and attr.key not in DERIVED
    }
    return found


def file_columns(cls: type[Synced]) -> list[str]:
    return [c for c in _FILE_COLUMNS if c in columns(cls)]


def to_json(value: Any) -> Json:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_json(value: Json, column_type: Any, name: str) -> Any:
    """A document value as the column wants it; ValidationError naming the field if not."""
    if value is None:
        return None
    try:
        if isinstance(column_type, UTCDateTime):
            return datetime.fromisoformat(str(value))
        if isinstance(column_type, Date):
            return date.fromisoformat(str(value))
        if isinstance(column_type, Boolean):
            return bool(value)
        if isinstance(column_type, Integer):
            return int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"field '{name}' has a value of the wrong type", name) from None
    return value


def to_doc(obj: Synced) -> Doc:
    cls = type(obj)
    doc: Doc = {}
    for name in columns(cls):
        value = getattr(obj, name)
        if value is None or value == "":
            continue
        doc[name] = to_json(value)
    files = [doc[c] for c in file_columns(cls) if c in doc]
    if files:
        doc[ATTACHMENTS] = files
    return doc


def set_if_changed(obj: object, name: str, value: Any) -> None:
    """Assign only a different value, so an unchanged field is not an edit (a signed record
    must not even look edited)."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


def apply_doc(obj: Synced, doc: Doc) -> None:
    """Set ``obj``'s columns from ``doc``; columns absent from it are cleared (or defaulted)."""
    cols = columns(type(obj))
    table = inspect(type(obj)).local_table
    for name, column_type in cols.items():
        if name in doc:
            set_if_changed(obj, name, from_json(doc[name], column_type, name))
            continue
        column = table.c[name]
        if column.nullable:
            set_if_changed(obj, name, None)
        elif isinstance(column_type, Boolean):
            set_if_changed(obj, name, False)
        elif column.default is not None and column.default.is_scalar:
            set_if_changed(obj, name, column.default.arg)
        elif getattr(obj, name) is None:
            setattr(obj, name, "")


def references(cls: type[Synced]) -> dict[str, str]:
    """Columns that point at another record: column name -> the kind it points at."""
    by_table = {m.__tablename__: k for k, m in models().items()}  # type: ignore[attr-defined]
    out: dict[str, str] = {}
    table = inspect(cls).local_table
    for fk in table.foreign_keys:
        target = fk.column.table.name
        if target in by_table:
            out[fk.parent.name] = by_table[target]
    return out


def dumps(value: Json) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def diff(old: Doc, new: Doc) -> Doc:
    """The fields that take ``old`` to ``new`` (``None`` clears one)."""
    changed: Doc = {k: v for k, v in new.items() if dumps(old.get(k)) != dumps(v) or k not in old}
    changed.update({k: None for k in old if k not in new})
    return changed
