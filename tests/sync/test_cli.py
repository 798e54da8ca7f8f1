"""``oxfield-server``: the admin commands, the CSV export, migrations, TLS and clear errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from oxfield.clock import Clock
from oxfield.ids import new_id
from sync.server import admin
from sync.server.cli import main
from sync.server.db import make_engine
from sync.server.decide import RecordState
from sync.server.export import safe_cell
from sync.server.feed import take_numbers, write_batch
from sync.server.migrate import current_revision, head_revision, upgrade
from sync.server.push import _Batch
from sync.server.schema import metadata
from tests.sync.helpers import start_server


def run(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--database-url", url, *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_migrations_build_exactly_the_declared_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # a second start finds nothing to do
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_officer_code_devices_revoke(capsys: pytest.CaptureFixture[str], database_url: str) -> None:
    code, officer_id, _ = run(
        capsys,
        database_url,
        "admin",
        "create-officer",
        "--name",
        "Alex Example",
        "--team",
        "licensing",
        "--district",
        "Cherwell",
        "--role",
        "manager",
    )
    assert code == 0 and len(officer_id) == 36
    code, enrol, _ = run(
        capsys, database_url, "admin", "enrol-code", "--officer", officer_id, "--valid-hours", "2"
    )
    assert code == 0 and len(enrol) == 14 and enrol.count("-") == 2
    code, listing, _ = run(capsys, database_url, "admin", "devices")
    assert code == 0 and listing.startswith("device_id")
    code, _, err = run(capsys, database_url, "admin", "revoke-device", new_id())
    assert code == 2 and "device_id" in err and "Traceback" not in err
    code, _, err = run(capsys, database_url, "admin", "enrol-code", "--officer", new_id())
    assert code == 2 and "officer" in err
    code, conflicts, _ = run(capsys, database_url, "admin", "conflicts")
    assert code == 0 and conflicts.startswith("conflict_id")


def test_bad_dates_and_names_get_one_clear_line(
    capsys: pytest.CaptureFixture[str], database_url: str, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        database_url,
        "admin",
        "export",
        "--team",
        "ehe",
        "--from",
        "01/09/2026",
        "--to",
        "2026-10-01",
        "--out",
        str(tmp_path / "x.csv"),
    )
    assert code == 2 and err.startswith("oxfield-server: from:")
    code, _, err = run(
        capsys,
        database_url,
        "admin",
        "create-officer",
        "--name",
        "  ",
        "--team",
        "ehe",
        "--district",
        "x",
    )
    assert code == 2 and "name" in err


def test_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "postgresql+psycopg://nobody@127.0.0.1:1/none", "admin", "devices")
    assert code == 1 and err == "oxfield-server: database: cannot open it (check --database-url)"


def _record(kind: str, fields: dict[str, object], team: str = "ehe") -> RecordState:
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    return RecordState(
        id=new_id(),
        kind=kind,
        version=1,
        hlc="1",
        author=new_id(),
        device=new_id(),
        deleted=False,
        team=team,
        district="Cherwell",
        assigned_officer=None,
        fields=fields,
        created_at=now,
        updated_at=now,
    )  # type: ignore[arg-type]


def test_export_filters_by_team_and_date_and_neutralises_formulas(
    capsys: pytest.CaptureFixture[str], database_url: str, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    batch = _Batch()
    inside = _record(
        "ehe_case", {"child_id": new_id(), "notified_on": "2026-09-15", "reason": '=HYPERLINK("x")'}
    )
    before = _record("ehe_case", {"child_id": new_id(), "notified_on": "2026-08-01"})
    visit = _record(
        "ehe_visit", {"case_id": new_id(), "planned_on": "2026-09-20", "note": "@SUM(A1)", "n": -3}
    )
    other_team = _record("licence", {"child_id": new_id(), "production": "Panto"}, team="licensing")
    not_exported = _record("note", {"subject_id": new_id(), "text": "+44 1865"})
    for state in (inside, before, visit, other_team, not_exported):
        batch.new[state.id] = state
    with engine.begin() as conn:
        write_batch(conn, batch, {}, Clock().now())
    out = tmp_path / "ehe.csv"
    code, said, _ = run(
        capsys,
        database_url,
        "admin",
        "export",
        "--team",
        "ehe",
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-30",
        "--out",
        str(out),
    )
    assert code == 0 and said.startswith("wrote")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert {r["id"] for r in rows} >= {inside.id, visit.id}
    assert not {before.id, other_team.id, not_exported.id} & {r["id"] for r in rows}
    by_id = {r["id"]: r for r in rows}
    assert by_id[inside.id]["field_reason"] == '\'=HYPERLINK("x")'
    assert by_id[visit.id]["field_note"] == "'@SUM(A1)" and by_id[visit.id]["field_n"] == "-3"
    with engine.connect() as conn:
        assert take_numbers(conn, 1) > 0
    engine.dispose()


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_formula_leading_cells_are_neutralised(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("plain") == "plain" and safe_cell(-1) == "-1"


def test_export_starts_with_a_bom_and_keeps_every_script_and_symbol(tmp_path: Path) -> None:
    from sync.server.export import write_csv

    names = ["ليلى حداد", "王小明", "Zażółć Gęślą", "=cmd|' /C calc'!A0", "Smith & Sons <Ltd>"]
    out = tmp_path / "names.csv"
    rows = [{"kind": "ehe_case", "id": str(i), "field_name": n} for i, n in enumerate(names)]
    assert write_csv(out, rows) == len(names)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert raw.count(b"\xef\xbb\xbf") == 1
    text = raw.decode("utf-8")
    for name in ("ليلى حداد", "王小明", "Zażółć Gęślą", "Smith & Sons <Ltd>"):
        assert name in text  # not escaped, not transcoded
    read = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert next(iter(read[0])) == "kind"  # the BOM is not glued to the first header
    assert [r["field_name"] for r in read] == [
        "ليلى حداد",
        "王小明",
        "Zażółć Gęślą",
        "'=cmd|' /C calc'!A0",
        "Smith & Sons <Ltd>",
    ]


def test_serve_with_tls(tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    srv = start_server(
        f"sqlite:///{tmp_path}/tls.db",
        cwd=str(tmp_path),
        extra=[
            "--ssl-certfile",
            str(tmp_path / "cert.pem"),
            "--ssl-keyfile",
            str(tmp_path / "key.pem"),
        ],
    )
    try:
        assert srv.url.startswith("https://")
        assert httpx.get(srv.url + "/v1/status", verify=False).json()["status"] == "ok"
        first = json.loads(srv.log().splitlines()[0])  # says where, not the database
        assert first == {"event": "starting", "url": srv.url, "workers": 1}
    finally:
        srv.stop()


def test_default_database_is_a_sqlite_file_in_the_current_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OXFIELD_DATABASE_URL", raising=False)
    assert main(["admin", "devices"]) == 0
    assert (tmp_path / "oxfield-server.db").exists()
    engine = sa.create_engine(f"sqlite:///{tmp_path}/oxfield-server.db")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select value from feed_counter").scalar() == 0
    engine.dispose()
    assert admin.ROLES == ("officer", "manager", "admin")


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--port", "99999"], "oxfield-server: port: must be between 1 and 65535"),
        (["--workers", "0"], "oxfield-server: workers: must be 1 or more"),
        (
            ["--ssl-certfile", "nope.pem", "--ssl-keyfile", "nope.key"],
            "oxfield-server: ssl-certfile: there is no file 'nope.pem'",
        ),
    ],
)
def test_serve_refuses_what_it_cannot_start_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], said: str
) -> None:
    """Before the "starting" line: a port out of range or a missing certificate is named, not a
    uvicorn traceback after the log has claimed the server was on its way."""
    code, out, err = run(capsys, f"sqlite:///{tmp_path}/s.db", "serve", *extra)
    assert (code, out, err.strip()) == (2, "", said)
