"""The Employment area through the real widgets: the byelaw findings appear live as the pattern
is typed, at each limit and a quarter of an hour past it; then an application is recorded,
issued and its permit PDF previewed from memory, and the permits list shows it.

The child is 14 (under 15's limits) unless a case changes the date of birth; work starts on
Monday 7 September 2026, the term week first and the holiday week after it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from oxfield.clock import FixedClock
from oxfield.services.drafts import load_draft
from oxfield.services.employment_forms import FIELDS
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault
from ui.employment.area import EmploymentArea
from ui.employment.permit_form import FORM_NAME, PermitForm
from ui.licensing.permit_check import PermitDesk
from ui.tasks import TaskRunner

CLOCK = FixedClock(datetime(2026, 8, 25, 9, 0, tzinfo=UTC))
BASE = {
    "child_given_names": "Jan",
    "child_family_name": "Alpha",
    "child_date_of_birth": "01/03/2012",
    "employer": "Cherwell News & Co",
    "job": "newspaper delivery",
    "received_on": "20/08/2026",
    "starts_on": "07/09/2026",
    "attendance_percent": "95",
}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
TERM_10H = {f"term_{d}": "16:00-18:00" for d in WEEKDAYS}
HOLIDAY_25H = {f"holiday_{d}": "09:00-12:00, 13:00-15:00" for d in WEEKDAYS}

#: (what is typed over BASE, the verdict, the rule broken or None)
BOUNDARIES = [
    ({"term_sun": "09:00-11:00"}, "issue", None),
    ({"term_sun": "09:00-11:15"}, "refuse", "2 h 15 min on a Sunday"),
    ({"term_mon": "16:00-18:00"}, "issue", None),
    ({"term_mon": "16:00-18:15"}, "refuse", "2 h 15 min on a school day"),
    ({"term_mon": "07:45-08:45"}, "issue", None),  # an hour before school
    ({"term_mon": "07:30-08:45"}, "refuse", "1 h 15 min before school"),
    ({"holiday_sat": "07:00-08:00"}, "issue", None),
    ({"holiday_sat": "06:45-08:00"}, "refuse", "starts at 06:45, before 07:00"),
    ({"holiday_sat": "17:00-19:00"}, "issue", None),
    ({"holiday_sat": "17:00-19:15"}, "refuse", "ends at 19:15, after 19:00"),
    ({"holiday_sat": "09:00-12:00, 13:00-15:00"}, "issue", None),  # 5 h at 14
    ({"holiday_sat": "09:00-12:00, 13:00-15:15"}, "refuse", "5 h 15 min on a Saturday"),
    ({"holiday_sat": "09:00-13:00, 14:00-15:00"}, "issue", None),  # 4 h, then the hour's break
    ({"holiday_sat": "09:00-13:15"}, "refuse", "4 h 15 min without a break"),
    ({**TERM_10H, "term_sat": "09:00-11:00"}, "issue", None),  # 12 h in a term week
    ({**TERM_10H, "term_sat": "09:00-11:15"}, "refuse", "12 h 15 min in this term-time week"),
    (HOLIDAY_25H, "issue", None),  # 25 h in a holiday week at 14
    ({**HOLIDAY_25H, "holiday_sat": "09:00-09:15"}, "refuse", "25 h 15 min in this holiday"),
    ({"term_sat": "09:00-11:00", "attendance_percent": "90"}, "issue", None),
    ({"term_sat": "09:00-11:00", "attendance_percent": "89.9"}, "review", None),  # a warning
    ({"holiday_sat": "09:00-11:00", "child_date_of_birth": "08/09/2013"}, "issue", None),
    (
        {"holiday_sat": "09:00-11:00", "child_date_of_birth": "08/09/2013", "job": "warehouse"},
        "refuse",
        "13 years old",
    ),
    (
        {"holiday_sat": "09:00-11:00", "job": "porter in a commercial kitchen"},
        "refuse",
        "in a commercial kitchen",
    ),
]


def desk(vault: Vault) -> PermitDesk:
    return PermitDesk(vault, Actor("officer-1", clock=CLOCK))


def type_all(qtbot, form: PermitForm, values: dict[str, str]) -> None:
    """Clear the form, then type each value; wait for the newest live check."""
    for spec in FIELDS:
        edit = form.form.widgets[spec.name]
        assert isinstance(edit, QLineEdit)
        if edit.text() != values.get(spec.name, ""):
            with qtbot.waitSignal(form.sig_findings, timeout=5000):
                edit.setText(values.get(spec.name, ""))


def test_byelaw_boundaries_show_live(qtbot, vault: Vault, runner: TaskRunner) -> None:
    form = PermitForm(runner)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.form.sig_draft_loaded, timeout=5000):
        form.use(desk(vault))
    for typed, verdict, broken in BOUNDARIES:
        type_all(qtbot, form, {**BASE, **typed})
        assert form.verdict.text() == f"Rules verdict: {verdict}.", typed
        breaches = [line for line in form.finding_lines() if line.startswith("BREACH:")]
        if broken is None:
            assert breaches == [], typed
        else:
            assert len(breaches) == 1 and broken.lower() in breaches[0].lower(), (typed, breaches)
            assert breaches[0].endswith(")")  # the regulation, in brackets
        assert form.record_button.isEnabled()


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("term_sun", "9 till 11", "Term week: Sunday: write each shift as 07:00-08:00"),
        ("holiday_mon", "11:00-09:00", "Holiday week: Monday: a shift must end after it starts."),
        ("attendance_percent", "", "School attendance (%): term-time work needs"),
        ("child_date_of_birth", "30/02/2012", "Child's date of birth must be a real date"),
    ],
)
def test_bad_input_is_named_and_blocks_recording(
    qtbot, vault: Vault, runner: TaskRunner, name: str, typed: str, message: str
) -> None:
    form = PermitForm(runner)
    qtbot.addWidget(form)
    form.use(desk(vault))
    type_all(qtbot, form, {**BASE, "term_sun": "09:00-10:00", name: typed})
    assert form.form.errors[name].text().startswith(message)
    assert not form.record_button.isEnabled()
    assert form.form.widgets[name].property("invalid") is True


def test_a_new_application_opens_without_messages_until_typed_in(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    """The empty form is not a column of "is required" (Record still waits for every field);
    a field's message shows once it is typed in."""
    form = PermitForm(runner)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.sig_findings, timeout=5000):  # the first live check, on opening
        form.use(desk(vault))
    assert [e.text() for e in form.form.errors.values() if e.text()] == []
    assert not form.record_button.isEnabled()
    qtbot.keyClicks(form.form.widgets["term_sun"], "9 till 11")
    error = form.form.errors["term_sun"]
    qtbot.waitUntil(lambda: error.text().startswith("Term week: Sunday: write each shift"))
    assert form.form.errors["employer"].text() == ""


