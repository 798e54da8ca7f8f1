"""The unlock screen: the passphrase, the backoff countdown, and the way to recovery.

Key derivation takes about a second, so it runs through the task runner and the window keeps
painting. Wrong passphrase, damaged vault and locked-out each get their own message; while
locked out the button stays disabled and the countdown ticks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.errors import LockedOutError, VaultDamagedError, WrongPassphraseError
from ui.messages import countdown_text, message_for
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from oxfield.services.vaults import Vault


def lockout_remaining(path: Path | None) -> float:
    # Imported here: the vault services pull in SQLAlchemy, which the first paint should not
    # wait for (see ui.flow: they load in the background once the window is up).
    from oxfield.services.vaults import lockout_remaining as remaining

    return remaining(path)


class UnlockWindow(QWidget):
    """Emits ``sig_unlocked(vault)``; ``sig_recover`` when the officer asks for recovery."""

    sig_unlocked = Signal(object)
    sig_recover = Signal()

    def __init__(
        self,
        vault_path: Path | None,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        remaining: Callable[[Path | None], float] = lockout_remaining,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockWindow")
        self.setWindowTitle("OxField — locked")
        self.setAccessibleName("Unlock OxField")
        self._vault_path = vault_path
        self._runner = runner
        self._remaining = remaining
        self.state = "ready"  # ready | working | wrong | damaged | locked_out
        title = QLabel("OxField is locked", self)
        title.setObjectName("screenTitle")
        title.setAccessibleName("OxField is locked")
        prompt = QLabel("Type your &passphrase to unlock:", self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        prompt.setBuddy(self.passphrase)
        self.unlock_button = QPushButton("&Unlock", self)
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Unlocking")
        self.busy.hide()
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Unlock message")
        self.recover_button = QPushButton("&Forgotten your passphrase? Use the recovery key", self)
        self.recover_button.setAccessibleName("Use the recovery key")
        box = QWidget(self)
        box.setObjectName("unlockBox")
        box.setFixedWidth(560)  # a known width lets wrapped messages take the height they need
        inner = QVBoxLayout(box)
        for widget in (title, prompt, self.passphrase, self.unlock_button, self.busy, self.message):
            inner.addWidget(widget)
        inner.addSpacing(12)
        inner.addWidget(self.recover_button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_tick)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.passphrase.returnPressed.connect(self._on_unlock)
        self.recover_button.clicked.connect(self.sig_recover)

    def check_lockout(self) -> None:
        """Show the countdown if the vault is backing off (called once the services load)."""
        self._on_tick()

    def reset(self, note: str = "") -> None:
        """Back to a clean screen (after a lock): empty field, focus in it."""
        self.passphrase.clear()
        self.message.setText(note)
        self.state = "ready"
        self._set_working(False)
        self.passphrase.setFocus()

    def _set_working(self, working: bool) -> None:
        self.busy.setVisible(working)
        self.passphrase.setEnabled(not working)
        self.unlock_button.setEnabled(not working)
        self.recover_button.setEnabled(not working)

    def _on_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        passphrase, path = self.passphrase.text(), self._vault_path
        if not passphrase:
            self.message.setText("Type your passphrase first.")
            return
        self.state = "working"
        self.message.setText("Unlocking…")
        self._set_working(True)

        def work(_progress: Any) -> Vault:
            from oxfield.services.vaults import unlock_vault

            return unlock_vault(path, passphrase)

        self._runner.run(
            "unlock", work, on_finished=self._on_unlocked, on_failed=self._on_failed, database=False
        )

    def _on_unlocked(self, vault: Vault) -> None:
        self.passphrase.clear()
        self.message.clear()
        self.state = "ready"
        self._set_working(False)
        self.sig_unlocked.emit(vault)

    def _on_failed(self, exc: BaseException) -> None:
        self._set_working(False)
        self.passphrase.clear()
        self.message.setText(message_for(exc))
        if isinstance(exc, LockedOutError):
            self.state = "locked_out"
        elif isinstance(exc, WrongPassphraseError):
            self.state = "wrong"
        elif isinstance(exc, VaultDamagedError):
            self.state = "damaged"
        else:
            self.state = "error"
        self._on_tick()
        self.passphrase.setFocus()

    def _on_tick(self) -> None:
        left = self._remaining(self._vault_path)
        if left > 0:
            self.state = "locked_out"
            self.message.setText(countdown_text(left))
            self.unlock_button.setEnabled(False)
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self._countdown.stop()
            if self.state == "locked_out":
                self.state = "ready"
                self.message.setText("You can try again now.")
            if not self.busy.isVisible():
                self.unlock_button.setEnabled(True)
