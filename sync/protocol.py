"""The wire format shared by the device engine and the server, versioned.

Both ends import this module and nothing of each other. Every request and answer body is one
of the pydantic models below, sent as JSON (optionally gzip-compressed, ``Content-Encoding:
gzip``). Every request except ``GET /v1/status`` and ``POST /v1/enrol`` is signed by the
device (see ``sync.signing`` for the canonical form and the header names).

Versions: each request carries ``X-OxField-Protocol``; the server serves
``PROTOCOL_VERSION`` and the one before it (``OLDEST_SUPPORTED_VERSION``) and answers an
older client with 426 and the code ``upgrade_required``. Every model forbids unknown fields,
so a new piece of information travels on a route of its own rather than as a new field of an
existing answer (which a client of the previous version would refuse): ``POST /v1/officers``
was added that way, and a client meeting a server without it (404) carries on without names.

Records travel as documents: ``kind`` (one of ``oxfield.domain.kinds.KINDS``), a dict of
``fields``, a tombstone flag and the scope (team, district, assigned officer). ``version`` is
assigned by the server and grows by one with each accepted change of the record (0 = never
synced). ``hlc`` is the device's hybrid logical clock at the change: any fixed-width string
whose text order is its time order; the server only compares them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from oxfield.domain.kinds import Team

PROTOCOL_VERSION = 1
#: the server still answers clients this old; anything older is told to update
OLDEST_SUPPORTED_VERSION = max(1, PROTOCOL_VERSION - 1)

#: most changes one push may carry, and most records one pull page may return
MAX_PUSH_CHANGES = 1000
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 500
#: most officers one ``POST /v1/officers`` may ask about
MAX_OFFICER_NAMES = 200

RecordId = Annotated[
    str,
    Field(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="UUID (version 7, made on the device) as lower-case text",
    ),
]
Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256, lower hex")]
Hlc = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[\x21-\x7e]+$")]
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")]

ChangeStatus = Literal["applied", "merged", "conflict", "rejected"]
Role = Literal["officer", "manager", "admin"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scope(_Model):
    """Who may hold a record: its team, its district and (optionally) the officer it is
    assigned to. The server decides from it which devices receive the record."""

    team: Team
    district: Name
    assigned_officer: RecordId | None = None


class ErrorBody(_Model):
    """Every refusal. ``code`` is stable and machine-readable; ``message`` is for people and
    never holds personal data. ``server_time`` comes with ``stale_timestamp``; ``wipe`` is
    true when the device has been revoked and must destroy its vault."""

    code: str
    message: str
    field: str | None = None
    server_time: datetime | None = None
    wipe: bool = False


class Status(_Model):
    """``GET /v1/status``: health, versions and the server's clock (unsigned)."""

    status: Literal["ok"]
    protocol_version: int
    oldest_supported_version: int
    server_version: str
    server_time: datetime
    database: Literal["sqlite", "postgresql"]


class EnrolRequest(_Model):
    """``POST /v1/enrol``: a one-time code from an administrator and the device's Ed25519
    public key (32 raw bytes, base64)."""

    code: Annotated[str, Field(min_length=6, max_length=64, pattern=r"^[\x20-\x7e]+$")]
    public_key: Annotated[str, Field(min_length=40, max_length=64, pattern=r"^[A-Za-z0-9+/=]+$")]
    device_name: Name


class EnrolResponse(_Model):
    device_id: RecordId
    officer_id: RecordId
    role: Role
    scope: Scope
    server_time: datetime


class Change(_Model):
    """One local change from a device's outbox.

    ``seq`` is the device's own sequence number: the server applies each (device, seq) at most
    once and answers a re-sent one with the result it gave the first time (a rejected change
    keeps its rejection: send a corrected change under a new ``seq``). ``fields`` holds
    only the fields the officer changed (set to ``null`` to clear one). ``scope`` is required
    when the record is new and optional afterwards (send it to move the record). ``resolves``
    names conflicts this change settles. ``base_version`` is the server version the edit
    started from (0 for a record the server has never seen); a device's later unsynced edits
    of the same record may name the same base: the server treats each as building on that
    device's own previous change.
    """

    seq: Annotated[int, Field(ge=1, le=2**62)]
    record_id: RecordId
    kind: Annotated[str, Field(min_length=1, max_length=64)]
    base_version: Annotated[int, Field(ge=0, le=2**62)]
    hlc: Hlc
    fields: dict[str, JsonValue] = Field(default_factory=dict)
    deleted: bool = False
    scope: Scope | None = None
    resolves: list[RecordId] = Field(default_factory=list, max_length=100)


class PushRequest(_Model):
    """``POST /v1/push``. ``vault_generation`` is the vault's rollback counter."""

    vault_generation: Annotated[int, Field(ge=0, le=2**62)]
    changes: list[Change] = Field(max_length=MAX_PUSH_CHANGES)


class ServerRecord(_Model):
    """A record as the server holds it, the device's new shadow copy."""

    id: RecordId
    kind: str
    version: int
    hlc: Hlc
    author: RecordId
    device: RecordId
    deleted: bool
    scope: Scope
    fields: dict[str, JsonValue]
    updated_at: datetime


