"""The desktop's states and the moves between them: first run, locked, unlocked.

This is where locking happens, by button, by Ctrl+L or after the idle time: every view forgets
its rows and forms (drafts are saved into the vault first), running work is cancelled and
waited for, and only then the vault closes its connections and drops its key. Unlocking builds
a fresh :class:`DesktopSession` and hands it to the workspace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

from oxfield.clock import Clock
from oxfield.services.profile import load_profile
from oxfield.services.vaults import Vault, vault_exists
from ui.dialogs.first_run import FirstRunWizard
from ui.dialogs.profile_dialog import ProfileDialog
from ui.dialogs.recovery import RecoveryDialog
from ui.idle import IDLE_LOCK_MS, IdleWatcher
from ui.session import DesktopSession
from ui.status import NoSyncYet, SyncStatusSource
from ui.tasks import TaskRunner
from ui.theme import Appearance
from ui.windows.main_window import MainWindow
from ui.windows.unlock_window import UnlockWindow

LOCK_NOTES = {
    "idle": "OxField locked itself after a period without use.",
    "button": "OxField is locked.",
}


class AppFlow(QObject):
    sig_unlocked = Signal()
    sig_locked = Signal(str)

    def __init__(
        self,
        vault_path: Path | None,
        settings: QSettings,
        appearance: Appearance,
        *,
        idle_ms: int = IDLE_LOCK_MS,
        clock: Clock | None = None,
        sync_status: SyncStatusSource | None = None,
        ask_profile: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self.clock = clock or Clock()
        self.sync_status = sync_status or NoSyncYet()
        self.ask_profile = ask_profile
        self.runner = TaskRunner(self)
        self.unlock_window = UnlockWindow(vault_path, self.runner)
        self.window = MainWindow(
            self.unlock_window, self.runner, appearance, settings, self.sync_status
        )
        self.idle = IdleWatcher(idle_ms, self)
        self.wizard: FirstRunWizard | None = None
        self.vault: Vault | None = None
        self.session: DesktopSession | None = None
        self.idle.sig_idle.connect(lambda: self.lock("idle"))
        self.window.sig_lock_requested.connect(lambda: self.lock("button"))
        self.window.sig_closing.connect(self.shutdown)
        self.unlock_window.sig_unlocked.connect(self.open_session)
        self.unlock_window.sig_recover.connect(self._on_recover)

    def start(self) -> None:
        """Show the wizard on first run, otherwise the window at its unlock screen."""
        if vault_exists(self.vault_path):
            self.window.show()
            return
        self.wizard = FirstRunWizard(self.vault_path, self.runner)
        self.wizard.sig_vault_ready.connect(self._on_wizard_done)
        self.wizard.rejected.connect(self._on_wizard_closed)
        self.wizard.show()

    def _on_wizard_done(self, vault: Vault) -> None:
        self.window.show()
        self.open_session(vault)

    def _on_wizard_closed(self) -> None:
        if vault_exists(self.vault_path):
            self.window.show()
        else:
            QTimer.singleShot(0, QApplication.quit)

    def _on_recover(self) -> None:
        dialog = RecoveryDialog(self.vault_path, self.runner, self.window)
        dialog.sig_recovered.connect(self.open_session)
        dialog.open()

    # --- unlocked / locked -----------------------------------------------------------------

    def open_session(self, vault: Vault) -> None:
        self.vault = vault
        profile = load_profile(vault)
        self.session = DesktopSession(
            vault=vault,
            runner=self.runner,
            profile=profile,
            clock=self.clock,
            sync_status=self.sync_status,
        )
        self.window.workspace.attach(self.session)
        self.window.show_workspace()
        self.idle.start()
        self.sig_unlocked.emit()
        if profile is None and self.ask_profile:
            dialog = ProfileDialog(vault, self.window)
            dialog.accepted.connect(lambda: self._on_profile_saved(dialog))
            dialog.open()

    def _on_profile_saved(self, dialog: ProfileDialog) -> None:
        if self.session is not None:
            self.session.profile = dialog.saved

    @property
    def locked(self) -> bool:
        return self.vault is None

    def lock(self, reason: str = "button") -> None:
        """Forget everything on screen, stop the work, close the vault."""
        if self.vault is None:
            return
        self.idle.stop()
        self.window.workspace.detach()  # saves drafts, then clears models and forms
        self.runner.cancel_all()
        self.runner.wait()
        vault, self.vault, self.session = self.vault, None, None
        vault.lock()
        self.window.show_unlock(LOCK_NOTES.get(reason, ""))
        self.sig_locked.emit(reason)

    def shutdown(self) -> None:
        """At quit: lock (so drafts are saved) and wait for every worker."""
        self.lock("quit")
        self.runner.shutdown()
