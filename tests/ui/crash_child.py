"""Run by test_drafts_crash in a child process: type into a form, wait for the autosave, die.

SIGKILL gives Python no chance to clean up, like a crash or a flat battery: no lock, no flush,
no atexit. Usage: python -m tests.ui.crash_child VAULT CASE_ID TEXT
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from oxfield.services.vaults import unlock_vault
from tests.conftest import PASSPHRASE
from ui.flow import AppFlow
from ui.theme import Appearance


def main() -> None:
    path, case_id, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    settings = QSettings(str(path.with_name("crash-settings.ini")), QSettings.Format.IniFormat)
    flow = AppFlow(path, settings, Appearance(app, settings))
    flow.start()
    flow.open_session(unlock_vault(path, PASSPHRASE))
    detail = flow.window.workspace.detail

    def edit() -> None:
        detail.start_edit()
        detail.form.edits["preferred_name"].setText(text)

    def die() -> None:
        print("draft saved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    detail.sig_loaded.connect(edit)
    detail.form.sig_draft_saved.connect(die)
    flow.window.workspace.open_case(case_id)
    QTimer.singleShot(20_000, app.quit)  # never hang the test
    app.exec()


if __name__ == "__main__":
    main()
