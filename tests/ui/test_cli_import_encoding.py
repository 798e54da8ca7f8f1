"""The import commands on files in the wrong encoding: one clear refusal naming the line and how
to save as "CSV UTF-8", no traceback, no cell; Excel's "Unicode Text" and GIAS's Windows-1252
are read, the latter said so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from ui.cli import main

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "child_family_name\tchild_given_names\tdate_of_birth\taddress_line1\tpostcode\tdate_notified"
)
ROWS = [
    "Wiśniewska\tŁucja\t2015-03-01\t1 Test Road\tOX1 1AA\t2025-01-06",
    "الحسيني\tفاطمة\t2015-03-02\t2 Test Road\tOX1 1AA\t2025-01-06",
    "王\t秀英\t2015-03-03\t3 Test Road\tOX1 1AA\t2025-01-06",
    "Gŵyn\tRhŷs\t2015-03-04\t4 Test Road\tOX1 1AA\t2025-01-06",
]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)


def test_register_in_windows_1250_is_refused_then_unicode_text_imports(
    vault_path: Path, env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    polish = tmp_path / "register-1250.csv"
    polish.write_bytes("\r\n".join([HEADER, ROWS[0]]).replace("\t", ",").encode("cp1250"))
    assert main(["--vault", str(vault_path), "import", "ehe-register", str(polish)]) == 1
    err = capsys.readouterr().err
    assert "oxfield: line 2: file: the file is not saved as UTF-8" in err
    assert '"CSV UTF-8 (Comma delimited) (*.csv)"' in err
    assert "ucja" not in err and "Traceback" not in err

    excel = tmp_path / "register.txt"  # Excel "Unicode Text": UTF-16 LE with BOM, tabs
    excel.write_bytes("\r\n".join([HEADER, *ROWS, ""]).encode("utf-16"))
    assert main(["--vault", str(vault_path), "import", "ehe-register", str(excel)]) == 0
    assert "4 case(s) added" in capsys.readouterr().out
    assert main(["--vault", str(vault_path), "cases", "list", "--json"]) == 0
    listed = json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
    for name in ("Łucja", "Wiśniewska", "فاطمة", "秀英", "Gŵyn", "Rhŷs"):
        assert name in listed


def _schools(vault: Path, file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--vault", str(vault), "schools", "import", str(file)],
        env={"OXFIELD_PASSPHRASE": PASSPHRASE, "PATH": "", "PYTHONIOENCODING": "utf-8"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_schools_import_reads_gias_windows_1252_and_refuses_a_polish_list(
    vault_path: Path, tmp_path: Path
) -> None:
    gias = tmp_path / "edubasealldata.csv"
    gias.write_bytes(
        "URN,EstablishmentName,Town\r\n900101,École Synthétique,Banbury\r\n".encode("cp1252")
    )
    read = _schools(vault_path, gias)
    assert read.returncode == 0, read.stderr
    assert read.stdout.splitlines() == [
        "gias: 1 added, 0 updated, 0 unchanged, 0 rows not read",
        "read as Windows-1252, the encoding GIAS downloads are published in",
    ]
    polish = tmp_path / "lista.csv"
    polish.write_bytes("urn,establishment_name\r\n900102,Szkoła Łąkowa\r\n".encode("cp1250"))
    refused = _schools(vault_path, polish)
    assert refused.returncode == 1
    [line] = refused.stderr.splitlines()
    assert line.startswith("oxfield: line 2: the file is not saved as UTF-8")
    assert "CSV UTF-8" in line and "Szko" not in line and refused.stdout == ""
