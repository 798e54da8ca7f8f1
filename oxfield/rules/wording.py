"""Small helpers that keep the officers' sentences consistent across every rule."""

from __future__ import annotations

from datetime import datetime, time

from oxfield.clock import LONDON


def duration(minutes: int) -> str:
    """``150`` -> ``2 h 30 min``; ``45`` -> ``45 min``; ``120`` -> ``2 h``."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    if hours:
        return f"{sign}{hours} h"
    return f"{sign}{rest} min"


def clock(value: time | datetime) -> str:
    """A wall-clock time as officers write it (London time for instants)."""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).time()
    return value.strftime("%H:%M")


def years(age: int) -> str:
    return "1 year" if age == 1 else f"{age} years"
