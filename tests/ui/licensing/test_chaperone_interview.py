"""The chaperone interview and decision through the real widgets, on a real vault.

An applicant with every check in place: a topic left without notes is refused by name and
nothing typed is lost; the full interview is recorded and signed on the task runner; an
approval shows its card number and a three-year expiry (announced before signing); a refusal
without reasons is refused by name.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from oxfield.clock import FixedClock
from oxfield.services.chaperones import Outcome, Topic
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import ready_applicant
from ui.licensing.chaperone_data import ChaperoneDesk
from ui.licensing.chaperone_interview import ChaperoneInterviewScreen
from ui.tasks import TaskRunner


def press(qtbot, screen: ChaperoneInterviewScreen, button: QPushButton) -> None:
    """Press and wait for the lane's answer, whichever it is."""
    signals = (screen.sig_recorded, screen.sig_decided, screen.sig_failed)
    seen: list[int] = []
    for i, signal in enumerate(signals):
        signal.connect(lambda *_a, i=i: seen.append(i))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)


def make(qtbot, vault: Vault, runner: TaskRunner) -> ChaperoneInterviewScreen:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 3, 25, 10, 0, tzinfo=UTC)))
    with writing(vault, actor) as s:
        applicant = ready_applicant(s)
        s.flush()
    screen = ChaperoneInterviewScreen()
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.sig_loaded):
        screen.use(ChaperoneDesk(vault, actor), runner)
    assert screen.applicant.currentData() == applicant.id
    assert screen.expiry.text().startswith("An approval signed today runs to 25/03/2029 (3 years")
    return screen


def test_interview_then_approval_shows_card_and_expiry(
    qtbot, vault: Vault, runner: TaskRunner
) -> None:
    screen = make(qtbot, vault, runner)
    for topic in Topic:
        if topic is not Topic.TOURING:
            screen.notes[topic].setText(f"Discussed {topic.name.lower()}")
    screen.overall.setPlainText("Calm; clear on safeguarding.")
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)  # refused at once
    assert screen.message.text() == f"topics: write notes for '{Topic.TOURING.value}'"
    assert screen.overall.toPlainText() == "Calm; clear on safeguarding."
    screen.notes[Topic.TOURING].setText("Lodging rules understood")
    press(qtbot, screen, screen.record_button)
    assert screen.message.text() == "Interview recorded and signed."
    screen.outcome.setCurrentIndex(screen.outcome.findData(Outcome.APPROVE.name))
    press(qtbot, screen, screen.decide_button)
    text = screen.message.text()
    assert text.startswith("Approval signed: ID card ") and text.endswith("until 25/03/2029.")
    assert not screen.decide_button.isEnabled()


def test_refusal_needs_reasons(qtbot, vault: Vault, runner: TaskRunner) -> None:
    screen = make(qtbot, vault, runner)
    for topic in Topic:
        screen.notes[topic].setText("Unclear")
        screen.assessments[topic].setCurrentIndex(2)  # Concern
    screen.overall.setPlainText("Did not understand the handover rules.")
    press(qtbot, screen, screen.record_button)
    assert screen.message.text() == "Interview recorded and signed."
    screen.outcome.setCurrentIndex(screen.outcome.findData(Outcome.REFUSE.name))
    press(qtbot, screen, screen.decide_button)
    assert "reasons" in screen.message.text()
    assert screen.decide_button.isEnabled()
    screen.reasons.setPlainText("A reference raised a safeguarding concern.")
    press(qtbot, screen, screen.decide_button)
    assert screen.message.text() == "Refusal signed."
