"""Run by test_intake_draft in a child process: begin a new case's intake, wait for the
autosave, die.

SIGKILL gives Python no chance to clean up, like a crash or a flat battery: no lock, no flush,
no atexit. Usage: python -m tests.ui.ehe.intake_crash_child VAULT GIVEN_NAME
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
from ui.ehe.intake_dialog import CaseIntakeDialog
from ui.flow import AppFlow
from ui.theme import Appearance


def main() -> None:
    path, given = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    settings = QSettings(str(path.with_name("crash-settings.ini")), QSettings.Format.IniFormat)
    flow = AppFlow(path, settings, Appearance(app, settings))
    flow.start()
    flow.open_session(unlock_vault(path, PASSPHRASE))
    bar = flow.window.workspace.ehe_bars[0]
    bar.buttons["New home education case..."].click()
    dialog = bar.opened
    assert isinstance(dialog, CaseIntakeDialog)

    def die() -> None:
        print("draft saved", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    dialog.draft.sig_saved.connect(die)
    dialog.given.setText(given)
    dialog.family.setText("Byrne")
    dialog.parents.rows[0].given.setText("Niamh")
    dialog.parents.rows[0].phone.setText("07700 900456")
    second = dialog.other_addresses.add()
    second.line1.setText("9 Kennington Road")
    second.postcode.setText("OX1 5PG")
    QTimer.singleShot(20_000, app.quit)  # never hang the test
    app.exec()


if __name__ == "__main__":
    main()
