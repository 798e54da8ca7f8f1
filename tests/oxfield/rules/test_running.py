"""Running totals for a day in progress: used, left, and warnings inside the margin."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.running import DayInProgress, running_totals

DOB = date(2015, 1, 1)  # 11: venue 9 h 30, performing 5 h, continuous 2 h 30, latest 23:00
ON = date(2026, 6, 10)  # BST: London = UTC + 1


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, 10, hour - 1, minute, tzinfo=UTC)


def test_totals_and_limits_so_far() -> None:
    day = DayInProgress(
        ON, time(10, 0), performing=((time(10, 0), time(11, 0)), (time(12, 0), None))
    )
    result = running_totals(DOB, day, _at(13, 0))
    totals = {t.rule: t for t in result.totals}
    assert totals["max_time_at_venue"].used == 180
    assert totals["max_time_at_venue"].limit == 570
    assert totals["max_performing_time"].used == 120
    assert totals["max_continuous_performance"].used == 60
    assert totals["max_continuous_performance"].remaining == 90
    assert result.findings == ()


@pytest.mark.parametrize(
    ("now", "severity"),
    [((12, 14), None), ((12, 15), "warning"), ((12, 30), "warning"), ((12, 31), "breach")],
)
def test_continuous_performing_warns_inside_the_margin(
    now: tuple[int, int], severity: str | None
) -> None:
    day = DayInProgress(ON, time(10, 0), performing=((time(10, 0), None),))
    result = running_totals(DOB, day, _at(*now), margin_minutes=15)
    found = [f for f in result.findings if f.rule == "max_continuous_performance"]
    assert [f.severity.value for f in found] == ([severity] if severity else [])


def test_latest_time_warning_and_night_work() -> None:
    day = DayInProgress(ON, time(18, 0))
    warned = running_totals(DOB, day, _at(22, 50), margin_minutes=15)
    assert [f.rule for f in warned.findings] == ["latest_time"]
    night = DayInProgress(ON, time(18, 0), night_work_authorised=True)
    assert running_totals(DOB, night, _at(22, 50), margin_minutes=15).findings == ()


def test_now_before_arrival_is_refused() -> None:
    with pytest.raises(ValidationError):
        running_totals(DOB, DayInProgress(ON, time(10, 0)), _at(9, 0))


def test_a_closed_period_that_ends_before_it_starts_is_refused() -> None:
    day = DayInProgress(ON, time(10, 0), performing=((time(11, 0), time(10, 30)),))
    with pytest.raises(ValidationError) as caught:
        running_totals(DOB, day, _at(13, 0))
    assert caught.value.field == "performing[0]"


def test_periods_after_now_are_not_counted() -> None:
    day = DayInProgress(ON, time(10, 0), performing=((time(14, 0), time(15, 0)),))
    totals = {t.rule: t.used for t in running_totals(DOB, day, _at(13, 0)).totals}
    assert totals["max_performing_time"] == 0
