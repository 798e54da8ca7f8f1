"""The EHE command-line contract on a real vault: demo, cases list, reports, census, register.

Commands run in-process through ``ui.cli.main`` (and once as a real subprocess); the passphrase
comes from the environment, as a script would give it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select

from oxfield.domain.ehe import EheCase, EheVisit
from oxfield.exports.csv_safe import read_csv
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from ui.cli import main

REGISTER = Path(__file__).parent / "data" / "ehe_register.csv"
BAD_REGISTER = Path(__file__).parent / "data" / "ehe_register_bad.csv"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)


def run(vault_path: Path, *args: str) -> int:
    return main(["--vault", str(vault_path), *args])


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(page.extract_text() for page in reader.pages)


def case_count(vault_path: Path) -> int:
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        with vault.read() as s:
            return int(s.scalar(select(func.count()).select_from(EheCase)) or 0)
    finally:
        vault.lock()


def test_demo_list_reports_and_census(
    vault_path: Path, env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(vault_path, "demo", "--cases", "30") == 0
    assert "30 synthetic cases added" in capsys.readouterr().out

    assert run(vault_path, "cases", "list", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 30
    assert run(vault_path, "cases", "list", "--team", "ehe", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert 0 < len(rows) < 30
    assert {r["team"] for r in rows} == {"ehe"}
    assert all(r["reference"].startswith("EHE-") for r in rows)

    vault = Vault.unlock(vault_path, PASSPHRASE)
    with vault.read() as s:
        signed = s.scalars(select(EheVisit).where(EheVisit.signed_at.is_not(None))).first()
        assert signed is not None
        visit_id, case_id = signed.id, signed.case_id
    vault.lock()

    letter = tmp_path / "letter.pdf"
    assert run(vault_path, "report", "visit", visit_id, "--out", str(letter)) == 0
    assert "OFFICIAL-SENSITIVE" in pdf_text(letter)
    summary = tmp_path / "summary.pdf"
    assert run(vault_path, "report", "ehe-case", case_id, "--out", str(summary)) == 0
    assert "case summary" in pdf_text(summary)
    letter_for_step = tmp_path / "step.pdf"
    assert run(vault_path, "report", "ehe-step", "no-such-step", "--out", str(letter_for_step)) == 1
    assert "no ehe statutory step with that id" in capsys.readouterr().err

    out = tmp_path / "census.csv"
    assert run(vault_path, "export", "ehe-census", "--census-date", "2026-10-01", "--out",
               str(out)) == 0  # fmt: skip
    rows_csv = read_csv(out.read_bytes())
    assert rows_csv[0][:4] == ["census_date", "academic_year", "breakdown", "category"]
    assert rows_csv[1][2:4] == ["Total", "Total"]
    assert int(rows_csv[1][4]) > 0


def test_register_import_is_all_or_nothing_and_idempotent(
    vault_path: Path, env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(vault_path, "import", "ehe-register", str(BAD_REGISTER)) == 1
    err = capsys.readouterr().err
    assert "line 3: date_of_birth: not a date" in err
    assert "line 4: school_urn: not a URN in the school list" in err
    assert "line 7: child_family_name: repeats the child and date notified on line 2" in err
    assert "line 5" not in err and "line 6" not in err  # a good row over two lines
    assert "nothing was imported" in err
    assert "Traceback" not in err
    assert case_count(vault_path) == 0

    assert run(vault_path, "import", "ehe-register", str(REGISTER)) == 0
    assert "3 case(s) added, 0 already in the vault" in capsys.readouterr().out
    assert run(vault_path, "import", "ehe-register", str(REGISTER)) == 0
    assert "0 case(s) added, 3 already in the vault" in capsys.readouterr().out
    assert case_count(vault_path) == 3

    assert run(vault_path, "cases", "list", "--search", "obrien") == 0
    listed = capsys.readouterr().out
    assert "O’Brien" in listed and "Zoë" in listed


def test_bad_input_is_one_line(
    vault_path: Path, env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(vault_path, "report", "visit", "no-such-id", "--out", str(tmp_path / "x.pdf")) == 1
    err = capsys.readouterr().err
    assert err.strip() == "oxfield: no ehe visit with that id"
    nowhere = tmp_path / "missing" / "c.csv"
    code = run(vault_path, "export", "ehe-census", "--census-date", "2026-10-01", "--out",
               str(nowhere))  # fmt: skip
    assert code == 1
    assert "no folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        run(vault_path, "export", "ehe-census", "--census-date", "2026-02-30", "--out", "x.csv")
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_contract_as_a_real_process(vault_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, OXFIELD_PASSPHRASE=PASSPHRASE)
    base = [sys.executable, "-m", "ui.cli", "--vault", str(vault_path)]
    made = subprocess.run([*base, "demo", "--cases", "3"], env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    listed = subprocess.run(
        [*base, "cases", "list", "--json"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) == 3


def test_a_closed_pipe_ends_quietly(vault_path: Path) -> None:
    """`oxfield cases list | head -1` prints its line and no traceback."""
    env = dict(os.environ, OXFIELD_PASSPHRASE=PASSPHRASE)
    base = [sys.executable, "-m", "ui.cli", "--vault", str(vault_path)]
    subprocess.run([*base, "demo", "--cases", "400"], env=env, check=True, capture_output=True)
    lister = subprocess.Popen(
        [*base, "cases", "list"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert lister.stdout is not None and lister.stderr is not None
    first = lister.stdout.readline()
    lister.stdout.close()  # the reader stops after one line, as `head -1` does
    err = lister.stderr.read().decode()
    assert lister.wait(timeout=60) == 0
    assert first.strip()
    assert "Traceback" not in err and "BrokenPipe" not in err
