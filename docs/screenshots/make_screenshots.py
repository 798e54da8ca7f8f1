"""Make the README's screenshots from the real widgets, offscreen, on synthetic demo data.

    .venv/bin/python docs/screenshots/make_screenshots.py

Every picture is the real window at 1366x768 (the smallest screen the council supports); the
last one is at twice the text size. Nothing here is personal: the demo cases are generated.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Qt's offscreen screen is 800x800 and the window keeps to its screen: give it the laptop's.
SCREEN = Path(tempfile.gettempdir()) / "oxfield-screenshots-screen.json"
SCREEN.write_text(
    json.dumps(
        {
            "windowFrameMargins": False,
            "screens": [
                {
                    "name": "1366x768",
                    "x": 0,
                    "y": 0,
                    "width": 1366,
                    "height": 768,
                    "logicalDpi": 96,
                    "logicalBaseDpi": 96,
                    "dpr": 1,
                }
            ],
        }
    ),
    encoding="utf-8",
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView, QWidget  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from oxfield.replica.credit import Credit  # noqa: E402
from oxfield.replica.officers import OfficerName  # noqa: E402
from oxfield.services.ehe_demo import make_demo_cases  # noqa: E402
from oxfield.services.ehe_reports import render_case_summary  # noqa: E402
from oxfield.services.profile import Profile, save_profile  # noqa: E402
from oxfield.services.records import Actor  # noqa: E402
from oxfield.services.sync_status import ConflictView  # noqa: E402
from oxfield.services.vaults import create_vault  # noqa: E402
from ui.app import build_flow, make_application  # noqa: E402
from ui.dialogs.first_run import FirstRunWizard  # noqa: E402
from ui.ehe.pdf_preview import PdfPreviewDialog  # noqa: E402
from ui.ehe.visit_data import latest_unsigned_visit  # noqa: E402
from ui.ehe.visit_form import VisitRecordForm  # noqa: E402
from ui.sync.conflict_dialog import ConflictDialog  # noqa: E402

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


def settle(app: QApplication, seconds: float) -> None:
    """Let background loads finish (the areas say nothing when they find no rows)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


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
    make_demo_cases(vault, Actor(officer="demo"), 400, seed=7)
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
    more_screens(app, flow, first_ehe)
    flow.lock("button")
    shot(window, "12-locked")
    flow.shutdown()
    settings.clear()


def more_screens(app: QApplication, flow: Any, case_id: str) -> None:
    """The screens added since the first pictures: the Sync column, a visit record, the PDF
    preview, an inspection, the chaperones and employment areas, and a conflict."""
    window, workspace = flow.window, flow.window.workspace
    session = workspace.session
    view = workspace.all_cases
    workspace.show_area(5)
    view.search_edit.clear()
    view.search_now()
    wait(app, lambda: view.model.rowCount() > 50)
    table = view.findChild(QTableView)
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    settle(app, 0.3)
    shot(window, "13-case-list-sync-column")

    # a planned visit's record form, as the case page's "Record visit" opens it
    visit_id = next(
        v
        for r in range(view.model.rowCount())
        if view.model.row_at(r).team == "ehe"
        and (v := latest_unsigned_visit(session.vault, view.model.case_id(r))) is not None
    )
    launcher = workspace.ehe_bars[1]
    launcher.open_visit(visit_id)
    dialog = launcher.opened
    dialog.resize(*SIZE)
    form = dialog.findChild(VisitRecordForm)
    wait(app, lambda: form.fields.present.isEnabled())
    form.fields.present.insertPlainText("Parent (mother)\nThe child")
    form.fields.child_seen.setChecked(True)
    form.fields.child_views.insertPlainText("I like the science projects best.")
    wait(app, lambda: True)
    time.sleep(0.5)
    wait(app, lambda: True)
    shot(dialog, "14-ehe-visit-form")
    dialog.close()

    today = session.today()
    preview = PdfPreviewDialog(
        session.runner, "Case summary", lambda: render_case_summary(session.vault, case_id, today)
    )
    preview.resize(*SIZE)
    preview.show()
    preview.start()
    wait(app, lambda: bool(preview.images))
    shot(preview, "15-pdf-preview")
    preview.close()

    screen = workspace.inspection
    workspace.show_area(6)
    wait(app, lambda: screen.production.count() > 0)
    screen.production.setCurrentIndex(0)
    screen.venue.setText("Northgate Theatre, Oxford")
    for row in range(screen.present.count()):
        screen.present.item(row).setCheckState(Qt.CheckState.Checked)
    screen.start_button.click()
    wait(app, lambda: screen.pages.currentIndex() == 1 and bool(screen.cards))
    time.sleep(0.3)
    wait(app, lambda: True)
    shot(window, "16-inspection")

    chaperones = workspace.chaperones
    workspace.show_area(3)
    settle(app, 1.0)
    chaperones.new_button.click()
    settle(app, 0.5)
    shot(window, "17-chaperones")

    # a new permit application (synthetic), checked against the byelaws as it is typed
    employment = workspace.employment
    workspace.show_area(4)
    settle(app, 1.0)
    employment.tabs.setCurrentIndex(0)
    typed = {
        "child_given_names": "Jan",
        "child_family_name": "Demo",
        "child_date_of_birth": "01/03/2012",
        "employer": "Synthetic Newsagents",
        "job": "newspaper delivery",
        "received_on": "20/11/2026",
        "starts_on": "07/12/2026",
        "attendance_percent": "95",
        "term_mon": "07:30-08:45",
        "term_sat": "09:00-11:00",
    }
    for field_name, value in typed.items():
        widget = employment.form.form.widgets.get(field_name)
        if widget is not None:
            widget.setText(value)  # type: ignore[attr-defined]
    settle(app, 1.5)
    shot(window, "18-employment-permit")

    when = datetime(2026, 12, 2, 16, 40, tzinfo=UTC)
    conflicts = [
        ConflictView(
            id=f"demo-{field}",
            record_id=case_id,
            kind="child",
            field=field,
            mine=mine,
            mine_present=True,
            theirs=theirs,
            theirs_present=True,
            base=base,
            other_officer="Demo Officer B",
            other_device="laptop-b",
            kept_device="laptop-b",
            created_at=when,
            record_author="Demo Officer B",
            record_updated_at=when,
            status="open",
            mine_by=Credit(
                officer="a1b2c3d4-0000-4000-8000-000000000001",
                device="laptop-a",
                at=when,
                this_device=True,
                this_officer=True,
                name=OfficerName("a1b2c3d4-0000-4000-8000-000000000001", "Demo Officer", "ehe"),
            ),
            theirs_by=Credit(
                officer="b2c3d4e5-0000-4000-8000-000000000002",
                device="laptop-b",
                at=when,
                this_device=False,
                this_officer=False,
                name=OfficerName("b2c3d4e5-0000-4000-8000-000000000002", "Demo Officer B", "ehe"),
            ),
        )
        for field, mine, theirs, base in (
            ("preferred_name", "Kai", "Kai-Jon", ""),
            ("upn", "A111111111111", "B222222222222", ""),
        )
    ]
    conflict = ConflictDialog(conflicts, "Child record", window)
    conflict.show()
    wait(app, lambda: True)
    shot(conflict, "19-conflict-dialog")
    conflict.close()


if __name__ == "__main__":
    main()
