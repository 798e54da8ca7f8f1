"""``oxfield schools import FILE``: refresh the vault's school list from a GIAS extract.

Accepts a Get Information About Schools establishment extract (its own column names) or the
Oxfordshire list shipped in ``resources/reference``; schools are matched by URN, so importing a
newer extract updates names and closures. Bad rows are printed one per line with their line
number and field, and the exit status is 1 when there were any; good rows are still imported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from oxfield.services import schools, vaults
from ui.commands.common import add_passphrase_file, read_secret


def register(sub: Any) -> None:
    parser = sub.add_parser("schools", help="the school list (GIAS)")
    actions = parser.add_subparsers(dest="schools_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="import a GIAS establishment extract (CSV)")
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    add_passphrase_file(imp)
    imp.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    secret = read_secret(
        env_name="OXFIELD_PASSPHRASE", prompt="Vault passphrase: ", file=args.passphrase_file
    )
    vault = vaults.unlock_vault(args.vault, secret)
    try:
        report = schools.import_schools(vault, args.file)
        total = schools.school_count(vault)
    finally:
        vault.lock()
    counts = f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged"
    print(f"{args.file.name} ({report.source} format): {counts}; {total} schools in the vault")
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1 if report.problems else 0
