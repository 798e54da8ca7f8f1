"""The lower parts of the inspection screen: correcting an event, and closing the inspection.

:class:`CorrectionPanel` moves a tapped event to the right time with a reason (the service keeps
the first time). :class:`ClosingPanel` holds the checklist (each item satisfactory, not, or not
applicable, with a note), the education hours, findings, actions, the outcome with Sign, and the
report button. Both only emit what the officer asked for; the screen does the writing.
"""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.licensing_inspection import REGULATIONS, Item
from ui.licensing.inspection_data import InspectionView

ANSWERS: tuple[tuple[str, bool | None], ...] = (
    ("Satisfactory", True),
    ("Not satisfactory", False),
    ("Not applicable", None),
)


class CorrectionPanel(QGroupBox):
    sig_apply = Signal(int, QTime, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Correct an event's time", parent)
        self.setAccessibleName("Correct an event's time")
        self.event_choice = QComboBox(self)
        self.event_choice.setAccessibleName("Event to correct")
        self.time = QTimeEdit(self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Corrected time")
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason for the correction")
        self.apply_button = QPushButton("Apply &correction", self)
        self.apply_button.setAccessibleName("Apply correction")
        form = QFormLayout(self)
        form.addRow("Event", self.event_choice)
        form.addRow("Time", self.time)
        form.addRow("Reason", self.reason)
        form.addRow(self.apply_button)
        self.apply_button.clicked.connect(self._on_apply)

    def set_events(self, events: list[tuple[int, str]]) -> None:
        current = self.event_choice.currentData()
        self.event_choice.clear()
        for event_id, text in events:
            self.event_choice.addItem(text, event_id)
        index = self.event_choice.findData(current)
        if index >= 0:
            self.event_choice.setCurrentIndex(index)

    def _on_apply(self) -> None:
        event_id = self.event_choice.currentData()
        self.sig_apply.emit(
            -1 if event_id is None else int(event_id), self.time.time(), self.reason.text()
        )


class ClosingPanel(QGroupBox):
    sig_answer = Signal(object, object, str)  # Item, bool | None, note
    sig_education = Signal(int)
    sig_finding = Signal(str, str)
    sig_action = Signal(str)
    sig_sign = Signal(str)
    sig_report = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Checklist, findings and signing", parent)
        self.setAccessibleName("Checklist, findings and signing")
        layout = QVBoxLayout(self)
        self.answers: dict[Item, QComboBox] = {}
        self.notes: dict[Item, QLineEdit] = {}
        self.saves: dict[Item, QPushButton] = {}
        for item in Item:
            row = QHBoxLayout()
            label = QLabel(f"{item.value} ({REGULATIONS[item.name]})", self)
            label.setWordWrap(True)
            answer = QComboBox(self)
            answer.setAccessibleName(f"Answer: {item.value}")
            answer.addItem("Not answered", "unset")
            for text, value in ANSWERS:
                answer.addItem(text, value)
            note = QLineEdit(self)
            note.setAccessibleName(f"Note: {item.value}")
            save = QPushButton("Save", self)
            save.setAccessibleName(f"Save answer: {item.value}")
            save.clicked.connect(lambda _=False, i=item: self._on_save(i))
            label.setBuddy(answer)
            row.addWidget(label, 2)
            row.addWidget(answer)
            row.addWidget(note, 1)
            row.addWidget(save)
            layout.addLayout(row)
            self.answers[item], self.notes[item], self.saves[item] = answer, note, save
        self.education = QSpinBox(self)
        self.education.setRange(0, 24 * 60)
        self.education.setSuffix(" min")
        self.education.setAccessibleName("Education provided today, minutes")
        self.education_button = QPushButton("Save education", self)
        self.education_button.setAccessibleName("Save education minutes")
        self.finding = QLineEdit(self)
        self.finding.setAccessibleName("Finding")
        self.regulation = QLineEdit(self)
        self.regulation.setAccessibleName("Finding's regulation")
        self.finding_button = QPushButton("Add &finding", self)
        self.finding_button.setAccessibleName("Add finding")
        self.action = QLineEdit(self)
        self.action.setAccessibleName("Action required")
        self.action_button = QPushButton("Add &action", self)
        self.action_button.setAccessibleName("Add action")
        self.recorded = QListWidget(self)
        self.recorded.setAccessibleName("Findings and actions recorded")
        self.outcome = QLineEdit(self)
        self.outcome.setAccessibleName("Outcome")
        self.sign_button = QPushButton("Si&gn the inspection", self)
        self.sign_button.setAccessibleName("Sign the inspection")
        self.report_button = QPushButton("Inspection &report...", self)
        self.report_button.setAccessibleName("Inspection report")
        form = QFormLayout()
        form.addRow("Education (minutes)", self.education)
        form.addRow(self.education_button)
        form.addRow("Finding", self.finding)
        form.addRow("Regulation", self.regulation)
        form.addRow(self.finding_button)
        form.addRow("Action", self.action)
        form.addRow(self.action_button)
        form.addRow("Recorded", self.recorded)
        form.addRow("Outcome", self.outcome)
        form.addRow(self.sign_button)
        form.addRow(self.report_button)
        layout.addLayout(form)
        self.education_button.clicked.connect(
            lambda: self.sig_education.emit(self.education.value())
        )
        self.finding_button.clicked.connect(self._on_finding)
        self.action_button.clicked.connect(self._on_action)
        self.sign_button.clicked.connect(lambda: self.sig_sign.emit(self.outcome.text()))
        self.report_button.clicked.connect(self.sig_report.emit)

    def answer(self, item: Item, text: str, note: str = "") -> None:
        """Choose an answer by its text and save it (for keyboard macros and tests)."""
        self.answers[item].setCurrentText(text)
        self.notes[item].setText(note)
        self.saves[item].click()

    def _on_save(self, item: Item) -> None:
        value = self.answers[item].currentData()
        if value == "unset":
            return
        self.sig_answer.emit(item, value, self.notes[item].text())

    def _on_finding(self) -> None:
        self.sig_finding.emit(self.finding.text(), self.regulation.text())

    def _on_action(self) -> None:
        self.sig_action.emit(self.action.text())

    def show_view(self, view: InspectionView) -> None:
        lines = [f"Finding: {t}" for t in view.findings] + [f"Action: {t}" for t in view.actions]
        if [self.recorded.item(i).text() for i in range(self.recorded.count())] != lines:
            self.recorded.clear()
            self.recorded.addItems(lines)
            self.finding.clear()
            self.regulation.clear()
            self.action.clear()
        editable = not view.signed
        for widget in (
            *self.answers.values(),
            *self.notes.values(),
            *self.saves.values(),
            self.education,
            self.education_button,
            self.finding,
            self.regulation,
            self.finding_button,
            self.action,
            self.action_button,
            self.outcome,
            self.sign_button,
        ):
            widget.setEnabled(editable)
        self.report_button.setEnabled(True)
