"""Education during a licence (SI 2014/3309 reg 13): the tutor's group and the hours taught.

The child must be taught at least 3 hours on each day they would otherwise have to be at
school, or, if the council agrees, at least 6 hours a week with the total over each complete
4-week block (or a shorter final block) at least what 3 hours a day would give. A private
teacher may teach at most 6 children at once, or 12 when all are at a similar standard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from oxfield.rules.findings import Finding, Severity
from oxfield.rules.tables import RuleTable, load_table
from oxfield.rules.wording import duration


@dataclass(frozen=True)
class TeachingDay:
    """One day of the licence period: whether school was due and the minutes taught."""

    date: date
    school_day: bool
    minutes_taught: int


def check_tutor_group(
    on: date, group_size: int, similar_standard: bool, table: RuleTable | None = None
) -> list[Finding]:
    """Reg 13: the private teacher's group size."""
    table = table or load_table("performance")
    key = "tutor_max_group_similar_standard" if similar_standard else "tutor_max_group"
    limit = table.number(key, on)
    if group_size <= limit:
        return []
    value = table.get(key, on)
    return [
        Finding(
            "tutor_group_size",
            on,
            Severity.BREACH,
            value.regulation,
            f"The tutor teaches {group_size} children at once; the most allowed is {limit}.",
            value.confidence,
        )
    ]


def check_education(days: Sequence[TeachingDay], table: RuleTable | None = None) -> list[Finding]:
    """Reg 13: 3 hours each school day, or the weekly and 4-weekly aggregate instead."""
    table = table or load_table("performance")
    ordered = sorted(days, key=lambda d: d.date)
    school = [d for d in ordered if d.school_day]
    if not school:
        return []
    start = ordered[0].date
    daily = table.number("education_daily", start)
    if all(d.minutes_taught >= daily for d in school):
        return []
    weekly = table.number("education_weekly", start)
    block_weeks = table.number("education_block_weeks", start)
    value = table.get("education_daily", start)
    out: list[Finding] = []
    end = ordered[-1].date
    week_start = start
    while week_start <= end:
        week = [d for d in ordered if week_start <= d.date < week_start + timedelta(days=7)]
        taught = sum(d.minutes_taught for d in week)
        if any(d.school_day for d in week) and taught < weekly:
            out.append(
                Finding(
                    "education_hours",
                    week_start,
                    Severity.BREACH,
                    value.regulation,
                    f"In the week from this day the child was taught {duration(taught)}; short "
                    f"of 3 hours each school day, at least {duration(weekly)} a week is needed.",
                    value.confidence,
                )
            )
        week_start += timedelta(days=7)
    block_start = start
    while block_start <= end:
        block = [
            d for d in ordered if block_start <= d.date < block_start + timedelta(weeks=block_weeks)
        ]
        owed = daily * sum(1 for d in block if d.school_day)
        taught = sum(d.minutes_taught for d in block)
        if taught < owed:
            out.append(
                Finding(
                    "education_hours",
                    block_start,
                    Severity.BREACH,
                    value.regulation,
                    f"Over the {block_weeks} weeks from this day the child was taught "
                    f"{duration(taught)}; 3 hours a school day comes to {duration(owed)}.",
                    value.confidence,
                )
            )
        block_start += timedelta(weeks=block_weeks)
    return out
