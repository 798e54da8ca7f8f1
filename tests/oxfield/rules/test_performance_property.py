"""Property: adding performing time to a day never removes a breach (of any rule, on any day)."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from oxfield.errors import ValidationError
from oxfield.rules.findings import Finding
from oxfield.rules.performance import PerformanceCase, check_performance
from oxfield.rules.timeline import PerformanceDay, Span

# June and late October/March: ordinary days and days with a clock change in the night.
FIRST_DAYS = [date(2026, 6, 1), date(2026, 10, 20), date(2026, 3, 24)]


def _clock(start: int, offset: int) -> time:
    minute = (start + offset) % 1440
    return time(minute // 60, minute % 60)


@st.composite
def spans(draw: st.DrawFn, length: int, count: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(count):
        a = draw(st.integers(0, length - 1))
        b = draw(st.integers(a + 1, length))
        out.append((a, b))
    return out


@st.composite
def days(draw: st.DrawFn) -> tuple[list[tuple[int, int, list[tuple[int, int]], bool]], date]:
    first = draw(st.sampled_from(FIRST_DAYS))
    out = []
    for _ in range(draw(st.integers(1, 8))):
        # Arrivals from 05:00 to 20:00 and stays up to 11 hours keep clear of 01:00-02:00.
        arrive = draw(st.integers(300, 1200))
        length = draw(st.integers(30, min(660, 1440 + 60 - arrive - 1)))
        performing = draw(spans(length, draw(st.integers(0, 3))))
        out.append((arrive, length, performing, draw(st.booleans())))
    return out, first


def _case(
    plan: list[tuple[int, int, list[tuple[int, int]], bool]],
    first: date,
    licensed: bool,
    group: int,
) -> PerformanceCase:
    built = []
    for n, (arrive, length, performing, night) in enumerate(plan):
        built.append(
            PerformanceDay(
                date=first + timedelta(days=n),
                arrive=_clock(arrive, 0),
                depart=_clock(arrive, length),
                performing=tuple(Span(_clock(arrive, a), _clock(arrive, b)) for a, b in performing),
                night_work_authorised=night,
            )
        )
    return PerformanceCase(
        date_of_birth=date(2018, 7, 1),
        days=tuple(built),
        licensed=licensed,
        children_in_chaperone_group=group,
    )


def _breaches(findings: list[Finding]) -> set[tuple[str, date]]:
    return {(f.rule, f.date) for f in findings if f.severity.value == "breach"}


def _usable(plan: list[tuple[int, int, list[tuple[int, int]], bool]], first: date) -> bool:
    """Skip plans whose clock times fall in the hour skipped in March."""
    try:
        check_performance(_case(plan, first, True, 1))
    except ValidationError:  # a local time skipped by the clock change is refused by design
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(
    data=days(),
    licensed=st.booleans(),
    group=st.integers(1, 15),
    which=st.integers(0, 7),
    extra=st.data(),
)
def test_adding_performing_time_never_removes_a_breach(
    data: tuple[list[tuple[int, int, list[tuple[int, int]], bool]], date],
    licensed: bool,
    group: int,
    which: int,
    extra: st.DataObject,
) -> None:
    plan, first = data
    if not _usable(plan, first):
        return
    before = _breaches(check_performance(_case(plan, first, licensed, group)))
    index = which % len(plan)
    arrive, length, performing, night = plan[index]
    added = extra.draw(spans(length, 1))
    grown = [*plan]
    grown[index] = (arrive, length, [*performing, *added], night)
    after = _breaches(check_performance(_case(grown, first, licensed, group)))
    assert before <= after
