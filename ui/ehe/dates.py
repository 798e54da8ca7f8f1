"""Dates as EHE officers type them (dd/mm/yyyy), checked the same way on every EHE screen.

The intake, planning a visit, the statutory steps and the census all read a typed day through
``parse_day``, so a typo such as 31/02 or the year 9999 gets the same message everywhere.
"""

from __future__ import annotations

from datetime import date, datetime

from oxfield.errors import ValidationError
from oxfield.services.record_forms.fields import EARLIEST_YEAR, LATEST_YEAR


def parse_day(text: str, label: str, required: bool = True) -> date | None:
    text = text.strip()
    if not text:
        if required:
            raise ValidationError(f"{label}: enter a date as dd/mm/yyyy", label)
        return None
    try:
        day = datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        day = None
    if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:  # 9999 is a typo, not a day
        raise ValidationError(f"{label}: '{text}' is not a date (dd/mm/yyyy)", label)
    return day


def not_future(day: date, label: str, today: date) -> None:
    if day > today:
        raise ValidationError(f"{label}: cannot be in the future", label)
