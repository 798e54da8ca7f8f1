"""Whether a chaperone's approval is current, the council's approval length, and what is due.

Kept apart from the approval pipeline because licences, inspections, the ID card and the
``licensing due`` list all ask the same questions of an approval: is it still in force on this
day, and which expiries and DBS update-service re-checks fall due soon.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import Chaperone
from oxfield.domain.tasks import Task, TaskType
from oxfield.errors import ValidationError
from oxfield.vault.tables import VaultMeta

#: the vault setting holding the council's approval length in whole years
APPROVAL_YEARS_SETTING = "chaperone_approval_years"
DEFAULT_APPROVAL_YEARS = 3
DUE_WINDOW_DAYS = 60


def approval_years(session: Session) -> int:
    """The council's approval length (3 years unless the vault's setting says otherwise)."""
    raw = session.scalar(select(VaultMeta.value).where(VaultMeta.key == APPROVAL_YEARS_SETTING))
    if raw is None:
        return DEFAULT_APPROVAL_YEARS
    try:
        years = int(raw)
    except ValueError:
        raise ValidationError(
            f"{APPROVAL_YEARS_SETTING}: the council setting is not a whole number of years",
            APPROVAL_YEARS_SETTING,
        ) from None
    if not 1 <= years <= 10:
        raise ValidationError(
            f"{APPROVAL_YEARS_SETTING}: must be from 1 to 10 years", APPROVAL_YEARS_SETTING
        )
    return years


def set_approval_years(session: Session, years: int) -> None:
    if not 1 <= years <= 10:
        raise ValidationError(
            f"{APPROVAL_YEARS_SETTING}: must be from 1 to 10 years", APPROVAL_YEARS_SETTING
        )
    session.merge(VaultMeta(key=APPROVAL_YEARS_SETTING, value=str(years)))


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (28 February for a 29 February start)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def require_current_approval(chaperone: Chaperone, on: date) -> None:
    """Refuse, with a message naming the problem, a chaperone not approved on ``on``."""
    if chaperone.approved_until is None:
        raise ValidationError("chaperone: this chaperone has no approval in force", "chaperone")
    if chaperone.approved_until < on:
        raise ValidationError(
            f"chaperone: the approval expired on {chaperone.approved_until.isoformat()}; "
            "a renewed approval is needed",
            "chaperone",
        )


@dataclass(frozen=True)
class DueItem:
    """One reminder falling due: an approval expiry or an annual DBS re-check."""

    due_on: date
    task_type: TaskType
    title: str
    chaperone_id: str
    task_id: str


def due_items(session: Session, today: date, window_days: int = DUE_WINDOW_DAYS) -> list[DueItem]:
    """Approval expiries and DBS re-checks not done and due by ``today + window`` (overdue too)."""
    until = today + timedelta(days=window_days)
    rows = session.scalars(
        select(Task)
        .where(
            Task.deleted.is_(False),
            Task.done_on.is_(None),
            Task.task_type.in_([TaskType.APPROVAL_EXPIRY, TaskType.DBS_RECHECK]),
            Task.subject_kind == Chaperone.KIND,
            Task.due_on <= until,
        )
        .order_by(Task.due_on, Task.id)
    ).all()
    return [
        DueItem(t.due_on, t.task_type, t.title, t.subject_id or "", t.id)
        for t in rows
        if t.subject_id
    ]
