"""The chaperone interview, recorded offline as a structured record, and the decision.

Each topic an approving council covers gets the officer's notes and an assessment; then the
overall impressions and a recommendation, recorded and signed in one step. The decision
(approve, approve with restrictions, refuse) is signed; an approval shows its ID card number
and expiry (the council's approval length is shown before signing). A refused input shows the
service's message naming the field and keeps the form. Every call to the vault runs on the task
runner's database lane; ``sig_recorded`` and ``sig_decided`` say when it has landed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.chaperones import Assessment, Outcome, Topic, TopicRecord
from oxfield.services.chaperones_status import add_years
from ui.licensing.chaperone_data import Applicant, ChaperoneDesk, Decided
from ui.messages import message_for
from ui.tasks import TaskRunner


class ChaperoneInterviewScreen(QWidget):
    sig_loaded = Signal()
    sig_recorded = Signal()
    sig_decided = Signal(object)  # Decided
    sig_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Chaperone interview")
        self.desk: ChaperoneDesk | None = None
        self.runner: TaskRunner | None = None
        self._years = 3
        self._wanted: str | None = None
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.applicant = QComboBox(self)
        self.applicant.setAccessibleName("Applicant")
        topics = QGroupBox("Interview topics", self)
        topics.setAccessibleName("Interview topics")
        form = QFormLayout(topics)
        self.notes: dict[Topic, QLineEdit] = {}
        self.assessments: dict[Topic, QComboBox] = {}
        for topic in Topic:
            notes = QLineEdit(topics)
            notes.setAccessibleName(f"Notes: {topic.value}")
            assessment = QComboBox(topics)
            assessment.setAccessibleName(f"Assessment: {topic.value}")
            for level in Assessment:
                assessment.addItem(level.value, level.name)
            form.addRow(topic.value, notes)
            form.addRow("Assessment", assessment)
            self.notes[topic], self.assessments[topic] = notes, assessment
        self.overall = QPlainTextEdit(self)
        self.overall.setAccessibleName("Overall impressions")
        self.recommendation = QLineEdit(self)
        self.recommendation.setAccessibleName("Recommendation")
        self.record_button = QPushButton("Record and si&gn the interview", self)
        self.record_button.setAccessibleName("Record and sign the interview")
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("Decision")
        for value in Outcome:
            self.outcome.addItem(value.value.capitalize(), value.name)
        self.reasons = QPlainTextEdit(self)
        self.reasons.setAccessibleName("Restrictions or reasons")
        self.expiry = QLabel("", self)
        self.expiry.setWordWrap(True)
        self.expiry.setAccessibleName("Approval expiry")
        self.decide_button = QPushButton("Sign the &decision", self)
        self.decide_button.setAccessibleName("Sign the decision")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("Applicant", self))
        layout.addWidget(self.applicant)
        layout.addWidget(topics)
        lower = QFormLayout()
        lower.addRow("Overall impressions", self.overall)
        lower.addRow("Recommendation", self.recommendation)
        lower.addRow(self.record_button)
        lower.addRow("Decision", self.outcome)
        lower.addRow("Restrictions or reasons", self.reasons)
        lower.addRow(self.expiry)
        lower.addRow(self.decide_button)
        layout.addLayout(lower)
        self.record_button.clicked.connect(self._on_record)
        self.decide_button.clicked.connect(self._on_decide)

    def use(self, desk: ChaperoneDesk, runner: TaskRunner, select: str | None = None) -> None:
        """Load the applicants (on the lane) and pick ``select`` when they arrive."""
        self.desk, self.runner, self._wanted = desk, runner, select
        self.record_button.setEnabled(True)
        self.decide_button.setEnabled(True)

        def work(_p: Any) -> tuple[list[Applicant], int]:
            return desk.applicants(), desk.approval_years()

        runner.run("chaperone applicants", work, on_finished=self._on_loaded, on_failed=self._fail)

    def _on_loaded(self, result: tuple[list[Applicant], int]) -> None:
        applicants, self._years = result
        self.applicant.clear()
        for applicant in applicants:
            self.applicant.addItem(applicant.name, applicant.id)
        if self._wanted is not None:
            self.applicant.setCurrentIndex(max(self.applicant.findData(self._wanted), 0))
        today = self.desk.today() if self.desk else date.today()
        self.expiry.setText(
            f"An approval signed today runs to {add_years(today, self._years):%d/%m/%Y} "
            f"({self._years} years, the council's setting)."
        )
        self.sig_loaded.emit()

    def detach(self) -> None:
        self.desk = None
        self.runner = None
        self.applicant.clear()
        for widget in (*self.notes.values(), self.recommendation):
            widget.clear()
        self.overall.clear()
        self.reasons.clear()
        self.message.clear()
        self.expiry.clear()

    def _fail(self, exc: BaseException) -> None:
        self.message.setText(message_for(exc))
        self.sig_failed.emit(self.message.text())

    def _on_record(self) -> None:
        desk, runner, chaperone_id = self.desk, self.runner, self.applicant.currentData()
        if desk is None or runner is None or chaperone_id is None:
            return
        missing = [t for t, w in self.notes.items() if not w.text().strip()]
        if missing:
            self.message.setText(f"topics: write notes for '{missing[0].value}'")
            self.notes[missing[0]].setFocus()
            return
        topics = {
            t: TopicRecord(
                self.notes[t].text().strip(), Assessment[self.assessments[t].currentData()]
            )
            for t in Topic
        }
        overall, recommendation = self.overall.toPlainText(), self.recommendation.text()

        def work(_p: Any) -> None:
            desk.interview(chaperone_id, topics, overall, recommendation)

        runner.run("record interview", work, on_finished=self._on_recorded, on_failed=self._fail)

    def _on_recorded(self, _result: object) -> None:
        self.message.setText("Interview recorded and signed.")
        self.record_button.setEnabled(False)
        self.sig_recorded.emit()

    def _on_decide(self) -> None:
        desk, runner, chaperone_id = self.desk, self.runner, self.applicant.currentData()
        if desk is None or runner is None or chaperone_id is None:
            return
        outcome, reasons = Outcome[self.outcome.currentData()], self.reasons.toPlainText()

        def work(_p: Any) -> Decided:
            return desk.decide(chaperone_id, outcome, reasons)

        runner.run("sign decision", work, on_finished=self._on_decided, on_failed=self._fail)

    def _on_decided(self, decided: Decided) -> None:
        if decided.outcome is Outcome.REFUSE:
            self.message.setText("Refusal signed.")
        else:
            until = f"{decided.approved_until:%d/%m/%Y}" if decided.approved_until else ""
            self.message.setText(
                f"Approval signed: ID card {decided.card_number}, approved until {until}."
            )
        self.decide_button.setEnabled(False)
        self.sig_decided.emit(decided)
