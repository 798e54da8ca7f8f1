"""Run by test_interrupt in a child process: type into a form, then Ctrl-C the desktop at once.

The text is typed and SIGINT sent in the same turn of the event loop, before the autosave's
pause has passed, so the draft can only reach the vault through quitting's lock.
Usage: python -m tests.ui.interrupt_child VAULT CASE_ID TEXT
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
    path, case_id, text = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = make_application()
    settings = QSettings(str(path.with_name("interrupt-settings.ini")), QSettings.Format.IniFormat)
    flow = build_flow(path, settings)
    QuitOnSignal(app)
    flow.start()
    flow.open_session(unlock_vault(path, PASSPHRASE))
    detail = flow.window.workspace.detail

    def edit_then_interrupt() -> None:
        detail.start_edit()
        detail.form.edits["preferred_name"].setText(text)
        print("typed", flush=True)
        os.kill(os.getpid(), signal.SIGINT)

    detail.sig_loaded.connect(edit_then_interrupt)
    flow.window.workspace.open_case(case_id)
    QTimer.singleShot(20_000, lambda: sys.exit(3))  # never hang the test
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
