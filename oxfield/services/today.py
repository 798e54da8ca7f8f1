"""The officer's day at a glance: visits and inspections due, reminders, reviews overdue or due,
and the unfinished edits (drafts), each with where it leads so every one listed can reopen.

One read transaction, a handful of indexed queries, each capped at ``limit`` items: the Today
view must appear at once even with 50,000 cases in the vault. Everything returned is plain data
(no ORM objects), ready for a view to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select

from oxfield.domain.ehe import EheCase, EheStatus, EheVisit
from oxfield.domain.employment import EmploymentPermit, PermitStatus
from oxfield.domain.licensing import Inspection, Licence, LicenceStatus
from oxfield.domain.people import Child
from oxfield.domain.reminders import due_reminders
from oxfield.domain.tasks import TaskType
from oxfield.services.cases import CLOSED_STATUSES
from oxfield.services.drafts import DraftData, list_drafts
from oxfield.text import humanise
from oxfield.vault.vault import Vault

HORIZON_DAYS = 7
LIMIT = 50


@dataclass(frozen=True, slots=True)
class TodayItem:
    title: str
    due: date | None
    case_id: str | None = None
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class TodaySummary:
    day: date
    visits: list[TodayItem] = field(default_factory=list)
    inspections: list[TodayItem] = field(default_factory=list)
    reminders: list[TodayItem] = field(default_factory=list)
    overdue_reviews: list[TodayItem] = field(default_factory=list)
    reviews_due: list[TodayItem] = field(default_factory=list)
    overdue_count: int = 0

    @property
    def empty(self) -> bool:
        return (
            not (self.visits or self.inspections or self.reminders or self.overdue_reviews)
            and not self.reviews_due
        )


def _label(value: Any) -> str:
    return humanise(str(getattr(value, "value", value)))


def _name(given: str, preferred: str | None, family: str) -> str:
    return f"{preferred or given} {family}"


def today_summary(
    vault: Vault, today: date, *, horizon_days: int = HORIZON_DAYS, limit: int = LIMIT
) -> TodaySummary:
    """What needs doing from ``today`` to ``today + horizon_days`` and what is already late."""
    until = today + timedelta(days=horizon_days)
    names = (Child.legal_given_names, Child.preferred_name, Child.legal_family_name)
    with vault.read() as s:
        visits = [
            TodayItem(
                f"{_label(r.contact_type)}: {_name(*r[3:6])} ({r.reference})",
                r.planned_on,
                r.case_id,
                r.planned_on < today,
            )
            for r in s.execute(
                select(
                    EheVisit.contact_type,
                    EheVisit.planned_on,
                    EheVisit.case_id,
                    *names,
                    EheCase.reference,
                )
                .join(EheCase, EheCase.id == EheVisit.case_id)
                .join(Child, Child.id == EheCase.child_id)
                .where(
                    EheVisit.deleted.is_(False),
                    EheVisit.signed_at.is_(None),
                    EheVisit.started_at.is_(None),
                    EheVisit.planned_on <= until,
                    EheVisit.planned_on >= today - timedelta(days=horizon_days),
                )
                .order_by(EheVisit.planned_on)
                .limit(limit)
            )
        ]
        inspections = [
            TodayItem(
                f"Inspection at {r.venue}", r.inspected_on, r.licence_id, r.inspected_on < today
            )
            for r in s.execute(
                select(Inspection.venue, Inspection.inspected_on, Inspection.licence_id)
                .where(
                    Inspection.deleted.is_(False),
                    Inspection.signed_at.is_(None),
                    Inspection.inspected_on >= today,
                    Inspection.inspected_on <= until,
                )
                .order_by(Inspection.inspected_on)
                .limit(limit)
            )
        ]
        # Chaperone approvals ending, annual DBS re-checks and officers' own tasks, as the
        # domain defines them; reviews have their own, capped, sections below.
        reminders = [
            TodayItem(r.title, r.due_on, r.subject_id, r.overdue(today))
            for r in due_reminders(s, today, within_days=horizon_days)
            if r.task_type != TaskType.NEXT_REVIEW
        ][:limit]
        overdue: list[TodayItem] = []
        due: list[TodayItem] = []
        overdue_count = 0
        kinds: tuple[tuple[Any, Any], ...] = (
            (EheCase, EheStatus),
            (Licence, LicenceStatus),
            (EmploymentPermit, PermitStatus),
        )
        for model, statuses in kinds:
            closed = [status for status in statuses if status.value in CLOSED_STATUSES]
            live = and_(
                model.deleted.is_(False),
                model.next_review_on.is_not(None),
                model.status.not_in(closed),
            )
            late = and_(live, model.next_review_on < today)
            overdue_count += int(s.scalar(select(func.count()).where(late)) or 0)
            rows = select(model.id, model.reference, model.next_review_on, *names).join(
                Child, Child.id == model.child_id
            )
            for r in s.execute(rows.where(late).order_by(model.next_review_on).limit(limit)):
                overdue.append(
                    TodayItem(
                        f"Review {_name(*r[3:6])} ({r.reference})", r.next_review_on, r.id, True
                    )
                )
            soon = and_(live, model.next_review_on >= today, model.next_review_on <= until)
            for r in s.execute(rows.where(soon).order_by(model.next_review_on).limit(limit)):
                due.append(
                    TodayItem(f"Review {_name(*r[3:6])} ({r.reference})", r.next_review_on, r.id)
                )
    overdue.sort(key=lambda item: item.due or today)
    due.sort(key=lambda item: item.due or today)
    return TodaySummary(
        day=today,
        visits=visits,
        inspections=inspections,
        reminders=reminders,
        overdue_reviews=overdue[:limit],
        reviews_due=due[:limit],
        overdue_count=overdue_count,
    )


# --- unfinished edits ------------------------------------------------------------------------

#: the forms whose drafts are not kept against a case (the desktop's names for them)
VISIT_FORM = "ehe_visit_record"
#: a new EHE case's intake, kept against a token of that notice (there is no record yet)
EHE_INTAKE_FORM = "ehe_intake"
LICENCE_FORM_NAME = "licence_application"
BOPA_FORM_NAME = "bopa"


@dataclass(frozen=True, slots=True)
class UnfinishedEdit:
    """A draft the Today view can reopen: what to call it and where it leads.

    ``target`` is ``case`` (a case's own form or one of its records' forms, reopened by the
    case), ``visit`` (an EHE visit record), ``licence`` (an existing licence being edited),
    ``new_licence`` or ``new_bopa`` (an entry form's draft of a new record; ``target_id`` None),
    ``new_ehe_case`` (a new case's intake; ``target_id`` is the token its draft is kept under).
    """

    title: str
    target: str
    target_id: str | None
    updated_at: datetime


#: the draft names of the chaperone pipeline's step forms (a prefix) and of the permit form
CHAPERONE_FORM_PREFIX = "chaperone_"
PERMIT_FORM_NAME = "employment_permit"


def _edit_for(s: Any, draft: DraftData) -> UnfinishedEdit | None:
    """Where one draft leads, or None when nothing can reopen it (so it is not listed)."""
    name = draft.fields.get("display_name") or "a record"

    def made(title: str, target: str, target_id: str | None) -> UnfinishedEdit:
        return UnfinishedEdit(title, target, target_id, draft.updated_at)

    if draft.form == VISIT_FORM and draft.subject_id:
        visit = s.get(EheVisit, draft.subject_id)
        if visit is None or visit.deleted or visit.signed:
            return None
        case = s.get(EheCase, visit.case_id)
        child = s.get(Child, case.child_id) if case is not None else None
        if case is None or child is None:
            return None
        who = _name(child.legal_given_names, child.preferred_name, child.legal_family_name)
        return made(f"Visit record for {who} ({case.reference})", "visit", visit.id)
    if draft.form == EHE_INTAKE_FORM and draft.subject_id:
        child = draft.fields.get("display_name", "").strip()
        title = f"New home education case for {child}" if child else "New home education case"
        return made(title, "new_ehe_case", draft.subject_id)
    if draft.form == LICENCE_FORM_NAME:
        if draft.subject_id is None:
            return made(f"Edit of {name}", "new_licence", None)
        licence = s.get(Licence, draft.subject_id)
        if licence is None or licence.deleted or licence.signed:
            return None  # a signed licence is amended, never edited: nothing to reopen
        return made(
            f"Edit of licence {licence.reference} ({licence.production})", "licence", licence.id
        )
    if draft.form == BOPA_FORM_NAME and draft.subject_id is None:
        return made(f"Edit of {name}", "new_bopa", None)
    if draft.form.startswith(CHAPERONE_FORM_PREFIX):  # a step of a chaperone's application
        return made(f"Edit of {name}", "chaperone", draft.subject_id)
    if draft.form == PERMIT_FORM_NAME and draft.subject_id is None:
        return made(f"Edit of {name}", "new_permit", None)
    if draft.subject_id is None:
        return None  # a form nothing here knows how to reopen: better unlisted than dead
    return made(f"Edit of {name}", "case", draft.subject_id)


def unfinished_edits(vault: Vault) -> list[UnfinishedEdit]:
    """Every draft that can be reopened, newest first (Today's "Unfinished edits")."""
    drafts = list_drafts(vault)
    with vault.read() as s:
        found = (_edit_for(s, draft) for draft in drafts)
        return [edit for edit in found if edit is not None]
