"""Recovery: open the vault with the recovery key and choose a new passphrase.

Like unlock, the work (two key derivations) goes through the task runner; failures use the
same messages, and wrong recovery keys count towards the same backoff as wrong passphrases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.vaults import Vault, recover_vault
from ui.messages import message_for
from ui.tasks import TaskRunner
from ui.widgets.passphrase import POLICY_TEXT, StrengthMeter, assess


class RecoveryDialog(QDialog):
    sig_recovered = Signal(object)

    def __init__(
        self, vault_path: Path | None, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover your vault")
        self.setAccessibleName("Recover your vault")
        self._vault_path = vault_path
        self._runner = runner
        intro = QLabel(
            "Type the recovery key you saved or printed when OxField was set up, then choose a "
            "new passphrase. " + POLICY_TEXT,
            self,
        )
        intro.setWordWrap(True)
        self.key_edit = QLineEdit(self)
        self.key_edit.setAccessibleName("Recovery key")
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("New passphrase")
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("New passphrase again")
        self.meter = StrengthMeter(self)
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Recovery message")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Recover")
        self.ok_button.setAccessibleName("Recover")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        form = QFormLayout()
        form.addRow("Recovery &key:", self.key_edit)
        form.addRow("New &passphrase:", self.first)
        form.addRow("", self.meter)
        form.addRow("Type it &again:", self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_recover)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.key_edit, self.first, self.second):
            edit.textChanged.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self) -> None:
        strength = self.meter.update_for(self.first.text())
        same = self.first.text() == self.second.text()
        if self.second.text() and not same:
            self.message.setText("The two passphrases are different.")
        elif self.message.text() == "The two passphrases are different.":
            self.message.clear()
        self.ok_button.setEnabled(
            bool(self.key_edit.text().strip()) and strength.acceptable and same
        )

    def _on_recover(self) -> None:
        if not (assess(self.first.text()).acceptable and self.first.text() == self.second.text()):
            return
        key, passphrase, path = self.key_edit.text(), self.first.text(), self._vault_path
        self.ok_button.setEnabled(False)
        self.message.setText("Checking the recovery key…")

        def work(_progress: Any) -> Vault:
            return recover_vault(path, key, passphrase)

        self._runner.run(
            "recover", work, on_finished=self._on_done, on_failed=self._on_failed, database=False
        )

    def _on_done(self, vault: Vault) -> None:
        for edit in (self.key_edit, self.first, self.second):
            edit.clear()
        self.accept()
        self.sig_recovered.emit(vault)

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(message_for(exc).replace("passphrase", "recovery key", 1))
        self._on_changed()
