"""Whether a chaperone's approval is current, the council's approval length, and what is due.

Kept apart from the approval pipeline because licences, inspections, the ID card and the
``licensing due`` list all ask the same questions of an approval: is it still in force on this
day, and which expiries and DBS update-service re-checks fall due soon.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.chaperones import Chaperone
from oxfield.domain.reminders import Reminder, due_reminders
from oxfield.domain.tasks import TaskType
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


def due_items(session: Session, today: date, window_days: int = DUE_WINDOW_DAYS) -> list[Reminder]:
    """Chaperone approval expiries and DBS re-checks due by ``today + window`` (overdue too),
    from the shared reminders (derived from the chaperones' dates, plus any open task)."""
    kinds = (TaskType.APPROVAL_EXPIRY, TaskType.DBS_RECHECK)
    return [
        r
        for r in due_reminders(session, today, within_days=window_days)
        if r.subject_kind == Chaperone.KIND and r.task_type in kinds
    ]
