"""``oxfield device enrol``, ``oxfield sync`` and ``oxfield conflicts list|resolve``.

    oxfield [--vault PATH] device enrol --server URL --code CODE [--ca-cert FILE]
    oxfield [--vault PATH] sync
    oxfield [--vault PATH] sync rejected [--json]
    oxfield [--vault PATH] sync resend RECORD_ID
    oxfield [--vault PATH] conflicts list [--json]
    oxfield [--vault PATH] conflicts resolve CONFLICT_ID --take mine|theirs

The passphrase comes from ``--passphrase-file``, ``$OXFIELD_PASSPHRASE`` or a prompt. ``sync``
prints what it pushed, pulled, merged, left in conflict and had rejected, and exits 1 unless
the run finished. ``sync rejected`` lists the changes the server refused (its reason and the
field); ``sync resend`` queues a record's fixed state to go up again at the next sync.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from oxfield.services import sync_status
from oxfield.services.vaults import Vault, unlock_vault
from oxfield.text import humanise
from sync.client.enrol import enrol
from sync.client.run import SyncRun
from ui.commands.common import add_passphrase_file, read_secret

PASSPHRASE_ENV = "OXFIELD_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret


def _open(args: argparse.Namespace) -> Vault:
    secret = read_secret(
        env_name=PASSPHRASE_ENV, prompt="Vault passphrase: ", file=args.passphrase_file
    )
    return unlock_vault(args.vault, secret)


def _enrol(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        ident = enrol(vault, args.server, args.code, ca_cert=args.ca_cert)
    finally:
        vault.lock()
    print(f"enrolled: device {ident.device_id} ({humanise(ident.team)}, {ident.district})")
    return 0


def _sync(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        report = SyncRun(vault).run()
    finally:
        vault.lock()
    print(
        f"pushed {report.pushed}, pulled {report.pulled}, merged {report.merged}, "
        f"conflicts {report.conflicts}, rejected {report.rejected}"
    )
    for line in report.rejections:
        print(f"  rejected: {line}")
    for line in report.renumbered:
        print(f"renumbered: {line}")
    if report.server_restored:
        print(report.server_restored)
    if report.clock_note:
        print(f"clock: {report.clock_note}")
    if report.rollback_suspected:
        print(
            "warning: the server has seen a newer copy of this vault (restored from a backup?);"
            " your administrator has been told"
        )
    if report.files_waiting:
        print(f"files still to transfer: {report.files_waiting}")
    if not report.finished:
        print(f"sync did not finish: {report.message}")
        return 1
    return 0


def _rejection_dict(r: sync_status.Rejection) -> dict[str, Any]:
    return {
        "record_id": r.record_id, "kind": r.kind, "reference": r.label, "reason": r.reason,
        "field": r.field, "rejected_at": r.rejected_at.isoformat(), "on_laptop": not r.missing,
    }  # fmt: skip


def _rejected(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        found = sync_status.rejected(vault)
    finally:
        vault.lock()
    if args.json:
        print(json.dumps([_rejection_dict(r) for r in found], indent=1))
        return 0
    if not found:
        print("no rejected changes")
        return 0
    print("record_id\tkind\treference\tfield\treason")
    for r in found:
        print(f"{r.record_id}\t{r.kind}\t{r.label or '-'}\t{r.field or '-'}\t{r.reason}")
    return 0


_RESENT = {
    sync_status.Requeued.QUEUED: "queued again; it goes up at the next sync",
    sync_status.Requeued.WAITING: "its later changes already wait to go up; they carry it",
    sync_status.Requeued.NOTHING: "it now matches the server's copy: nothing to send",
}


def _resend(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        outcome = sync_status.resend(vault, args.record_id)
    finally:
        vault.lock()
    print(f"{args.record_id}: {_RESENT[outcome]}")
    return 0


def _secret_option(parser: Any) -> None:
    """``--passphrase-file`` on a sub-command, without hiding one given before it."""
    parser.add_argument(
        "--passphrase-file", type=Path, metavar="FILE", default=argparse.SUPPRESS,
        help="read the passphrase from the first line of FILE instead of prompting",
    )  # fmt: skip


def _credit_dict(c: sync_status.Credit) -> dict[str, Any]:
    """Who typed one side: whole ids, the officer's name and team when the server sent them
    (else null), the time in UTC (ISO 8601) and as London reads it."""
    return {
        "officer": c.officer, "officer_name": c.name.name if c.name else None,
        "officer_team": c.name.team if c.name else None,
        "device": c.device, "this_laptop": c.this_device,
        "at": c.at.isoformat() if c.at else None, "at_local": c.when() if c.at else None,
    }  # fmt: skip


def _conflict_dict(c: sync_status.ConflictView) -> dict[str, Any]:
    return {
        "id": c.id, "record_id": c.record_id, "kind": c.kind, "field": c.field,
        "mine": c.mine, "mine_present": c.mine_present, "mine_by": _credit_dict(c.mine_by),
        "theirs": c.theirs, "theirs_present": c.theirs_present,
        "theirs_by": _credit_dict(c.theirs_by), "other_officer": c.other_officer,
        "created_at": c.created_at.isoformat(), "status": c.status,
    }  # fmt: skip


def _conflicts_list(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        conflicts = sync_status.conflicts(vault)
    finally:
        vault.lock()
    if args.json:
        print(json.dumps([_conflict_dict(c) for c in conflicts], indent=1))
        return 0
    print(
        "conflict_id\tkind\trecord_id\tfield\tmine\tmine_by\tmine_at\ttheirs\ttheirs_by"
        "\ttheirs_at\tstatus"
    )
    for c in conflicts:
        mine = json.dumps(c.mine) if c.mine_present else "(empty)"
        theirs = json.dumps(c.theirs) if c.theirs_present else "(empty)"
        print(
            f"{c.id}\t{c.kind}\t{c.record_id}\t{c.field}\t{mine}\t{c.mine_by.who()}"
            f"\t{c.mine_by.when()}\t{theirs}\t{c.theirs_by.who()}\t{c.theirs_by.when()}"
            f"\t{c.status}"
        )
    return 0


def _conflicts_resolve(args: argparse.Namespace) -> int:
    vault = _open(args)
    try:
        sync_status.resolve(vault, args.conflict_id, take=args.take)
    finally:
        vault.lock()
    print(f"resolved {args.conflict_id} (taking {args.take}); it goes up at the next sync")
    return 0


def register(sub: Any) -> None:
    device = sub.add_parser("device", help="this laptop's enrolment with the server")
    dsub = device.add_subparsers(dest="device_command", required=True)
    enrol_p = dsub.add_parser("enrol", help="enrol with a one-time code from an administrator")
    enrol_p.add_argument("--server", required=True, metavar="URL")
    enrol_p.add_argument("--code", required=True)
    enrol_p.add_argument("--ca-cert", type=Path, metavar="FILE", help="the council's CA (PEM)")
    add_passphrase_file(enrol_p)
    enrol_p.set_defaults(handler=_enrol)

    sync_p = sub.add_parser("sync", help="send local changes and receive the server's")
    add_passphrase_file(sync_p)
    sync_p.set_defaults(handler=_sync)
    ssub = sync_p.add_subparsers(dest="sync_command", required=False)
    rejected_p = ssub.add_parser("rejected", help="changes the server refused, and why")
    rejected_p.add_argument("--json", action="store_true")
    _secret_option(rejected_p)
    rejected_p.set_defaults(handler=_rejected)
    resend_p = ssub.add_parser("resend", help="send a rejected record again after a fix")
    resend_p.add_argument("record_id")
    _secret_option(resend_p)
    resend_p.set_defaults(handler=_resend)

    conflicts = sub.add_parser("conflicts", help="review conflicts from sync")
    csub = conflicts.add_subparsers(dest="conflicts_command", required=True)
    list_p = csub.add_parser("list", help="open conflicts")
    list_p.add_argument("--json", action="store_true")
    add_passphrase_file(list_p)
    list_p.set_defaults(handler=_conflicts_list)
    resolve_p = csub.add_parser("resolve", help="settle a conflict")
    resolve_p.add_argument("conflict_id")
    resolve_p.add_argument("--take", required=True, choices=["mine", "theirs"])
    add_passphrase_file(resolve_p)
    resolve_p.set_defaults(handler=_conflicts_resolve)
