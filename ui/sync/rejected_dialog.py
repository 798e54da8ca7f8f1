"""Rejected changes: each record the server refused, its reason and field, and two ways on.

"Open record" opens the case the record belongs to, where the officer fixes it; "Send again"
queues the record's current state to go up at the next sync (``sync_status.resend``: one
transaction with its audit row, in the database lane). The list reloads after each re-send; a
refusal of the re-send (the record was purged meanwhile) shows as one plain message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oxfield.clock import LONDON
from oxfield.services import sync_status
from oxfield.services.sync_status import Rejection, Requeued
from oxfield.services.vaults import Vault
from ui.messages import message_for
from ui.tasks import TaskRunner

COLUMNS = ("Record", "Kind", "Field", "Reason", "Refused")
OUTCOME = {
    Requeued.QUEUED: "Queued: it goes up at the next sync.",
    Requeued.WAITING: "Your later changes already wait to go up and carry it.",
    Requeued.NOTHING: "It now matches the server's copy: nothing to send.",
}


class RejectedDialog(QDialog):
    """The rejected changes of one vault."""

    sig_open_case = Signal(str)
    sig_resent = Signal(str)  # record id

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rejected changes")
        self.setAccessibleName("Rejected changes")
        self.setModal(False)
        self._vault = vault
        self._runner = runner
        self.rows: list[Rejection] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Rejected records")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setAccessibleName("Rejected changes message")
        self.message.setWordWrap(True)
        self.open_button = QPushButton("&Open record", self)
        self.open_button.setAccessibleName("Open the record to fix it")
        self.resend_button = QPushButton("Send &again", self)
        self.resend_button.setAccessibleName("Send the fixed record again")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.resend_button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.open_button.clicked.connect(self.open_selected)
        self.resend_button.clicked.connect(self.resend_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(760, 360)
        self.reload()

    # --- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        self.rows = sync_status.rejected(self._vault)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            when = r.rejected_at.astimezone(LONDON).strftime("%d %b %H:%M")
            cells = (
                r.label or r.kind.replace("_", " "),
                r.kind.replace("_", " "),
                (r.field or "—").replace("_", " "),
                r.reason,
                when,
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.record_id)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        if self.rows:
            self.intro.setText(
                f"The server refused changes to {len(self.rows)} record(s). Open each one, fix "
                "the field named, then send it again."
            )
            self.table.selectRow(0)
        else:
            self.intro.setText("No rejected changes: everything you changed was accepted.")
        self._update_buttons()

    def selected(self) -> Rejection | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_record(self, record_id: str) -> None:
        for i, r in enumerate(self.rows):
            if r.record_id == record_id:
                self.table.selectRow(i)

    def _update_buttons(self) -> None:
        r = self.selected()
        self.open_button.setEnabled(r is not None and r.case_id is not None)
        self.resend_button.setEnabled(r is not None and not r.missing)

    # --- actions ---------------------------------------------------------------------------

    def open_selected(self) -> None:
        r = self.selected()
        if r is not None and r.case_id is not None:
            self.sig_open_case.emit(r.case_id)

    def resend_selected(self) -> None:
        r = self.selected()
        if r is None:
            return
        vault, record_id = self._vault, r.record_id
        self.resend_button.setEnabled(False)
        self.message.setText("Queuing…")

        def work(_progress: Any) -> Requeued:
            return sync_status.resend(vault, record_id)

        self._runner.run(
            "Send again",
            work,
            on_finished=lambda outcome: self._resent(record_id, outcome),
            on_failed=self._failed,
        )

    def _resent(self, record_id: str, outcome: Requeued) -> None:
        self.message.setText(OUTCOME[outcome])
        self.reload()
        self.sig_resent.emit(record_id)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(message_for(exc))
        self.reload()
