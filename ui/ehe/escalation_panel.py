"""The statutory route on one case: s437(1) notice, school nomination, school attendance order,
CME referral, each dated with its letter; plus the case summary for the file.

Each action runs through the task runner; the list of steps is reloaded after each write and
shows every step's deadline. Letters are previewed from memory (see :mod:`ui.ehe.pdf_preview`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.errors import ValidationError
from oxfield.services.ehe_escalation import (
    BY_HAND,
    FIRST_CLASS_POST,
    StepView,
    refer_cme,
    serve_s437_notice,
    serve_sao,
    serve_school_nomination,
    steps_of,
)
from oxfield.services.ehe_reports import render_case_summary, render_step_letter
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from oxfield.text import humanise
from ui.ehe.dates import parse_day
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.ehe.school_picker import SchoolPicker
from ui.messages import message_for
from ui.tasks import TaskRunner


def step_text(step: StepView) -> str:
    served = f"{step.served_on:%d/%m/%Y}" if step.served_on else "not served"
    deadline = f"; respond by {step.respond_by:%d/%m/%Y}" if step.respond_by else ""
    return f"{humanise(step.step.value)}: served {served}{deadline}"


class EscalationPanel(QWidget):
    sig_steps_loaded = Signal(list)
    sig_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        vault: Vault,
        actor: Actor,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Statutory steps")
        self._runner, self._vault, self._actor = runner, vault, actor
        self._case_id, self._today = case_id, today
        self.steps: list[StepView] = []
        self.sent_on = QLineEdit(f"{today:%d/%m/%Y}", self)
        self.sent_on.setAccessibleName("Date sent")
        self.method = QComboBox(self)
        self.method.setAccessibleName("How it was sent")
        for method in (FIRST_CLASS_POST, BY_HAND):
            self.method.addItem(method.capitalize(), method)
        self.reasons = QLineEdit(self)
        self.reasons.setAccessibleName("Reasons")
        self.school = SchoolPicker(runner, vault, "School named", self)
        self.steps_list = QListWidget(self)
        self.steps_list.setAccessibleName("Steps taken")
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setAccessibleName("Steps message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        for label, widget in (
            ("Date sent", self.sent_on),
            ("How it was sent", self.method),
            ("Reasons", self.reasons),
            ("School named", self.school),
        ):
            form.addRow(f"{label}:", widget)
        self.s437_button = self._button("Serve s437(1) notice", self._serve_s437)
        self.nomination_button = self._button(
            "Serve school nomination",
            lambda: self._serve_school_step("school nomination served", serve_school_nomination),
        )
        self.sao_button = self._button(
            "Serve school attendance order",
            lambda: self._serve_school_step("school attendance order served", serve_sao),
        )
        self.cme_button = self._button("Refer as child missing education", self._refer_cme)
        self.letter_button = QPushButton("Preview latest step's letter...", self)
        self.letter_button.setAccessibleName("Preview latest step's letter")
        self.letter_button.clicked.connect(lambda: self.open_step_letter().open())
        self.summary_button = QPushButton("Preview case summary...", self)
        self.summary_button.setAccessibleName("Preview case summary")
        self.summary_button.clicked.connect(lambda: self.open_case_summary().open())
        grid = QGridLayout()
        buttons = (
            self.s437_button,
            self.nomination_button,
            self.sao_button,
            self.cme_button,
            self.letter_button,
            self.summary_button,
        )
        for n, button in enumerate(buttons):
            grid.addWidget(button, n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.steps_list)
        layout.addWidget(self.message)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    # --- the steps -------------------------------------------------------------------------

    def refresh(self) -> None:
        vault, case_id = self._vault, self._case_id
        self._run("load steps", lambda _p: steps_of(vault, case_id), self._on_steps)

    def _on_steps(self, steps: list[StepView]) -> None:
        self.steps = steps
        self.steps_list.clear()
        for step in steps:
            self.steps_list.addItem(step_text(step))
        self.letter_button.setEnabled(bool(steps))
        self.sig_steps_loaded.emit(steps)

    def _inputs(self, urn_needed: bool) -> tuple[date, str, int] | None:
        try:
            sent = parse_day(self.sent_on.text(), "Date sent")
            urn = self.school.urn
            if urn_needed and urn is None:
                raise ValidationError(
                    "School named: choose the school from the list (type its name, town or URN)",
                    "school_urn",
                )
        except ValidationError as exc:
            self._on_failed(exc)
            return None
        assert sent is not None
        return sent, str(self.method.currentData()), urn or 0

    def _write(self, name: str, work: Callable[[Any], object]) -> None:
        self._run(name, work, lambda _r: self._on_written(name))

    def _on_written(self, name: str) -> None:
        self.message.setText(f"Done: {name}.")
        self.refresh()

    def _serve_s437(self) -> None:
        got = self._inputs(False)
        if got is None:
            return
        (sent, method, _u), reasons = got, self.reasons.text()
        vault, actor, case_id = self._vault, self._actor, self._case_id
        self._write(
            "s437(1) notice served",
            lambda _p: serve_s437_notice(
                vault, actor, case_id, sent_on=sent, reasons=reasons, method=method
            ),
        )

    def _serve_school_step(self, name: str, serve: Callable[..., str]) -> None:
        """The school nomination notice or the SAO: both name a school."""
        got = self._inputs(True)
        if got is None:
            return
        sent, method, urn = got
        vault, actor, case_id = self._vault, self._actor, self._case_id
        self._write(
            name,
            lambda _p: serve(vault, actor, case_id, sent_on=sent, school_urn=urn, method=method),
        )

    def _refer_cme(self) -> None:
        got = self._inputs(False)
        if got is None:
            return
        sent, reason = got[0], self.reasons.text()
        vault, actor, case_id = self._vault, self._actor, self._case_id
        self._write(
            "referred as CME",
            lambda _p: refer_cme(vault, actor, case_id, on=sent, reason=reason),
        )

    # --- letters ---------------------------------------------------------------------------

    def open_step_letter(self) -> PdfPreviewDialog:
        vault = self._vault
        step_id = self.steps[-1].id if self.steps else ""
        dialog = PdfPreviewDialog(
            self._runner, "Statutory letter", lambda: render_step_letter(vault, step_id), self
        )
        dialog.start()
        return dialog

    def open_case_summary(self) -> PdfPreviewDialog:
        vault, case_id, today = self._vault, self._case_id, self._today
        dialog = PdfPreviewDialog(
            self._runner, "Case summary", lambda: render_case_summary(vault, case_id, today), self
        )
        dialog.start()
        return dialog

    # --- plumbing --------------------------------------------------------------------------

    def _run(self, name: str, work: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        self._runner.run(name, work, on_finished=done, on_failed=self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        self.message.setText(text)
        self.sig_failed.emit(text)
