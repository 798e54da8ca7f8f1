"""``oxfield report ...`` and ``oxfield licensing due`` on a real vault: PDFs written where
asked and read back, the due list over a fixed window, and bad ids, states or paths as one line
on stderr with a non-zero exit (never a traceback)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from oxfield.clock import Clock, FixedClock
from oxfield.domain.chaperones import BarredListResult
from oxfield.services import chaperones as ch
from oxfield.services import licensing_inspection as li
from oxfield.services.records import Actor, sign, writing
from oxfield.vault.tables import AuditEntry
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.oxfield.services.licensing_helpers import interview, licensed_child, ready_applicant
from ui.cli import main

ACTOR = Actor("officer-1", clock=FixedClock())


def text_of(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


@pytest.fixture
def records(vault: Vault) -> dict[str, str]:
    today = Clock().today()
    with writing(vault, ACTOR) as s:
        licence = licensed_child(s, "Maja", "Lindqvist", date(2016, 8, 8))
        sign(licence, ACTOR)
        inspection = li.start_inspection(
            s,
            venue="Old Fire Station, Oxford",
            production="The Snow Queen",
            inspected_on=date(2026, 7, 15),
            licence_ids=[licence.id],
            clock=ACTOR.clock,
        )
        applicant = ready_applicant(s)
        # checked on the update service 330 days ago: the re-check falls due within 60 days
        ch.record_dbs(
            applicant,
            certificate_number="001234567890",
            issued_on=today - timedelta(days=400),
            update_service=True,
            checked_on=today - timedelta(days=330),
            barred_list=BarredListResult.CLEAR,
        )
        interview(s, applicant, ACTOR)
        decided = today - timedelta(days=320)
        approval = ch.decide(
            s, applicant, outcome=ch.Outcome.APPROVE, decided_on=decided, actor=ACTOR
        )
        return {
            "licence": licence.id,
            "inspection": inspection.id,
            "approval": approval.id,
            "card": approval.id_card_number or "",
        }


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)


def run(vault_path: Path, *args: str) -> int:
    return main(["--vault", str(vault_path), *args])


def test_reports_are_written_and_read_back(
    vault: Vault, vault_path: Path, records: dict[str, str], tmp_path: Path
) -> None:
    vault.lock()
    out = tmp_path / "licence.pdf"
    assert run(vault_path, "report", "licence", records["licence"], "--out", str(out)) == 0
    assert "Child performance licence" in text_of(out) and "Maja Lindqvist" in text_of(out)
    out = tmp_path / "inspection.pdf"
    assert run(vault_path, "report", "inspection", records["inspection"], "--out", str(out)) == 0
    assert "Old Fire Station, Oxford" in text_of(out)
    out = tmp_path / "approval.pdf"
    assert (
        run(vault_path, "report", "chaperone-approval", records["approval"], "--out", str(out)) == 0
    )
    assert records["card"] in text_of(out)
    out = tmp_path / "card.pdf"
    assert run(vault_path, "report", "chaperone-card", records["approval"], "--out", str(out)) == 0
    assert f"Card {records['card']}" in text_of(out)
    opened = Vault.unlock(vault_path, PASSPHRASE)
    try:
        with opened.read() as s:
            rows = s.execute(
                select(AuditEntry.subject_kind, AuditEntry.subject_id).where(
                    AuditEntry.action == "report.export"
                )
            ).all()
        assert opened.verify_audit().ok
    finally:
        opened.lock()
    assert [tuple(r) for r in rows] == [
        ("licence", records["licence"]),
        ("inspection", records["inspection"]),
        ("chaperone-approval", records["approval"]),
        ("chaperone-card", records["approval"]),
    ]


def test_due_lists_the_dbs_recheck(
    vault: Vault, vault_path: Path, records: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    vault.lock()
    assert run(vault_path, "licensing", "due", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["what"], r["card_number"], r["overdue"]) for r in rows] == [
        ("DBS update-service re-check", records["card"], False)
    ]
    assert run(vault_path, "licensing", "due", "--days", "20") == 0
    assert capsys.readouterr().out.strip() == "Nothing due."


ERRORS = [
    (("report", "permit", "no-such-id"), "no employment permit with that id"),
    (("report", "chaperone-refusal", "{approval}"), "not a refusal"),
    (("report", "licence", "{inspection}"), "no licence with that id"),
]


def test_errors_are_one_line(
    vault: Vault,
    vault_path: Path,
    records: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault.lock()
    for args, message in ERRORS:
        argv = [a.format(**records) for a in args]
        assert run(vault_path, *argv, "--out", str(tmp_path / "x.pdf")) == 1
        err = capsys.readouterr().err.strip()
        assert message in err and len(err.splitlines()) == 1
        assert not (tmp_path / "x.pdf").exists()


def test_unwritable_out_and_subprocess(
    vault: Vault, vault_path: Path, records: dict[str, str], tmp_path: Path
) -> None:
    vault.lock()
    missing = tmp_path / "no-such-folder" / "licence.pdf"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "--vault",
            str(vault_path),
            "report",
            "licence",
            records["licence"],
            "--out",
            str(missing),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "OXFIELD_PASSPHRASE": PASSPHRASE},
        check=False,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "oxfield: --out: cannot write licence.pdf (No such file or directory)"
    )
    assert "Traceback" not in result.stderr
