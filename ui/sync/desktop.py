"""Sync's place in the desktop: the toolbar's actions, the status bar, the dialogs.

One :class:`SyncDesk` lives as long as the window. At unlock it makes a
:class:`SyncController` for the vault and points the status bar at it; at lock it forgets
both.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from oxfield.services import sync_status
from oxfield.services.vaults import Vault
from sync.client.run import SyncReport
from ui.status import NoSyncYet, StatusPanel
from ui.sync.conflict_dialog import ConflictDialog, Decision, by_record, resolve_all
from ui.sync.controller import SyncController
from ui.sync.enrol_dialog import EnrolDialog
from ui.tasks import TaskRunner


class SyncDesk(QObject):
    def __init__(self, runner: TaskRunner, status: StatusPanel, parent: QObject) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status = status
        self._vault: Vault | None = None
        self.controller: SyncController | None = None
        status.sig_cancel_requested.connect(self.cancel)

    def attach(self, vault: Vault) -> None:
        self._vault = vault
        self.controller = SyncController(vault, runner=self._runner, parent=self)
        self.controller.sig_progress.connect(self._status.show_progress)
        self.controller.sig_finished.connect(self._on_finished)
        self.controller.sig_failed.connect(self._on_failed)
        self._status.set_source(self.controller)

    def detach(self) -> None:
        self._status.hide_progress()
        self._status.set_source(NoSyncYet())
        if self.controller is not None:
            self.controller.deleteLater()
        self.controller, self._vault = None, None

    # --- actions ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.controller is None:
            return
        if self.controller.start():
            self._status.show_progress(0, 0, "Syncing…")

    def cancel(self) -> None:
        if self.controller is not None:
            self.controller.cancel()

    def open_enrol(self, parent: Any) -> EnrolDialog | None:
        if self._vault is None:
            return None
        dialog = EnrolDialog(self._vault, self._runner, parent)
        dialog.sig_enrolled.connect(self._status.refresh)
        dialog.open()
        return dialog

    def open_conflicts(self, parent: Any) -> ConflictDialog | None:
        """Review the first record with open conflicts; the next opens after it is decided."""
        if self._vault is None:
            return None
        grouped = by_record(sync_status.conflicts(self._vault))
        if not grouped:
            self._status.showMessage("No conflicts to review.", 5000)
            return None
        conflicts = next(iter(grouped.values()))
        dialog = ConflictDialog(conflicts, f"{conflicts[0].kind.replace('_', ' ')}", parent)
        vault = self._vault

        def decided(decisions: list[Decision]) -> None:
            resolve_all(vault, decisions)
            self._status.refresh()
            self._status.showMessage("Decisions saved; they go up at the next sync.", 5000)

        dialog.sig_decided.connect(decided)
        dialog.open()
        return dialog

    # --- outcomes --------------------------------------------------------------------------

    def _on_finished(self, report: SyncReport) -> None:
        self._status.hide_progress()
        self._status.refresh()
        if report.finished:
            text = (
                f"Sync finished: {report.pushed} sent, {report.pulled} received, "
                f"{report.conflicts} conflicts, {report.rejected} rejected."
            )
        else:
            text = f"Sync did not finish: {report.message}"
        self._status.showMessage(text)

    def _on_failed(self, message: str) -> None:
        self._status.hide_progress()
        self._status.showMessage(f"Sync did not finish: {message}")
