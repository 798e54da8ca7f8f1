"""``oxfield rules``: the contract other checks rely on (JSON in, JSON findings out, one-line
errors naming the field, non-zero exit, never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ui.cli import main

PERFORMANCE_RULES = {
    "earliest_time",
    "latest_time",
    "max_time_at_venue",
    "max_performing_time",
    "max_continuous_performance",
    "breaks",
    "overnight_break",
    "night_work_rest",
    "consecutive_days",
    "break_after_eight_weeks",
    "chaperone_ratio",
}
EMPLOYMENT_RULES = {
    "min_age",
    "prohibited_occupation",
    "earliest_time",
    "latest_time",
    "school_day_hours",
    "saturday_hours",
    "sunday_hours",
    "holiday_day_hours",
    "weekly_hours",
    "rest_break",
    "annual_break",
}


def _write(tmp_path: Path, doc: Any, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "rules", *args], capture_output=True, text=True
    )


def _day(on: str, arrive: str, depart: str, performing: list[list[str]], **extra: Any) -> Any:
    return {
        "date": on,
        "arrive": arrive,
        "depart": depart,
        "performing": performing,
        "breaks": extra.get("breaks", []),
        "night_work_authorised": extra.get("night", False),
    }


def _performance(days: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "child": {"date_of_birth": "2015-01-01"},
        "licensed": True,
        "chaperone_also_tutor": False,
        "children_in_chaperone_group": 8,
        "days": days,
        **extra,
    }


def test_check_performance_prints_json_findings(tmp_path: Path) -> None:
    doc = _performance(
        [
            _day("2026-06-10", "06:30", "00:30", [["07:00", "10:00"], ["20:00", "00:15"]]),
            _day("2026-06-11", "09:00", "10:00", [["09:00", "09:30"]]),
        ],
        children_in_chaperone_group=13,
    )
    out = _run("check-performance", str(_write(tmp_path, doc)))
    assert out.returncode == 0, out.stderr
    findings = json.loads(out.stdout)
    assert all(set(f) == {"rule", "date", "severity", "regulation", "message"} for f in findings)
    got = {(f["rule"], f["date"]) for f in findings}
    assert got == {
        ("earliest_time", "2026-06-10"),
        ("latest_time", "2026-06-10"),
        ("max_time_at_venue", "2026-06-10"),
        ("max_performing_time", "2026-06-10"),
        ("max_continuous_performance", "2026-06-10"),
        ("breaks", "2026-06-10"),
        ("overnight_break", "2026-06-11"),
        ("night_work_rest", "2026-06-11"),
        ("chaperone_ratio", "2026-06-10"),
    }
    assert {f["rule"] for f in findings} <= PERFORMANCE_RULES
    assert all(f["severity"] == "breach" and f["message"].endswith(".") for f in findings)


def test_a_day_within_every_limit_gives_an_empty_list(tmp_path: Path, capsys: Any) -> None:
    doc = _performance([_day("2026-06-10", "10:00", "12:00", [["10:00", "11:00"]])])
    assert main(["rules", "check-performance", str(_write(tmp_path, doc))]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_runs_and_long_breaks_through_main(tmp_path: Path, capsys: Any) -> None:
    from datetime import date, timedelta

    days = []
    for w in range(9):
        for d in range(6 if w < 8 else 7):
            on = (date(2026, 1, 5) + timedelta(days=7 * w + d)).isoformat()
            days.append(_day(on, "10:00", "12:00", [["10:00", "11:00"]]))
    assert main(["rules", "check-performance", str(_write(tmp_path, _performance(days)))]) == 0
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)}
    assert rules == {"consecutive_days", "break_after_eight_weeks"}


def _employment(days: list[Any], occupation: str = "newspaper delivery", **extra: Any) -> Any:
    return {
        "child": {"date_of_birth": "2012-09-01"},  # 13 until 1 September 2026
        "occupation": occupation,
        "weeks": [{"week_starting": "2026-06-08", "term_time": True, "days": days}],
        **extra,
    }


def test_check_employment_prints_json_findings(tmp_path: Path) -> None:
    days = [
        {
            "date": "2026-06-08",
            "school_day": True,
            "shifts": [["06:30", "08:30"], ["16:00", "19:30"]],
        },
        {"date": "2026-06-13", "school_day": False, "shifts": [["08:00", "14:00"]]},
        {"date": "2026-06-14", "school_day": False, "shifts": [["08:00", "10:30"]]},
    ]
    out = _run("check-employment", str(_write(tmp_path, _employment(days, "milk round"))))
    assert out.returncode == 0, out.stderr
    findings = json.loads(out.stdout)
    got = {(f["rule"], f["date"]) for f in findings}
    assert got == {
        ("prohibited_occupation", "2026-06-08"),
        ("min_age", "2026-06-08"),
        ("earliest_time", "2026-06-08"),
        ("latest_time", "2026-06-08"),
        ("school_day_hours", "2026-06-08"),
        ("saturday_hours", "2026-06-13"),
        ("rest_break", "2026-06-13"),
        ("sunday_hours", "2026-06-14"),
        ("weekly_hours", "2026-06-08"),
    }
    assert {f["rule"] for f in findings} <= EMPLOYMENT_RULES


def test_holiday_rules_through_main(tmp_path: Path, capsys: Any) -> None:
    weeks = []
    from datetime import date, timedelta

    for n in range(13):
        monday = date(2026, 7, 20) + timedelta(days=7 * n)
        weeks.append(
            {
                "week_starting": monday.isoformat(),
                "term_time": False,
                "days": [
                    {
                        "date": monday.isoformat(),
                        "school_day": False,
                        "shifts": [["09:00", "14:01"]],
                    }
                ],
            }
        )
    doc = {"child": {"date_of_birth": "2012-01-01"}, "occupation": "shop work", "weeks": weeks}
    assert main(["rules", "check-employment", str(_write(tmp_path, doc))]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in findings} == {"holiday_day_hours", "rest_break", "annual_break"}


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        ("2012-02-29", "2025-02-28", "12"),
        ("2012-02-29", "2025-03-01", "13"),
        ("2015-06-10", "2026-06-09", "10"),
        ("2015-06-10", "2026-06-10", "11"),
    ],
)
def test_age(dob: str, on: str, age: str, capsys: Any) -> None:
    assert main(["rules", "age", "--dob", dob, "--on", on]) == 0
    assert capsys.readouterr().out.strip() == age


def test_age_by_subprocess() -> None:
    out = _run("age", "--dob", "2012-02-29", "--on", "2024-02-29")
    assert (out.returncode, out.stdout.strip()) == (0, "12")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["age", "--dob", "2015-02-30", "--on", "2026-01-01"], "--dob"),
        (["age", "--dob", "2015-01-01", "--on", "tomorrow"], "--on"),
        (["age", "--dob", "2015-01-01", "--on", "2014-01-01"], "--on"),
    ],
)
def test_bad_age_arguments(args: list[str], field: str) -> None:
    out = _run(*args)
    assert out.returncode != 0
    assert out.stderr.count("\n") == 1 and field in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("command", "doc", "field"),
    [
        ("check-performance", {"child": {}, "days": []}, "child.date_of_birth"),
        (
            "check-performance",
            _performance([_day("2026-06-10", "10:00", "24:00", [])]),
            "days[0].depart",
        ),
        (
            "check-performance",
            _performance([_day("2026-02-30", "10:00", "12:00", [])]),
            "days[0].date",
        ),
        (
            "check-performance",
            _performance([_day("2026-03-28", "18:00", "01:30", [])]),
            "days[0].depart",
        ),
        ("check-employment", _employment([{"date": "2026-06-08", "shifts": []}]), "school_day"),
        ("check-employment", {"child": {"date_of_birth": "2012-01-01"}, "weeks": []}, "occupation"),
    ],
)
def test_bad_input_is_one_line_naming_the_field(
    tmp_path: Path, command: str, doc: Any, field: str
) -> None:
    out = _run(command, str(_write(tmp_path, doc)))
    assert out.returncode != 0
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and field in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def test_unreadable_and_malformed_files(tmp_path: Path, capsys: Any) -> None:
    assert main(["rules", "check-performance", str(tmp_path / "missing.json")]) != 0
    assert "missing.json: cannot be read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"child": ', encoding="utf-8")
    assert main(["rules", "check-employment", str(bad)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.json: is not valid JSON (line 1" in err


def test_reads_stdin(tmp_path: Path) -> None:
    doc = _performance([_day("2026-06-10", "06:59", "10:00", [])])
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "rules", "check-performance", "-"],
        input=json.dumps(doc),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0
    assert [f["rule"] for f in json.loads(out.stdout)] == ["earliest_time"]


def test_absurd_json_is_one_line_not_a_traceback(tmp_path: Path, capsys: Any) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["rules", "check-performance", str(deep)]) != 0
    huge = tmp_path / "huge.json"
    huge.write_text('{"children_in_chaperone_group": ' + "9" * 5000 + "}", encoding="utf-8")
    assert main(["rules", "check-performance", str(huge)]) != 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "oxfield: deep.json: is not a document OxField can read",
        "oxfield: huge.json: is not a document OxField can read",
    ]
