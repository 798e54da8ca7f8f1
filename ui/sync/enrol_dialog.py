"""Enrol this laptop with the council's server: address, one-time code, optional CA file.

The enrolment itself (a key pair made here, the public half sent with the code) runs on the
task runner, off the GUI thread; the dialog only collects the three answers and shows the
outcome in plain words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from oxfield.services.vaults import Vault
from sync.client.enrol import enrol
from ui.messages import message_for
from ui.tasks import TaskRunner


class EnrolDialog(QDialog):
    sig_enrolled = Signal()

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Enrol this laptop")
        self.setAccessibleName("Enrol this laptop")
        self._vault, self._runner = vault, runner
        form = QFormLayout(self)
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("https://oxfield.example.gov.uk")
        self.server.setAccessibleName("Server address")
        self.code = QLineEdit(self)
        self.code.setAccessibleName("One-time enrolment code")
        self.ca_cert = QLineEdit(self)
        self.ca_cert.setAccessibleName("Council CA certificate file (optional)")
        browse = QPushButton("Browse…", self)
        browse.setAccessibleName("Choose the CA certificate file")
        browse.clicked.connect(self._on_browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_cert)
        ca_row.addWidget(browse)
        form.addRow("Server address", self.server)
        form.addRow("Enrolment code", self.code)
        form.addRow("CA certificate", ca_row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Enrolment message")
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(self)
        self.enrol_button = self.buttons.addButton("Enrol", QDialogButtonBox.ButtonRole.AcceptRole)
        self.enrol_button.setAccessibleName("Enrol")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.buttons.accepted.connect(self._on_enrol)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "CA certificate", "", "PEM (*.pem *.crt)")
        if path:
            self.ca_cert.setText(path)

    def _on_enrol(self) -> None:
        server, code = self.server.text().strip(), self.code.text().strip()
        if not server or not code:
            self.message.setText("Enter the server address and the code from your administrator.")
            return
        ca = Path(self.ca_cert.text().strip()) if self.ca_cert.text().strip() else None
        vault = self._vault
        self.enrol_button.setEnabled(False)
        self.message.setText("Enrolling…")

        def work(_progress: Any) -> None:
            enrol(vault, server, code, ca_cert=ca)

        self._runner.run(
            "Enrol", work, on_finished=self._on_done, on_failed=self._on_failed, database=False
        )

    def _on_done(self, _result: object) -> None:
        self.message.setText("This laptop is enrolled. Use Sync now to send and fetch changes.")
        self.sig_enrolled.emit()
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.enrol_button.setEnabled(True)
        self.message.setText(message_for(exc))
