"""Running totals for a performing day still in progress, for the live inspection screen.

Given what the daily record shows so far and the time now, it says how much of each daily limit
is used, how much is left, and warns when a limit is within a margin (from the table unless the
caller gives one), so a chaperone or officer can act before a breach rather than after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from oxfield.errors import ValidationError
from oxfield.rules.age import age_on
from oxfield.rules.findings import Finding, Severity
from oxfield.rules.tables import RuleTable, load_table
from oxfield.rules.timeline import Interval, local_instant, total_minutes, union
from oxfield.rules.wording import clock, duration

OpenSpan = tuple[time, time | None]


@dataclass(frozen=True)
class DayInProgress:
    """The record so far: a period whose end is None is still going on."""

    date: date
    arrive: time
    performing: tuple[OpenSpan, ...] = ()
    breaks: tuple[OpenSpan, ...] = ()
    night_work_authorised: bool = False


@dataclass(frozen=True)
class Total:
    """One limit: minutes used so far against the limit."""

    rule: str
    used: int
    limit: int

    @property
    def remaining(self) -> int:
        return self.limit - self.used

    def to_dict(self) -> dict[str, int | str]:
        return {"rule": self.rule, "used": self.used, "limit": self.limit, "left": self.remaining}


@dataclass(frozen=True)
class RunningTotals:
    age: int
    totals: tuple[Total, ...]
    findings: tuple[Finding, ...]


def _place(
    day: DayInProgress, spans: Sequence[OpenSpan], now: datetime, name: str
) -> list[Interval]:
    """Periods so far as intervals; an open one runs to ``now``, a future one is ignored."""

    def at(moment: time, label: str) -> datetime:
        on = day.date if moment >= day.arrive else day.date + timedelta(days=1)
        return local_instant(on, moment, label)

    out = []
    for i, (start, end) in enumerate(spans):
        label = f"{name}[{i}]"
        begin = at(start, label)
        finish = now if end is None else at(end, label)
        if end is not None and finish <= begin:
            raise ValidationError(f"{label}: ends before it starts", label)
        if begin < now:
            out.append(Interval(begin, min(finish, now)))
    return out


def running_totals(
    date_of_birth: date,
    day: DayInProgress,
    now: datetime,
    margin_minutes: int | None = None,
    table: RuleTable | None = None,
) -> RunningTotals:
    """Totals against limits at ``now`` (an aware instant), with warnings inside the margin."""
    table = table or load_table("performance")
    age = age_on(date_of_birth, day.date)
    arrive = local_instant(day.date, day.arrive, "arrive")
    if now.tzinfo is None:
        raise ValidationError("now: must carry its time zone", "now")
    if now < arrive:
        raise ValidationError("now: is before the arrival time", "now")
    margin = table.number("running_margin", day.date) if margin_minutes is None else margin_minutes
    performing = _place(day, day.performing, now, "performing")
    spells = union(performing, join_gap=timedelta(minutes=table.number("continuous_gap", day.date)))
    current = spells[-1].minutes if spells and spells[-1].end == now else 0
    totals = [
        Total("max_time_at_venue", Interval(arrive, now).minutes, 0),
        Total("max_performing_time", total_minutes(performing), 0),
        Total("max_continuous_performance", current, 0),
    ]
    totals = [Total(t.rule, t.used, table.number(t.rule, day.date, age)) for t in totals]
    if not day.night_work_authorised:
        latest = local_instant(day.date, table.clock("latest_time", day.date, age), "latest_time")
        until = int((latest - arrive).total_seconds() // 60)
        totals.append(Total("latest_time", Interval(arrive, now).minutes, until))
    findings = [_judge(t, day.date, margin, table, age) for t in totals]
    return RunningTotals(age, tuple(totals), tuple(f for f in findings if f is not None))


def _judge(total: Total, on: date, margin: int, table: RuleTable, age: int) -> Finding | None:
    value = table.get(total.rule, on, age)
    latest = clock(table.clock("latest_time", on, age))
    label = {
        "max_time_at_venue": "time at the venue",
        "max_performing_time": "performing time",
        "max_continuous_performance": "continuous performing",
        "latest_time": f"time until the latest time of {latest}",
    }[total.rule]
    if total.remaining < 0:
        return Finding(
            total.rule,
            on,
            Severity.BREACH,
            value.regulation,
            f"The limit on {label} was passed {duration(-total.remaining)} ago.",
            value.confidence,
        )
    if total.remaining <= margin:
        return Finding(
            total.rule,
            on,
            Severity.WARNING,
            value.regulation,
            f"Only {duration(total.remaining)} left of the {label} "
            f"({duration(total.used)} used of {duration(total.limit)}).",
            value.confidence,
        )
    return None
