"""Rule tables: the shipped ones load, versions apply by date, bad tables are refused clearly."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from oxfield.resources import resource_path
from oxfield.rules.tables import RuleTableError, load_table, load_table_file, parse_table

SHIPPED = ["performance", "employment", "ehe_cme", "attendance"]

GOOD: dict[str, Any] = {
    "format": 1,
    "table": "demo",
    "values": {
        "limit": {
            "kind": "minutes",
            "regulation": "Demo Act s1",
            "versions": [
                {"effective_from": "2020-01-01", "confidence": "C", "source": "a", "value": 60},
                {
                    "effective_from": "2025-09-01",
                    "confidence": "U",
                    "source": "b",
                    "by_age": [{"from_age": 0, "value": 30}, {"from_age": 5, "value": 90}],
                },
            ],
        },
        "start": {
            "kind": "clock",
            "regulation": "Demo Act s2",
            "versions": [
                {"effective_from": "2020-01-01", "confidence": "S", "source": "c", "value": "07:30"}
            ],
        },
    },
}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_tables_load_and_cite_every_value(name: str) -> None:
    table = load_table(name)
    raw = json.loads(resource_path("rules", f"{name}.json").read_text(encoding="utf-8"))
    assert set(table.entries) == set(raw["values"])
    for entry in table.entries.values():
        assert entry.regulation
        for version in entry.versions:
            assert version.source and version.confidence in {"C", "S", "U"}


# DOMAIN.md: C means read in the primary text (legislation, gov.uk, DfE statistics, ICO). A
# council's own site (education.hackney.gov.uk) is secondary, so the host must be one of these.
PRIMARY = re.compile(
    r"(?:^|[\s(/'])(?:www\.|legislation\.|assets\.publishing\.service\.|"
    r"explore-education-statistics\.service\.)?gov\.uk|(?:^|[\s(/'])(?:www\.)?ico\.org\.uk"
)


@pytest.mark.parametrize(
    ("source", "primary"),
    [
        ("legislation.gov.uk uksi/2014/3309/regulation/13", True),
        ("legislation.gov.uk CYPA 1963 s37(3)(a), versions of 1996 and 1998", True),
        ("DfE advice (https://www.gov.uk/government/publications/child-performance)", True),
        ("Hackney (https://education.hackney.gov.uk/content/children-work)", False),
        ("360 Arts, 'Child Licensing' (https://www.360arts.co.uk/child-licensing/)", False),
        ("Middlesbrough FAQ", False),
    ],
)
def test_primary_sources_are_told_from_council_pages(source: str, primary: bool) -> None:
    assert bool(PRIMARY.search(source)) is primary


@pytest.mark.parametrize("name", SHIPPED)
def test_a_confirmed_value_cites_the_primary_text(name: str) -> None:
    for key, entry in load_table(name).entries.items():
        for version in entry.versions:
            if version.confidence == "C":
                assert PRIMARY.search(version.source), f"{name}.{key} is C: {version.source}"


def test_the_version_in_force_on_the_date_is_used() -> None:
    table = parse_table(GOOD, "demo.json")
    assert table.number("limit", date(2025, 8, 31), age=3) == 60
    assert table.number("limit", date(2025, 9, 1), age=4) == 30
    assert table.number("limit", date(2025, 9, 1), age=5) == 90
    assert table.get("limit", date(2025, 9, 1), age=5).confidence == "U"
    assert table.clock("start", date(2021, 1, 1)) == time(7, 30)


def test_no_version_in_force_is_an_error() -> None:
    table = parse_table(GOOD, "demo.json")
    with pytest.raises(RuleTableError, match="no version of 'limit' in force on 2019-12-31"):
        table.number("limit", date(2019, 12, 31))


def test_shipped_persistent_absence_threshold_has_history() -> None:
    table = load_table("attendance")
    assert table.percent("persistent_absence_percent", date(2012, 1, 1)) == 15
    assert table.percent("persistent_absence_percent", date(2024, 1, 1)) == 10


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(GOOD)
    target = raw
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


V0 = ["values", "limit", "versions", 0]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["format"], 2, "format: must be 1"),
        (["values"], {}, "values: must be a non-empty object"),
        (["values", "limit", "kind"], "hours", "values.limit.kind: must be one of"),
        (["values", "limit", "regulation"], "", "values.limit.regulation: must name"),
        ([*V0, "confidence"], "X", "values.limit.versions[0].confidence: must be one of C, S, U"),
        ([*V0, "effective_from"], "2020-02-30", "versions[0].effective_from: must be a date"),
        ([*V0, "source"], KeyError, "versions[0].source: must say where"),
        ([*V0, "value"], -5, "versions[0].value: must be a whole number"),
        ([*V0, "value"], "60", "versions[0].value: must be a whole number"),
        ([*V0, "value"], KeyError, "versions[0]: must have exactly one of 'value' or 'by_age'"),
        (
            ["values", "limit", "versions", 1, "by_age", 0, "from_age"],
            1,
            "by_age[0].from_age: the first band must start at age 0",
        ),
        (
            ["values", "limit", "versions", 1, "by_age", 1, "from_age"],
            0,
            "by_age[1].from_age: bands must be in rising order",
        ),
        (["values", "start", "versions", 0, "value"], "25:00", "value: must be a time HH:MM"),
        (["values", "limit", "versions", 1, "effective_from"], "2020-01-01", "same date"),
    ],
)
def test_bad_tables_are_refused_naming_the_place(path: list[Any], value: Any, message: str) -> None:
    with pytest.raises(RuleTableError) as caught:
        parse_table(_broken(path, value), "demo.json")
    assert str(caught.value).startswith("rule table demo.json: ")
    assert message in str(caught.value)


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(RuleTableError, match="cannot be read"):
        load_table_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleTableError, match=r"bad\.json: is not valid JSON"):
        load_table_file(bad)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    assert load_table_file(good).name == "demo"


def test_a_value_asked_for_with_the_wrong_kind_is_refused() -> None:
    table = parse_table(GOOD, "demo.json")
    with pytest.raises(RuleTableError, match="is clock"):
        table.number("start", date(2021, 1, 1))
    with pytest.raises(RuleTableError, match="depends on age"):
        table.number("limit", date(2026, 1, 1))
