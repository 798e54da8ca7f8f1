"""The limits on one working day (CYPA 1933 s18(1) and Oxfordshire's byelaws).

Shifts are wall-clock times in Europe/London; a shift whose end is earlier than its start runs
past midnight. Durations are measured between real instants, so clock changes count correctly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from oxfield.errors import ValidationError
from oxfield.rules.findings import Finding, Severity
from oxfield.rules.tables import RuleTable
from oxfield.rules.timeline import Interval, Span, local_instant, union
from oxfield.rules.wording import clock, duration, years

SATURDAY, SUNDAY = 5, 6


@dataclass(frozen=True)
class WorkDay:
    date: date
    school_day: bool
    shifts: tuple[Span, ...] = ()


def place_shifts(day: WorkDay, where: str = "day") -> list[Interval]:
    """The day's shifts as real intervals, in order."""
    out = []
    for i, shift in enumerate(day.shifts):
        label = f"{where}.shifts[{i}]"
        if shift.end == shift.start:
            raise ValidationError(f"{label}: starts and ends at the same time", label)
        start = local_instant(day.date, shift.start, label)
        end_day = day.date if shift.end > shift.start else day.date + timedelta(days=1)
        out.append(Interval(start, local_instant(end_day, shift.end, label)))
    return sorted(out)


def worked_minutes(day: WorkDay) -> int:
    return sum(i.minutes for i in union(place_shifts(day)))


def _at(day: date, moment: time) -> datetime:
    return local_instant(day, moment, "time")


def _breach(rule: str, day: WorkDay, table: RuleTable, key: str, age: int, text: str) -> Finding:
    value = table.get(key, day.date, age)
    return Finding(rule, day.date, Severity.BREACH, value.regulation, text, value.confidence)


def check_work_day(day: WorkDay, age: int, table: RuleTable, where: str) -> list[Finding]:
    """Times of day, the day's total for its kind (school day, Saturday, Sunday, holiday) and
    the rest break."""
    shifts = place_shifts(day, where)
    if not shifts:
        return []
    on = day.date
    sunday = on.weekday() == SUNDAY
    early_key, late_key = (
        ("sunday_earliest_time", "sunday_latest_time")
        if sunday
        else ("earliest_time", "latest_time")
    )
    out: list[Finding] = []
    earliest = _at(on, table.clock(early_key, on))
    latest = _at(on, table.clock(late_key, on))
    first, last = shifts[0].start, max(s.end for s in shifts)
    if first < earliest:
        out.append(
            _breach(
                "earliest_time",
                day,
                table,
                early_key,
                age,
                f"Work starts at {clock(first)}, before {clock(earliest)}.",
            )
        )
    if last > latest:
        out.append(
            _breach(
                "latest_time",
                day,
                table,
                late_key,
                age,
                f"Work ends at {clock(last)}, after {clock(latest)}.",
            )
        )
    total = sum(i.minutes for i in union(shifts))
    if sunday:
        out += _day_total("sunday_hours", "sunday_max", "on a Sunday", day, total, age, table)
    elif day.school_day:
        out += _school_day(day, shifts, total, age, table)
    elif on.weekday() == SATURDAY:
        out += _day_total("saturday_hours", "saturday_max", "on a Saturday", day, total, age, table)
    else:
        out += _day_total(
            "holiday_day_hours",
            "holiday_day_max",
            "on a day without school",
            day,
            total,
            age,
            table,
        )
    out += _rest_break(day, shifts, age, table)
    return out


def _day_total(
    rule: str, key: str, kind: str, day: WorkDay, total: int, age: int, table: RuleTable
) -> list[Finding]:
    limit = table.number(key, day.date, age)
    if total <= limit:
        return []
    return [
        _breach(
            rule,
            day,
            table,
            key,
            age,
            f"The child works {duration(total)} {kind}; the limit at {years(age)} is "
            f"{duration(limit)}.",
        )
    ]


def _school_day(
    day: WorkDay, shifts: list[Interval], total: int, age: int, table: RuleTable
) -> list[Finding]:
    on = day.date
    out = _day_total(
        "school_day_hours", "school_day_max", "on a school day", day, total, age, table
    )
    school = Interval(
        _at(on, table.clock("school_starts", on)), _at(on, table.clock("school_ends", on))
    )
    if any(s.start < school.end and s.end > school.start for s in shifts):
        out.append(
            _breach(
                "school_day_hours",
                day,
                table,
                "school_starts",
                age,
                f"Work falls in school hours ({clock(school.start)} to {clock(school.end)}).",
            )
        )
    before = sum(
        int((min(s.end, school.start) - s.start).total_seconds() // 60)
        for s in shifts
        if s.start < school.start
    )
    limit = table.number("before_school_max", on)
    if before > limit:
        out.append(
            _breach(
                "school_day_hours",
                day,
                table,
                "before_school_max",
                age,
                f"The child works {duration(before)} before school; at most "
                f"{duration(limit)} is allowed.",
            )
        )
    return out


def _rest_break(day: WorkDay, shifts: list[Interval], age: int, table: RuleTable) -> list[Finding]:
    on = day.date
    after = table.number("rest_break_after", on)
    rest = timedelta(minutes=table.number("rest_break", on))
    run = 0
    previous: Interval | None = None
    for shift in union(shifts):
        run = (
            run + shift.minutes if previous and shift.start - previous.end < rest else shift.minutes
        )
        previous = shift
        if run > after:
            return [
                _breach(
                    "rest_break",
                    day,
                    table,
                    "rest_break",
                    age,
                    f"The child works {duration(run)} without a break of "
                    f"{duration(int(rest.total_seconds() // 60))}; a break is due after "
                    f"{duration(after)}.",
                )
            ]
    return []
