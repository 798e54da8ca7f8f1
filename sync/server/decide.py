"""What one pushed change does to one record: the decision, apart from any SQL.

``decide`` takes the record as it stands in the current push transaction (or None), the base
the device edited from, and the change; it returns the record's next state and the answer, or
a rejection. Scope travels through the three-way merge as pseudo-fields, so moving a record
and editing it on another laptop merge like any other two fields.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from pydantic import JsonValue

from oxfield.domain.kinds import KINDS
from sync.merge import MISSING, FieldConflict, Side, apply_changes, merge
from sync.protocol import Change, Scope
from sync.server.scope import Officer, in_scope

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_SCOPE_KEYS = ("_scope_team", "_scope_district", "_scope_assigned_officer")


@dataclass(slots=True)
class RecordState:
    """A record as it stands inside the push transaction."""

    id: str
    kind: str
    version: int
    hlc: str
    author: str
    device: str
    deleted: bool
    team: str
    district: str
    assigned_officer: str | None
    fields: dict[str, JsonValue]
    created_at: datetime
    updated_at: datetime

    def scope(self) -> tuple[str, str, str | None]:
        return (self.team, self.district, self.assigned_officer)

    def signed(self) -> bool:
        return KINDS[self.kind].signable and self.fields.get("signed_at") is not None


@dataclass(frozen=True, slots=True)
class Base:
    """The version the device edited from (None for a record new to the server)."""

    fields: dict[str, JsonValue]
    deleted: bool
    scope: tuple[str, str, str | None]


@dataclass(frozen=True, slots=True)
class Rejection:
    reason: str
    field: str | None = None


@dataclass(slots=True)
class Outcome:
    state: RecordState
    status: str
    conflicts: list[FieldConflict] = field(default_factory=list)


def _with_scope(
    fields: dict[str, JsonValue], scope: tuple[str, str, str | None]
) -> dict[str, JsonValue]:
    out = dict(fields)
    for key, value in zip(_SCOPE_KEYS, scope, strict=True):
        if value is not None:
            out[key] = value
    return out


def _split_scope(
    fields: dict[str, JsonValue],
) -> tuple[dict[str, JsonValue], tuple[str, str, str | None]] | None:
    team, district, assigned = (fields.pop(k, MISSING) for k in _SCOPE_KEYS)
    if not isinstance(team, str) or not isinstance(district, str):
        return None
    return fields, (team, district, assigned if isinstance(assigned, str) else None)


def _scope_tuple(scope: Scope) -> tuple[str, str, str | None]:
    return (scope.team.value, scope.district, scope.assigned_officer)


def validate_shape(change: Change) -> Rejection | None:
    """Checks that need nothing but the change itself."""
    if change.kind not in KINDS:
        return Rejection("unknown record kind", "kind")
    for name, value in change.fields.items():
        if not _FIELD_NAME.match(name):
            return Rejection("field names are lower-case letters, digits and _", name)
        if not _storable(value, 0):
            return Rejection(
                "the value holds a NUL character, a non-finite number or is nested too deeply", name
            )
    return None


def _storable(value: JsonValue, depth: int) -> bool:
    """What both databases can keep: no NUL in text, finite numbers, sane nesting."""
    if depth > 32:
        return False
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_storable(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all("\x00" not in k and _storable(v, depth + 1) for k, v in value.items())
    return True


def _check_required(kind: str, fields: dict[str, JsonValue], deleted: bool) -> Rejection | None:
    if deleted:
        return None
    for name in KINDS[kind].required:
        value = fields.get(name)
        if value is None or value == "":
            return Rejection(f"required field '{name}' is missing", name)
    return None


def decide(
    current: RecordState | None,
    base: Base | None,
    change: Change,
    officer: Officer,
    device_id: str,
    now: datetime,
    field_rank: Callable[[str], tuple[str, ...] | None] | None = None,
) -> Outcome | Rejection:
    """The record's next state after ``change``, or why the change is refused.

    ``field_rank`` tells, for a field of ``current``, the (HLC, device) of the edit that typed
    its value (from the history), so a conflict is won by the later *edit of that field*, not
    by whichever device happened to write the record last.
    """
    shape = validate_shape(change)
    if shape is not None:
        return shape
    if current is None:
        return _create(change, officer, device_id, now)
    if change.kind != current.kind:
        return Rejection("a record's kind cannot change", "kind")
    if not in_scope(officer, *current.scope()):
        return Rejection("the record is outside your scope")
    if current.signed():
        return Rejection("the record is signed and cannot change; add an amendment", "signed_at")
    if change.base_version > current.version:
        return Rejection("base_version is ahead of the server", "base_version")

    device_scope = _scope_tuple(change.scope) if change.scope else None
    if base is None:
        base = Base({}, False, current.scope())
    mine = Side(
        _with_scope(apply_changes(base.fields, change.fields), device_scope or base.scope),
        change.deleted,
        (change.hlc, device_id),
    )
    theirs = Side(
        _with_scope(current.fields, current.scope()),
        current.deleted,
        (current.hlc, current.device),
        field_rank,
    )
    result = merge(Side(_with_scope(base.fields, base.scope), base.deleted), theirs, mine)
    split = _split_scope(dict(result.fields))
    if split is None:
        return Rejection("the record's scope is incomplete", "scope")
    fields, scope = split
    if not in_scope(officer, *scope):
        return Rejection("the record would move outside your scope", "scope")
    rejection = _check_required(current.kind, fields, result.deleted)
    if rejection is not None:
        return rejection
    # "applied" means the device's copy plus its change is the record: nothing else moved,
    # its scope included (else the device must be sent the record, which a pull would not do)
    fast = (
        base.fields == current.fields
        and current.deleted == base.deleted
        and base.scope == current.scope()
    )
    status = "conflict" if result.conflicts else ("applied" if fast else "merged")
    state = replace(
        current,
        version=current.version + 1,
        hlc=max(current.hlc, change.hlc),
        author=officer.id,
        device=device_id,
        deleted=result.deleted,
        team=scope[0],
        district=scope[1],
        assigned_officer=scope[2],
        fields=fields,
        updated_at=now,
    )
    conflicts = [_unscoped(c) for c in result.conflicts]
    return Outcome(state, status, conflicts)


def _unscoped(conflict: FieldConflict) -> FieldConflict:
    if conflict.field.startswith("_scope_"):
        return replace(conflict, field="scope." + conflict.field.removeprefix("_scope_"))
    return conflict


def _create(change: Change, officer: Officer, device_id: str, now: datetime) -> Outcome | Rejection:
    if change.base_version != 0:
        return Rejection("base_version names a version the server does not have", "base_version")
    if change.scope is None:
        return Rejection("a new record needs its scope", "scope")
    scope = _scope_tuple(change.scope)
    if not in_scope(officer, *scope):
        return Rejection("the record is outside your scope", "scope")
    fields = apply_changes({}, change.fields)
    rejection = _check_required(change.kind, fields, change.deleted)
    if rejection is not None:
        return rejection
    state = RecordState(
        id=change.record_id,
        kind=change.kind,
        version=1,
        hlc=change.hlc,
        author=officer.id,
        device=device_id,
        deleted=change.deleted,
        team=scope[0],
        district=scope[1],
        assigned_officer=scope[2],
        fields=fields,
        created_at=now,
        updated_at=now,
    )
    return Outcome(state, "applied")
