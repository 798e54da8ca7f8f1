"""The employment permit form: the employer's application, with the byelaw findings shown live.

The officer types the child, the employer, the job and the hours day by day for a term week
and a holiday week. Every change runs the rules engine on the task runner's pool (never on the
GUI thread) and only the newest answer is shown: each field's message beside it, and the
findings with their regulations and the verdict (issue, review, refuse) underneath, so a shift
a quarter of an hour too long shows its breach as it is typed. The text is autosaved as a
draft; Record stores the application, and the area then shows its check, issue and PDF.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QScrollArea, QVBoxLayout, QWidget

from oxfield.services.employment_forms import FIELDS, LiveCheck, live_check
from oxfield.services.employment_list import finding_line
from ui.chaperones.typed_form import TypedForm
from ui.licensing.permit_check import PermitDesk
from ui.messages import message_for
from ui.tasks import TaskRunner

FORM_NAME = "employment_permit"


class PermitForm(QWidget):
    sig_findings = Signal()  # the newest live check is on screen
    sig_recorded = Signal(str)  # the permit's id
    sig_failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("New permit application")
        self._runner = runner
        self.desk: PermitDesk | None = None
        self._seq = 0
        self._messages: dict[str, str] = {}
        self.ready = False
        self.form = TypedForm(runner, FORM_NAME, FIELDS, parent=self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.verdict = QLabel(self)
        self.verdict.setAccessibleName("Live verdict")
        self.verdict.setWordWrap(True)
        self.findings = QListWidget(self)
        self.findings.setAccessibleName("Live findings")
        self.record_button = QPushButton("&Record the application", self)
        self.record_button.setAccessibleName("Record the application")
        self.record_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Permit form message")
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 2)
        layout.addWidget(self.verdict)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.record_button)
        layout.addWidget(self.message)
        self.form.sig_edited.connect(lambda _n: self.check_now())
        self.form.sig_draft_loaded.connect(lambda _found: self.check_now())
        self.record_button.clicked.connect(self._on_record)

    def use(self, desk: PermitDesk) -> None:
        self.desk = desk
        self.form.bind(desk.vault, None, lambda _f: self._messages, "a new permit application")
        self.form.load_draft_async()

    def detach(self) -> None:
        self._seq += 1
        self.desk = None
        self.form.save_then_clear()
        self.findings.clear()
        self.verdict.clear()
        self.message.clear()
        self.record_button.setEnabled(False)

    # --- live check ------------------------------------------------------------------------

    def check_now(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self._seq += 1
        seq, fields, today = self._seq, self.form.fields(), desk.today()
        self._runner.run(
            "permit live check",
            lambda _p: live_check(fields, today),
            on_finished=lambda result: self._on_checked(seq, result),
            database=False,
        )

    def _on_checked(self, seq: int, result: LiveCheck) -> None:
        if seq != self._seq or self.desk is None:
            return  # a newer keystroke's check is on its way
        self._messages = result.messages
        fields_ok = self.form.show_messages(result.messages)
        self.findings.clear()
        if result.assessment is None:
            self.verdict.setText("Findings appear when the child, job, start date and hours read.")
        else:
            self.verdict.setText(f"Rules verdict: {result.assessment.verdict.value}.")
            lines = [finding_line(f) for f in result.assessment.findings]
            self.findings.addItems(lines or ["No findings."])
        self.ready = fields_ok
        self.record_button.setEnabled(fields_ok)
        self.sig_findings.emit()

    def finding_lines(self) -> list[str]:
        return [self.findings.item(i).text() for i in range(self.findings.count())]

    # --- recording -------------------------------------------------------------------------

    def _on_record(self) -> None:
        desk = self.desk
        if desk is None or not self.ready:
            return
        fields = self.form.fields()
        self.record_button.setEnabled(False)

        def work(_p: Any) -> str:
            return desk.record(fields)

        self._runner.run(
            "record permit application",
            work,
            on_finished=self._on_recorded,
            on_failed=self._on_failed,
        )

    def _on_recorded(self, permit_id: str) -> None:
        self.form.discard_draft_async(None)
        self.form.set_fields({})
        self.findings.clear()
        self.verdict.clear()
        self.message.setText("Application recorded.")
        self.sig_recorded.emit(permit_id)

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(message_for(exc))
        self.record_button.setEnabled(True)
        self.sig_failed.emit(self.message.text())
