"""The statutory route through the real widgets: s437(1) notice, school nomination (15 days to
choose), school attendance order, and a CME referral, each step's letter read back with pypdf
and each next deadline on the officer's Today view.

Dates are chosen to cross the Christmas bank holidays (first class post is served on the second
business day after posting) and the clock changes (the Today view works in London dates, so a
deadline on the night the clocks change is due, not overdue, at 00:30 local time).
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from PySide6.QtCore import Qt

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheCase, EheOutcome, EheSource, EheStatus
from oxfield.services import records
from oxfield.services.ehe import CaseIntake, ParentIn, open_case
from oxfield.services.ehe_escalation import BY_HAND, FIRST_CLASS_POST
from ui.ehe.escalation_panel import EscalationPanel
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.session import DesktopSession
from ui.views.today_view import TodayView

ST_MARYS_CHIPPING_NORTON = 123227

#: every widget a test makes, held until the test ends: qtbot holds only weak references, and a
#: widget in a reference cycle left to the cyclic collector may be destroyed on a worker thread
KEPT: list[object] = []


@pytest.fixture(autouse=True)
def _keep_widgets() -> Iterator[None]:
    yield
    KEPT.clear()
    gc.collect()  # here, on the interface thread


def new_case(vault, actor, family: str) -> str:
    return open_case(
        vault,
        actor,
        CaseIntake(
            family_name=family,
            given_names="Yusuf",
            date_of_birth=date(2014, 6, 3),
            notified_on=date(2026, 9, 7),
            source=EheSource.PARENT,
            address_line1="3 Cherwell Street",
            postcode="OX16 5NB",
            parents=(ParentIn("Amira", family),),
        ),
    ).case_id


def make_panel(qtbot, runner, vault, actor, case_id, today: date) -> EscalationPanel:
    panel = EscalationPanel(runner, vault, actor, case_id, today)
    qtbot.addWidget(panel)
    KEPT.append(panel)
    with qtbot.waitSignal(panel.sig_steps_loaded, timeout=15000):
        panel.refresh()
    qtbot.waitUntil(lambda: bool(panel.school.schools), timeout=15000)
    return panel


def serve(qtbot, panel: EscalationPanel, button, sent: str, method: str) -> list:
    panel.sent_on.clear()
    qtbot.keyClicks(panel.sent_on, sent)
    panel.method.setCurrentIndex(panel.method.findData(method))
    with qtbot.waitSignal(panel.sig_steps_loaded, timeout=15000) as loaded:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return loaded.args[0]


def letter_text(qtbot, panel: EscalationPanel) -> str:
    dialog: PdfPreviewDialog = panel.open_step_letter()
    qtbot.addWidget(dialog)
    KEPT.append(dialog)
    with qtbot.waitSignal(dialog.sig_page_drawn, timeout=30000):
        pass
    assert dialog.document is not None
    return "\n".join(
        p.extract_text() or "" for p in PdfReader(io.BytesIO(dialog.document.pdf)).pages
    )


def today_list(qtbot, runner, vault, instant: datetime) -> tuple[str, list[str]]:
    """The Today view's heading and reminders as the officer sees them at ``instant`` (UTC)."""
    view = TodayView(runner)
    qtbot.addWidget(view)
    KEPT.append(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=15000):
        view.attach(DesktopSession(vault, runner, None, clock=FixedClock(instant)))
    items = view.lists["reminders"]
    return view.heading.text(), [items.item(i).text() for i in range(items.count())]


