"""Field-level three-way merge of one record, pure and symmetric.

Given the version both sides started from (the base) and the two sides' current documents, a
field changed on one side only takes that side's value; a field changed on both sides to the
same value is simply that value; a field changed on both sides to different values is a
conflict. The conflicting field takes the value of the later edit (the side with the larger
``rank`` for that field: the HLC, then the device id, of the edit that typed it) and the other
value goes into the conflict, so the result, conflicts included, is the same whichever side
is called "server" and whichever device synced first. A delete against an edit is a conflict
on the pseudo-field ``_deleted``: the edit wins, so nothing typed by an officer silently
disappears.

Values are compared by their canonical JSON text, so ``1`` and ``True`` differ, as they do on
the wire.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from pydantic import JsonValue

DELETED_FIELD: Final = "_deleted"


class _Missing:
    """A field that is absent (distinct from a field holding null)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()
Value = JsonValue | _Missing


@dataclass(frozen=True, slots=True)
class Side:
    """One side's document: its fields, tombstone flag, and rank (who edited it last).

    ``field_rank`` gives the rank of the edit that set one field's value when that differs
    from the document's (the server's copy of a record carries values typed by several
    devices); None, or a None answer, means the document's rank.
    """

    fields: Mapping[str, JsonValue]
    deleted: bool = False
    rank: tuple[str, ...] = ()
    field_rank: Callable[[str], tuple[str, ...] | None] | None = None

    def rank_of(self, name: str) -> tuple[str, ...]:
        found = self.field_rank(name) if self.field_rank is not None else None
        return self.rank if found is None else found


@dataclass(frozen=True, slots=True)
class FieldConflict:
    field: str
    base: Value
    kept: Value
    other: Value
    #: True when the kept value came from the first side passed to ``merge``
    kept_from_first: bool


@dataclass(frozen=True, slots=True)
class MergeResult:
    fields: dict[str, JsonValue]
    deleted: bool
    conflicts: list[FieldConflict] = field(default_factory=list)


def canonical_json(value: Value) -> str:
    """Stable text for comparing values (keys sorted, no spaces); MISSING has its own."""
    if isinstance(value, _Missing):
        return "\x00missing"
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _same(a: Value, b: Value) -> bool:
    return canonical_json(a) == canonical_json(b)


def _first_wins(first: Side, second: Side, name: str, a: Value, b: Value) -> bool:
    """Which of two conflicting values stays on the record: the later edit of that field,
    then a fixed order of the values themselves so that equal ranks still give one answer."""
    rank_a, rank_b = first.rank_of(name), second.rank_of(name)
    if rank_a != rank_b:
        return rank_a > rank_b
    return canonical_json(a) > canonical_json(b)


def merge(base: Side | None, first: Side, second: Side) -> MergeResult:
    """Merge ``first`` and ``second``, both edited from ``base`` (None: the record is new).

    Symmetric: swapping the two sides gives the same fields, tombstone and conflicts (with
    ``kept_from_first`` flipped).
    """
    base_fields: Mapping[str, JsonValue] = base.fields if base is not None else {}
    base_deleted = base.deleted if base is not None else False
    merged: dict[str, JsonValue] = {}
    conflicts: list[FieldConflict] = []
    for name in sorted(set(base_fields) | set(first.fields) | set(second.fields)):
        b = base_fields.get(name, MISSING)
        x = first.fields.get(name, MISSING)
        y = second.fields.get(name, MISSING)
        if _same(x, y) or _same(y, b):
            value = x
        elif _same(x, b):
            value = y
        else:
            first_kept = _first_wins(first, second, name, x, y)
            value = x if first_kept else y
            other = y if first_kept else x
            conflicts.append(FieldConflict(name, b, value, other, first_kept))
        if not isinstance(value, _Missing):
            merged[name] = value

    deleted = first.deleted if second.deleted == base_deleted else second.deleted
    if deleted and not base_deleted and first.deleted != second.deleted:
        editor = second if first.deleted else first
        if _edited(base_fields, editor.fields):
            # A delete against an edit: keep the edit, record the delete as the other value.
            deleted = False
            conflicts.append(FieldConflict(DELETED_FIELD, False, False, True, editor is first))
    return MergeResult(merged, deleted, conflicts)


def _edited(base: Mapping[str, JsonValue], current: Mapping[str, JsonValue]) -> bool:
    keys = set(base) | set(current)
    return any(not _same(base.get(k, MISSING), current.get(k, MISSING)) for k in keys)


def apply_changes(
    fields: Mapping[str, JsonValue], changed: Mapping[str, JsonValue]
) -> dict[str, JsonValue]:
    """A document after a device's changed fields (``null`` clears a field)."""
    result = dict(fields)
    for name, value in changed.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result
