"""``oxfield schools``: load the school list from a GIAS extract, or look a school up.

``oxfield schools import FILE.csv`` updates schools by URN and lists the rows it could not
read by line number; ``oxfield schools import --default`` loads the Oxfordshire list shipped
with OxField; ``oxfield schools find TEXT`` prints matching schools.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oxfield.errors import ValidationError
from oxfield.services.import_text import UTF8
from oxfield.services.schools import find_schools, import_default_schools, import_schools
from oxfield.services.vaults import Vault, unlock_vault
from ui.commands.common import add_passphrase_file, read_secret

PASSPHRASE_ENV = "OXFIELD_PASSPHRASE"  # noqa: S105  (the variable's name, not a secret)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("schools", help="load or search the school list")
    actions = parser.add_subparsers(dest="schools_command", metavar="ACTION", required=True)
    load = actions.add_parser("import", help="import a GIAS establishment extract (CSV)")
    load.add_argument("file", type=Path, nargs="?", help="the CSV file")
    load.add_argument("--default", action="store_true", help="load the shipped Oxfordshire list")
    add_passphrase_file(load)
    load.set_defaults(handler=_import)
    find = actions.add_parser("find", help="list schools whose name, URN or LAESTAB matches")
    find.add_argument("text", nargs="?", default="")
    find.add_argument("--open", action="store_true", help="open schools only")
    add_passphrase_file(find)
    find.set_defaults(handler=_find)


def _open(args: argparse.Namespace) -> Vault:
    secret = read_secret(
        env_name=PASSPHRASE_ENV, prompt="Vault passphrase: ", file=args.passphrase_file
    )
    return unlock_vault(args.vault, secret)


def _import(args: argparse.Namespace) -> int:
    if (args.file is None) == (not args.default):
        raise ValidationError("give either a CSV file or --default", "file")
    vault = _open(args)
    try:
        report = import_default_schools(vault) if args.default else import_schools(vault, args.file)
    finally:
        vault.lock()
    print(
        f"{report.source}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.problems)} rows not read"
    )
    if report.encoding != UTF8:
        print(f"read as {report.encoding}, the encoding GIAS downloads are published in")
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1 if report.problems else 0


def _find(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        rows = find_schools(vault, args.text, open_only=args.open)
    finally:
        vault.lock()
    for row in rows:
        state = "open" if row.open else "closed"
        print(f"{row.urn}\t{row.laestab or ''}\t{row.name}\t{row.postcode or ''}\t{state}")
    return 0
