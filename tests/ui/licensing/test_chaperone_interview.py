"""The chaperone interview and decision through the real widgets, on a real vault.

An applicant with every check in place: a topic left without notes is refused by name and
nothing typed is lost; the full interview is recorded and signed; an approval shows its card
number and a three-year expiry; a refusal without reasons is refused by name.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from oxfield.clock import FixedClock
from oxfield.services.chaperones import Outcome, Topic
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.licensing_helpers import ready_applicant
from ui.licensing.chaperone_data import ChaperoneDesk
from ui.licensing.chaperone_interview import ChaperoneInterviewScreen


def make(qtbot, vault: Vault) -> ChaperoneInterviewScreen:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 3, 25, 10, 0, tzinfo=UTC)))
    with writing(vault, actor) as s:
        applicant = ready_applicant(s)
        s.flush()
    screen = ChaperoneInterviewScreen()
    qtbot.addWidget(screen)
    screen.use(ChaperoneDesk(vault, actor))
    assert screen.applicant.currentData() == applicant.id
    return screen


def test_interview_then_approval_shows_card_and_expiry(qtbot, vault: Vault) -> None:
    screen = make(qtbot, vault)
    for topic in Topic:
        if topic is not Topic.TOURING:
            screen.notes[topic].setText(f"Discussed {topic.name.lower()}")
    screen.overall.setPlainText("Calm; clear on safeguarding.")
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == f"topics: write notes for '{Topic.TOURING.value}'"
    assert screen.overall.toPlainText() == "Calm; clear on safeguarding."
    screen.notes[Topic.TOURING].setText("Lodging rules understood")
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Interview recorded and signed."
    screen.outcome.setCurrentIndex(screen.outcome.findData(Outcome.APPROVE.name))
    qtbot.mouseClick(screen.decide_button, Qt.MouseButton.LeftButton)
    text = screen.message.text()
    assert text.startswith("Approval signed: ID card ") and text.endswith("until 25/03/2029.")
    assert not screen.decide_button.isEnabled()


def test_refusal_needs_reasons(qtbot, vault: Vault) -> None:
    screen = make(qtbot, vault)
    for topic in Topic:
        screen.notes[topic].setText("Unclear")
        screen.assessments[topic].setCurrentIndex(2)  # Concern
    screen.overall.setPlainText("Did not understand the handover rules.")
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Interview recorded and signed."
    screen.outcome.setCurrentIndex(screen.outcome.findData(Outcome.REFUSE.name))
    qtbot.mouseClick(screen.decide_button, Qt.MouseButton.LeftButton)
    assert "reasons" in screen.message.text()
    assert screen.decide_button.isEnabled()
    screen.reasons.setPlainText("A reference raised a safeguarding concern.")
    qtbot.mouseClick(screen.decide_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Refusal signed."
