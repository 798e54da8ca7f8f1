"""The first-run wizard: a passphrase, the recovery key shown once, then the officer's profile.

The vault is created (Argon2id tuning and derivation: about a second) through the task runner,
so the wizard never freezes. Once the vault exists the wizard cannot go back: the recovery page
is a commit page, and the key is only ever held by its widgets until the wizard closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from oxfield.services.profile import save_profile
from oxfield.services.vaults import Created, Vault, create_vault, save_recovery_key
from ui.messages import message_for
from ui.tasks import TaskRunner
from ui.widgets.passphrase import POLICY_TEXT, StrengthMeter, assess


class PassphrasePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Choose a passphrase")
        self.setSubTitle("It protects every record on this laptop. You will type it to unlock.")
        self.setCommitPage(True)  # once the vault exists there is no going back
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create vault")
        policy = QLabel(POLICY_TEXT, self)
        policy.setWordWrap(True)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Passphrase again")
        self.show_box = QCheckBox("&Show what I type", self)
        self.show_box.setAccessibleName("Show passphrase")
        self.meter = StrengthMeter(self)
        self.mismatch = QLabel(self)
        self.mismatch.setObjectName("fieldError")
        self.mismatch.setAccessibleName("Passphrase message")
        first_label = QLabel("&Passphrase:", self)
        first_label.setBuddy(self.first)
        second_label = QLabel("Type it &again:", self)
        second_label.setBuddy(self.second)
        layout = QVBoxLayout(self)
        for widget in (policy, first_label, self.first, self.meter, second_label, self.second):
            layout.addWidget(widget)
        layout.addWidget(self.show_box)
        layout.addWidget(self.mismatch)
        self.first.textChanged.connect(self._on_changed)
        self.second.textChanged.connect(self._on_changed)
        self.show_box.toggled.connect(self._on_show_toggled)

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _on_changed(self) -> None:
        self.meter.update_for(self.first.text())
        if self.second.text() and self.second.text() != self.first.text():
            self.mismatch.setText("The two passphrases are different.")
        else:
            self.mismatch.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        text = self.first.text()
        return assess(text).acceptable and text == self.second.text()


class RecoveryPage(QWizardPage):
    """Creates the vault, then shows the recovery key once with save and print."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Your recovery key")
        self.status = QLabel("Creating your encrypted vault…", self)
        self.status.setAccessibleName("Vault creation status")
        self.status.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Creating the vault")
        self.key_edit = QLineEdit(self)
        self.key_edit.setReadOnly(True)
        self.key_edit.setAccessibleName("Recovery key")
        self.key_edit.setObjectName("recoveryKey")
        self.save_button = QPushButton("&Save to a file…", self)
        self.save_button.setAccessibleName("Save the recovery key to a file")
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setAccessibleName("Print the recovery key")
        self.kept_box = QCheckBox(
            "I have &kept the recovery key somewhere safe, away from this laptop", self
        )
        self.kept_box.setAccessibleName("I have kept the recovery key")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.key_edit)
        layout.addLayout(buttons)
        layout.addWidget(self.kept_box)
        layout.addStretch(1)
        self._show_key(None)
        self.kept_box.toggled.connect(self.completeChanged)
        self.save_button.clicked.connect(self._on_save)
        self.print_button.clicked.connect(self._on_print)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        if self._wizard.created is None and not self._wizard.creating:
            self._wizard.start_creation()

    def _show_key(self, key: str | None) -> None:
        ready = key is not None
        self.busy.setVisible(not ready)
        for widget in (self.key_edit, self.save_button, self.print_button, self.kept_box):
            widget.setEnabled(ready)
        self.key_edit.setText(key or "")
        if ready:
            self.status.setText(
                "Your vault is ready. This recovery key opens it if you forget your passphrase. "
                "It is shown only now: save it to a USB stick or print it, and keep it safe."
            )
            self.key_edit.setFocus()
        self.completeChanged.emit()

    def on_created(self, key: str) -> None:
        self._show_key(key)

    def on_failed(self, text: str) -> None:
        self.busy.setVisible(False)
        self.status.setText(text)

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.key_edit.text()) and self.kept_box.isChecked()

    def _on_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the recovery key", "oxfield-recovery-key.txt", "Text files (*.txt)"
        )
        if name:
            try:
                save_recovery_key(Path(name), self.key_edit.text())
            except OSError as exc:
                self.status.setText(
                    f"Not saved: {exc.strerror or 'the file could not be written'}."
                )
                return
            self.status.setText("Saved. Keep that file away from this laptop.")

    def _on_print(self) -> None:
        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            doc = QTextDocument()
            doc.setPlainText(f"OxField recovery key\n\n{self.key_edit.text()}\n")
            doc.print_(printer)


class ProfilePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        from ui.widgets.profile_form import ProfileForm

        self._wizard = wizard
        self.setTitle("About you")
        self.setSubTitle("Stored inside the encrypted vault, never in plain settings.")
        self.form = ProfileForm(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.sig_changed.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.form.profile().officer_name.strip() != ""

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        profile = self.form.valid_profile()
        vault = self._wizard.vault
        if profile is None or vault is None:
            return False
        save_profile(vault, profile)
        return True


class FirstRunWizard(QWizard):
    """Emits ``sig_vault_ready`` with the open vault when the officer presses Finish."""

    sig_vault_ready = Signal(object)

    def __init__(
        self, vault_path: Path | None, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up OxField")
        self.setAccessibleName("Set up OxField")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self._vault_path = vault_path
        self._runner = runner
        self.created: Created | None = None
        self.creating = False
        self.passphrase_page = PassphrasePage(self)
        self.recovery_page = RecoveryPage(self)
        self.profile_page = ProfilePage(self)
        for page in (self.passphrase_page, self.recovery_page, self.profile_page):
            self.addPage(page)
        for which, name in (
            (QWizard.WizardButton.NextButton, "Next"),
            (QWizard.WizardButton.BackButton, "Back"),
            (QWizard.WizardButton.CommitButton, "Create vault"),
            (QWizard.WizardButton.FinishButton, "Finish"),
            (QWizard.WizardButton.CancelButton, "Cancel"),
        ):
            self.button(which).setAccessibleName(name)

    @property
    def vault(self) -> Vault | None:
        return None if self.created is None else self.created.vault

    def start_creation(self) -> None:
        self.creating = True
        passphrase, path = self.passphrase_page.first.text(), self._vault_path

        def work(_progress: Any) -> Created:
            return create_vault(path, passphrase)

        self._runner.run(
            "create vault",
            work,
            on_finished=self._on_created,
            on_failed=self._on_failed,
            database=False,
        )

    def _on_created(self, created: Created) -> None:
        self.creating = False
        self.created = created
        self.passphrase_page.first.clear()
        self.passphrase_page.second.clear()
        self.recovery_page.on_created(created.recovery_key)

    def _on_failed(self, exc: BaseException) -> None:
        self.creating = False
        self.recovery_page.on_failed(message_for(exc))

    def accept(self) -> None:
        vault = self.vault
        self.recovery_page.key_edit.clear()  # the key is shown once, then forgotten
        super().accept()
        if vault is not None:
            self.sig_vault_ready.emit(vault)

    def reject(self) -> None:
        # Created but not finished: lock it; the profile is asked for after the next unlock.
        self.recovery_page.key_edit.clear()
        if self.vault is not None:
            self.vault.lock()
        super().reject()