def test_record_issue_and_preview_the_permit(qtbot, vault: Vault, runner: TaskRunner) -> None:
    area = EmploymentArea(runner)
    qtbot.addWidget(area)
    area.show()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.use(desk(vault))
    assert area.model.rowCount() == 0
    type_all(qtbot, area.form, {**BASE, "term_sat": "09:00-11:00", "holiday_sat": "09:00-12:00"})
    with qtbot.waitSignal(area.form.form.sig_draft_saved, timeout=5000):
        pass  # the autosave timer has fired: the typing is in the vault
    draft = load_draft(vault, FORM_NAME, None)
    assert draft is not None and draft.fields["term_sat"] == "09:00-11:00"
    assert area.form.record_button.isEnabled(), area.form.form.fields()
    with qtbot.waitSignals([area.sig_listed, area.check.sig_checked], timeout=5000):
        qtbot.mouseClick(area.form.record_button, Qt.MouseButton.LeftButton)
    assert area.form.message.text() == "Application recorded."
    assert area.model.rowCount() == 1
    assert area.model.data(area.model.index(0, 4)) == "applied"
    assert area.tabs.currentWidget() is area.check
    assert "verdict: issue" in area.check.verdict.text()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        qtbot.mouseClick(area.check.issue_button, Qt.MouseButton.LeftButton)
    assert area.model.data(area.model.index(0, 4)) == "issued"
    assert area.model.data(area.model.index(0, 5)) == "25/08/2026"
    qtbot.waitUntil(area.check.pdf_button.isEnabled, timeout=5000)
    preview = area.check.open_pdf()
    assert preview is not None
    qtbot.waitUntil(lambda: bool(preview.pages), timeout=10000)
    text = preview.text.toPlainText()
    assert "Jan Alpha" in text and "Cherwell News & Co" in text and "09:00 to 11:00" in text
    assert load_draft(vault, FORM_NAME, None) is None  # recorded: the draft is gone
    preview.close()


def test_permit_list_model(qtmodeltester, vault: Vault, runner: TaskRunner, qtbot) -> None:
    area = EmploymentArea(runner)
    qtbot.addWidget(area)
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.use(desk(vault))
    qtmodeltester.check(area.model)


def test_a_long_finding_is_read_whole_in_a_narrow_form(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    """At 1366x768 the form is narrow: a finding wraps under itself, citation and all, and
    the list never needs scrolling sideways."""
    form = PermitForm(runner)
    qtbot.addWidget(form)
    form.resize(420, 700)
    form.show()
    with qtbot.waitSignal(form.form.sig_draft_loaded, timeout=5000):
        form.use(desk(vault))
    type_all(qtbot, form, {**BASE, **BOUNDARIES[1][0]})
    items = form.findings
    breach = next(i for i in range(items.count()) if items.item(i).text().startswith("BREACH:"))
    line = items.fontMetrics().lineSpacing()
    assert items.visualItemRect(items.item(breach)).height() >= 2 * line
    assert not items.horizontalScrollBar().isVisible()
