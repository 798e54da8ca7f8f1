"""Statutory deadlines for elective home education and children missing education.

The s437 notice gives a parent at least 15 days, starting on the day it is served; a notice of
intention to serve a school attendance order gives 15 days to nominate another school; a school
may consider removing a child who has not returned 10 school days after authorised leave, or
after 20 school days of continuous unexplained absence (SI 2024/208 reg 9). ``next_deadline``
says which of a case's deadlines comes next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from oxfield.rules.findings import Finding, Severity
from oxfield.rules.school_calendar import TermCalendar
from oxfield.rules.tables import RuleTable, load_table


@dataclass(frozen=True)
class Deadline:
    """A date by which something must happen, and what the officer should know about it."""

    rule: str
    due: date
    regulation: str
    message: str
    confidence: str

    def to_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "due": self.due.isoformat(),
            "regulation": self.regulation,
            "message": self.message,
        }


def _table(table: RuleTable | None) -> RuleTable:
    return table or load_table("ehe_cme")


def s437_notice_deadline(served: date, table: RuleTable | None = None) -> Deadline:
    """The last day of the period a s437(1) notice must allow (served day is day 1)."""
    t = _table(table)
    days = t.number("s437_notice_min_days", served)
    due = served + timedelta(days=days - 1)
    value = t.get("s437_notice_min_days", served)
    return Deadline(
        "s437_notice",
        due,
        value.regulation,
        f"The parent has until {due.isoformat()} to satisfy the council that the child is "
        f"receiving suitable education; a school attendance order may follow from "
        f"{(due + timedelta(days=1)).isoformat()}.",
        value.confidence,
    )


def check_s437_notice(
    served: date, stated_end: date, table: RuleTable | None = None
) -> list[Finding]:
    """A notice that allows fewer than 15 days (counting the day of service) is defective."""
    deadline = s437_notice_deadline(served, table)
    if stated_end >= deadline.due:
        return []
    return [
        Finding(
            "s437_notice",
            served,
            Severity.BREACH,
            deadline.regulation,
            f"The notice ends on {stated_end.isoformat()}; it must allow the parent until at "
            f"least {deadline.due.isoformat()}.",
            deadline.confidence,
        )
    ]


def school_nomination_deadline(served: date, table: RuleTable | None = None) -> Deadline:
    """The last day a parent may nominate another school after a notice of intention."""
    t = _table(table)
    days = t.number("school_nomination_days", served)
    due = served + timedelta(days=days - 1)
    value = t.get("school_nomination_days", served)
    return Deadline(
        "school_nomination",
        due,
        value.regulation,
        f"The parent may choose another school until {due.isoformat()}; after that the "
        "council names the school it proposed.",
        value.confidence,
    )


def cme_failure_to_return(
    leave_ended: date, calendar: TermCalendar, table: RuleTable | None = None
) -> Deadline:
    """The 10th school day after authorised leave ended: past it, the deletion ground may apply."""
    t = _table(table)
    n = t.number("cme_failure_to_return_school_days", leave_ended)
    due = calendar.nth_school_day(leave_ended, n)
    value = t.get("cme_failure_to_return_school_days", leave_ended)
    return Deadline(
        "cme_failure_to_return",
        due,
        value.regulation,
        f"If the child has not returned by the end of {due.isoformat()} ({n} school days after "
        "the leave ended), and school and council cannot find the child after reasonable "
        "enquiries, the school may remove the child from its roll.",
        value.confidence,
    )


def cme_continuous_absence(
    first_absent: date, calendar: TermCalendar, table: RuleTable | None = None
) -> Deadline:
    """The 20th school day of continuous unexplained absence (the first day counts)."""
    t = _table(table)
    n = t.number("cme_continuous_absence_school_days", first_absent)
    due = calendar.nth_school_day(first_absent, n, include_start=True)
    value = t.get("cme_continuous_absence_school_days", first_absent)
    return Deadline(
        "cme_continuous_absence",
        due,
        value.regulation,
        f"After {n} school days of continuous absence, ending {due.isoformat()}, with every "
        "session coded G, N or O and the child not found after reasonable enquiries, the "
        "school may remove the child from its roll.",
        value.confidence,
    )


@dataclass(frozen=True)
class CaseDates:
    """The dates of an EHE or CME case that start a statutory clock (None when not yet)."""

    s437_served: date | None = None
    nomination_served: date | None = None
    leave_ended: date | None = None
    absence_started: date | None = None


def case_deadlines(
    case: CaseDates, calendar: TermCalendar | None, table: RuleTable | None = None
) -> list[Deadline]:
    """Every deadline the case's dates give, earliest first."""
    out: list[Deadline] = []
    if case.s437_served:
        out.append(s437_notice_deadline(case.s437_served, table))
    if case.nomination_served:
        out.append(school_nomination_deadline(case.nomination_served, table))
    if calendar is not None and case.leave_ended:
        out.append(cme_failure_to_return(case.leave_ended, calendar, table))
    if calendar is not None and case.absence_started:
        out.append(cme_continuous_absence(case.absence_started, calendar, table))
    return sorted(out, key=lambda d: (d.due, d.rule))


def next_deadline(
    case: CaseDates, today: date, calendar: TermCalendar | None, table: RuleTable | None = None
) -> Deadline | None:
    """The first deadline falling on or after ``today``, if any."""
    upcoming = [d for d in case_deadlines(case, calendar, table) if d.due >= today]
    return upcoming[0] if upcoming else None
