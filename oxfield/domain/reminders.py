"""What falls due: reviews, approval expiries, the annual DBS re-check, and open tasks.

Derived from the records themselves on the day asked (never stored), so a reminder can never
go stale when a date changes; officers' own tasks (``Task``) are listed beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import Chaperone
from oxfield.domain.ehe import EheCase, EheStatus
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.licensing import Licence
from oxfield.domain.tasks import Task, TaskType

#: the update service is checked again this long after the last check
DBS_RECHECK_AFTER = timedelta(days=365)
_CLOSED = ("closed", "refused", "revoked")


@dataclass(frozen=True, slots=True)
class Reminder:
    due_on: date
    task_type: TaskType
    subject_kind: str
    subject_id: str
    title: str
    officer: str | None

    def overdue(self, today: date) -> bool:
        return self.due_on < today


def _reviews(session: Session, until: date) -> list[Reminder]:
    found: list[Reminder] = []
    models: tuple[Any, ...] = (EheCase, Licence, EmploymentPermit)
    for model in models:
        stmt = select(model.id, model.reference, model.next_review_on, model.assigned_officer)
        stmt = stmt.where(
            model.deleted.is_(False),
            model.next_review_on.is_not(None),
            model.next_review_on <= until,
        )
        for row in session.execute(stmt):
            found.append(
                Reminder(
                    row[2], TaskType.NEXT_REVIEW, model.KIND, row[0], f"Review {row[1]}", row[3]
                )
            )
    return found


def _chaperones(session: Session, until: date) -> list[Reminder]:
    found: list[Reminder] = []
    for ch in session.scalars(select(Chaperone).where(Chaperone.deleted.is_(False))):
        name = f"{ch.given_names} {ch.family_name}"
        if ch.approved_until is not None and ch.approved_until <= until:
            found.append(
                Reminder(
                    ch.approved_until,
                    TaskType.APPROVAL_EXPIRY,
                    "chaperone",
                    ch.id,
                    f"Chaperone approval ends: {name}",
                    ch.assigned_officer,
                )
            )
        if ch.dbs_update_service and ch.dbs_last_checked_on is not None:
            due = ch.dbs_last_checked_on + DBS_RECHECK_AFTER
            if due <= until:
                found.append(
                    Reminder(
                        due,
                        TaskType.DBS_RECHECK,
                        "chaperone",
                        ch.id,
                        f"Annual DBS update-service check: {name}",
                        ch.assigned_officer,
                    )
                )
    return found


def _tasks(session: Session, until: date) -> list[Reminder]:
    stmt = select(Task).where(Task.deleted.is_(False), Task.done_on.is_(None), Task.due_on <= until)
    return [
        Reminder(
            t.due_on,
            t.task_type,
            t.subject_kind or "task",
            t.subject_id or t.id,
            t.title,
            t.assigned_officer,
        )
        for t in session.scalars(stmt)
    ]


def due_reminders(
    session: Session, today: date, *, within_days: int = 30, officer: str | None = None
) -> list[Reminder]:
    """Everything due by ``today + within_days`` (overdue ones included), earliest first.

    Closed cases and refused or revoked licences and permits are left out.
    """
    until = today + timedelta(days=within_days)
    closed = _closed_ids(session)
    found = [r for r in _reviews(session, until) if r.subject_id not in closed]
    found += _chaperones(session, until) + _tasks(session, until)
    if officer is not None:
        found = [r for r in found if r.officer == officer]
    return sorted(found, key=lambda r: (r.due_on, r.title))


def _closed_ids(session: Session) -> set[str]:
    ids: set[str] = set()
    ids.update(session.scalars(select(EheCase.id).where(EheCase.status == EheStatus.CLOSED)))
    for model in (Licence, EmploymentPermit):
        column: Any = model.status
        ids.update(session.scalars(select(model.id).where(column.in_(_CLOSED))))
    return ids
