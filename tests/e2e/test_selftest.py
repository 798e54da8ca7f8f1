"""``oxfield --self-test`` from the source tree, and what makes it fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oxfield import __version__
from oxfield.selftest import CheckResult, run_self_test
from oxfield.selftest.documents import document_modules, maker_for

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = [
    "version",
    "rule tables",
    "fonts",
    "Qt platform",
    "Qt image formats",
    "Qt styles",
    "Qt window",
    "PDF kinds",
    "vault create",
    "write record",
    "reference data",
    "lock",
    "encrypted on disk",
    "wrong passphrase",
    "unlock",
    "read back",
    "integrity",
    "lock again",
    "clean up",
]


@pytest.mark.slow
def test_self_test_from_source_passes_and_leaves_nothing(tmp_path: Path) -> None:
    env = dict(os.environ, TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"OxField {__version__} self-test"
    assert lines[-1] == "self-test passed"
    for name in EXPECTED:
        assert any(line.startswith(f"ok   {name}: ") for line in lines), name
    for module in document_modules():
        assert any(line.startswith(f"ok   PDF {module.rsplit('.', 1)[1]}: ") for line in lines)
    assert not any(line.startswith("FAIL") for line in lines)
    assert list(tmp_path.iterdir()) == [], "the self-test left files behind"


def test_every_kind_of_pdf_has_an_example() -> None:
    modules = document_modules()
    assert {"oxfield.reports.visit_letter", "oxfield.reports.s437_notice"} <= set(modules)
    assert "oxfield.reports.layout" not in modules
    assert [m for m in modules if maker_for(m) is None] == []


def test_a_failing_check_is_reported_and_the_rest_still_run(tmp_path: Path) -> None:
    results: list[CheckResult] = []

    def broken() -> str:
        raise FileNotFoundError("resources/fonts/DejaVuSans.ttf")

    ok = run_self_test(results.append, extra=[("broken part", broken)], workdir=tmp_path)
    assert ok is False
    failed = [r for r in results if not r.ok]
    assert [r.name for r in failed] == ["broken part"]
    assert "DejaVuSans.ttf" in failed[0].detail
    assert any(r.name == "read back" and r.ok for r in results)
    assert list(tmp_path.iterdir()) == []
