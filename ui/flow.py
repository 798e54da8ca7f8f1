"""The desktop's states and the moves between them: first run, locked, unlocked.

Start-up paints the unlock screen first and loads the rest (the vault services, SQLAlchemy, the
workspace's views) on a worker thread straight after, so the window appears at once; whether a
vault exists at all is checked when that load finishes (``sig_ready``), and a first run then
switches to the set-up wizard.

Locking happens here, by button, by Ctrl+L, after the idle time, before the computer sleeps,
when the screen locks, or on waking from a sleep nobody announced (``ui.power``, ``ui.wake``):
every view forgets its rows and forms (drafts are saved into the vault first), running work is
cancelled (a sync's request in flight is cut, so a stalled server cannot hold the lock), the
unlock screen shows at once, and the vault closes its connections and drops its key as soon as
the cancelled work has returned, never under a worker still using it. Unlocking builds a fresh
:class:`DesktopSession` and hands it to the workspace.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

from oxfield.clock import Clock
from ui.idle import IDLE_LOCK_MS, IdleWatcher
from ui.messages import message_for
from ui.power import PowerWatcher
from ui.status import NoSyncYet, SyncStatusSource
from ui.tasks import TaskRunner
from ui.theme import Appearance
from ui.windows.main_window import MainWindow
from ui.windows.unlock_window import UnlockWindow

if TYPE_CHECKING:
    from oxfield.services.vaults import Vault
    from ui.dialogs.first_run import FirstRunWizard
    from ui.dialogs.profile_dialog import ProfileDialog
    from ui.session import DesktopSession
    from ui.sync.desktop import SyncDesk

LOCK_NOTES = {
    "idle": "OxField locked itself after a period without use.",
    "button": "OxField is locked.",
    "sleep": "OxField locked itself before the computer went to sleep.",
    "screen": "OxField locked itself when the screen was locked.",
    "wake": "OxField locked itself because the computer had been asleep.",
}

#: Loaded on a worker thread after the first paint (module imports only: no Qt objects).
HEAVY_MODULES = (
    "oxfield.services.vaults",
    "oxfield.services.profile",
    "ui.session",
    "ui.windows.workspace",
    "ui.dialogs.first_run",
    "ui.dialogs.recovery",
    "ui.dialogs.profile_dialog",
    "ui.sync.desktop",
)


def _load_heavy_modules(_progress: Any) -> None:
    for name in HEAVY_MODULES:
        importlib.import_module(name)


class AppFlow(QObject):
    sig_ready = Signal()
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
        self.settings = settings
        self.clock = clock or Clock()
        self.sync_status = sync_status or NoSyncYet()
        #: without an injected source (tests give one), sync is wired in at start-up
        self._own_sync_status = sync_status is None
        self.sync_desk: SyncDesk | None = None
        self.ask_profile = ask_profile
        self.runner = TaskRunner(self)
        self.unlock_window = UnlockWindow(vault_path, self.runner)
        self.window = MainWindow(
            self.unlock_window, self.runner, appearance, settings, self.sync_status
        )
        self.idle = IdleWatcher(idle_ms, self)
        self.power = PowerWatcher(self)
        self.wizard: FirstRunWizard | None = None
        self.vault: Vault | None = None
        self.session: DesktopSession | None = None
        #: locked vaults whose last workers have not returned yet (closed when they have)
        self._closing: list[Vault] = []
        self.ready = False
        self.idle.sig_idle.connect(lambda: self.lock("idle"))
        self.power.sig_sleep.connect(lambda: self.lock("sleep"))
        self.power.sig_screen_locked.connect(lambda: self.lock("screen"))
        self.power.sig_woke.connect(lambda: self.lock("wake"))
        self.window.sig_lock_requested.connect(lambda: self.lock("button"))
        self.window.sig_closing.connect(self.shutdown)
        self.unlock_window.sig_unlocked.connect(self.open_session)
        self.unlock_window.sig_recover.connect(self._on_recover)

    # --- start-up --------------------------------------------------------------------------

    def start(self) -> None:
        """Paint the unlock screen now; load the rest, then decide unlock or first run."""
        self.window.show()
        self.power.start(self.window)
        self.runner.run(
            "load",
            _load_heavy_modules,
            on_finished=lambda _none: self._on_loaded(),
            on_failed=self._on_load_failed,
            database=False,
        )

    def _ensure_ready(self) -> None:
        if self.ready:
            return
        _load_heavy_modules(None)
        from ui.windows.workspace import Workspace

        self.window.install_workspace(Workspace(self.runner, self.window))
        if self._own_sync_status:
            from ui.sync.desktop import SyncDesk

            desk = SyncDesk(self.runner, self.window.status, self)
            desk.install(self.window, self.settings)
            self.window.sig_sync_requested.connect(desk.start)
            self.window.sig_conflicts_requested.connect(lambda: desk.open_conflicts(self.window))
            self.window.sig_enrol_requested.connect(lambda: desk.open_enrol(self.window))
            self.sync_desk = desk
        self.ready = True

    def _on_loaded(self) -> None:
        from oxfield.services.vaults import vault_exists

        self._ensure_ready()
        if vault_exists(self.vault_path):
            self.unlock_window.check_lockout()
        elif self.vault is None:
            self.window.hide()
            self._start_wizard()
        self.sig_ready.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.unlock_window.message.setText(message_for(exc))

    def _start_wizard(self) -> None:
        from ui.dialogs.first_run import FirstRunWizard

        self.wizard = FirstRunWizard(self.vault_path, self.runner)
        self.wizard.sig_vault_ready.connect(self._on_wizard_done)
        self.wizard.rejected.connect(self._on_wizard_closed)
        self.wizard.show()

    def _on_wizard_done(self, vault: Vault) -> None:
        self.window.show()
        self.open_session(vault)

    def _on_wizard_closed(self) -> None:
        from oxfield.services.vaults import vault_exists

        if vault_exists(self.vault_path):
            self.window.show()
            self.unlock_window.check_lockout()
        else:
            QTimer.singleShot(0, QApplication.quit)

    def _on_recover(self) -> None:
        from ui.dialogs.recovery import RecoveryDialog

        dialog = RecoveryDialog(self.vault_path, self.runner, self.window)
        dialog.sig_recovered.connect(self.open_session)
        dialog.open()

    # --- unlocked / locked -----------------------------------------------------------------

    def open_session(self, vault: Vault) -> None:
        from oxfield.services.profile import load_profile
        from ui.dialogs.profile_dialog import ProfileDialog
        from ui.session import DesktopSession

        self._ensure_ready()
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
        if self.sync_desk is not None:
            self.sync_desk.attach(vault)
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
        if self.sync_desk is not None:
            self.sync_desk.detach()
        self.runner.cancel_all()  # a sync also drops its request in flight (see ui.sync)
        vault, self.vault, self.session = self.vault, None, None
        self.window.show_unlock(LOCK_NOTES.get(reason, ""))
        # Never wait here: the screen is locked now. The vault closes as soon as the work
        # that was running has returned (at once when none was): a worker must not find its
        # vault closed under it, and a cancelled one returns within moments.
        self._closing.append(vault)
        self.runner.after_current(lambda: self._close(vault))
        self.sig_locked.emit(reason)

    def _close(self, vault: Vault) -> None:
        if vault in self._closing:
            self._closing.remove(vault)
            vault.lock()

    def shutdown(self) -> None:
        """At quit: lock (so drafts are saved), wait for every worker, then close the vault."""
        self.lock("quit")
        self.runner.shutdown()
        for vault in list(self._closing):
            self._close(vault)
