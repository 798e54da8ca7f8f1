"""``oxfield-server``: run the central server and administer it.

    oxfield-server [--database-url URL] serve [--host H] [--port P] [--workers N]
                   [--ssl-certfile F --ssl-keyfile F]
    oxfield-server [--database-url URL] admin create-officer --name NAME --team TEAM
                   --district NAME [--role officer|manager|admin]
    oxfield-server admin enrol-code --officer ID [--valid-hours H]
    oxfield-server admin devices | revoke-device DEVICE_ID | conflicts
    oxfield-server admin export --team T --from DATE --to DATE --out FILE.csv
    oxfield-server officer update OFFICER_ID [--team T] [--district NAME] [--role ROLE]
    oxfield-server officer assign RECORD_ID (--to OFFICER_ID | --nobody)

Without ``--database-url`` (or ``OXFIELD_DATABASE_URL``) the server uses a SQLite file in the
current directory, created on first run. The schema is migrated before anything else runs.
Errors print one line naming what was wrong and exit non-zero; no traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.exc import ArgumentError, DatabaseError

from oxfield.clock import Clock
from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from sync.server import admin, export, officers
from sync.server.db import ENV_DATABASE_URL, default_url, make_engine, normalise_url
from sync.server.migrate import upgrade


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="oxfield-server", description="OxField's central server.")
    p.add_argument("--database-url", help=f"database URL (default: ${ENV_DATABASE_URL} or SQLite)")
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--ssl-certfile")
    serve.add_argument("--ssl-keyfile")

    adm = sub.add_parser("admin", help="administration").add_subparsers(
        dest="action", required=True
    )
    officer = adm.add_parser("create-officer", help="add an officer; prints the id")
    officer.add_argument("--name", required=True)
    officer.add_argument("--team", required=True, choices=[t.value for t in Team])
    officer.add_argument("--district", required=True)
    officer.add_argument("--role", default="officer", choices=admin.ROLES)
    code = adm.add_parser("enrol-code", help="issue a one-time enrolment code")
    code.add_argument("--officer", required=True)
    code.add_argument("--valid-hours", type=float, default=24.0)
    adm.add_parser("devices", help="list enrolled devices")
    revoke = adm.add_parser("revoke-device", help="revoke a device (it is told to wipe)")
    revoke.add_argument("device_id")
    adm.add_parser("conflicts", help="list open conflicts")
    exp = adm.add_parser("export", help="CSV of cases, visits and licences for reporting")
    exp.add_argument("--team", required=True, choices=[t.value for t in Team])
    exp.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    exp.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    exp.add_argument("--out", required=True, type=Path)
    off = sub.add_parser("officer", help="move an officer or (re)assign a record").add_subparsers(
        dest="action", required=True
    )
    upd = off.add_parser("update", help="change an officer's team, district or role")
    upd.add_argument("officer_id")
    upd.add_argument("--team", choices=[t.value for t in Team])
    upd.add_argument("--district")
    upd.add_argument("--role", choices=admin.ROLES)
    assign = off.add_parser("assign", help="assign a record to an officer (or to nobody)")
    assign.add_argument("record_id")
    who = assign.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", dest="to_officer", help="the officer's id")
    who.add_argument("--nobody", action="store_true", help="remove the assignment")
    return p


def _officer(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, pool_size=1)
    upgrade(engine)
    now = Clock().now()
    try:
        if args.action == "update":
            change = officers.update_officer(
                engine, args.officer_id, now, team=args.team, district=args.district,
                role=args.role,
            )  # fmt: skip
            print(
                f"updated {args.officer_id}: {change.lost} records leave its devices, "
                f"{change.gained} arrive at their next sync"
            )
        else:
            target = None if args.nobody else args.to_officer
            version = officers.assign_record(engine, args.record_id, target, now)
            print(f"record {args.record_id} is at version {version}")
    finally:
        engine.dispose()


def _date(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"--{name} must be a date like 2026-09-01", name) from None


def _serve(url: str, args: argparse.Namespace) -> None:
    import uvicorn  # imported here so admin commands stay quick

    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise ValidationError("give both --ssl-certfile and --ssl-keyfile", "ssl-keyfile")
    if not 1 <= args.port <= 65535:
        raise ValidationError("must be between 1 and 65535", "port")
    if args.workers < 1:
        raise ValidationError("must be 1 or more", "workers")
    for flag in ("ssl-certfile", "ssl-keyfile"):
        given = getattr(args, flag.replace("-", "_"))
        if given and not Path(given).is_file():
            raise ValidationError(f"there is no file {Path(given).name!r}", flag)
    os.environ[ENV_DATABASE_URL] = url  # the workers' factory reads it
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # keep the log one JSON per line
    scheme = "https" if args.ssl_certfile else "http"
    host = f"[{args.host}]" if ":" in args.host else args.host  # an IPv6 address
    starting = {"event": "starting", "url": f"{scheme}://{host}:{args.port}"}
    logging.getLogger("sync.server").info(json.dumps({**starting, "workers": args.workers}))
    uvicorn.run(
        "sync.server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        access_log=False,
        log_level="warning",
    )


def _admin(url: str, args: argparse.Namespace) -> None:
    engine = make_engine(url, pool_size=1)
    upgrade(engine)
    now = Clock().now()
    if args.action == "create-officer":
        print(admin.create_officer(engine, args.name, args.team, args.district, args.role, now))
    elif args.action == "enrol-code":
        print(admin.enrol_code(engine, args.officer, args.valid_hours, now))
    elif args.action == "devices":
        print("device_id\tofficer_id\tname\tenrolled_at\tlast_seen_at\tstatus\tgeneration")
        for d in admin.devices(engine):
            state = "revoked" if d.revoked_at else "active"
            if d.rollback_at:
                state += ",rollback-suspected"
            seen = d.last_seen_at.isoformat() if d.last_seen_at else "-"
            print(
                f"{d.id}\t{d.officer_id}\t{d.name}\t{d.enrolled_at.isoformat()}\t{seen}\t"
                f"{state}\t{d.vault_generation}"
            )
    elif args.action == "revoke-device":
        if not admin.revoke_device(engine, args.device_id, now):
            raise ValidationError("no device has this id", "device_id")
        print(f"revoked {args.device_id}")
    elif args.action == "conflicts":
        print("conflict_id\trecord_id\tfield\tcreated_at\tother_by_device")
        for c in admin.conflicts(engine):
            print(
                f"{c.id}\t{c.record_id}\t{c.field}\t{c.created_at.isoformat()}\t{c.other_by_device}"
            )
    elif args.action == "export":
        start, end = _date(args.start, "from"), _date(args.end, "to")
        count = export.write_csv(args.out, export.rows(engine, args.team, start, end))
        print(f"wrote {count} rows to {args.out}")
    engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = normalise_url(args.database_url or default_url())
    try:
        if args.command == "serve":
            engine = make_engine(url, pool_size=1)
            upgrade(engine)
            engine.dispose()
            _serve(url, args)
        elif args.command == "officer":
            _officer(url, args)
        else:
            _admin(url, args)
    except ValidationError as exc:
        print(f"oxfield-server: {exc.field or 'input'}: {exc}", file=sys.stderr)
        return 2
    except (
        ArgumentError
    ):  # an unknown scheme or a malformed URL (never echoed: it may hold a password)
        print("oxfield-server: database: --database-url is not a URL it can use", file=sys.stderr)
        return 2
    except ImportError:  # a dialect SQLAlchemy knows, whose driver is not installed here
        print(
            "oxfield-server: database: no driver for that --database-url "
            "(use SQLite or PostgreSQL)",
            file=sys.stderr,
        )
        return 2
    except DatabaseError:  # cannot connect, or the file is not a database
        print("oxfield-server: database: cannot open it (check --database-url)", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"oxfield-server: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
