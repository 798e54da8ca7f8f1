"""A draft typed into the edit form survives the process being killed, and comes back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import make_flow, start, unlock

ROOT = Path(__file__).resolve().parents[2]


def test_autosaved_draft_survives_a_crash(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.crash_child", str(path), ids[2], "Li (crash test)"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "draft saved" in child.stdout

    flow = make_flow(qtbot, path, settings)
    start(qtbot, flow)
    unlock(qtbot, flow)
    today = flow.window.workspace.today
    drafts = today.lists["drafts"]
    qtbot.waitUntil(lambda: drafts.count() == 1 and "Liam OBrien" in drafts.item(0).text())
    detail = flow.window.workspace.detail
    drafts.setCurrentRow(0)
    with qtbot.waitSignal(detail.sig_loaded):
        qtbot.keyClick(drafts, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: detail.editing)
    assert detail.form.edits["preferred_name"].text() == "Li (crash test)"
    assert detail.form.edits["legal_given_names"].text() == "Liam"
    assert "Restored your unsaved changes" in detail.form.draft_label.text()

    with qtbot.waitSignal(detail.sig_saved, timeout=10000):  # save it for real: draft goes
        detail.save_button.click()
    assert detail.values["display_name"].text() == "Li (crash test) OBrien"
    today.refresh()
    qtbot.waitUntil(lambda: drafts.count() == 1 and "No unfinished" in drafts.item(0).text())
    flow.shutdown()
