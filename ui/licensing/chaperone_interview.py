"""The chaperone interview, recorded offline as a structured record, and the decision.

Each topic an approving council covers gets the officer's notes and an assessment; then the
overall impressions and a recommendation, recorded and signed in one step. The decision
(approve, approve with restrictions, refuse) is signed; an approval shows its ID card number
and expiry. A refused input shows the service's message naming the field and keeps the form.
"""

from __future__ import annotations

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

from oxfield.errors import OxFieldError
from oxfield.services.chaperones import Assessment, Outcome, Topic, TopicRecord
from ui.licensing.chaperone_data import ChaperoneDesk


class ChaperoneInterviewScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Chaperone interview")
        self.desk: ChaperoneDesk | None = None
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
        lower.addRow(self.decide_button)
        layout.addLayout(lower)
        self.record_button.clicked.connect(self._on_record)
        self.decide_button.clicked.connect(self._on_decide)

    def use(self, desk: ChaperoneDesk) -> None:
        self.desk = desk
        self.applicant.clear()
        for applicant in desk.applicants():
            self.applicant.addItem(applicant.name, applicant.id)

    def detach(self) -> None:
        self.desk = None
        self.applicant.clear()
        for widget in (*self.notes.values(), self.recommendation):
            widget.clear()
        self.overall.clear()
        self.reasons.clear()
        self.message.clear()

    def _on_record(self) -> None:
        if self.desk is None or self.applicant.currentData() is None:
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
        try:
            self.desk.interview(
                self.applicant.currentData(),
                topics,
                self.overall.toPlainText(),
                self.recommendation.text(),
            )
        except OxFieldError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("Interview recorded and signed.")
        self.record_button.setEnabled(False)

    def _on_decide(self) -> None:
        if self.desk is None or self.applicant.currentData() is None:
            return
        try:
            decided = self.desk.decide(
                self.applicant.currentData(),
                Outcome[self.outcome.currentData()],
                self.reasons.toPlainText(),
            )
        except OxFieldError as exc:
            self.message.setText(str(exc))
            return
        if decided.outcome is Outcome.REFUSE:
            self.message.setText("Refusal signed.")
        else:
            until = f"{decided.approved_until:%d/%m/%Y}" if decided.approved_until else ""
            self.message.setText(
                f"Approval signed: ID card {decided.card_number}, approved until {until}."
            )
        self.decide_button.setEnabled(False)
