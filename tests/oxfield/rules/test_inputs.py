"""The CLI documents: every kind of bad input names its field and echoes no date."""

from __future__ import annotations

from typing import Any

import pytest

from oxfield.errors import ValidationError
from oxfield.rules.inputs import employment_case, performance_case


def _perf(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "child": {"date_of_birth": "2015-03-04"},
        "licensed": True,
        "chaperone_also_tutor": False,
        "children_in_chaperone_group": 8,
        "days": [
            {
                "date": "2026-06-10",
                "arrive": "10:00",
                "depart": "12:00",
                "performing": [["10:00", "11:00"]],
                "breaks": [],
                "night_work_authorised": False,
            }
        ],
    }
    doc.update(changes)
    return doc


def _day(**changes: Any) -> dict[str, Any]:
    base = _perf()["days"][0]
    base.update(changes)
    return _perf(days=[base])


@pytest.mark.parametrize(
    ("doc", "field", "text"),
    [
        ([], "top level", "must be an object"),
        (_perf(child={}), "child.date_of_birth", "is missing"),
        (_perf(child={"date_of_birth": "2015-02-29"}), "child.date_of_birth", "not a real date"),
        (_perf(child={"date_of_birth": "04/03/2015"}), "child.date_of_birth", "YYYY-MM-DD"),
        (_perf(days=None), "days", "is missing"),
        (_perf(days={}), "days", "must be a list"),
        (_day(arrive="25:00"), "days[0].arrive", "25:00 is not a real time"),
        (_day(depart="noon"), "days[0].depart", "HH:MM"),
        (_day(performing=[["10:00"]]), "days[0].performing[0]", "pair of times"),
        (_day(performing=[["10:00", "11:61"]]), "days[0].performing[0][1]", "not a real time"),
        (_day(night_work_authorised="yes"), "days[0].night_work_authorised", "true or false"),
        (_perf(licensed="true"), "licensed", "true or false"),
        (_perf(children_in_chaperone_group=-1), "children_in_chaperone_group", "whole number"),
    ],
)
def test_bad_performance_input(doc: Any, field: str, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        performance_case(doc)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ") and text in str(caught.value)
    assert "2015" not in str(caught.value)


def test_optional_fields_have_defaults() -> None:
    doc = _perf()
    del doc["licensed"], doc["chaperone_also_tutor"], doc["children_in_chaperone_group"]
    case = performance_case(doc)
    assert case.licensed and not case.chaperone_also_tutor
    assert case.children_in_chaperone_group is None


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"child": {"date_of_birth": "2012-01-01"}, "weeks": []}, "occupation"),
        ({"child": {"date_of_birth": "2012-01-01"}, "occupation": "shop"}, "weeks"),
        (
            {
                "child": {"date_of_birth": "2012-01-01"},
                "occupation": "shop",
                "weeks": [{"week_starting": "2026-06-08", "days": []}],
            },
            "weeks[0].term_time",
        ),
        (
            {
                "child": {"date_of_birth": "2012-01-01"},
                "occupation": "shop",
                "weeks": [
                    {
                        "week_starting": "2026-06-08",
                        "term_time": True,
                        "days": [{"date": "2026-06-31", "school_day": True, "shifts": []}],
                    }
                ],
            },
            "weeks[0].days[0].date",
        ),
        (
            {
                "child": {"date_of_birth": "2012-01-01"},
                "occupation": "shop",
                "weeks": [],
                "attendance_percent": 120,
            },
            "attendance_percent",
        ),
    ],
)
def test_bad_employment_input(doc: Any, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        employment_case(doc)
    assert caught.value.field == field
