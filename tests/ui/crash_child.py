"""Run by test_drafts_crash in a child process: type into a form, then end the process.

``kill``: wait for the autosave, then SIGKILL, which gives Python no chance to clean up, like
a crash or a flat battery: no lock, no flush, no atexit. ``interrupt``: Ctrl-C (SIGINT) in the
same turn of the event loop as the typing, before the autosave's pause has passed, so the draft
can only reach the vault through quitting's lock.
Usage: python -m tests.ui.crash_child VAULT CASE_ID TEXT kill|interrupt
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer

from oxfield.services.vaults import unlock_vault
from tests.conftest import PASSPHRASE
from ui.app import build_flow, make_application
from ui.interrupt import QuitOnSignal


def main() -> None:
    path, case_id, text, ending = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    app = make_application()
    settings = QSettings(str(path.with_name("crash-settings.ini")), QSettings.Format.IniFormat)
    flow = build_flow(path, settings)
    QuitOnSignal(app)
    flow.start()
    flow.open_session(unlock_vault(path, PASSPHRASE))
    detail = flow.window.workspace.detail

    def edit() -> None:
        detail.start_edit()
        detail.form.edits["preferred_name"].setText(text)
        print("typed", flush=True)
        if ending == "interrupt":
            os.kill(os.getpid(), signal.SIGINT)

    def die() -> None:
        print("draft saved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    detail.sig_loaded.connect(edit)
    if ending == "kill":
        detail.form.sig_draft_saved.connect(die)
    flow.window.workspace.open_case(case_id)
    QTimer.singleShot(20_000, lambda: sys.exit(3))  # never hang the test
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
