"""When home education does not appear suitable: s437(1) notice, school nomination, SAO, CME.

Each step is a signed :class:`~oxfield.domain.ehe.EheStatutoryStep` dated on the day it was
served, with the deadline the rules give (``oxfield.rules.deadlines``: 15 days counting the day
of service, calendar days) and a task on that date, so the next deadline is on the officer's
Today view. A step out of order (a nomination before the s437 period has run out) is refused.
Service by post is deemed to happen on the second business day after posting (weekends and
England and Wales bank holidays skipped), so a notice posted before Easter is served later.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.domain.ehe import EheCase, EheOutcome, EheStatus, EheStatutoryStep, StatutoryStep
from oxfield.domain.schools import School
from oxfield.domain.tasks import Task, TaskType
from oxfield.errors import ValidationError
from oxfield.rules.deadlines import (
    CaseDates,
    Deadline,
    next_deadline,
    s437_notice_deadline,
    school_nomination_deadline,
)
from oxfield.rules.school_calendar import bank_holidays
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.text import humanise
from oxfield.vault.vault import Vault

FIRST_CLASS_POST = "first class post"
BY_HAND = "by hand"
#: business days after posting on which first class post is deemed served (CPR 6.26)
POST_BUSINESS_DAYS = 2


@dataclass(frozen=True)
class StepView:
    id: str
    step: StatutoryStep
    served_on: date | None
    respond_by: date | None
    school_urn: int | None
    reasons: str
    service_method: str


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def deemed_served(sent_on: date, method: str) -> date:
    """The day a notice counts as served: by hand the same day; by first class post the
    second business day after posting."""
    if method == BY_HAND:
        return sent_on
    if method != FIRST_CLASS_POST:
        raise ValidationError("service method must be 'by hand' or 'first class post'", "method")
    day, count = sent_on, 0
    while count < POST_BUSINESS_DAYS:
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return day


def _steps(session: Session, case_id: str) -> list[EheStatutoryStep]:
    return list(
        session.scalars(
            select(EheStatutoryStep)
            .where(EheStatutoryStep.case_id == case_id, EheStatutoryStep.deleted.is_(False))
            .order_by(EheStatutoryStep.served_on, EheStatutoryStep.hlc)
        )
    )


def _last(session: Session, case_id: str, kind: StatutoryStep) -> EheStatutoryStep | None:
    found = [s for s in _steps(session, case_id) if s.step is kind]
    return found[-1] if found else None


def _add_step(
    session: Session,
    actor: Actor,
    case: EheCase,
    kind: StatutoryStep,
    served_on: date,
    deadline: Deadline | None,
    *,
    reasons: str = "",
    method: str = FIRST_CLASS_POST,
    school_urn: int | None = None,
    respond_by: date | None = None,
) -> EheStatutoryStep:
    _supersede_tasks(session, case.id, served_on)
    step = EheStatutoryStep(
        case_id=case.id,
        step=kind,
        served_on=served_on,
        respond_by=respond_by or (deadline.due if deadline else None),
        school_urn=school_urn,
        notes=json.dumps({"reasons": reasons, "service_method": method}, ensure_ascii=False),
        team=case.team,
        district=case.district,
        assigned_officer=case.assigned_officer,
    )
    session.add(step)
    records.sign(step, actor)
    if step.respond_by is not None:
        session.add(
            Task(
                title=f"{humanise(kind.value)} period ends ({case.reference})",
                task_type=TaskType.STATUTORY_DEADLINE,
                due_on=step.respond_by,
                subject_kind=EheCase.KIND,
                subject_id=case.id,
                notes=deadline.message if deadline else None,
                team=case.team,
                district=case.district,
                assigned_officer=case.assigned_officer,
            )
        )
    session.flush()
    return step


def _supersede_tasks(session: Session, case_id: str, on: date, every: bool = False) -> None:
    """A new statutory step replaces the pending review and the previous step's deadline
    (``every``: all the case's open deadlines, when it leaves the EHE route)."""
    for task in session.scalars(
        select(Task).where(
            Task.subject_id == case_id,
            Task.done_on.is_(None),
            Task.task_type.in_([TaskType.NEXT_REVIEW, TaskType.STATUTORY_DEADLINE]),
        )
    ):
        if every or task.due_on <= on or task.task_type is TaskType.NEXT_REVIEW:
            task.done_on = on


def _school(session: Session, urn: int) -> None:
    if session.get(School, urn) is None:
        raise ValidationError("no school with that URN in the school list", "school_urn")


def serve_s437_notice(
    vault: Vault,
    actor: Actor,
    case_id: str,
    *,
    sent_on: date,
    reasons: str,
    method: str = FIRST_CLASS_POST,
    respond_by: date | None = None,
) -> str:
    """Serve the s437(1) notice; the parent has at least 15 days from the day of service."""
    if not reasons.strip():
        raise ValidationError("give the reasons education does not appear suitable", "reasons")
    served = deemed_served(sent_on, method)
    deadline = s437_notice_deadline(served)
    if respond_by is not None and respond_by < deadline.due:
        raise ValidationError(
            f"the notice must allow the parent until at least {deadline.due.isoformat()}",
            "respond_by",
        )
    with records.writing(vault, actor) as s:
        case = records.get(s, EheCase, case_id)
        if case.status is EheStatus.CLOSED:
            raise ValidationError("the case is closed", "case_id")
        step = _add_step(
            s,
            actor,
            case,
            StatutoryStep.S437_NOTICE,
            served,
            deadline,
            reasons=reasons,
            method=method,
            respond_by=respond_by,
        )
        case.status = EheStatus.S437_NOTICE
        case.outcome = EheOutcome.S437_NOTICE
        case.next_review_on = step.respond_by
        return step.id


@dataclass(frozen=True)
class _SchoolStep:
    """What differs between the two steps that name a school."""

    kind: StatutoryStep
    after: StatutoryStep
    first: str
    too_early: str
    outcome: EheOutcome
    deadline: Callable[[date], Deadline] | None


_NOMINATION = _SchoolStep(
    StatutoryStep.SCHOOL_NOMINATION,
    StatutoryStep.S437_NOTICE,
    "serve the s437(1) notice first",
    "the s437(1) period runs until {}",
    EheOutcome.SCHOOL_NOMINATION,
    school_nomination_deadline,
)
_SAO = _SchoolStep(
    StatutoryStep.SAO_SERVED,
    StatutoryStep.SCHOOL_NOMINATION,
    "serve the school nomination notice first",
    "the parent may choose a school until {}",
    EheOutcome.SAO_SERVED,
    None,
)


def _serve_school_step(
    vault: Vault,
    actor: Actor,
    case_id: str,
    rule: _SchoolStep,
    sent_on: date,
    school_urn: int,
    method: str,
) -> str:
    """Serve a step naming a school once the previous step's period has run out."""
    served = deemed_served(sent_on, method)
    with records.writing(vault, actor) as s:
        case = records.get(s, EheCase, case_id)
        previous = _last(s, case_id, rule.after)
        if previous is None or previous.respond_by is None:
            raise ValidationError(rule.first, "step")
        if served <= previous.respond_by:
            raise ValidationError(rule.too_early.format(previous.respond_by.isoformat()), "sent_on")
        _school(s, school_urn)
        deadline = rule.deadline(served) if rule.deadline else None
        step = _add_step(
            s, actor, case, rule.kind, served, deadline, method=method, school_urn=school_urn
        )
        case.status = EheStatus.SAO
        case.outcome = rule.outcome
        case.next_review_on = step.respond_by
        return step.id


def serve_school_nomination(
    vault: Vault,
    actor: Actor,
    case_id: str,
    *,
    sent_on: date,
    school_urn: int,
    method: str = FIRST_CLASS_POST,
) -> str:
    """Notice of intention to serve an SAO naming a school; 15 days to choose another."""
    return _serve_school_step(vault, actor, case_id, _NOMINATION, sent_on, school_urn, method)


def serve_sao(
    vault: Vault,
    actor: Actor,
    case_id: str,
    *,
    sent_on: date,
    school_urn: int,
    method: str = FIRST_CLASS_POST,
) -> str:
    """The school attendance order, once the nomination period has ended."""
    return _serve_school_step(vault, actor, case_id, _SAO, sent_on, school_urn, method)


def refer_cme(vault: Vault, actor: Actor, case_id: str, *, on: date, reason: str) -> None:
    """Unsuitable home education becomes a child missing education: close the EHE case."""
    if not reason.strip():
        raise ValidationError("give the reason for the CME referral", "reason")
    with records.writing(vault, actor) as s:
        case = records.get(s, EheCase, case_id)
        if case.suitability.value != "not_satisfied" and case.status not in (
            EheStatus.S437_NOTICE,
            EheStatus.SAO,
        ):
            raise ValidationError(
                "only a case judged unsuitable can be referred as CME", "suitability"
            )
        _supersede_tasks(s, case.id, on, every=True)  # the EHE route's deadlines end here
        case.status = EheStatus.CLOSED
        case.outcome = EheOutcome.RECLASSIFIED_CME
        case.closed_on = on
        case.next_review_on = None
        s.add(
            Task(
                title=f"CME referral made ({case.reference})",
                task_type=TaskType.OTHER,
                due_on=on,
                done_on=on,
                subject_kind=EheCase.KIND,
                subject_id=case.id,
                notes=reason,
                team=case.team,
                district=case.district,
                assigned_officer=case.assigned_officer,
            )
        )


def _view(step: EheStatutoryStep) -> StepView:
    try:
        notes = json.loads(step.notes or "{}")
    except ValueError:
        notes = {"reasons": step.notes or ""}
    return StepView(
        step.id,
        step.step,
        step.served_on,
        step.respond_by,
        step.school_urn,
        str(notes.get("reasons", "")),
        str(notes.get("service_method", FIRST_CLASS_POST)),
    )


def steps_of(vault: Vault, case_id: str) -> list[StepView]:
    with vault.read() as s:
        return [_view(step) for step in _steps(s, case_id)]


def case_next_deadline(vault: Vault, case_id: str, today: date) -> Deadline | None:
    """The case's next statutory deadline on or after ``today`` (the officer's London date)."""
    with vault.read() as s:
        notice = _last(s, case_id, StatutoryStep.S437_NOTICE)
        nomination = _last(s, case_id, StatutoryStep.SCHOOL_NOMINATION)
    dates = CaseDates(
        s437_served=notice.served_on if notice else None,
        nomination_served=nomination.served_on if nomination else None,
    )
    return next_deadline(dates, today, None)
