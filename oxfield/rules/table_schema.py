"""The shape of a rule table and its validation, kept apart from look-up (``tables``).

Validation is strict on purpose: a council officer edits these files by hand, and a typo must
stop the app with a message naming the file and the place, not produce a wrong verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from oxfield.errors import OxFieldError

CONFIDENCES = frozenset({"C", "S", "U"})
NUMBER_KINDS = frozenset({"minutes", "count", "days"})
KINDS = NUMBER_KINDS | {"clock", "percent", "text_list", "phrases"}
FORMAT = 1


class RuleTableError(OxFieldError):
    """A rule table is missing, malformed or has no value in force on the date asked."""


@dataclass(frozen=True)
class Phrase:
    """A named item (an occupation) and the phrases that recognise it in free text."""

    name: str
    match: tuple[str, ...]


Scalar = int | float | time | tuple[str, ...] | tuple[Phrase, ...]


@dataclass(frozen=True)
class AgeBand:
    from_age: int
    value: Scalar


@dataclass(frozen=True)
class Version:
    effective_from: date
    confidence: str
    source: str
    note: str
    oxfordshire: bool
    value: Scalar | None
    by_age: tuple[AgeBand, ...]


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    regulation: str
    versions: tuple[Version, ...]


Fail = Callable[[str, str], RuleTableError]


def parse_entries(values: dict[str, Any], fail: Fail) -> dict[str, Entry]:
    """Every entry of a table's ``values`` object, validated."""
    entries: dict[str, Entry] = {}
    for key, raw in values.items():
        where = f"values.{key}"
        if not isinstance(raw, dict):
            raise fail(where, "must be an object")
        kind = raw.get("kind")
        if kind not in KINDS:
            raise fail(f"{where}.kind", f"must be one of {', '.join(sorted(KINDS))}")
        regulation = raw.get("regulation")
        if not isinstance(regulation, str) or not regulation.strip():
            raise fail(f"{where}.regulation", "must name the regulation")
        versions_raw = raw.get("versions")
        if not isinstance(versions_raw, list) or not versions_raw:
            raise fail(f"{where}.versions", "must be a non-empty list")
        versions = [
            _version(v, kind, f"{where}.versions[{i}]", fail) for i, v in enumerate(versions_raw)
        ]
        versions.sort(key=lambda v: v.effective_from)
        dates = [v.effective_from for v in versions]
        if len(set(dates)) != len(dates):
            raise fail(f"{where}.versions", "two versions take effect on the same date")
        entries[key] = Entry(key, kind, regulation, tuple(versions))
    return entries


def _version(raw: Any, kind: str, where: str, fail: Fail) -> Version:
    if not isinstance(raw, dict):
        raise fail(where, "must be an object")
    try:
        effective = date.fromisoformat(str(raw.get("effective_from")))
    except ValueError:
        raise fail(f"{where}.effective_from", "must be a date YYYY-MM-DD") from None
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCES:
        raise fail(f"{where}.confidence", "must be one of C, S, U")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise fail(f"{where}.source", "must say where the value comes from")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise fail(f"{where}.note", "must be text")
    oxfordshire = raw.get("oxfordshire", False)
    if not isinstance(oxfordshire, bool):
        raise fail(f"{where}.oxfordshire", "must be true or false")
    has_value, has_bands = "value" in raw, "by_age" in raw
    if has_value == has_bands:
        raise fail(where, "must have exactly one of 'value' or 'by_age'")
    if has_value:
        value = _scalar(raw["value"], kind, f"{where}.value", fail)
        return Version(effective, confidence, source, note, oxfordshire, value, ())
    bands = _bands(raw["by_age"], kind, f"{where}.by_age", fail)
    return Version(effective, confidence, source, note, oxfordshire, None, bands)


def _bands(raw: Any, kind: str, where: str, fail: Fail) -> tuple[AgeBand, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail(where, "must be a non-empty list")
    bands: list[AgeBand] = []
    for i, band in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(band, dict):
            raise fail(here, "must be an object")
        from_age = band.get("from_age")
        if not isinstance(from_age, int) or isinstance(from_age, bool) or from_age < 0:
            raise fail(f"{here}.from_age", "must be a whole number of years, 0 or more")
        if bands and from_age <= bands[-1].from_age:
            raise fail(f"{here}.from_age", "bands must be in rising order of age")
        if "value" not in band:
            raise fail(f"{here}.value", "is missing")
        bands.append(AgeBand(from_age, _scalar(band["value"], kind, f"{here}.value", fail)))
    if bands[0].from_age != 0:
        raise fail(f"{where}[0].from_age", "the first band must start at age 0")
    return tuple(bands)


def _scalar(raw: Any, kind: str, where: str, fail: Fail) -> Scalar:
    if kind in NUMBER_KINDS:
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
            raise fail(where, f"must be a whole number of {kind}, 0 or more")
        return raw
    if kind == "percent":
        if not isinstance(raw, int | float) or isinstance(raw, bool) or not 0 <= raw <= 100:
            raise fail(where, "must be a percentage from 0 to 100")
        return raw
    if kind == "clock":
        return _clock(raw, where, fail)
    if kind == "text_list":
        if not isinstance(raw, list) or not all(isinstance(t, str) and t for t in raw):
            raise fail(where, "must be a list of non-empty texts")
        return tuple(raw)
    return _phrases(raw, where, fail)


def _clock(raw: Any, where: str, fail: Fail) -> time:
    text = raw if isinstance(raw, str) else ""
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        raise fail(where, "must be a time HH:MM")
    hour, minute = int(parts[0]), int(parts[1])
    if hour > 23 or minute > 59:
        raise fail(where, "must be a time HH:MM")
    return time(hour, minute)


def _phrases(raw: Any, where: str, fail: Fail) -> tuple[Phrase, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail(where, "must be a non-empty list of {name, match}")
    out: list[Phrase] = []
    for i, item in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise fail(here, "must be an object with a 'name'")
        match = item.get("match")
        if not isinstance(match, list) or not match:
            raise fail(f"{here}.match", "must be a non-empty list of phrases")
        if not all(isinstance(m, str) and m.strip() for m in match):
            raise fail(f"{here}.match", "must be a non-empty list of phrases")
        out.append(Phrase(item["name"], tuple(m.strip().lower() for m in match)))
    return tuple(out)
