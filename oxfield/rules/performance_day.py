"""The limits that apply within one performing day (SI 2014/3309 regs 21-23, Part 4).

Each check takes a placed day (real instants) and the child's age on that day, and returns
findings. Part 4 applies to every performance, licensed or exempt; authorised night work
(reg 28, licensed only) lifts the earliest and latest times but not the other limits.
"""

from __future__ import annotations

from datetime import timedelta

from oxfield.rules.findings import Finding, Severity
from oxfield.rules.tables import RuleTable, RuleValue
from oxfield.rules.timeline import Interval, PlacedDay, local_instant, total_minutes, union
from oxfield.rules.wording import clock, duration, years


def _finding(rule: str, day: PlacedDay, value: RuleValue, message: str) -> Finding:
    return Finding(rule, day.date, Severity.BREACH, value.regulation, message, value.confidence)


def permitted_window(day: PlacedDay, age: int, table: RuleTable) -> Interval:
    """The earliest and latest times of reg 21 on that day, as instants."""
    earliest = table.clock("earliest_time", day.date, age)
    latest = table.clock("latest_time", day.date, age)
    return Interval(
        local_instant(day.date, earliest, "earliest_time"),
        local_instant(day.date, latest, "latest_time"),
    )


def check_times(day: PlacedDay, age: int, table: RuleTable, night_work: bool) -> list[Finding]:
    """Reg 21: not at the venue before the earliest or after the latest time."""
    if night_work:
        return []
    out: list[Finding] = []
    earliest = table.get("earliest_time", day.date, age)
    latest = table.get("latest_time", day.date, age)
    window = permitted_window(day, age, table)
    if day.venue.start < window.start:
        out.append(
            _finding(
                "earliest_time",
                day,
                earliest,
                f"The child arrived at {clock(day.venue.start)}, before {clock(window.start)}, "
                f"the earliest time for a child aged {years(age)}.",
            )
        )
    if day.venue.end > window.end:
        out.append(
            _finding(
                "latest_time",
                day,
                latest,
                f"The child left at {clock(day.venue.end)}, after {clock(window.end)}, "
                f"the latest time for a child aged {years(age)}, without authorised night work.",
            )
        )
    return out


def check_durations(day: PlacedDay, age: int, table: RuleTable) -> list[Finding]:
    """Reg 22: time at the venue, total performing and continuous performing."""
    out: list[Finding] = []
    venue = table.get("max_time_at_venue", day.date, age)
    limit = table.number("max_time_at_venue", day.date, age)
    if day.venue.minutes > limit:
        out.append(
            _finding(
                "max_time_at_venue",
                day,
                venue,
                f"The child was at the venue for {duration(day.venue.minutes)}; the limit for a "
                f"child aged {years(age)} is {duration(limit)}.",
            )
        )
    performing = table.get("max_performing_time", day.date, age)
    limit = table.number("max_performing_time", day.date, age)
    total = total_minutes(day.performing)
    if total > limit:
        out.append(
            _finding(
                "max_performing_time",
                day,
                performing,
                f"The child performed or rehearsed for {duration(total)}; the limit for a child "
                f"aged {years(age)} is {duration(limit)}.",
            )
        )
    continuous = table.get("max_continuous_performance", day.date, age)
    limit = table.number("max_continuous_performance", day.date, age)
    gap = timedelta(minutes=table.number("continuous_gap", day.date))
    spells = union(day.performing, join_gap=gap)
    longest = max(spells, key=lambda s: s.minutes, default=None)
    if longest is not None and longest.minutes > limit:
        out.append(
            _finding(
                "max_continuous_performance",
                day,
                continuous,
                f"The child performed for {duration(longest.minutes)} without a break from "
                f"{clock(longest.start)}; the limit for a child aged {years(age)} is "
                f"{duration(limit)}.",
            )
        )
    return out


def required_breaks(present_minutes: int, day: PlacedDay, table: RuleTable) -> list[int]:
    """Reg 23: the breaks (in minutes, longest first) owed for a stay of this length."""
    needed: list[int] = []
    if present_minutes > table.number("meal_break_present_over", day.date):
        needed += [table.number("meal_break", day.date), table.number("short_break", day.date)]
    if present_minutes > table.number("further_break_present_over", day.date):
        needed.append(table.number("short_break", day.date))
    return sorted(needed, reverse=True)


def check_breaks(day: PlacedDay, table: RuleTable) -> list[Finding]:
    """Reg 23: the meal break and the short breaks owed for the time at the venue."""
    needed = required_breaks(day.venue.minutes, day, table)
    taken = sorted((b.minutes for b in union(day.breaks)), reverse=True)
    short = any(i >= len(taken) or taken[i] < need for i, need in enumerate(needed))
    if not short:
        return []
    wanted = ", ".join(duration(n) for n in needed)
    had = ", ".join(duration(t) for t in taken) if taken else "none"
    value = table.get("meal_break", day.date)
    return [
        _finding(
            "breaks",
            day,
            value,
            f"The child was at the venue for {duration(day.venue.minutes)} and was owed breaks "
            f"of {wanted}; the record shows {had}.",
        )
    ]


def check_day(day: PlacedDay, age: int, table: RuleTable, night_work: bool) -> list[Finding]:
    """Every Part 4 limit for one day."""
    return (
        check_times(day, age, table, night_work)
        + check_durations(day, age, table)
        + check_breaks(day, table)
    )
