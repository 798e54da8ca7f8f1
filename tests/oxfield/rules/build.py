"""Small builders for rule tests: a performance case from the CLI's JSON shape."""

from __future__ import annotations

from typing import Any

from oxfield.rules.findings import Finding
from oxfield.rules.inputs import performance_case
from oxfield.rules.performance import check_performance


def day(
    on: str,
    arrive: str,
    depart: str,
    performing: list[list[str]] | None = None,
    breaks: list[list[str]] | None = None,
    night: bool = False,
) -> dict[str, Any]:
    return {
        "date": on,
        "arrive": arrive,
        "depart": depart,
        "performing": performing or [],
        "breaks": breaks or [],
        "night_work_authorised": night,
    }


def check(dob: str, *days: dict[str, Any], **extra: Any) -> list[Finding]:
    doc = {"child": {"date_of_birth": dob}, "licensed": True, "days": list(days), **extra}
    return check_performance(performance_case(doc))


def rules(findings: list[Finding], severity: str = "breach") -> set[tuple[str, str]]:
    return {(f.rule, f.date.isoformat()) for f in findings if f.severity.value == severity}


def ids(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}
