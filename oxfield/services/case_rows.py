"""The case list's rows: the columns of the cases on screen, with each record's sync state.

The desktop holds 50,000 case ids and asks :func:`fetch_case_rows` for the page it paints,
including the first page of every keystroke's search, so one read must cost little more than
SQLite's own work. It is one statement, built once: the cases joined to their child and school,
and each case's sync state worked out by SQLite from the replica bookkeeping (a few indexed
probes per row, in the order of :func:`oxfield.replica.state.states`, which gives the same
answers one batch of queries per state). Building and compiling those queries cost 5 ms of
Python for a page; the probes themselves, a tenth of a millisecond.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    String,
    and_,
    bindparam,
    case,
    exists,
    func,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import aliased

from oxfield.domain.ehe import EheCase
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.licensing import Licence
from oxfield.domain.people import Child
from oxfield.domain.schools import School
from oxfield.replica.state import SyncState
from oxfield.replica.tables import ConflictRow, OutboxRow, RejectionRow, ShadowRow, TransferRow
from oxfield.vault.vault import Vault

#: statuses after which a case is no longer reviewed (never overdue)
CLOSED_STATUSES = ("closed", "refused", "revoked")
_CASE_MODELS: tuple[Any, ...] = (EheCase, Licence, EmploymentPermit)
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: str
    reference: str
    team: str
    child_name: str
    date_of_birth: date
    upn: str | None
    school: str | None
    status: str
    officer: str | None
    next_review: date | None
    overdue: bool
    #: the record's sync state (``oxfield.replica.state.SyncState``) and, if the server
    #: rejected its last change, the reason it gave
    sync_state: str = SyncState.NEW.value
    sync_reason: str | None = None


def text_of(column: Any) -> Any:
    """An enum column compared and returned as its stored text (any team's statuses)."""
    return type_coerce(column, String)


def _overdue(model: Any, today: Any) -> ColumnElement[bool]:
    return and_(
        model.next_review_on.is_not(None),
        model.next_review_on < today,
        text_of(model.status).not_in(CLOSED_STATUSES),
    )


def _branch(model: Any, today: Any, ids: Any) -> Any:
    """The listed cases of one kind joined to their child and school."""
    school = aliased(School)
    own_school = getattr(model, "school_left_urn", None)
    # an EHE case shows the school the child left; a licensing case the child's school now
    urn: Any = (
        Child.school_urn if own_school is None else func.coalesce(own_school, Child.school_urn)
    )
    return (
        select(
            model.id.label("id"),
            model.reference.label("reference"),
            Child.date_of_birth.label("date_of_birth"),
            func.coalesce(school.name, "").label("school"),
            text_of(model.status).label("status"),
            model.next_review_on.label("next_review"),
            text_of(model.team).label("team"),
            Child.legal_given_names.label("given"),
            Child.preferred_name.label("preferred"),
            Child.legal_family_name.label("family"),
            Child.upn.label("upn"),
            model.assigned_officer.label("officer"),
            _overdue(model, today).label("overdue"),
        )
        .join_from(model, Child, Child.id == model.child_id)
        .outerjoin(school, school.urn == urn)
        .where(model.deleted.is_(False), model.id.in_(ids))
    )


def _sync_state(record: Any) -> tuple[Any, Any]:
    """The sync state of ``record`` as SQL, and the server's reason if it rejected it.

    The same order as ``replica.state.states``: an open conflict, then a rejection, then a
    change offered to the server or a file going up, then a change waiting (``changed`` if the
    server has the record, else ``new``), then ``synced`` if it has, else ``new``.
    """
    waiting = exists().where(OutboxRow.record_id == record)
    known = exists().where(ShadowRow.record_id == record)
    reason = (
        select(RejectionRow.reason)
        .where(RejectionRow.record_id == record)
        .order_by(RejectionRow.seq.desc())
        .limit(1)
        .scalar_subquery()
    )
    state = case(
        (
            exists().where(ConflictRow.record_id == record, ConflictRow.status != "resolved"),
            SyncState.CONFLICT.value,
        ),
        (exists().where(RejectionRow.record_id == record), SyncState.REJECTED.value),
        (
            or_(
                exists().where(OutboxRow.record_id == record, OutboxRow.sent.is_(True)),
                exists().where(TransferRow.record_id == record, TransferRow.direction == "up"),
            ),
            SyncState.SYNCING.value,
        ),
        (and_(waiting, known), SyncState.CHANGED.value),
        (waiting, SyncState.NEW.value),
        (known, SyncState.SYNCED.value),
        else_=SyncState.NEW.value,
    )
    return state, reason


@functools.cache
def _fetch_statement() -> Any:
    """Built once: the screen asks for rows on every keystroke and while scrolling."""
    today = bindparam("today", type_=Date)
    ids: Any = bindparam("ids", expanding=True)
    rows = union_all(*(_branch(model, today, ids) for model in _CASE_MODELS)).subquery("listed")
    state, reason = _sync_state(rows.c.id)
    return select(rows, state.label("sync_state"), reason.label("sync_reason"))


def fetch_case_rows(vault: Vault, ids: Sequence[str], today: date) -> list[CaseRow]:
    """The rows for ``ids``, in the same order (ids that no longer exist are left out), each
    with its sync state."""
    found: dict[str, CaseRow] = {}
    with vault.read() as session:
        connection = session.connection()  # Core, not the ORM: the rows are plain tuples
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            for r in connection.execute(_fetch_statement(), {"today": today, "ids": chunk}):
                found[r.id] = CaseRow(
                    id=r.id,
                    reference=r.reference,
                    team=r.team,
                    child_name=f"{r.preferred or r.given} {r.family}",
                    date_of_birth=r.date_of_birth,
                    upn=r.upn,
                    school=r.school or None,
                    status=r.status,
                    officer=r.officer,
                    next_review=r.next_review,
                    overdue=bool(r.overdue),
                    sync_state=r.sync_state,
                    sync_reason=r.sync_reason if r.sync_state == SyncState.REJECTED else None,
                )
    return [found[i] for i in ids if i in found]


__all__ = ["CLOSED_STATUSES", "CaseRow", "fetch_case_rows", "text_of"]
