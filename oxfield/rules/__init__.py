"""Statutory rules: pure functions over plain data, numbers in ``resources/rules``.

The names below are the package's public face for services, the desktop and the CLI; the
modules hold one area each (performance, employment, deadlines, attendance, age).
"""

from oxfield.rules.age import age_on
from oxfield.rules.attendance import Session, check_absence, check_penalty_threshold
from oxfield.rules.deadlines import CaseDates, Deadline, case_deadlines, next_deadline
from oxfield.rules.education import TeachingDay, check_education, check_tutor_group
from oxfield.rules.employment import EmploymentCase, WorkWeek, check_employment
from oxfield.rules.employment_day import WorkDay
from oxfield.rules.findings import Finding, Severity
from oxfield.rules.performance import PerformanceCase, check_performance
from oxfield.rules.running import DayInProgress, RunningTotals, running_totals
from oxfield.rules.school_calendar import Term, TermCalendar, calendar_from_dict
from oxfield.rules.tables import RuleTableError, load_table
from oxfield.rules.timeline import PerformanceDay, Span

__all__ = [
    "CaseDates",
    "DayInProgress",
    "Deadline",
    "EmploymentCase",
    "Finding",
    "PerformanceCase",
    "PerformanceDay",
    "RuleTableError",
    "RunningTotals",
    "Session",
    "Severity",
    "Span",
    "TeachingDay",
    "Term",
    "TermCalendar",
    "WorkDay",
    "WorkWeek",
    "age_on",
    "calendar_from_dict",
    "case_deadlines",
    "check_absence",
    "check_education",
    "check_employment",
    "check_penalty_threshold",
    "check_performance",
    "check_tutor_group",
    "load_table",
    "next_deadline",
    "running_totals",
]
