"""The one window the officer lives in: the unlock screen or the workspace, a toolbar, a status bar.

A thin coordinator (STYLE.md's first regret is a god main window): it shows screens and offers
actions; what those actions do lives in ``ui.flow`` (lock, unlock), ``ui.theme`` (appearance)
and the views. Geometry is the only thing it remembers, in QSettings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QToolBar, QWidget

from ui.about import AboutDialog
from ui.status import StatusPanel, SyncStatusSource
from ui.tasks import TaskRunner
from ui.theme import Appearance
from ui.windows.unlock_window import UnlockWindow

if TYPE_CHECKING:
    from ui.windows.workspace import Workspace

MIN_WIDTH, MIN_HEIGHT = 1000, 640  # fits 1366x768 with room for the taskbar


class MainWindow(QMainWindow):
    sig_lock_requested = Signal()
    sig_sync_requested = Signal()
    sig_conflicts_requested = Signal()
    sig_enrol_requested = Signal()
    sig_closing = Signal()

    def __init__(
        self,
        unlock: UnlockWindow,
        runner: TaskRunner,
        appearance: Appearance,
        settings: QSettings,
        sync_status: SyncStatusSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("OxField")
        self.setAccessibleName("OxField")
        self.setMinimumSize(800, 560)
        self._settings = settings
        self._appearance = appearance
        self.unlock = unlock
        self._workspace: Workspace | None = None
        self.screens = QStackedWidget(self)
        self.screens.addWidget(unlock)
        self.setCentralWidget(self.screens)
        self.status = StatusPanel(sync_status, runner, parent=self)
        self.setStatusBar(self.status)

        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.lock_action = self._action("&Lock", "Ctrl+L", "Lock OxField now")
        self.lock_action.triggered.connect(self.sig_lock_requested)
        self.larger_action = self._action("Larger text", "Ctrl++", "Make text larger")
        self.larger_action.triggered.connect(appearance.larger)
        self.smaller_action = self._action("Smaller text", "Ctrl+-", "Make text smaller")
        self.smaller_action.triggered.connect(appearance.smaller)
        self.contrast_action = self._action("High contrast", "Ctrl+Shift+H", "High contrast")
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(appearance.theme == "high_contrast")
        self.contrast_action.triggered.connect(appearance.toggle_high_contrast)
        self.sync_action = self._action("Sync &now", "F5", "Send and fetch changes")
        self.sync_action.triggered.connect(self.sig_sync_requested)
        self.conflicts_action = self._action("Conflicts…", "Ctrl+Shift+K", "Review conflicts")
        self.conflicts_action.triggered.connect(self.sig_conflicts_requested)
        self.enrol_action = self._action("Enrol laptop…", "Ctrl+Shift+E", "Enrol this laptop")
        self.enrol_action.triggered.connect(self.sig_enrol_requested)
        #: actions that need an unlocked vault
        self.unlocked_actions = (
            self.lock_action,
            self.sync_action,
            self.conflicts_action,
            self.enrol_action,
        )
        self.about_action = self._action("About", "F1", "About OxField: version and licences")
        self.about_action.triggered.connect(self._on_about)
        self.about_dialog: AboutDialog | None = None
        for action in (
            self.lock_action,
            self.sync_action,
            self.conflicts_action,
            self.enrol_action,
            self.larger_action,
            self.smaller_action,
            self.contrast_action,
            self.about_action,
        ):
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.toolTip())
                button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build_menus()
        self._restore_geometry()
        self._fitted = False
        self.show_unlock()

    def _build_menus(self) -> None:
        """The menu bar holds every action too, so each is found by Alt and arrow keys."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self.lock_action)
        self.view_menu = bar.addMenu("&View")
        for action in (self.larger_action, self.smaller_action, self.contrast_action):
            self.view_menu.addAction(action)
        self.sync_menu = bar.addMenu("&Sync")
        for action in (self.sync_action, self.conflicts_action, self.enrol_action):
            self.sync_menu.addAction(action)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    def _on_about(self) -> None:
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    def _action(self, text: str, shortcut: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setToolTip(f"{tip} ({shortcut})")
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    # --- screens ---------------------------------------------------------------------------

    def install_workspace(self, workspace: Workspace) -> None:
        """Added once the heavy modules have loaded, after the unlock screen is painted."""
        self._workspace = workspace
        self.screens.addWidget(workspace)
        self.reports_menu = QMenu("&Reports", self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.reports_menu)
        self.reports_menu.addAction(workspace.ehe_bars[0].census_action)

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            raise RuntimeError("the workspace is not built yet")
        return self._workspace

    @property
    def has_workspace(self) -> bool:
        return self._workspace is not None

    def show_unlock(self, note: str = "") -> None:
        for action in self.unlocked_actions:
            action.setEnabled(False)
        self.screens.setCurrentWidget(self.unlock)
        self.unlock.reset(note)
        self.setWindowTitle("OxField — locked")

    def show_workspace(self) -> None:
        for action in self.unlocked_actions:
            action.setEnabled(True)
        self.screens.setCurrentWidget(self.workspace)
        self.setWindowTitle("OxField")
        self.workspace.navigation.setFocus()

    @property
    def locked(self) -> bool:
        return self.screens.currentWidget() is self.unlock

    # --- geometry (the only thing kept in QSettings here) ----------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(MIN_WIDTH + 200, MIN_HEIGHT + 60)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Keep the window on its screen: 1366x768 at 125% leaves only 1093x614 points."""
        screen = self.screen().availableGeometry()
        self.setMinimumSize(self.minimumSize().boundedTo(screen.size()))
        extra = self.frameGeometry().size() - self.size()  # the title bar and borders
        self.resize(self.size().boundedTo(screen.size() - extra))
        frame = self.frameGeometry()
        if not screen.contains(frame):
            x = min(max(frame.x(), screen.x()), screen.right() - frame.width() + 1)
            y = min(max(frame.y(), screen.y()), screen.bottom() - frame.height() + 1)
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._fitted:  # the frame's size is known only once the window is shown
            self._fitted = True
            self._fit_screen()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._settings.setValue("window/geometry", self.saveGeometry())
        self.sig_closing.emit()
        super().closeEvent(event)
