"""A day at a venue as the officer writes it (local clock times) and as the rules measure it.

Officers record wall-clock times in Europe/London. A time earlier than the arrival time means
after midnight, so performing after midnight belongs to the day it started on (as the DfE form
says). Durations are measured between real instants (UTC), so a night that straddles a clock
change is an hour shorter in March and an hour longer in October than the clock faces suggest.
A time that does not exist (01:30 on the March change day) is refused; a time that happens twice
(01:30 on the October change day) is read as the first of the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from oxfield.clock import LONDON
from oxfield.errors import ValidationError


@dataclass(frozen=True)
class Span:
    """A period as written on the daily record: two wall-clock times."""

    start: time
    end: time


@dataclass(frozen=True)
class PerformanceDay:
    """One day's timeline at the place of performance or rehearsal (rehearsing counts)."""

    date: date
    arrive: time
    depart: time
    performing: tuple[Span, ...] = ()
    breaks: tuple[Span, ...] = ()
    night_work_authorised: bool = False


@dataclass(frozen=True, order=True)
class Interval:
    """A period between two real instants (aware, UTC)."""

    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class PlacedDay:
    """A day with every time turned into a real instant."""

    day: PerformanceDay
    venue: Interval
    performing: tuple[Interval, ...]
    breaks: tuple[Interval, ...] = field(default=())

    @property
    def date(self) -> date:
        return self.day.date


def local_instant(day: date, clock: time, field_name: str) -> datetime:
    """The UTC instant of a London wall-clock time; a time skipped by the clock is refused."""
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=LONDON, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(LONDON).replace(tzinfo=None) != naive:
        raise ValidationError(
            f"{field_name}: {clock.strftime('%H:%M')} does not exist on that day "
            "(the clocks go forward)",
            field_name,
        )
    return instant


def _after(day: date, arrive: time, clock: time, field_name: str) -> datetime:
    """Place a time on the day, or on the next one when it is earlier than the arrival."""
    on = day if clock >= arrive else day + timedelta(days=1)
    return local_instant(on, clock, field_name)


def place_day(day: PerformanceDay, where: str = "day") -> PlacedDay:
    """Turn a recorded day into instants, checking that every period is inside the venue time."""
    if day.depart == day.arrive:
        raise ValidationError(f"{where}.depart: is the same as the arrival time", f"{where}.depart")
    arrive = local_instant(day.date, day.arrive, f"{where}.arrive")
    depart = _after(day.date, day.arrive, day.depart, f"{where}.depart")
    venue = Interval(arrive, depart)

    def spans(items: Sequence[Span], name: str) -> tuple[Interval, ...]:
        out = []
        for i, span in enumerate(items):
            label = f"{where}.{name}[{i}]"
            start = _after(day.date, day.arrive, span.start, label)
            end = _after(day.date, day.arrive, span.end, label)
            if end <= start:
                raise ValidationError(f"{label}: ends before it starts", label)
            if start < venue.start or end > venue.end:
                raise ValidationError(f"{label}: is outside the time at the venue", label)
            out.append(Interval(start, end))
        return tuple(sorted(out))

    return PlacedDay(day, venue, spans(day.performing, "performing"), spans(day.breaks, "breaks"))


def union(intervals: Iterable[Interval], join_gap: timedelta = timedelta(0)) -> list[Interval]:
    """Merge overlapping intervals, and those separated by less than ``join_gap``."""
    merged: list[Interval] = []
    for item in sorted(intervals):
        if merged and (item.start - merged[-1].end < join_gap or item.start <= merged[-1].end):
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, item.end))
        else:
            merged.append(item)
    return merged


def total_minutes(intervals: Iterable[Interval]) -> int:
    """Minutes covered by the intervals, counting overlaps once."""
    return sum(i.minutes for i in union(intervals))


def minutes_outside(intervals: Iterable[Interval], window: Interval) -> int:
    """Minutes of the intervals that fall outside ``window`` (night work, for instance)."""
    outside = 0
    for item in union(intervals):
        inside_start = max(item.start, window.start)
        inside_end = min(item.end, window.end)
        inside = max(0, int((inside_end - inside_start).total_seconds() // 60))
        outside += item.minutes - inside
    return outside
