"""``oxfield --self-test`` from the source tree, and what makes it fail."""

from __future__ import annotations

import io
import os
import re
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
    "PDF preview",
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
        line = next(x for x in lines if x.startswith(f"PDF {module.rsplit('.', 1)[1]}: ", 5))
        assert line.startswith("ok   "), line
        assert re.search(r"page 1 of \d+ drawn 794x1123 by PDFium, \d+\.\d% ink", line), line
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


@pytest.mark.slow
def test_self_test_fails_without_pdfium(tmp_path: Path) -> None:
    """As in a bundle that lost libpdfium: the preview cannot draw, so the self-test fails."""
    env = dict(os.environ, TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    hide_pdfium = (
        "import sys; sys.modules['pypdfium2_raw'] = None; "
        "from ui.cli import main; sys.exit(main(['--self-test']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", hide_pdfium],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "self-test FAILED"
    failed = {line.split(":", 1)[0][5:] for line in lines if line.startswith("FAIL ")}
    kinds = {"PDF " + m.rsplit(".", 1)[1] for m in document_modules()}
    assert failed == {"PDF preview"} | kinds, failed
    assert "pypdfium2_raw" in next(x for x in lines if x.startswith("FAIL PDF preview"))


def test_a_blank_page_fails_the_drawing_check(qapp: object) -> None:
    from reportlab.pdfgen import canvas

    from ui.selftest import draw_first_page

    blank = io.BytesIO()
    page = canvas.Canvas(blank)
    page.showPage()
    page.save()
    with pytest.raises(AssertionError, match=r"page 1 drawn blank \(0\.0% ink"):
        draw_first_page(blank.getvalue())

    inked = io.BytesIO()
    page = canvas.Canvas(inked)
    page.rect(72, 72, 300, 300, fill=1)
    page.showPage()
    page.save()
    assert "page 1 of 1 drawn 794x1123 by PDFium" in draw_first_page(inked.getvalue())
