"""The EHE part of the officer's Today list: visits planned and statutory deadlines coming up.

Planned visits are unsigned visits not yet started; deadlines and reviews are open tasks
(statutory periods ending, next reviews, consent needed). ``today`` is the officer's London
date (``Clock.today()``), never the UTC date, so the list is right either side of midnight in
British Summer Time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from oxfield.domain.ehe import EheCase, EheVisit
from oxfield.domain.kinds import Team
from oxfield.domain.tasks import Task
from oxfield.text import humanise
from oxfield.vault.vault import Vault


@dataclass(frozen=True, slots=True)
class AgendaItem:
    day: date
    kind: str  # "visit" or the task type
    title: str
    case_id: str | None
    overdue: bool


def ehe_agenda(vault: Vault, today: date, days: int = 7) -> list[AgendaItem]:
    """What is due from ``today`` to ``today + days``, and anything already late, by date."""
    until = today + timedelta(days=days)
    items: list[AgendaItem] = []
    with vault.read() as s:
        for visit, reference in s.execute(
            select(EheVisit, EheCase.reference)
            .join(EheCase, EheCase.id == EheVisit.case_id)
            .where(
                EheVisit.deleted.is_(False),
                EheVisit.signed_at.is_(None),
                EheVisit.started_at.is_(None),
                EheVisit.planned_on <= until,
            )
        ):
            what = humanise(visit.contact_type.value)
            items.append(
                AgendaItem(
                    visit.planned_on,
                    "visit",
                    f"{what} ({reference})",
                    visit.case_id,
                    visit.planned_on < today,
                )
            )
        for task in s.scalars(
            select(Task).where(
                Task.deleted.is_(False),
                Task.done_on.is_(None),
                Task.team == Team.EHE,
                Task.due_on <= until,
            )
        ):
            items.append(
                AgendaItem(
                    task.due_on, task.task_type.value, task.title, task.subject_id,
                    task.due_on < today,
                )
            )  # fmt: skip
    return sorted(items, key=lambda i: (i.day, i.kind, i.title))
