"""Child employment: CYPA 1933 s18 and Oxfordshire's byelaws, checked against a work pattern.

The pattern is what an employer's permit application gives: weeks (term or holiday), and in each
the days worked with their shifts. Every limit comes from ``resources/rules/employment.json``,
where the county's own values (the list of work allowed at 13, Sunday times, the attendance
threshold) are marked as Oxfordshire's. The per-day limits live in ``employment_day``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from oxfield.errors import ValidationError
from oxfield.rules.age import age_on
from oxfield.rules.employment_day import WorkDay, check_work_day, worked_minutes
from oxfield.rules.findings import Finding, Severity, sort_findings
from oxfield.rules.tables import Phrase, RuleTable, load_table
from oxfield.rules.wording import duration, years


@dataclass(frozen=True)
class WorkWeek:
    week_starting: date
    term_time: bool
    days: tuple[WorkDay, ...]


@dataclass(frozen=True)
class EmploymentCase:
    date_of_birth: date
    occupation: str
    weeks: tuple[WorkWeek, ...]
    attendance_percent: float | None = None


def _pattern(phrase: str) -> re.Pattern[str]:
    """Whole words; a phrase ending in ``*`` matches any word that starts with it."""
    if phrase.endswith("*"):
        return re.compile(r"\b" + re.escape(phrase[:-1].strip()))
    return re.compile(r"\b" + re.escape(phrase) + r"\b")


def matches(occupation: str, phrases: tuple[Phrase, ...]) -> Phrase | None:
    """The first listed item one of whose phrases occurs in the occupation as written."""
    text = " ".join(occupation.lower().split())
    for phrase in phrases:
        if any(_pattern(m).search(text) for m in phrase.match):
            return phrase
    return None


def _validate(case: EmploymentCase) -> None:
    if not case.occupation.strip():
        raise ValidationError("occupation: is empty", "occupation")
    seen: set[date] = set()
    for i, week in enumerate(case.weeks):
        if week.week_starting < case.date_of_birth:
            where = f"weeks[{i}].week_starting"
            raise ValidationError(f"{where}: is before the child's date of birth", where)
        for j, day in enumerate(week.days):
            where = f"weeks[{i}].days[{j}].date"
            if not week.week_starting <= day.date < week.week_starting + timedelta(days=7):
                raise ValidationError(f"{where}: is not in the week it is listed under", where)
            if day.date in seen:
                raise ValidationError(f"{where}: the same date appears twice", where)
            if day.date < case.date_of_birth:
                raise ValidationError(f"{where}: is before the child's date of birth", where)
            seen.add(day.date)


def check_employment(case: EmploymentCase, table: RuleTable | None = None) -> list[Finding]:
    """Every finding for the pattern, in date order."""
    table = table or load_table("employment")
    _validate(case)
    worked = sorted((d for w in case.weeks for d in w.days if d.shifts), key=lambda d: d.date)
    first = min((w.week_starting for w in case.weeks), default=None)
    findings: list[Finding] = []
    if first is not None:
        findings += check_occupation(case, worked[0].date if worked else first, table)
    for i, week in enumerate(case.weeks):
        for j, day in enumerate(week.days):
            age = age_on(case.date_of_birth, day.date)
            findings += check_work_day(day, age, table, f"weeks[{i}].days[{j}]")
        findings += check_week(week, age_on(case.date_of_birth, week.week_starting), table)
    findings += check_annual_break(case.weeks, table)
    if case.attendance_percent is not None and first is not None:
        findings += check_attendance(case.attendance_percent, first, table)
    return sort_findings(findings)


def check_occupation(case: EmploymentCase, first: date, table: RuleTable) -> list[Finding]:
    """Minimum age (14, or 13 for the byelaws' list) and the work no child may do."""
    out: list[Finding] = []
    prohibited = matches(case.occupation, table.phrases("prohibited", first))
    if prohibited is not None:
        value = table.get("prohibited", first)
        out.append(
            Finding(
                "prohibited_occupation",
                first,
                Severity.BREACH,
                value.regulation,
                f"No child of school age may be employed {prohibited.name}.",
                value.confidence,
            )
        )
    permitted = (
        matches(case.occupation, table.phrases("permitted_at_13", first))
        if prohibited is None
        else None
    )
    dates = sorted({d.date for w in case.weeks for d in w.days if d.shifts}) or [first]
    for day in dates:
        age = age_on(case.date_of_birth, day)
        general = table.number("min_age", day)
        lowest = table.number("min_age_permitted_work", day)
        if age >= general or (age >= lowest and permitted is not None):
            continue
        key = "min_age" if age < lowest else "min_age_permitted_work"
        value = table.get(key, day)
        why = (
            f"no child under {lowest} may be employed"
            if age < lowest
            else f"at {lowest} a child may only do the work the byelaws list, and "
            f"'{case.occupation.strip()}' is not on it"
        )
        out.append(
            Finding(
                "min_age",
                day,
                Severity.BREACH,
                value.regulation,
                f"The child is {years(age)} old on this day; {why}.",
                value.confidence,
            )
        )
        break
    return out


def check_week(week: WorkWeek, age: int, table: RuleTable) -> list[Finding]:
    """Weekly totals: 12 hours in a term week; 25 or 35 hours in a holiday week by age."""
    on = week.week_starting
    key = "term_week_max" if week.term_time else "holiday_week_max"
    limit = table.number(key, on, age)
    total = sum(worked_minutes(d) for d in week.days)
    if total <= limit:
        return []
    value = table.get(key, on, age)
    kind = "term-time" if week.term_time else "holiday"
    return [
        Finding(
            "weekly_hours",
            on,
            Severity.BREACH,
            value.regulation,
            f"The child works {duration(total)} in this {kind} week; the limit at "
            f"{years(age)} is {duration(limit)}.",
            value.confidence,
        )
    ]


def check_annual_break(weeks: tuple[WorkWeek, ...], table: RuleTable) -> list[Finding]:
    """Two consecutive work-free holiday weeks a year: a breach when every holiday week of the
    year is listed without them, a warning when the listed ones leave no such pair."""
    out: list[Finding] = []
    by_year: dict[int, list[WorkWeek]] = {}
    for week in weeks:
        if not week.term_time:
            by_year.setdefault(week.week_starting.year, []).append(week)
    for year_weeks in by_year.values():
        year_weeks.sort(key=lambda w: w.week_starting)
        on = year_weeks[0].week_starting
        needed = table.number("annual_break_weeks", on)
        if len(year_weeks) < needed:
            continue
        free = [not any(d.shifts for d in w.days) for w in year_weeks]
        run = best = 0
        for k, is_free in enumerate(free):
            joined = k > 0 and (
                year_weeks[k].week_starting - year_weeks[k - 1].week_starting == timedelta(7)
            )
            run = (run + 1 if joined else 1) if is_free else 0
            best = max(best, run)
        if best >= needed:
            continue
        complete = len(year_weeks) >= table.number("holiday_weeks_per_year", on)
        value = table.get("annual_break_weeks", on)
        out.append(
            Finding(
                "annual_break",
                on,
                Severity.BREACH if complete else Severity.WARNING,
                value.regulation,
                f"The pattern leaves no {needed} consecutive holiday weeks without work in "
                f"{on.year}; the child must have, or still be able to have, them.",
                value.confidence,
            )
        )
    return out


def check_attendance(percent: float, on: date, table: RuleTable) -> list[Finding]:
    """Oxfordshire: below 90% attendance the permit is reviewed, not issued automatically."""
    threshold = table.percent("attendance_threshold", on)
    if percent >= threshold:
        return []
    value = table.get("attendance_threshold", on)
    return [
        Finding(
            "attendance_threshold",
            on,
            Severity.WARNING,
            value.regulation,
            f"School attendance is {percent:g}%, below {threshold:g}%: review the permit case "
            "by case before issuing it; it may be refused on attendance grounds.",
            value.confidence,
        )
    ]


__all__ = ["EmploymentCase", "WorkDay", "WorkWeek", "check_employment"]
