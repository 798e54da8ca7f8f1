"""Home education from the command line: demo data, register import, case list, PDFs, census.

The contract (issue 5): ``demo --cases N``, ``import ehe-register FILE.csv``, ``cases list
[--team ehe] [--json]``, ``report visit VISIT_ID --out FILE.pdf``, ``report ehe-case CASE_ID
--out FILE.pdf``, ``export ehe-census --census-date YYYY-MM-DD --out FILE.csv``. Each opens the
vault with the passphrase from ``--passphrase-file``, ``OXFIELD_PASSPHRASE`` or a prompt. Bad
input is one line on stderr naming the field; a rejected register prints one line per problem.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from oxfield.clock import Clock
from oxfield.errors import ValidationError
from oxfield.exports.ehe_census import export_census
from oxfield.services import ehe_demo, ehe_register, ehe_reports, vaults
from oxfield.services.cases import CaseQuery, fetch_case_rows, find_case_ids
from oxfield.services.records import Actor
from oxfield.services.schools import ensure_default_schools
from sync.client import identity
from sync.client.errors import NotEnrolledError
from ui.commands.common import add_passphrase_file, read_secret
from ui.commands.groups import group

TEAMS = ("ehe", "licensing", "cme", "attendance")


def register(sub: Any) -> None:
    demo = sub.add_parser(
        "demo",
        help="fill the vault with synthetic cases (EHE with visits, licensing, chaperone "
        "applicants; on an enrolled laptop, all its officer's)",
    )
    demo.add_argument("--cases", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=2026)
    _leaf(demo, _demo)

    imp = group(sub, "import").add_parser(
        "ehe-register", help="import a council's EHE register (docs/ehe-register-import.md)"
    )
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    _leaf(imp, _import_register)

    cases = sub.add_parser("cases", help="list cases")
    actions = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list cases in name order")
    listing.add_argument("--team", choices=TEAMS)
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--json", action="store_true", help="one JSON array on stdout")
    _leaf(listing, _list)

    reports = group(sub, "report")
    visit = reports.add_parser("visit", help="the letter to parents after an EHE visit")
    visit.add_argument("visit_id", metavar="VISIT_ID")
    _out(visit, _report_visit)
    case = reports.add_parser("ehe-case", help="the EHE case summary for the file")
    case.add_argument("case_id", metavar="CASE_ID")
    _out(case, _report_case)
    notice = reports.add_parser(
        "ehe-step", help="the letter for a statutory step (s437(1) notice, nomination, SAO)"
    )
    notice.add_argument("step_id", metavar="STEP_ID")
    _out(notice, _report_step)

    census = group(sub, "export").add_parser("ehe-census", help="the DfE termly EHE return as CSV")
    census.add_argument("--census-date", required=True, type=_iso_date, metavar="YYYY-MM-DD")
    _out(census, _export_census)


def _leaf(parser: argparse.ArgumentParser, handler: Any) -> None:
    add_passphrase_file(parser)
    parser.set_defaults(handler=handler)


def _out(parser: argparse.ArgumentParser, handler: Any) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    _leaf(parser, handler)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a real date YYYY-MM-DD") from None


def _open(args: argparse.Namespace) -> vaults.Vault:
    secret = read_secret(
        env_name="OXFIELD_PASSPHRASE", prompt="Vault passphrase: ", file=args.passphrase_file
    )
    return vaults.unlock_vault(args.vault, secret)


def _actor() -> Actor:
    return Actor(os.environ.get("OXFIELD_OFFICER", "cli"))


def _write(path: Path, data: bytes) -> None:
    if not path.parent.is_dir():
        raise ValidationError(f"no folder {path.parent} to write into", "out")
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"cannot write {path.name}: {exc.strerror}", "out") from exc


def _demo(args: argparse.Namespace) -> int:
    if not 1 <= args.cases <= 100_000:
        raise ValidationError("--cases must be between 1 and 100000", "cases")
    vault = _open(args)
    try:
        made = ehe_demo.make_demo(
            vault, _actor(), args.cases, seed=args.seed, scope=_enrolled_scope(vault)
        )
    finally:
        vault.lock()
    print(f"{made.cases} synthetic cases added")
    if made.chaperones:
        print(f"{made.chaperones} synthetic chaperone applicants added")
    return 0


def _enrolled_scope(vault: vaults.Vault) -> dict[str, str] | None:
    """An enrolled laptop's demo cases are its officer's, so that they sync."""
    try:
        ident = identity.load(vault)
    except NotEnrolledError:
        return None
    return {"team": ident.team, "district": ident.district, "assigned_officer": ident.officer_id}


def _import_register(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read {args.file.name}: {exc.strerror}", "file") from exc
    vault = _open(args)
    try:
        ensure_default_schools(vault)
        result = ehe_register.import_register(vault, _actor(), data)
    except ehe_register.RegisterRejectedError as rejected:
        for problem in rejected.problems:
            print(f"oxfield: {problem}", file=sys.stderr)
        print(f"oxfield: {rejected}", file=sys.stderr)
        return 1
    finally:
        vault.lock()
    print(f"{result.added} case(s) added, {result.unchanged} already in the vault")
    return 0


def _list(args: argparse.Namespace) -> int:
    vault = _open(args)
    today = Clock().today()
    try:
        ids = find_case_ids(vault, CaseQuery(text=args.search, team=args.team), today)
        rows = fetch_case_rows(vault, ids, today)
    finally:
        vault.lock()
    if args.json:
        out = [
            {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(r).items()}
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        review = r.next_review.isoformat() if r.next_review else "-"
        late = " OVERDUE" if r.overdue else ""
        print(
            f"{r.reference}\t{r.team}\t{r.status}\t{r.child_name}\t"
            f"{r.date_of_birth.isoformat()}\t{r.school or '-'}\t{review}{late}\t{r.id}"
        )
    print(f"{len(rows)} case(s)", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace, make: Any) -> int:
    vault = _open(args)
    try:
        document = make(vault)
    finally:
        vault.lock()
    _write(args.out, document.pdf)
    print(f"wrote {args.out}")
    return 0


def _report_visit(args: argparse.Namespace) -> int:
    return _report(args, lambda v: ehe_reports.render_visit_letter(v, args.visit_id))


def _report_case(args: argparse.Namespace) -> int:
    today = Clock().today()
    return _report(args, lambda v: ehe_reports.render_case_summary(v, args.case_id, today))


def _report_step(args: argparse.Namespace) -> int:
    return _report(args, lambda v: ehe_reports.render_step_letter(v, args.step_id))


def _export_census(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        data = export_census(vault, args.census_date, actor=_actor().officer)
    finally:
        vault.lock()
    _write(args.out, data)
    print(f"wrote {args.out}")
    return 0
