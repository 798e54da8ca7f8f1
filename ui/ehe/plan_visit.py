"""Plan a visit on a case: the day and the kind of contact; it then shows on the Today view."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.domain.ehe import ContactType
from oxfield.errors import ValidationError
from oxfield.services.ehe_visits import PLACES, plan_visit
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from ui.ehe.dates import parse_day
from ui.messages import message_for
from ui.tasks import TaskRunner


class PlanVisitDialog(QDialog):
    sig_planned = Signal(str)  # visit id
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
        self.setWindowTitle("Plan a visit")
        self.setAccessibleName("Plan a visit")
        self._runner, self._vault, self._actor, self._case_id = runner, vault, actor, case_id
        self.day = QLineEdit(f"{today:%d/%m/%Y}", self)
        self.day.setAccessibleName("Visit date")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of contact")
        for kind, place in PLACES.items():
            self.kind.addItem(place.capitalize(), kind.value)
        self.place = QLineEdit(self)
        self.place.setAccessibleName("Place (optional)")
        self.message = QLabel(self)
        self.message.setAccessibleName("Plan message")
        self.plan_button = QPushButton("Plan visit", self)
        self.plan_button.setAccessibleName("Plan visit")
        form = QFormLayout()
        form.addRow("Visit date:", self.day)
        form.addRow("Kind of contact:", self.kind)
        form.addRow("Place:", self.place)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.plan_button)
        self.plan_button.clicked.connect(self.submit)

    def submit(self) -> None:
        try:
            day = parse_day(self.day.text(), "Visit date")
        except ValidationError as exc:
            self._on_failed(exc)
            return
        assert day is not None
        vault, actor, case_id = self._vault, self._actor, self._case_id
        kind, place = ContactType(self.kind.currentData()), self.place.text()

        def work(_p: Any) -> str:
            return plan_visit(vault, actor, case_id, day, kind, place)

        self._runner.run(
            "plan visit", work, on_finished=self._on_planned, on_failed=self._on_failed
        )

    def _on_planned(self, visit_id: str) -> None:
        self.sig_planned.emit(visit_id)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        self.message.setText(text)
        self.sig_failed.emit(text)
