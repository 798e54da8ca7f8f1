"""``oxfield schools import``: a GIAS extract goes in by URN; bad rows are named by line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "oxfield" / "services" / "data" / "gias_sample.csv"


def _run(vault: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--vault", str(vault), "schools", "import", *args],
        env={"OXFIELD_PASSPHRASE": PASSPHRASE, "PATH": ""},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gias_extract_is_imported_and_repeat_changes_nothing(vault_path: Path) -> None:
    first = _run(vault_path, str(SAMPLE))
    assert first.returncode == 1, "the sample holds bad rows on purpose"
    assert first.stdout.strip() == "gias: 4 added, 0 updated, 0 unchanged, 3 rows not read"
    assert "  line 6: OpenDate: not a date (expected dd-mm-yyyy)" in first.stderr.splitlines()
    again = _run(vault_path, str(SAMPLE))
    assert "0 added, 0 updated, 4 unchanged" in again.stdout


def test_missing_file_is_one_line(vault_path: Path, tmp_path: Path) -> None:
    out = _run(vault_path, str(tmp_path / "nope.csv"))
    assert out.returncode == 1
    assert out.stderr.strip().startswith("oxfield: cannot read the school file")
    assert "Traceback" not in out.stderr