class Conflict(_Model):
    """A field changed on both sides to different values. The record carries ``kept_value``
    (the later edit by HLC, so the outcome never depends on who synced first); the other value
    is kept here until an officer resolves it. ``base_value`` is what both sides started from.
    Values that were absent are ``null`` with the matching ``*_present`` flag false. The
    pseudo-field ``_deleted`` marks a delete against an edit (the edit is kept). Each value is
    credited (``*_by_device``, ``*_by_officer``, ``*_at``) to the write that set it, found in
    the record's history, so a third device's later write does not take the credit."""

    id: RecordId
    record_id: RecordId
    field: str
    base_value: JsonValue = None
    kept_value: JsonValue = None
    other_value: JsonValue = None
    kept_present: bool = True
    other_present: bool = True
    kept_by_device: RecordId
    other_by_device: RecordId
    other_by_officer: RecordId
    created_at: datetime
    #: who typed the kept value (from the record's history, not whoever wrote it last)
    kept_by_officer: RecordId | None = None
    #: when the server received the kept and the other value
    kept_at: datetime | None = None
    other_at: datetime | None = None
    resolved: bool = False
    resolved_by_device: RecordId | None = None


class ChangeResult(_Model):
    """The server's answer for one change. ``record`` is the resulting server copy when the
    change was merged or conflicted (so the device needs no pull to learn it); ``reason``
    explains a rejection and ``field`` names the culprit when there is one."""

    seq: int
    record_id: str
    status: ChangeStatus
    version: int | None = None
    reason: str | None = None
    field: str | None = None
    record: ServerRecord | None = None
    conflicts: list[Conflict] = Field(default_factory=list)


class PushResponse(_Model):
    results: list[ChangeResult]
    server_time: datetime
    rollback_detected: bool = False


class PullRequest(_Model):
    """``POST /v1/pull``: the records changed after ``cursor`` (0 = from the start). Send
    back the cursor of the last page unchanged: it carries a mark of the server's history
    (``make_cursor``), so a server restored from an older backup notices a cursor it does not
    hold and starts the feed again from the start, flagged (``cursor_rewound``)."""

    cursor: Annotated[int, Field(ge=0, le=2**62)] = 0
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT
    vault_generation: Annotated[int, Field(ge=0, le=2**62)]


class PullResponse(_Model):
    """One page of the change feed. Apply ``records`` and ``purges`` in one local transaction,
    then store ``cursor``; ask again while ``has_more``. A device's own accepted changes are
    not sent back (it learnt their versions from the push answer). ``conflicts`` brings each
    conflict (and later its resolution) once to every device in scope except the one whose
    push found it (or resolved it): that device was told in its push answer."""

    cursor: int
    has_more: bool
    records: list[ServerRecord] = Field(default_factory=list)
    purges: list[RecordId] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    server_time: datetime
    rollback_detected: bool = False


#: cursor bits (see ``split_cursor``): a cursor the server can check against its timeline
CURSOR_MARKED = 1 << 61
#: set on the first page of a re-read the server started because it did not hold the cursor
CURSOR_REWOUND = 1 << 60
_MARK_BITS = 20
_SEQ_MASK = (1 << 40) - 1


def make_cursor(seq: int, mark: int, *, rewound: bool = False) -> int:
    """A pull cursor: feed number ``seq`` and the low bits of the mark of the write that took
    it. Why in the number: a restored server reuses feed numbers, and a bare number cannot tell
    the change the device saw from a new one; old devices store and send the cursor unread."""
    flags = CURSOR_MARKED | (CURSOR_REWOUND if rewound else 0)
    return flags | (seq & _SEQ_MASK) << _MARK_BITS | mark & ((1 << _MARK_BITS) - 1)


def split_cursor(cursor: int) -> tuple[int, int | None]:
    """(feed number, mark or None for a plain cursor from an older server)."""
    if not cursor & CURSOR_MARKED:
        return cursor, None
    return cursor >> _MARK_BITS & _SEQ_MASK, cursor & ((1 << _MARK_BITS) - 1)


def cursor_rewound(cursor: int) -> bool:
    """The server did not hold the change this device last saw: it was restored from an
    older backup, and the page that carries this cursor starts a re-read from the start."""
    return bool(cursor & CURSOR_MARKED and cursor & CURSOR_REWOUND)


class HeldRequest(_Model):
    """``POST /v1/held``: after a rewound server, which of these records the server holds."""

    record_ids: list[RecordId] = Field(min_length=1, max_length=MAX_PULL_LIMIT)


class HeldResponse(_Model):
    """The server's copies of the asked-for records the device may hold, and the ids the
    server has never heard of (so the device sends them again). Other ids are left out."""

    records: list[ServerRecord] = Field(default_factory=list)
    missing: list[RecordId] = Field(default_factory=list)


class OfficerNamesRequest(_Model):
    """``POST /v1/officers``: the officers whose names the device wants, as its conflicts name
    them (an id only, since a laptop learns no other officer's name at enrolment)."""

    officer_ids: list[RecordId] = Field(min_length=1, max_length=MAX_OFFICER_NAMES)


class OfficerName(_Model):
    """How people know an officer: the display name and the team, nothing more personal."""

    id: RecordId
    name: Name
    team: Team


class OfficerNamesResponse(_Model):
    """The asked-for officers that the device's conflicts mention (or its own officer);
    any other id is left out, so a device cannot list the council's staff."""

    officers: list[OfficerName] = Field(default_factory=list)


class AttachmentState(_Model):
    """Progress of an upload: resume by sending the bytes from ``received``."""

    sha256: Sha256Hex
    size: int
    received: int
    complete: bool


class AttachmentStart(_Model):
    """``POST /v1/attachments/{sha256}``: announce an upload of ``size`` bytes."""

    size: Annotated[int, Field(ge=0, le=512 * 1024 * 1024)]
