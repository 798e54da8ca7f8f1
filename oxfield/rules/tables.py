"""Versioned rule tables: the numbers of the law, kept out of the code.

Each table under ``resources/rules/`` is JSON. Every value has one or more versions, each with
the date it took effect, its source, a confidence tag (C confirmed, S secondary, U unconfirmed;
see DOMAIN.md) and, where it depends on age, bands that start at an age. The version in force on
the date that matters is used, so the council can correct a value, or a new law can take effect
on a date, by editing the table alone. Loading checks the whole table (``table_schema``) and
refuses a bad one with a message naming the file and the place inside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Any

from oxfield.resources import resource_path
from oxfield.rules.table_schema import (
    FORMAT,
    Entry,
    Phrase,
    RuleTableError,
    Scalar,
    parse_entries,
)

__all__ = ["Phrase", "RuleTable", "RuleTableError", "RuleValue", "load_table", "load_table_file"]


@dataclass(frozen=True)
class RuleValue:
    """One value as used on one date (and age): what a finding cites."""

    key: str
    value: Scalar
    regulation: str
    effective_from: date
    confidence: str
    source: str


class RuleTable:
    """A loaded, validated table; look values up by key, date and (where banded) age."""

    def __init__(self, name: str, description: str, entries: dict[str, Entry]) -> None:
        self.name = name
        self.description = description
        self.entries = entries

    def get(self, key: str, on: date, age: int | None = None) -> RuleValue:
        """The value of ``key`` in force on ``on`` for a child of ``age``."""
        entry = self.entries.get(key)
        if entry is None:
            raise RuleTableError(f"rule table {self.name}: has no value '{key}'")
        in_force = [v for v in entry.versions if v.effective_from <= on]
        if not in_force:
            raise RuleTableError(
                f"rule table {self.name}: no version of '{key}' in force on {on.isoformat()}"
            )
        version = in_force[-1]
        value = version.value
        if version.by_age:
            if age is None:
                raise RuleTableError(f"rule table {self.name}: '{key}' depends on age")
            value = [b for b in version.by_age if b.from_age <= age][-1].value
        if value is None:  # the loader guarantees a value or bands; this keeps mypy honest
            raise RuleTableError(f"rule table {self.name}: '{key}' has no value")
        return RuleValue(
            key, value, entry.regulation, version.effective_from, version.confidence, version.source
        )

    def regulation(self, key: str) -> str:
        entry = self.entries.get(key)
        if entry is None:
            raise RuleTableError(f"rule table {self.name}: has no value '{key}'")
        return entry.regulation

    def _kind(self, key: str, *kinds: str) -> None:
        entry = self.entries.get(key)
        if entry is not None and entry.kind not in kinds:
            raise RuleTableError(f"rule table {self.name}: '{key}' is {entry.kind}, not {kinds[0]}")

    def number(self, key: str, on: date, age: int | None = None) -> int:
        """A whole number (minutes, a count, days)."""
        self._kind(key, "minutes", "count", "days")
        value = self.get(key, on, age).value
        if not isinstance(value, int):
            raise RuleTableError(f"rule table {self.name}: '{key}' is not a whole number")
        return value

    def percent(self, key: str, on: date) -> float:
        self._kind(key, "percent")
        value = self.get(key, on).value
        if not isinstance(value, int | float):
            raise RuleTableError(f"rule table {self.name}: '{key}' is not a number")
        return float(value)

    def clock(self, key: str, on: date, age: int | None = None) -> time:
        self._kind(key, "clock")
        value = self.get(key, on, age).value
        if not isinstance(value, time):
            raise RuleTableError(f"rule table {self.name}: '{key}' is not a time")
        return value

    def texts(self, key: str, on: date) -> tuple[str, ...]:
        self._kind(key, "text_list")
        value = self.get(key, on).value
        return tuple(str(v) for v in value) if isinstance(value, tuple) else ()

    def phrases(self, key: str, on: date) -> tuple[Phrase, ...]:
        self._kind(key, "phrases")
        value = self.get(key, on).value
        return tuple(p for p in value if isinstance(p, Phrase)) if isinstance(value, tuple) else ()


def load_table_file(path: Path) -> RuleTable:
    """Read and validate one table file; any fault is a RuleTableError naming where it is."""
    label = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleTableError(f"rule table {label}: cannot be read ({exc.strerror})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RuleTableError(f"rule table {label}: is not valid JSON ({exc})") from exc
    return parse_table(raw, label)


@cache
def load_table(name: str) -> RuleTable:
    """A shipped table by name (``performance``, ``employment`` ...), loaded once per process."""
    return load_table_file(resource_path("rules", f"{name}.json"))


def parse_table(raw: Any, label: str) -> RuleTable:
    """Validate a decoded table (separate from reading so tests can feed broken shapes)."""

    def fail(where: str, problem: str) -> RuleTableError:
        return RuleTableError(f"rule table {label}: {where}: {problem}")

    if not isinstance(raw, dict):
        raise fail("top level", "must be an object")
    if raw.get("format") != FORMAT:
        raise fail("format", f"must be {FORMAT}")
    name = raw.get("table")
    if not isinstance(name, str) or not name:
        raise fail("table", "must be a non-empty name")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise fail("description", "must be text")
    values = raw.get("values")
    if not isinstance(values, dict) or not values:
        raise fail("values", "must be a non-empty object")
    return RuleTable(name, description, parse_entries(values, fail))
