"""Make the README's screenshots from the real widgets, offscreen, on synthetic demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_screenshots.py

Every picture is the real window at 1366x768 (the smallest screen the council supports); the
last one is at twice the text size. Nothing here is personal: the demo cases are generated.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from oxfield.services.profile import Profile, save_profile  # noqa: E402
from oxfield.services.records import make_demo_cases  # noqa: E402
from oxfield.services.vaults import create_vault  # noqa: E402
from ui.app import build_flow, make_application  # noqa: E402
from ui.dialogs.first_run import FirstRunWizard  # noqa: E402

PASSPHRASE = "kettle orbit violet harbour"  # noqa: S105 - a demo vault of synthetic data
SIZE = (1366, 768)


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the window")
        app.processEvents()
        time.sleep(0.005)
    for _ in range(5):
        app.processEvents()


def shot(widget: QWidget, name: str) -> None:
    widget.repaint()
    widget.grab().save(str(HERE / f"{name}.png"))
    print("saved", name)


def main() -> None:
    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="oxfield-shots-"))
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)

    # First run: the wizard on a vault that does not exist yet.
    flow = build_flow(work / "wizard" / "vault.oxv", settings)
    wizard = FirstRunWizard(work / "wizard" / "vault.oxv", flow.runner)
    wizard.resize(760, 600)
    wizard.show()
    wizard.passphrase_page.first.setText(PASSPHRASE)
    wizard.passphrase_page.second.setText(PASSPHRASE)
    wait(app, lambda: True)
    shot(wizard, "01-first-run-passphrase")
    wizard.next()
    wait(app, lambda: bool(wizard.recovery_page.key_edit.text()))
    shot(wizard, "02-first-run-recovery-key")
    wizard.recovery_page.kept_box.setChecked(True)
    wizard.next()
    wizard.profile_page.form.name_edit.setText("Demo Officer")
    wait(app, lambda: True)
    shot(wizard, "03-first-run-profile")
    wizard.reject()
    flow.shutdown()

    # A vault with demo cases, then the officer's day.
    path = work / "demo" / "vault.oxv"
    vault = create_vault(path, PASSPHRASE).vault
    make_demo_cases(vault, 400, seed=7)
    save_profile(vault, Profile("Demo Officer", "ehe", "Oxford"))
    vault.lock()
    flow = build_flow(path, settings)
    window = flow.window
    window.resize(*SIZE)
    flow.start()
    wait(app, lambda: flow.ready)
    flow.unlock_window.passphrase.setText("not my passphrase")
    flow.unlock_window.unlock_button.click()
    wait(app, lambda: flow.unlock_window.state == "wrong")
    shot(window, "04-unlock-wrong-passphrase")
    flow.unlock_window.passphrase.setText(PASSPHRASE)
    flow.unlock_window.unlock_button.click()
    wait(app, lambda: flow.vault is not None)
    workspace = window.workspace
    today = workspace.today
    wait(app, lambda: "Loading" not in today.summary_label.text())
    shot(window, "05-today")
    workspace.show_area(1)
    wait(app, lambda: workspace.ehe_list.model.rowCount() > 0)
    shot(window, "06-home-education-list")
    view = workspace.all_cases
    workspace.show_area(5)
    wait(app, lambda: view.model.rowCount() > 0)
    view.search_edit.setText("o'b")
    view.search_now()
    wait(app, lambda: "found" in view.count_label.text() and view.search_edit.text() == "o'b")
    time.sleep(0.3)
    wait(app, lambda: True)
    shot(window, "07-find-a-case-apostrophes")
    view.search_edit.clear()
    view.search_now()
    wait(app, lambda: view.model.rowCount() > 50)
    first_ehe = next(
        view.model.case_id(r)
        for r in range(view.model.rowCount())
        if view.model.row_at(r).team == "ehe"
    )
    detail = workspace.detail
    workspace.open_case(first_ehe)
    wait(app, lambda: detail.details is not None)
    shot(window, "08-case-read-view")
    detail.start_edit()
    detail.form.edits["date_of_birth"].setText("31/02/2015")
    detail.form.edits["upn"].setText("A12")
    wait(app, lambda: True)
    shot(window, "09-case-edit-validation")
    detail.form.clear()
    workspace.show_area(5)
    window.contrast_action.trigger()
    wait(app, lambda: True)
    shot(window, "10-high-contrast")
    window.contrast_action.trigger()
    window._appearance.set_scale(2.0)
    workspace.show_area(0)
    wait(app, lambda: True)
    shot(window, "11-text-200-percent-1366x768")
    window._appearance.set_scale(1.0)
    flow.lock("button")
    shot(window, "12-locked")
    flow.shutdown()
    settings.clear()


if __name__ == "__main__":
    main()
