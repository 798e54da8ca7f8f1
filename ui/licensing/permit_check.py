"""The employment permit check: the rules engine's verdict on an application, then the decision.

Pick an application: the verdict (issue, review, refuse) and every finding with its regulation
are shown in words. Issue signs the permit (a review note is required when attendance is below
Oxfordshire's threshold); Refuse needs reasons. The service refuses a wrong step by name, and
the screen shows that message and keeps what was typed. An issued permit's PDF is previewed
from memory. Every vault call runs on the task runner's database lane.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.domain.employment import EmploymentPermit
from oxfield.services import employment as em
from oxfield.services.ehe_reports import Document
from oxfield.services.employment_documents import permit_pdf
from oxfield.services.employment_forms import record_from_form
from oxfield.services.employment_list import (
    PermitCheck,
    PermitRow,
    fetch_permit_rows,
    find_permit_ids,
    permit_check,
    permit_choices,
)
from oxfield.services.records import Actor, writing
from oxfield.services.vaults import Vault
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.messages import message_for
from ui.tasks import TaskRunner
from ui.widgets.findings_list import findings_list

__all__ = ["PermitCheck", "PermitCheckScreen", "PermitDesk"]


class PermitDesk:
    """Plain calls for the permit screens: one short vault transaction each."""

    def __init__(self, vault: Vault, actor: Actor) -> None:
        self.vault = vault
        self.actor = actor

    def today(self) -> date:
        return self.actor.clock.today()

    def permits(self) -> list[tuple[str, str]]:
        return permit_choices(self.vault)

    def find(self, sort: str = "reference", descending: bool = True) -> list[str]:
        return find_permit_ids(self.vault, sort, descending)

    def rows(self, ids: Sequence[str]) -> list[PermitRow]:
        return fetch_permit_rows(self.vault, ids)

    def check(self, permit_id: str) -> PermitCheck:
        return permit_check(self.vault, permit_id)

    def record(self, fields: dict[str, str]) -> str:
        with writing(self.vault, self.actor) as s:
            return record_from_form(s, fields, self.today())

    def issue(self, permit_id: str, note: str, on: date) -> None:
        with writing(self.vault, self.actor) as s:
            em.issue_permit(s.get_one(EmploymentPermit, permit_id), self.actor, on, note)

    def refuse(self, permit_id: str, reasons: str) -> None:
        with writing(self.vault, self.actor) as s:
            em.refuse_permit(s.get_one(EmploymentPermit, permit_id), self.actor, reasons)

    def pdf(self, permit_id: str) -> Document:
        with self.vault.read() as s:
            return Document(permit_pdf(s, permit_id), "employment-permit.pdf")


class PermitCheckScreen(QWidget):
    sig_loaded = Signal()
    sig_checked = Signal()
    sig_acted = Signal(str)  # the message shown, success or refusal

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Employment permit check")
        self.desk: PermitDesk | None = None
        self.runner: TaskRunner | None = None
        self.status = ""
        self.preview: PdfPreviewDialog | None = None
        self._wanted: str | None = None
        self.permit = QComboBox(self)
        self.permit.setAccessibleName("Permit application")
        self.verdict = QLabel("", self)
        self.verdict.setAccessibleName("Verdict")
        self.findings = findings_list(self, "Findings")
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Review note or reasons")
        self.issue_button = QPushButton("&Issue the permit", self)
        self.issue_button.setAccessibleName("Issue the permit")
        self.refuse_button = QPushButton("&Refuse the permit", self)
        self.refuse_button.setAccessibleName("Refuse the permit")
        self.pdf_button = QPushButton("&Preview the permit", self)
        self.pdf_button.setAccessibleName("Preview the permit PDF")
        self.pdf_button.setEnabled(False)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        layout = QVBoxLayout(self)
        for widget in (
            self.permit,
            self.verdict,
            self.findings,
            QLabel("Review note (low attendance) or reasons (refusal)", self),
            self.note,
            self.issue_button,
            self.refuse_button,
            self.pdf_button,
            self.message,
        ):
            layout.addWidget(widget)
        self.permit.currentIndexChanged.connect(lambda _i: self.show_check())
        self.issue_button.clicked.connect(self._on_issue)
        self.refuse_button.clicked.connect(self._on_refuse)
        self.pdf_button.clicked.connect(self.open_pdf)

    def use(self, desk: PermitDesk, runner: TaskRunner, select: str | None = None) -> None:
        """Load the applications (on the lane), then show ``select``'s check."""
        self.desk, self.runner, self._wanted = desk, runner, select
        runner.run("permit applications", lambda _p: desk.permits(), on_finished=self._on_loaded)

    def _on_loaded(self, choices: list[tuple[str, str]]) -> None:
        self.permit.blockSignals(True)
        self.permit.clear()
        for permit_id, label in choices:
            self.permit.addItem(label, permit_id)
        if self._wanted is not None:
            self.permit.setCurrentIndex(max(self.permit.findData(self._wanted), 0))
        self.permit.blockSignals(False)
        self.sig_loaded.emit()
        self.show_check()

    def detach(self) -> None:
        self.desk = None
        self.runner = None
        self.permit.clear()
        self.findings.clear()
        self.note.clear()
        self.verdict.clear()
        self.message.clear()
        self.pdf_button.setEnabled(False)
        if self.preview is not None:  # the permit must not stay on screen over the lock
            self.preview.close()
            self.preview = None

    def show_check(self) -> None:
        desk, runner, permit_id = self.desk, self.runner, self.permit.currentData()
        self.findings.clear()
        if desk is None or runner is None or permit_id is None:
            self.verdict.clear()
            return
        runner.run(
            "permit check",
            lambda _p: desk.check(permit_id),
            on_finished=self._on_check,
            on_failed=self._on_failed,
        )

    def _on_check(self, check: PermitCheck) -> None:
        self.status = check.status
        self.verdict.setText(f"Status: {check.status}. Rules verdict: {check.verdict}.")
        self.findings.clear()
        self.findings.addItems(list(check.findings) or ["No findings."])
        self.pdf_button.setEnabled(check.status == "issued")
        self.sig_checked.emit()

    def _act(self, call: str) -> None:
        desk, runner, permit_id = self.desk, self.runner, self.permit.currentData()
        if desk is None or runner is None or permit_id is None:
            return
        note = self.note.text()

        def work(_p: Any) -> None:
            if call == "issue":
                desk.issue(permit_id, note, desk.today())
            else:
                desk.refuse(permit_id, note)

        runner.run(
            f"{call} permit",
            work,
            on_finished=lambda _r: self._on_acted(call),
            on_failed=self._on_failed,
        )

    def _on_acted(self, call: str) -> None:
        self.message.setText("Permit issued and signed." if call == "issue" else "Refusal signed.")
        self.note.clear()
        self.sig_acted.emit(self.message.text())
        self.show_check()

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(message_for(exc))
        self.sig_acted.emit(self.message.text())

    def _on_issue(self) -> None:
        self._act("issue")

    def _on_refuse(self) -> None:
        self._act("refuse")

    def open_pdf(self) -> PdfPreviewDialog | None:
        desk, runner, permit_id = self.desk, self.runner, self.permit.currentData()
        if desk is None or runner is None or permit_id is None:
            return None
        self.preview = PdfPreviewDialog(
            runner, "Employment permit", lambda: desk.pdf(permit_id), self
        )
        self.preview.show()
        self.preview.start()
        return self.preview
