"""A draft typed into the edit form survives the process being killed, and comes back; Ctrl-C
in the terminal quits through the lock, with no traceback and no lost typing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import make_flow, start, unlock
from ui.flow import AppFlow

ROOT = Path(__file__).resolve().parents[2]


def _run_child(path: Path, case_id: str, text: str, ending: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tests.ui.crash_child", str(path), case_id, text, ending],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _reopen_draft(qtbot, path: Path, settings) -> AppFlow:
    """Unlock again and open the one unfinished edit from Today."""
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
    return flow


def test_autosaved_draft_survives_a_crash(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    child = _run_child(path, ids[2], "Li (crash test)", "kill")
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "draft saved" in child.stdout

    flow = _reopen_draft(qtbot, path, settings)
    detail = flow.window.workspace.detail
    assert detail.form.edits["preferred_name"].text() == "Li (crash test)"
    assert detail.form.edits["legal_given_names"].text() == "Liam"
    assert "Restored your unsaved changes" in detail.form.draft_label.text()

    with qtbot.waitSignal(detail.sig_saved, timeout=10000):  # save it for real: draft goes
        detail.save_button.click()
    assert detail.values["display_name"].text() == "Li (crash test) OBrien"
    today = flow.window.workspace.today
    today.refresh()
    drafts = today.lists["drafts"]
    qtbot.waitUntil(lambda: drafts.count() == 1 and "No unfinished" in drafts.item(0).text())
    flow.shutdown()


def test_ctrl_c_locks_and_quits_keeping_the_draft(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    child = _run_child(path, ids[2], "Li (interrupted)", "interrupt")
    assert child.returncode == 0, child.stderr  # 3 would be the guard: Ctrl-C did nothing
    assert "typed" in child.stdout
    assert "Traceback" not in child.stderr and "KeyboardInterrupt" not in child.stderr

    flow = _reopen_draft(qtbot, path, settings)
    assert flow.window.workspace.detail.form.edits["preferred_name"].text() == "Li (interrupted)"
    flow.shutdown()