def test_notice_nomination_and_order_across_christmas(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    case_id = new_case(vault, actor, "Haddad")
    with vault.read() as s:
        reference = records.get(s, EheCase, case_id).reference
    panel = make_panel(qtbot, runner, vault, actor, case_id, date(2026, 12, 3))

    # the s437(1) notice, posted on Thursday 3 December: served Monday 7th, 15 days to the 21st
    qtbot.keyClicks(panel.reasons, "No evidence of a full-time education")
    (notice,) = serve(qtbot, panel, panel.s437_button, "03/12/2026", FIRST_CLASS_POST)
    assert (notice.served_on, notice.respond_by) == (date(2026, 12, 7), date(2026, 12, 21))
    text = letter_text(qtbot, panel)
    assert "437" in text and "21 December 2026" in text and "Amira Haddad" in text
    heading, due = today_list(qtbot, runner, vault, datetime(2026, 12, 21, 9, 0, tzinfo=UTC))
    assert heading == "Today, Monday 21 December 2026"
    assert f"21/12/2026  S437 notice period ends ({reference})" in due
    assert len(due) == 1  # and the summary counts in words that agree with the numbers
    assert KEPT[-1].summary_label.text() == (
        "0 visits and 0 inspections due, 1 reminder, 2 reviews overdue."
    )

    # the order cannot come before a nomination; the nomination names a school from the list
    panel.school.search.setFocus()
    qtbot.keyClicks(panel.school.search, "st marys chipping")
    qtbot.keyClick(panel.school.search, Qt.Key.Key_Return)
    assert panel.school.urn == ST_MARYS_CHIPPING_NORTON
    with qtbot.waitSignal(panel.sig_failed, timeout=15000) as refused:
        qtbot.mouseClick(panel.sao_button, Qt.MouseButton.LeftButton)
    assert "nomination" in refused.args[0]

    # posted Wednesday 23 December: Christmas Day and the Boxing Day substitute (Monday 28th)
    # are not business days, so it is served Tuesday 29th and the parent may choose a school
    # until 12 January 2027
    steps = serve(qtbot, panel, panel.nomination_button, "23/12/2026", FIRST_CLASS_POST)
    nomination = steps[-1]
    assert (nomination.served_on, nomination.respond_by) == (date(2026, 12, 29), date(2027, 1, 12))
    assert nomination.school_urn == ST_MARYS_CHIPPING_NORTON
    assert "12/01/2027" in panel.steps_list.item(1).text()
    text = letter_text(qtbot, panel)
    assert "Notice of intention to serve a school attendance order" in text
    assert "12 January 2027" in text and "Chipping Norton" in text
    _heading, due = today_list(qtbot, runner, vault, datetime(2027, 1, 12, 9, 0, tzinfo=UTC))
    assert f"12/01/2027  School nomination period ends ({reference})" in due
    assert not any("S437" in item for item in due)  # the earlier deadline was superseded

    # too early for the order: one message naming the last day to choose
    with qtbot.waitSignal(panel.sig_failed, timeout=15000) as refused:
        serve_failed = panel.sent_on
        serve_failed.clear()
        qtbot.keyClicks(serve_failed, "05/01/2027")
        qtbot.mouseClick(panel.sao_button, Qt.MouseButton.LeftButton)
    assert "2027-01-12" in refused.args[0]

    # the order, by hand on 13 January: no further deadline on the Today view
    steps = serve(qtbot, panel, panel.sao_button, "13/01/2027", BY_HAND)
    assert [s.step.value for s in steps] == ["s437_notice", "school_nomination", "sao_served"]
    assert steps[-1].served_on == date(2027, 1, 13) and steps[-1].respond_by is None
    text = letter_text(qtbot, panel)
    assert "School attendance order" in text and "Chipping Norton" in text
    assert "13 January 2027" in text
    _heading, due = today_list(qtbot, runner, vault, datetime(2027, 1, 13, 9, 0, tzinfo=UTC))
    assert not any(reference in item for item in due)
    with vault.read() as s:
        case = records.get(s, EheCase, case_id)
        assert (case.status, case.outcome) == (EheStatus.SAO, EheOutcome.SAO_SERVED)


def test_deadlines_on_the_nights_the_clocks_change(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    spring, autumn = new_case(vault, actor, "Nasser"), new_case(vault, actor, "Karimi")
    panel = make_panel(qtbot, runner, vault, actor, spring, date(2027, 3, 14))
    qtbot.keyClicks(panel.reasons, "No reply to requests for information")
    (notice,) = serve(qtbot, panel, panel.s437_button, "14/03/2027", BY_HAND)
    assert notice.respond_by == date(2027, 3, 28)  # the clocks go forward that night
    # 00:30 GMT on the 28th: due today; 23:30 UTC on the 28th is 00:30 BST on the 29th: late
    heading, due = today_list(qtbot, runner, vault, datetime(2027, 3, 28, 0, 30, tzinfo=UTC))
    assert heading == "Today, Sunday 28 March 2027"
    assert any(item.startswith("28/03/2027") and "overdue" not in item for item in due)
    heading, due = today_list(qtbot, runner, vault, datetime(2027, 3, 28, 23, 30, tzinfo=UTC))
    assert heading == "Today, Monday 29 March 2027"
    assert any(item.startswith("28/03/2027") and item.endswith("(overdue)") for item in due)

    panel = make_panel(qtbot, runner, vault, actor, autumn, date(2027, 10, 17))
    qtbot.keyClicks(panel.reasons, "No reply to requests for information")
    (notice,) = serve(qtbot, panel, panel.s437_button, "17/10/2027", BY_HAND)
    assert notice.respond_by == date(2027, 10, 31)  # the clocks go back that night
    # 23:30 UTC on the 30th is already 00:30 BST on the 31st in Oxfordshire: due today
    heading, due = today_list(qtbot, runner, vault, datetime(2027, 10, 30, 23, 30, tzinfo=UTC))
    assert heading == "Today, Sunday 31 October 2027"
    assert any(item.startswith("31/10/2027") and "overdue" not in item for item in due)


def test_cme_referral_closes_the_route(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    case_id = new_case(vault, actor, "Rahman")
    with vault.read() as s:
        reference = records.get(s, EheCase, case_id).reference
    panel = make_panel(qtbot, runner, vault, actor, case_id, date(2026, 12, 3))
    # not judged unsuitable yet: refused with one message
    qtbot.keyClicks(panel.reasons, "Family no longer at the address")
    with qtbot.waitSignal(panel.sig_failed, timeout=15000) as refused:
        qtbot.mouseClick(panel.cme_button, Qt.MouseButton.LeftButton)
    assert "unsuitable" in refused.args[0]
    serve(qtbot, panel, panel.s437_button, "03/12/2026", BY_HAND)
    _heading, due = today_list(qtbot, runner, vault, datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    assert any(reference in item for item in due)
    panel.sent_on.clear()
    qtbot.keyClicks(panel.sent_on, "10/12/2026")
    with qtbot.waitSignal(panel.sig_steps_loaded, timeout=15000):
        qtbot.mouseClick(panel.cme_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Done: referred as CME."
    with vault.read() as s:
        case = records.get(s, EheCase, case_id)
        assert (case.status, case.outcome) == (EheStatus.CLOSED, EheOutcome.RECLASSIFIED_CME)
        assert case.closed_on == date(2026, 12, 10)
    _heading, due = today_list(qtbot, runner, vault, datetime(2026, 12, 17, 9, 0, tzinfo=UTC))
    assert not any(reference in item for item in due)  # the s437 deadline ended with the case
    summary = panel.open_case_summary()
    qtbot.addWidget(summary)
    with qtbot.waitSignal(summary.sig_page_drawn, timeout=30000):
        pass
    assert summary.document is not None
    text = "\n".join(
        p.extract_text() or "" for p in PdfReader(io.BytesIO(summary.document.pdf)).pages
    )
    assert "Case closed: Reclassified CME" in text
