"""Sync's place in the desktop: the toolbar's actions, the status bar, the dialogs.

One :class:`SyncDesk` lives as long as the window. At unlock it makes a
:class:`SyncController` for the vault and points the status bar at it (and, when the officer
chose it, a :class:`NetworkWatch` that syncs when the network returns); at lock it forgets
them. :meth:`SyncDesk.install` adds the "Sync" menu: rejected changes and the auto-sync choice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from oxfield.services import sync_status
from oxfield.services.vaults import Vault
from sync.client import probe
from sync.client.run import SyncReport
from ui.status import NoSyncYet, StatusPanel
from ui.sync.autosync import NetworkWatch, load_choice, os_network_information, save_choice
from ui.sync.conflict_dialog import ConflictDialog, Decision, by_record, resolve_all
from ui.sync.controller import CANCELLED, SyncController
from ui.sync.enrol_dialog import EnrolDialog
from ui.sync.rejected_dialog import RejectedDialog
from ui.tasks import TaskRunner


class SyncDesk(QObject):
    def __init__(self, runner: TaskRunner, status: StatusPanel, parent: QObject) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status = status
        self._vault: Vault | None = None
        self.controller: SyncController | None = None
        self.watch: NetworkWatch | None = None
        self.rejected_dialog: RejectedDialog | None = None
        self._window: Any = None
        self._settings: QSettings | None = None
        self.menu = QMenu("Sync")
        self.menu.setAccessibleName("Sync menu")
        self.rejected_action = QAction("Rejected changes…", self)
        self.rejected_action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.rejected_action.setStatusTip("Changes the server refused: fix and send again")
        self.rejected_action.triggered.connect(lambda: self.open_rejected(self._window))
        self.auto_action = QAction("Sync when the network returns", self)
        self.auto_action.setCheckable(True)
        self.auto_action.setStatusTip("Start sync by itself when the server can be reached again")
        self.auto_action.toggled.connect(self.set_auto)
        self.menu.addAction(self.rejected_action)
        self.menu.addAction(self.auto_action)
        self._enable_menu(False)
        status.sig_cancel_requested.connect(self.cancel)
        status.sig_rejected_requested.connect(lambda: self.open_rejected(self._window))

    def install(self, window: QMainWindow, settings: QSettings) -> None:
        """Put the Sync menu on the window's toolbar and read the officer's auto-sync choice."""
        self._window, self._settings = window, settings
        self.auto_action.setChecked(load_choice(settings))
        toolbar = window.findChild(QToolBar)
        button = QToolButton(window)
        button.setText("Sync ▾")
        button.setAccessibleName("Sync menu")
        button.setToolTip("Rejected changes and when to sync")
        button.setMenu(self.menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for action in (self.rejected_action, self.auto_action):
            window.addAction(action)  # the shortcut works without opening the menu
        if toolbar is not None:
            toolbar.addWidget(button)
        self.menu_button = button
        menu_bar_sync = getattr(window, "sync_menu", None)
        if isinstance(menu_bar_sync, QMenu):  # the menu bar's Sync menu gets the same items
            menu_bar_sync.addSeparator()
            menu_bar_sync.addActions([self.rejected_action, self.auto_action])

    def _enable_menu(self, on: bool) -> None:
        self.rejected_action.setEnabled(on)

    def attach(self, vault: Vault) -> None:
        self._vault = vault
        self.controller = SyncController(vault, runner=self._runner, parent=self)
        self.controller.sig_progress.connect(self._status.show_progress)
        self.controller.sig_finished.connect(self._on_finished)
        self.controller.sig_failed.connect(self._on_failed)
        self._status.set_source(self.controller)
        self._enable_menu(True)
        self.set_auto(self.auto_action.isChecked())

    def detach(self) -> None:
        self._status.hide_progress()
        self._status.set_source(NoSyncYet())
        self._stop_watch()
        self._enable_menu(False)
        if self.rejected_dialog is not None:
            self.rejected_dialog.close()
            self.rejected_dialog.deleteLater()
            self.rejected_dialog = None
        if self.controller is not None:
            self.controller.close()  # cancels a running sync, cutting its request in flight
            self.controller.deleteLater()
        self.controller, self._vault = None, None

    # --- sync when the network returns -----------------------------------------------------

    def set_auto(self, on: bool, *, interval_ms: int | None = None) -> None:
        """Follow the officer's choice (kept in QSettings); watch only while a vault is open."""
        if self._settings is not None:
            save_choice(self._settings, on)
        if not on or self._vault is None or self.controller is None:
            self._stop_watch()
            return
        if self.watch is None:
            vault, controller = self._vault, self.controller
            self.watch = NetworkWatch(
                self._runner,
                probe=lambda: probe.reachable(vault),
                busy=lambda: controller.running,
                network=os_network_information(),
                parent=self,
            )
            self.watch.sig_returned.connect(self._on_network_returned)
        if interval_ms is not None:
            self.watch.set_interval(interval_ms)
        self.watch.set_enabled(True)

    def _stop_watch(self) -> None:
        if self.watch is not None:
            self.watch.stop()
            self.watch.deleteLater()
            self.watch = None

    def _on_network_returned(self) -> None:
        if self.controller is not None and not self.controller.running:
            self._status.showMessage("The server can be reached again: syncing…", 5000)
            self.start()

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

    def open_rejected(self, parent: Any) -> RejectedDialog | None:
        """The rejected changes, to open each record and send it again once fixed."""
        if self._vault is None:
            return None
        if self.rejected_dialog is None:
            dialog = RejectedDialog(self._vault, self._runner, parent)
            dialog.sig_resent.connect(lambda _id: self._status.refresh())
            dialog.sig_open_case.connect(self._open_case)
            self.rejected_dialog = dialog
        else:
            self.rejected_dialog.reload()
        self.rejected_dialog.show()
        self.rejected_dialog.raise_()
        return self.rejected_dialog

    def _open_case(self, case_id: str) -> None:
        workspace = getattr(self._window, "workspace", None)
        if workspace is not None:
            workspace.open_case(case_id)

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
        wiped = self._vault is not None and self._vault.locked  # after a revocation
        if not wiped and self.rejected_dialog is not None and self.rejected_dialog.isVisible():
            self.rejected_dialog.reload()
        if report.finished:
            text = (
                f"Sync finished: {report.pushed} sent, {report.pulled} received, "
                f"{report.conflicts} conflicts, {report.rejected} rejected."
            )
            if report.renumbered:
                text += " Renumbered: " + "; ".join(report.renumbered) + "."
            if report.server_restored:
                text += " " + report.server_restored
        elif wiped:
            text = report.message
        elif report.message == CANCELLED:
            text = "Sync cancelled: what went already is kept; the rest goes at the next sync."
        else:
            reason = report.message.rstrip(".")
            text = f"Sync did not finish: {reason}. Nothing is lost; try again later."
        self._status.showMessage(text)

    def _on_failed(self, message: str) -> None:
        self._status.hide_progress()
        self._status.showMessage(f"Sync did not finish: {message.rstrip('.')}. Nothing is lost.")
