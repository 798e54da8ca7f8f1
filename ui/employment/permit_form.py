"""The employment permit form: the employer's application, with the byelaw findings shown live.

The officer types the child, the employer, the job and the hours day by day for a term week
and a holiday week. Every change runs the rules engine on the task runner's pool (never on the
GUI thread) and only the newest answer is shown: each field's message beside it, and the
findings with their regulations and the verdict (issue, review, refuse) underneath, so a shift
a quarter of an hour too long shows its breach as it is typed. The text is autosaved as a
draft; Record stores the application, and the area then shows its check, issue and PDF.

The child is picked from the vault (``ChildPicker``: their name and date of birth fill the form
and cannot be typed over) or typed as new; a typed child who matches one in the vault blocks
Record until the officer uses that child or says this is a different one. A restored draft
keeps the typing, not the pick: the match is found again and offered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.employment_children import ChildChoice
from oxfield.services.employment_forms import FIELDS, LiveCheck, live_check
from oxfield.services.employment_list import finding_line
from ui.chaperones.typed_form import TypedForm
from ui.employment.child_picker import ChildPicker
from ui.licensing.permit_check import PermitDesk
from ui.messages import message_for
from ui.tasks import TaskRunner
from ui.widgets.findings_list import findings_list

FORM_NAME = "employment_permit"
CHILD_FIELDS = ("child_given_names", "child_family_name", "child_date_of_birth")


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
        self.ready = False
        self.picker = ChildPicker(runner, self)
        self.form = TypedForm(runner, FORM_NAME, FIELDS, parent=self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.verdict = QLabel(self)
        self.verdict.setAccessibleName("Live verdict")
        self.verdict.setWordWrap(True)
        self.findings = findings_list(self, "Live findings")
        self.record_button = QPushButton("&Record the application", self)
        self.record_button.setAccessibleName("Record the application")
        self.record_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Permit form message")
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(scroll, 2)
        layout.addWidget(self.verdict)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.record_button)
        layout.addWidget(self.message)
        self.form.sig_edited.connect(self._on_edited)
        self.picker.sig_chosen.connect(self._on_child_chosen)
        self.picker.sig_same_checked.connect(lambda _b: self._enable_record())
        self.form.sig_draft_loaded.connect(lambda _found: self._on_edited(CHILD_FIELDS[0]))
        self.record_button.clicked.connect(self._on_record)

    def use(self, desk: PermitDesk) -> None:
        self.desk = desk
        self.picker.use(desk.vault)
        # no check of its own: the messages come from the live check, off the GUI thread
        self.form.bind(desk.vault, None, None, "a new permit application")
        self.form.load_draft_async()

    def detach(self) -> None:
        self._seq += 1
        self.desk = None
        self.picker.detach()
        self.form.save_then_clear()
        self._unlock_child()
        self.findings.clear()
        self.verdict.clear()
        self.message.clear()
        self.record_button.setEnabled(False)

    # --- the child -------------------------------------------------------------------------

    def _child_edits(self) -> list[QLineEdit]:
        return [w for n in CHILD_FIELDS if isinstance(w := self.form.widgets[n], QLineEdit)]

    def _on_child_chosen(self, choice: ChildChoice | None) -> None:
        """The chosen child's name and date of birth fill the form; undone, they are cleared."""
        texts = (
            (choice.given_names, choice.family_name, f"{choice.date_of_birth:%d/%m/%Y}")
            if choice is not None
            else ("", "", "")
        )
        for edit, text in zip(self._child_edits(), texts, strict=True):
            edit.setReadOnly(choice is not None)
            edit.setText(text)  # each change runs the live check

    def _unlock_child(self) -> None:
        for edit in self._child_edits():
            edit.setReadOnly(False)

    def _on_edited(self, name: str) -> None:
        if name in CHILD_FIELDS and self.picker.chosen is None:
            fields = self.form.fields()
            self.picker.check_same(*(fields[n] for n in CHILD_FIELDS))
        self.check_now()

    def _enable_record(self) -> None:
        self.record_button.setEnabled(self.ready and not self.picker.blocking)

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
        fields_ok = self.form.show_messages(result.messages)
        self.findings.clear()
        if result.assessment is None:
            self.verdict.setText("Findings appear when the child, job, start date and hours read.")
        else:
            self.verdict.setText(f"Rules verdict: {result.assessment.verdict.value}.")
            lines = [finding_line(f) for f in result.assessment.findings]
            self.findings.addItems(lines or ["No findings."])
        self.ready = fields_ok
        self._enable_record()
        self.sig_findings.emit()

    def finding_lines(self) -> list[str]:
        return [self.findings.item(i).text() for i in range(self.findings.count())]

    # --- recording -------------------------------------------------------------------------

    def _on_record(self) -> None:
        desk = self.desk
        if desk is None or not self.ready or self.picker.blocking:
            return
        chosen = self.picker.chosen
        fields = {
            **self.form.fields(),
            "child_id": chosen.id if chosen is not None else "",
            "new_child": "yes" if self.picker.new_confirmed else "",
        }
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
        self.picker.clear()
        self._unlock_child()
        self.form.set_fields({})
        self.findings.clear()
        self.verdict.clear()
        self.message.setText("Application recorded.")
        self.sig_recorded.emit(permit_id)

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(message_for(exc))
        self.record_button.setEnabled(True)
        self.sig_failed.emit(self.message.text())
