"""Reminders come from the records' own dates, on the day asked."""

from __future__ import annotations

from datetime import UTC, date, datetime

from oxfield.clock import FixedClock
from oxfield.domain.chaperones import Chaperone
from oxfield.domain.ehe import EheSource, EheStatus
from oxfield.domain.kinds import Team
from oxfield.domain.reminders import due_reminders
from oxfield.domain.tasks import Task, TaskType
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

TODAY = date(2026, 12, 3)
ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))


def test_reviews_expiries_rechecks_and_tasks(vault: Vault) -> None:
    with records.writing(vault, ACTOR) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name="Synthetic",
            legal_given_names="Alex",
            date_of_birth=date(2014, 4, 4),
        )
        due = records.open_ehe_case(
            s,
            child,
            notified_on=date(2026, 9, 1),
            source=EheSource.PARENT,
            next_review_on=date(2026, 12, 1),
            assigned_officer="officer-1",
        )
        records.open_ehe_case(  # closed: never reminded
            s,
            child,
            notified_on=date(2026, 9, 2),
            source=EheSource.PARENT,
            next_review_on=date(2026, 11, 1),
            status=EheStatus.CLOSED,
        )
        records.open_ehe_case(  # beyond the horizon
            s,
            child,
            notified_on=date(2026, 9, 3),
            source=EheSource.PARENT,
            next_review_on=date(2027, 6, 1),
        )
        chaperone = Chaperone(
            family_name="Example",
            given_names="Chris",
            team=Team.LICENSING,
            approved_until=date(2026, 12, 20),
            dbs_update_service=True,
            dbs_last_checked_on=date(2025, 12, 10),
        )
        s.add(chaperone)
        s.add(Task(title="Ring the school", due_on=date(2026, 12, 4), team=Team.EHE))
        s.add(
            Task(
                title="Done already",
                due_on=date(2026, 12, 1),
                done_on=date(2026, 12, 1),
                team=Team.EHE,
            )
        )
        s.flush()
        due_id, chaperone_id = due.id, chaperone.id
    with vault.read() as s:
        found = due_reminders(s, TODAY, within_days=30)
    assert [(r.due_on, r.task_type) for r in found] == [
        (date(2026, 12, 1), TaskType.NEXT_REVIEW),
        (date(2026, 12, 4), TaskType.OTHER),
        (date(2026, 12, 10), TaskType.DBS_RECHECK),
        (date(2026, 12, 20), TaskType.APPROVAL_EXPIRY),
    ]
    assert found[0].subject_id == due_id and found[0].overdue(TODAY)
    assert found[2].subject_id == chaperone_id and not found[2].overdue(TODAY)
    with vault.read() as s:
        mine = due_reminders(s, TODAY, officer="officer-1")
    assert [r.subject_id for r in mine] == [due_id]
