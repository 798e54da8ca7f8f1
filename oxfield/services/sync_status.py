"""What the desktop and the command line show about sync: the last successful run, what waits
to go up, each record's state, the open conflicts side by side, and resolving one.

Reads the replica bookkeeping in the vault (``oxfield.replica``); the run itself lives in the
device engine (``sync.client``), which the core never imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from oxfield.clock import Clock
from oxfield.replica import backlog, officers, store
from oxfield.replica import state as replica_state
from oxfield.replica.backlog import Rejection, Requeued
from oxfield.replica.credit import Credit, credits
from oxfield.replica.state import RecordStatus, SyncState
from oxfield.replica.tables import ShadowRow
from oxfield.services import audit
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault

__all__ = [
    "ConflictView", "Credit", "RecordStatus", "Rejection", "Requeued", "SyncState", "SyncStatus",
    "conflicts", "queue_unsent", "rejected", "resend", "resolve",
]  # fmt: skip

LAST_SUCCESS = "sync.last_success"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    last_success: datetime | None
    waiting: int
    conflicts: int
    rejected: int
    files_waiting: int

    def summary(self) -> str:
        """One line for the status bar."""
        if not self.enrolled:
            return "Not enrolled for sync"
        when = self.last_success.strftime("%d %b %H:%M") if self.last_success else "never"
        parts = [f"Last sync: {when}", f"{self.waiting} waiting to go up"]
        if self.conflicts:
            parts.append(f"{self.conflicts} conflicts to review")
        if self.rejected:
            parts.append(f"{self.rejected} rejected")
        return " · ".join(parts)


def status(vault: Vault) -> SyncStatus:
    with vault.read() as s:
        counts = replica_state.counts(s)
        last = store.get_meta(s, LAST_SUCCESS)
        enrolled = store.get_meta(s, "officer_id") is not None
    return SyncStatus(
        enrolled=enrolled,
        last_success=datetime.fromisoformat(last) if last else None,
        waiting=counts.waiting,
        conflicts=counts.conflicts,
        rejected=counts.rejected,
        files_waiting=counts.files_waiting,
    )


def record_states(vault: Vault, ids: list[str]) -> dict[str, RecordStatus]:
    with vault.read() as s:
        return replica_state.states(s, ids)


@dataclass(frozen=True, slots=True)
class ConflictView:
    """One conflicting field, as this laptop's officer sees it."""

    id: str
    record_id: str
    kind: str
    field: str
    mine: Any
    mine_present: bool
    theirs: Any
    theirs_present: bool
    base: Any
    #: the officer and device behind the other value, and when the server met the conflict
    other_officer: str
    other_device: str
    kept_device: str
    created_at: datetime
    #: the record's last change on the server: who and when
    record_author: str
    record_updated_at: datetime | None
    status: str
    #: who typed "your value" and "the other value", and when (``oxfield.replica.credit``)
    mine_by: Credit
    theirs_by: Credit


def conflicts(vault: Vault) -> list[ConflictView]:
    with vault.read() as s:
        me = store.get_meta(s, "device_id") or ""
        officer = store.get_meta(s, "officer_id") or ""
        named = officers.names(s)
        out = []
        for row in store.open_conflicts(s):
            shadow = s.get(ShadowRow, row.record_id)
            mine, mine_p, theirs, theirs_p = replica_state.sides(row, me)
            mine_by, theirs_by = credits(row, me, officer, named)
            out.append(
                ConflictView(
                    id=row.id, record_id=row.record_id,
                    kind=shadow.kind if shadow else "", field=row.field,
                    mine=mine, mine_present=mine_p, theirs=theirs, theirs_present=theirs_p,
                    base=json.loads(row.base_value), other_officer=row.other_by_officer,
                    other_device=row.other_by_device, kept_device=row.kept_by_device,
                    created_at=row.created_at,
                    record_author=shadow.author if shadow else "",
                    record_updated_at=shadow.updated_at if shadow else None,
                    status=row.status, mine_by=mine_by, theirs_by=theirs_by,
                )
            )  # fmt: skip
    return out


def resolve(
    vault: Vault,
    conflict_id: str,
    *,
    take: str | None = None,
    value: Any = None,
    clock: Clock | None = None,
) -> None:
    """Settle a conflict by taking a side (``"mine"``/``"theirs"``) or an edited ``value``;
    the decision is an ordinary change that goes up at the next sync."""
    officer = vault.meta("officer_id") or ""
    device = vault.meta("device_id") or vault.vault_id
    actor = Actor(officer=officer, device=device, clock=clock or Clock())
    with writing(vault, actor) as session:
        replica_state.resolve(session, conflict_id, device, take=take, value=value)
        # In the same transaction: a decision is never made without its audit row.
        audit.record_in(
            vault,
            session,
            "sync.conflict_resolved",
            subject_kind="conflict",
            subject_id=conflict_id,
            detail={"decision": take or "edited"},
        )


# --- rejected changes and records older than sync -----------------------------------------


def _actor(vault: Vault, clock: Clock | None) -> Actor:
    officer = vault.meta("officer_id") or ""
    device = vault.meta("device_id") or vault.vault_id
    return Actor(officer=officer, device=device, clock=clock or Clock())


def rejected(vault: Vault) -> list[Rejection]:
    """Each record whose change the server refused, with its reason and field."""
    with vault.read() as s:
        return backlog.rejections(s)


def resend(vault: Vault, record_id: str, *, clock: Clock | None = None) -> Requeued:
    """Queue a rejected record again (after the officer fixed it); one transaction with its
    audit row. ValidationError (naming ``record_id``) when there is nothing to re-send."""
    actor = _actor(vault, clock)
    with writing(vault, actor) as session:
        outcome, kind = backlog.requeue(session, record_id, actor.device, actor.clock)
        audit.record_in(
            vault,
            session,
            "sync.change_resent",
            subject_kind=kind,
            subject_id=record_id,
            detail={"outcome": outcome.value},
        )
    return outcome


def queue_unsent(vault: Vault, *, clock: Clock | None = None, force: bool = False) -> int:
    """Queue every record made before sync that never went up (once: later calls return 0
    at once unless ``force``); audited when it queued any."""
    if not force:
        with vault.read() as s:
            if backlog.backlog_done(s):
                return 0
    actor = _actor(vault, clock)
    with writing(vault, actor) as session:
        queued = backlog.queue_unsent(session, actor.device, actor.clock)
        if queued:
            audit.record_in(
                vault, session, "sync.backlog_queued", actor="system", detail={"records": queued}
            )
    return queued
