"""Run by test_case_records in a child process: type into a new address, wait for the autosave, die.

SIGKILL gives Python no chance to clean up, like a crash or a flat battery: no lock, no flush,
no atexit. Usage: python -m tests.ui.forms.crash_record_child VAULT CASE_ID TEXT
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

    def die() -> None:
        print("draft saved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    def type_address() -> None:
        form = detail.editor.current_form
        assert form is not None
        form.sig_draft_saved.connect(die)
        form.edits["line1"].setText(text)

    detail.sig_loaded.connect(lambda: detail.open_record("address", ""))
    detail.editor.sig_opened.connect(type_address)
    flow.window.workspace.open_case(case_id)
    QTimer.singleShot(20_000, app.quit)  # never hang the test
    app.exec()


if __name__ == "__main__":
    main()
