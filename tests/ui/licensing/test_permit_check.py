"""The employment permit check through the real widgets: a pattern a quarter-hour over the
Sunday limit shows its breach and cannot be issued; low attendance needs a review note before
the permit is issued and signed, and its PDF previewed from memory."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from oxfield.clock import FixedClock
from oxfield.domain.kinds import Team
from oxfield.services.employment import PermitApplication, record_permit_application
from oxfield.services.records import Actor, create_child, writing
from oxfield.vault.vault import Vault
from ui.licensing.permit_check import PermitCheckScreen, PermitDesk
from ui.tasks import TaskRunner

STARTS = date(2026, 9, 7)  # a Monday


def apply(s, family: str, job: str, attendance: float, term: dict) -> None:
    child = create_child(
        s,
        team=Team.LICENSING,
        legal_family_name=family,
        legal_given_names="Jan",
        date_of_birth=date(2012, 3, 1),  # 14
    )
    record_permit_application(
        s,
        child,
        PermitApplication(
            employer="Cherwell News & Co",
            job=job,
            received_on=date(2026, 8, 20),
            starts_on=STARTS,
            term_week=term,
            attendance_percent=attendance,
            attendance_statement="As stated by the school",
        ),
    )


def choose(qtbot, screen: PermitCheckScreen, index: int) -> None:
    with qtbot.waitSignal(screen.sig_checked, timeout=5000):
        screen.permit.setCurrentIndex(index)


def press(qtbot, screen: PermitCheckScreen, button) -> None:
    with qtbot.waitSignal(screen.sig_acted, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    if screen.message.text() in ("Permit issued and signed.", "Refusal signed."):
        qtbot.waitSignal(screen.sig_checked, timeout=5000).wait()


def test_breach_blocks_issue_and_low_attendance_needs_review(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 8, 25, 9, 0, tzinfo=UTC)))
    with writing(vault, actor) as s:
        apply(s, "Alpha", "newspaper delivery", 95.0, {"sun": [("09:00", "11:15")]})
        apply(s, "Beta", "shop assistant", 85.0, {"sat": [("09:00", "11:00")]})
    screen = PermitCheckScreen()
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.sig_checked, timeout=5000):
        screen.use(PermitDesk(vault, actor), runner)
    labels = [screen.permit.itemText(i) for i in range(screen.permit.count())]
    assert labels == ["Jan Alpha: newspaper delivery", "Jan Beta: shop assistant"]
    assert "verdict: refuse" in screen.verdict.text()
    assert "verdict: refuse" in screen.verdict.text()
    found = [screen.findings.item(i).text() for i in range(screen.findings.count())]
    assert any(line.startswith("BREACH:") for line in found)
    press(qtbot, screen, screen.issue_button)
    assert "Cannot issue" in screen.message.text()
    assert "Status: applied" in screen.verdict.text()

    choose(qtbot, screen, labels.index("Jan Beta: shop assistant"))
    assert "verdict: review" in screen.verdict.text()
    press(qtbot, screen, screen.issue_button)
    assert screen.message.text().startswith("Review note:")
    screen.note.setText("Spoke to the school: attendance improving, permit supports it")
    assert not screen.pdf_button.isEnabled()
    press(qtbot, screen, screen.issue_button)
    assert screen.message.text() == "Permit issued and signed."
    assert "Status: issued" in screen.verdict.text()
    assert screen.pdf_button.isEnabled()
    preview = screen.open_pdf()
    assert preview is not None
    qtbot.waitUntil(lambda: bool(preview.pages), timeout=10000)
    assert "Cherwell News & Co" in preview.text.toPlainText()
    preview.close()
