"""The employment permit check: the rules engine's verdict on an application, then the decision.

Pick an application: the verdict (issue, review, refuse) and every finding with its regulation
are shown in words. Issue signs the permit (a review note is required when attendance is below
Oxfordshire's threshold); Refuse needs reasons. The service refuses a wrong step by name, and
the screen shows that message and keeps what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.domain.employment import EmploymentPermit
from oxfield.errors import OxFieldError
from oxfield.services import employment as em
from oxfield.services.records import Actor, writing
from oxfield.services.vaults import Vault


@dataclass(frozen=True)
class PermitCheck:
    status: str
    verdict: str
    findings: tuple[str, ...]


class PermitDesk:
    def __init__(self, vault: Vault, actor: Actor) -> None:
        self.vault = vault
        self.actor = actor

    def permits(self) -> list[tuple[str, str]]:
        with self.vault.read() as s:
            rows = [p for p in s.query(EmploymentPermit).all() if not p.deleted]
            return sorted(
                (p.id, f"{p.child.legal_given_names} {p.child.legal_family_name}: {p.job}")
                for p in rows
            )

    def check(self, permit_id: str) -> PermitCheck:
        with self.vault.read() as s:
            permit = s.get_one(EmploymentPermit, permit_id)
            result = em.assess(permit)
            lines = tuple(
                f"{f.severity.value.upper()}: {f.message} ({f.regulation})" for f in result.findings
            )
            return PermitCheck(permit.status.value, result.verdict.value, lines)

    def issue(self, permit_id: str, note: str, on: date) -> None:
        with writing(self.vault, self.actor) as s:
            em.issue_permit(s.get_one(EmploymentPermit, permit_id), self.actor, on, note)

    def refuse(self, permit_id: str, reasons: str) -> None:
        with writing(self.vault, self.actor) as s:
            em.refuse_permit(s.get_one(EmploymentPermit, permit_id), self.actor, reasons)


class PermitCheckScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Employment permit check")
        self.desk: PermitDesk | None = None
        self.permit = QComboBox(self)
        self.permit.setAccessibleName("Permit application")
        self.verdict = QLabel("", self)
        self.verdict.setAccessibleName("Verdict")
        self.findings = QListWidget(self)
        self.findings.setAccessibleName("Findings")
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Review note or reasons")
        self.issue_button = QPushButton("&Issue the permit", self)
        self.issue_button.setAccessibleName("Issue the permit")
        self.refuse_button = QPushButton("&Refuse the permit", self)
        self.refuse_button.setAccessibleName("Refuse the permit")
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
            self.message,
        ):
            layout.addWidget(widget)
        self.permit.currentIndexChanged.connect(lambda _i: self.show_check())
        self.issue_button.clicked.connect(self._on_issue)
        self.refuse_button.clicked.connect(self._on_refuse)

    def use(self, desk: PermitDesk) -> None:
        self.desk = desk
        self.permit.clear()
        for permit_id, label in desk.permits():
            self.permit.addItem(label, permit_id)
        self.show_check()

    def detach(self) -> None:
        self.desk = None
        self.permit.clear()
        self.findings.clear()
        self.note.clear()
        self.verdict.clear()
        self.message.clear()

    def show_check(self) -> None:
        permit_id = self.permit.currentData()
        self.findings.clear()
        if self.desk is None or permit_id is None:
            self.verdict.clear()
            return
        check = self.desk.check(permit_id)
        self.verdict.setText(f"Status: {check.status}. Rules verdict: {check.verdict}.")
        self.findings.addItems(list(check.findings) or ["No findings."])

    def _act(self, call: str) -> None:
        permit_id = self.permit.currentData()
        if self.desk is None or permit_id is None:
            return
        try:
            if call == "issue":
                self.desk.issue(permit_id, self.note.text(), self.desk.actor.clock.today())
            else:
                self.desk.refuse(permit_id, self.note.text())
        except OxFieldError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("Permit issued and signed." if call == "issue" else "Refusal signed.")
        self.note.clear()
        self.show_check()

    def _on_issue(self) -> None:
        self._act("issue")

    def _on_refuse(self) -> None:
        self._act("refuse")
