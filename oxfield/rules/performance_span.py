"""Performance rules that look across many days: runs, the long break, ratios, exemption, notice.

Regs 26, 27 and 15 apply to licensed performances; the 4-day exemption of CYPA 1963 s37(3)(a)
is how an unlicensed run is judged; the 21-day notice is when the council may refuse a late
application. Every function takes the dates the child performed (a day counts when it has any
performing or rehearsing) and the rule table.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from oxfield.rules.findings import Finding, Severity
from oxfield.rules.tables import RuleTable
from oxfield.rules.timeline import PlacedDay


def _performing_dates(placed: Sequence[PlacedDay]) -> list[date]:
    return sorted(p.date for p in placed if p.performing)


def check_consecutive_days(placed: Sequence[PlacedDay], table: RuleTable) -> list[Finding]:
    """Reg 26: no more than the maximum run of consecutive performing days."""
    out: list[Finding] = []
    run = 0
    previous: date | None = None
    for day in _performing_dates(placed):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        previous = day
        limit = table.number("max_consecutive_days", day)
        if run > limit:
            value = table.get("max_consecutive_days", day)
            out.append(
                Finding(
                    "consecutive_days",
                    day,
                    Severity.BREACH,
                    value.regulation,
                    f"This is day {run} in a row of performing or rehearsing; the limit is "
                    f"{limit} consecutive days.",
                    value.confidence,
                )
            )
    return out


def check_break_after_weeks(
    placed: Sequence[PlacedDay], licensed_days: int | None, table: RuleTable
) -> list[Finding]:
    """Reg 27: after performing the maximum days in each of eight consecutive weeks, a long rest.

    A week here is seven days counted from the first performing day of the stretch; it counts
    when the child performed on at least the maximum consecutive days in it. The rest is owed
    after the last performance of the eighth week. The rule does not apply to a licence for
    fewer than the table's minimum of performing days.
    """
    dates = _performing_dates(placed)
    if not dates:
        return []
    if licensed_days is not None and licensed_days < table.number(
        "break_after_weeks_min_licensed_days", dates[0]
    ):
        return []
    performed = set(dates)
    flagged: dict[date, Finding] = {}
    for start in dates:
        weeks = table.number("break_after_weeks", start)
        per_week = table.number("max_consecutive_days", start)
        rest_days = table.number("break_after_weeks_rest_days", start)
        full = all(
            sum(start + timedelta(days=7 * w + d) in performed for d in range(7)) >= per_week
            for w in range(weeks)
        )
        if not full:
            continue
        window_end = start + timedelta(days=7 * weeks)
        last = max(d for d in dates if d < window_end)
        value = table.get("break_after_weeks_rest_days", start)
        for day in dates:
            if last < day <= last + timedelta(days=rest_days) and day not in flagged:
                flagged[day] = Finding(
                    "break_after_eight_weeks",
                    day,
                    Severity.BREACH,
                    value.regulation,
                    f"The child performed on the maximum days for {weeks} weeks in a row up to "
                    f"{last.isoformat()} and must then have {rest_days} days without "
                    "performing or rehearsing.",
                    value.confidence,
                )
    return [flagged[d] for d in sorted(flagged)]


def check_chaperone_ratio(
    placed: Sequence[PlacedDay], children: int | None, also_tutor: bool, table: RuleTable
) -> list[Finding]:
    """Reg 15: at most 12 children per chaperone, or 3 when the chaperone also teaches them."""
    if children is None or not placed:
        return []
    first = placed[0].date
    key = "chaperone_tutor_max_children" if also_tutor else "chaperone_max_children"
    limit = table.number(key, first)
    if children <= limit:
        return []
    value = table.get(key, first)
    role = "a chaperone who is also their tutor" if also_tutor else "one chaperone"
    return [
        Finding(
            "chaperone_ratio",
            first,
            Severity.BREACH,
            value.regulation,
            f"{children} children are in the care of {role}; the most allowed is {limit}.",
            value.confidence,
        )
    ]


def months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_exemption(performing: Sequence[date], table: RuleTable) -> list[Finding]:
    """s37(3)(a): unlicensed, the child may perform on at most 4 days in any 6 months."""
    out: list[Finding] = []
    dates = sorted(set(performing))
    for day in dates:
        window_start = months_before(day, table.number("exemption_window_months", day))
        count = sum(1 for d in dates if window_start < d <= day)
        limit = table.number("exemption_max_days", day)
        if count > limit:
            value = table.get("exemption_max_days", day)
            out.append(
                Finding(
                    "four_day_exemption",
                    day,
                    Severity.BREACH,
                    value.regulation,
                    f"Without a licence the child has now performed on {count} days in six "
                    f"months; more than {limit} needs a licence or a body of persons approval.",
                    value.confidence,
                )
            )
    return out


def check_application_notice(received: date, first_day: date, table: RuleTable) -> list[Finding]:
    """The application should arrive 21 days before the first performance, or may be refused."""
    limit = table.number("application_notice_days", received)
    notice = (first_day - received).days
    if notice >= limit:
        return []
    value = table.get("application_notice_days", received)
    return [
        Finding(
            "application_notice",
            received,
            Severity.WARNING,
            value.regulation,
            f"The application arrived {notice} days before the first performance; with less "
            f"than {limit} days' notice the council may refuse it.",
            value.confidence,
        )
    ]
