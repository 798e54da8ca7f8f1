"""Reading the command line's JSON documents into the rules' plain data, field by field.

Every problem becomes a ValidationError whose message starts with the path of the field
(``days[2].depart``) and says what is wrong, without echoing dates (a date of birth is personal
data). Unknown keys are ignored so that callers may carry their own annotations.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from oxfield.errors import ValidationError
from oxfield.rules.employment import EmploymentCase, WorkWeek
from oxfield.rules.employment_day import WorkDay
from oxfield.rules.performance import PerformanceCase
from oxfield.rules.timeline import PerformanceDay, Span

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)  # ASCII: "١٠:٠٠" is not HH:MM
_MISSING = object()


def _fail(where: str, problem: str) -> ValidationError:
    return ValidationError(f"{where}: {problem}", where)


def _get(raw: dict[str, Any], key: str, where: str, default: Any = _MISSING) -> Any:
    if key in raw and raw[key] is not None:
        return raw[key]
    if default is _MISSING:
        raise _fail(f"{where}{key}", "is missing")
    return default


def _object(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(where, "must be an object")
    return raw


def _list(raw: Any, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise _fail(where, "must be a list")
    return raw


def parse_date(raw: Any, where: str) -> date:
    """A real calendar date written YYYY-MM-DD."""
    if not isinstance(raw, str) or not _DATE.fullmatch(raw.strip()):
        raise _fail(where, "must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise _fail(where, "is not a real date") from None


def parse_time(raw: Any, where: str) -> time:
    """A wall-clock time HH:MM from 00:00 to 23:59."""
    match = _TIME.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match is None:
        raise _fail(where, "must be a time written HH:MM")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise _fail(where, f"{raw.strip()} is not a real time")
    return time(hour, minute)


def _bool(raw: Any, where: str) -> bool:
    if not isinstance(raw, bool):
        raise _fail(where, "must be true or false")
    return raw


def _count(raw: Any, where: str) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise _fail(where, "must be a whole number, 0 or more")
    return raw


def _spans(raw: Any, where: str) -> tuple[Span, ...]:
    out = []
    for i, pair in enumerate(_list(raw, where)):
        here = f"{where}[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise _fail(here, 'must be a pair of times ["HH:MM", "HH:MM"]')
        out.append(Span(parse_time(pair[0], f"{here}[0]"), parse_time(pair[1], f"{here}[1]")))
    return tuple(out)


def _child(raw: dict[str, Any]) -> date:
    child = _object(_get(raw, "child", ""), "child")
    return parse_date(_get(child, "date_of_birth", "child."), "child.date_of_birth")


def performance_case(raw: Any) -> PerformanceCase:
    """The ``check-performance`` document (see issue 3) as a PerformanceCase."""
    doc = _object(raw, "top level")
    days = []
    for i, item in enumerate(_list(_get(doc, "days", ""), "days")):
        where = f"days[{i}]"
        day = _object(item, where)
        days.append(
            PerformanceDay(
                date=parse_date(_get(day, "date", f"{where}."), f"{where}.date"),
                arrive=parse_time(_get(day, "arrive", f"{where}."), f"{where}.arrive"),
                depart=parse_time(_get(day, "depart", f"{where}."), f"{where}.depart"),
                performing=_spans(_get(day, "performing", "", []), f"{where}.performing"),
                breaks=_spans(_get(day, "breaks", "", []), f"{where}.breaks"),
                night_work_authorised=_bool(
                    _get(day, "night_work_authorised", "", False), f"{where}.night_work_authorised"
                ),
            )
        )
    group = _get(doc, "children_in_chaperone_group", "", None)
    licensed_days = _get(doc, "licensed_performing_days", "", None)
    received = _get(doc, "application_received", "", None)
    return PerformanceCase(
        date_of_birth=_child(doc),
        days=tuple(days),
        licensed=_bool(_get(doc, "licensed", "", True), "licensed"),
        chaperone_also_tutor=_bool(
            _get(doc, "chaperone_also_tutor", "", False), "chaperone_also_tutor"
        ),
        children_in_chaperone_group=(
            None if group is None else _count(group, "children_in_chaperone_group")
        ),
        licensed_performing_days=(
            None if licensed_days is None else _count(licensed_days, "licensed_performing_days")
        ),
        application_received=(
            None if received is None else parse_date(received, "application_received")
        ),
    )


def employment_case(raw: Any) -> EmploymentCase:
    """The ``check-employment`` document (see issue 3) as an EmploymentCase."""
    doc = _object(raw, "top level")
    occupation = _get(doc, "occupation", "")
    if not isinstance(occupation, str) or not occupation.strip():
        raise _fail("occupation", "must be a description of the work")
    weeks = []
    for i, item in enumerate(_list(_get(doc, "weeks", ""), "weeks")):
        where = f"weeks[{i}]"
        week = _object(item, where)
        days = []
        for j, entry in enumerate(_list(_get(week, "days", f"{where}.", []), f"{where}.days")):
            here = f"{where}.days[{j}]"
            day = _object(entry, here)
            days.append(
                WorkDay(
                    date=parse_date(_get(day, "date", f"{here}."), f"{here}.date"),
                    school_day=_bool(_get(day, "school_day", f"{here}."), f"{here}.school_day"),
                    shifts=_spans(_get(day, "shifts", "", []), f"{here}.shifts"),
                )
            )
        weeks.append(
            WorkWeek(
                week_starting=parse_date(
                    _get(week, "week_starting", f"{where}."), f"{where}.week_starting"
                ),
                term_time=_bool(_get(week, "term_time", f"{where}."), f"{where}.term_time"),
                days=tuple(days),
            )
        )
    attendance = _get(doc, "attendance_percent", "", None)
    if attendance is not None and (
        not isinstance(attendance, int | float)
        or isinstance(attendance, bool)
        or not 0 <= attendance <= 100
    ):
        raise _fail("attendance_percent", "must be a percentage from 0 to 100")
    return EmploymentCase(
        date_of_birth=_child(doc),
        occupation=occupation,
        weeks=tuple(weeks),
        attendance_percent=None if attendance is None else float(attendance),
    )
