"""Checking a child's performance days against SI 2014/3309 and the 1963 Act.

``check_performance`` is what the command line and the inspection screen call: it places every
day on real instants, applies the Part 4 limits to each day (``performance_day``), then the
rules that look across days: the overnight break (reg 24, all performances) and, for licensed
performances only (Part 5), the rest after night work, consecutive days, the break after eight
weeks at the maximum and the chaperone's ratio. An unlicensed run is checked against the
"4-day" exemption of s37(3)(a) instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from oxfield.errors import ValidationError
from oxfield.rules.age import age_on
from oxfield.rules.findings import Finding, Severity, sort_findings
from oxfield.rules.performance_day import check_day, permitted_window
from oxfield.rules.performance_span import (
    check_application_notice,
    check_break_after_weeks,
    check_chaperone_ratio,
    check_consecutive_days,
    check_exemption,
)
from oxfield.rules.tables import RuleTable, load_table
from oxfield.rules.timeline import PerformanceDay, PlacedDay, minutes_outside, place_day
from oxfield.rules.wording import duration


@dataclass(frozen=True)
class PerformanceCase:
    """What the rules need about one child's run of performance days."""

    date_of_birth: date
    days: tuple[PerformanceDay, ...]
    licensed: bool = True
    chaperone_also_tutor: bool = False
    children_in_chaperone_group: int | None = None
    licensed_performing_days: int | None = None
    application_received: date | None = None


def place_days(
    days: tuple[PerformanceDay, ...], date_of_birth: date | None = None
) -> list[PlacedDay]:
    """Every day on real instants, in date order; a repeated date, or one before birth, is an
    input error naming the day."""
    seen: set[date] = set()
    for i, day in enumerate(days):
        if date_of_birth is not None and day.date < date_of_birth:
            raise ValidationError(
                f"days[{i}].date: is before the child's date of birth", f"days[{i}].date"
            )
        if day.date in seen:
            raise ValidationError(f"days[{i}].date: the same date appears twice", f"days[{i}].date")
        seen.add(day.date)
    placed = [place_day(day, f"days[{i}]") for i, day in enumerate(days)]
    return sorted(placed, key=lambda p: p.date)


def check_performance(case: PerformanceCase, table: RuleTable | None = None) -> list[Finding]:
    """Every finding for the case, in date order."""
    table = table or load_table("performance")
    placed = place_days(case.days, case.date_of_birth)
    findings: list[Finding] = []
    for day in placed:
        age = age_on(case.date_of_birth, day.date)
        night_work = case.licensed and day.day.night_work_authorised
        findings += check_day(day, age, table, night_work)
    findings += check_overnight(placed, table)
    if case.licensed:
        findings += check_night_work_rest(placed, case.date_of_birth, table)
        findings += check_consecutive_days(placed, table)
        findings += check_break_after_weeks(placed, case.licensed_performing_days, table)
        findings += check_chaperone_ratio(
            placed, case.children_in_chaperone_group, case.chaperone_also_tutor, table
        )
    else:
        findings += check_exemption([p.date for p in placed if p.performing], table)
    if case.application_received is not None and placed:
        findings += check_application_notice(case.application_received, placed[0].date, table)
    return sort_findings(findings)


def check_overnight(placed: list[PlacedDay], table: RuleTable) -> list[Finding]:
    """Reg 24: the break between leaving the venue one day and arriving the next."""
    out: list[Finding] = []
    for before, after in pairwise(placed):
        value = table.get("overnight_break", after.date)
        limit = table.number("overnight_break", after.date)
        rest = int((after.venue.start - before.venue.end).total_seconds() // 60)
        if rest < limit:
            out.append(
                Finding(
                    "overnight_break",
                    after.date,
                    Severity.BREACH,
                    value.regulation,
                    f"The child had {duration(rest)} between leaving the venue and arriving "
                    f"again; the minimum overnight break is {duration(limit)}.",
                    value.confidence,
                )
            )
    return out


def did_night_work(day: PlacedDay, age: int, table: RuleTable) -> bool:
    """Whether the child performed outside the earliest and latest times that day."""
    return minutes_outside(day.performing, permitted_window(day, age, table)) > 0


def check_night_work_rest(
    placed: list[PlacedDay], date_of_birth: date, table: RuleTable
) -> list[Finding]:
    """Reg 28: after night work, no performing until the long rest has passed."""
    out: list[Finding] = []
    for before, after in pairwise(placed):
        if not before.performing or not after.performing:
            continue
        if not did_night_work(before, age_on(date_of_birth, before.date), table):
            continue
        value = table.get("night_work_rest", after.date)
        limit = table.number("night_work_rest", after.date)
        last_end = max(p.end for p in before.performing)
        rest = int((after.performing[0].start - last_end).total_seconds() // 60)
        if rest < limit:
            out.append(
                Finding(
                    "night_work_rest",
                    after.date,
                    Severity.BREACH,
                    value.regulation,
                    f"After night work the child performed again {duration(rest)} later; "
                    f"at least {duration(limit)} must pass.",
                    value.confidence,
                )
            )
    return out
