"""Ctrl-C in the terminal quits the desktop through the lock: no traceback, no lost typing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import make_flow, start, unlock

ROOT = Path(__file__).resolve().parents[2]


def test_ctrl_c_locks_and_quits_keeping_the_draft(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.interrupt_child", str(path), ids[2], "Li (interrupted)"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    assert "typed" in child.stdout
    assert "Traceback" not in child.stderr
    assert "KeyboardInterrupt" not in child.stderr

    flow = make_flow(qtbot, path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    drafts = flow.window.workspace.today.lists["drafts"]
    qtbot.waitUntil(lambda: drafts.count() == 1 and "Liam OBrien" in drafts.item(0).text())
    detail = flow.window.workspace.detail
    drafts.setCurrentRow(0)
    with qtbot.waitSignal(detail.sig_loaded):
        qtbot.keyClick(drafts, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: detail.editing)
    assert detail.form.edits["preferred_name"].text() == "Li (interrupted)"
    flow.shutdown()
