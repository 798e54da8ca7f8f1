"""``oxfield rules``: the statutory rules from the command line (a contract other checks use).

    oxfield rules check-performance FILE.json   findings for a child's performance days
    oxfield rules check-employment FILE.json    findings for a child's work pattern
    oxfield rules age --dob YYYY-MM-DD --on YYYY-MM-DD

Findings print as a JSON list on stdout. Bad input is one line on stderr naming the field, and
a non-zero exit (ui.cli turns the ValidationError into that line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from oxfield.errors import ValidationError
from oxfield.rules.age import age_on
from oxfield.rules.employment import check_employment
from oxfield.rules.inputs import employment_case, parse_date, performance_case
from oxfield.rules.performance import check_performance


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = sub.add_parser("rules", help="check performance days, work patterns and ages")
    commands = rules.add_subparsers(dest="rules_command", metavar="RULES_COMMAND", required=True)
    perf = commands.add_parser(
        "check-performance", help="findings for a child's performance days (JSON file, - = stdin)"
    )
    perf.add_argument("file", metavar="FILE.json")
    perf.set_defaults(handler=_check_performance)
    emp = commands.add_parser(
        "check-employment", help="findings for a child's work pattern (JSON file, - = stdin)"
    )
    emp.add_argument("file", metavar="FILE.json")
    emp.set_defaults(handler=_check_employment)
    age = commands.add_parser("age", help="a child's age in whole years on a date")
    age.add_argument("--dob", required=True, metavar="YYYY-MM-DD", help="date of birth")
    age.add_argument("--on", required=True, metavar="YYYY-MM-DD", help="the day that matters")
    age.set_defaults(handler=_age)


def _read_json(name: str) -> Any:
    label = "stdin" if name == "-" else Path(name).name
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"{label}: cannot be read ({exc.strerror})", "file") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{label}: is not UTF-8 text", "file") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{label}: is not valid JSON (line {exc.lineno}, column {exc.colno})", "file"
        ) from None
    except (ValueError, RecursionError):  # a number too long to read, or absurd nesting
        raise ValidationError(f"{label}: is not a document OxField can read", "file") from None


def _print(findings: list[dict[str, str]]) -> None:
    json.dump(findings, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _check_performance(args: argparse.Namespace) -> int:
    findings = check_performance(performance_case(_read_json(args.file)))
    _print([f.to_dict() for f in findings])
    return 0


def _check_employment(args: argparse.Namespace) -> int:
    findings = check_employment(employment_case(_read_json(args.file)))
    _print([f.to_dict() for f in findings])
    return 0


def _age(args: argparse.Namespace) -> int:
    dob = parse_date(args.dob, "--dob")
    on = parse_date(args.on, "--on")
    if on < dob:
        raise ValidationError("--on: is before the date of birth", "--on")
    print(age_on(dob, on))
    return 0
