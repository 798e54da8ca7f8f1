"""``oxfield report inspection|chaperone-approval|chaperone-card|chaperone-refusal|licence|
permit ID --out FILE.pdf`` and ``oxfield licensing due``: the licensing officer's documents and
the approvals and DBS re-checks due in the next 60 days, without a screen.

The vault's passphrase comes from ``--passphrase-file``, ``OXFIELD_PASSPHRASE`` or a prompt.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from oxfield.clock import Clock
from oxfield.errors import ValidationError
from oxfield.services.licensing_reports import REPORTS, due, make_report
from oxfield.services.vaults import Vault, unlock_vault
from ui.commands.common import add_passphrase_file, read_secret
from ui.commands.groups import group

_HELP = {
    "inspection": "the inspection report (INSPECTION_ID)",
    "chaperone-approval": "the chaperone approval letter (APPROVAL_ID)",
    "chaperone-card": "the chaperone ID card with photo (APPROVAL_ID)",
    "chaperone-refusal": "the letter refusing a chaperone (DECISION_ID)",
    "licence": "the child performance licence (LICENCE_ID)",
    "permit": "the child employment permit (PERMIT_ID)",
}


def register(sub: Any) -> None:
    reports = group(sub, "report")  # shared with the other areas' reports (ui/commands/groups.py)
    for name in REPORTS:
        parser = reports.add_parser(name, help=_HELP[name])
        parser.add_argument("record_id", metavar="ID")
        parser.add_argument(
            "--out", required=True, type=Path, metavar="FILE.pdf", help="where to save the PDF"
        )
        add_passphrase_file(parser)
        parser.set_defaults(handler=_report, report_name=name)
    licensing = sub.add_parser("licensing", help="licensing officer's lists")
    commands = licensing.add_subparsers(dest="licensing_command", metavar="COMMAND", required=True)
    due_parser = commands.add_parser(
        "due", help="chaperone approvals and DBS re-checks due in the next 60 days"
    )
    due_parser.add_argument(
        "--days", type=_days_ahead, default=60, help="how far ahead (default 60, at most 3650)"
    )
    due_parser.add_argument("--json", action="store_true", help="print JSON")
    add_passphrase_file(due_parser)
    due_parser.set_defaults(handler=_due)


MAX_DAYS_AHEAD = 3650


def _days_ahead(text: str) -> int:
    """A number of days a list can look ahead: ten years is already more than any approval or
    DBS check lasts, and a key held down would otherwise overflow the date arithmetic."""
    try:
        days = int(text)
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DAYS_AHEAD:
        raise argparse.ArgumentTypeError(f"must be a whole number between 0 and {MAX_DAYS_AHEAD}")
    return days


def write_pdf(path: Path, data: bytes) -> None:
    """Save where the officer chose; a folder that is missing is one clear line."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ValidationError(
            f"--out: cannot write {path.name} ({exc.strerror})", "--out"
        ) from None


def _open(args: argparse.Namespace) -> Vault:
    secret = read_secret(
        env_name="OXFIELD_PASSPHRASE", prompt="Passphrase: ", file=args.passphrase_file
    )
    return unlock_vault(args.vault, secret)


def _report(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        data = make_report(vault, args.report_name, args.record_id, Clock())
    finally:
        vault.lock()
    write_pdf(args.out, data)
    print(f"saved {args.out}")
    return 0


def _due(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        lines = due(vault, Clock().today(), args.days)
    finally:
        vault.lock()
    if args.json:
        rows = [{**asdict(line), "due_on": line.due_on.isoformat()} for line in lines]
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not lines:
        print("Nothing due.")
    for line in lines:
        flag = " (overdue)" if line.overdue else ""
        print(f"{line.due_on.isoformat()}  {line.what}{flag}  {line.chaperone}  {line.card_number}")
    return 0
