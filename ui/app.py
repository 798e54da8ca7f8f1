"""The desktop's composition root: builds the QApplication, the settings and the first screen.

Settings and services are created here and passed down; nothing else in ``ui`` reaches for
globals. QSettings holds only non-personal choices (window geometry, theme, text size).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from oxfield import __version__
from ui.flow import AppFlow
from ui.interrupt import QuitOnSignal
from ui.theme import Appearance


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional display scaling (125%, 150%) is passed through rather than rounded.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("OxField")
    app.setOrganizationName("Oxfordshire County Council")
    app.setApplicationVersion(__version__)
    return app


def build_flow(vault_path: Path | None, settings: QSettings | None = None) -> AppFlow:
    """Everything the desktop needs, wired but not yet shown (tests call this too)."""
    app = make_application()
    settings = settings or QSettings()
    appearance = Appearance(app, settings)
    appearance.apply()
    flow = AppFlow(vault_path, settings, appearance)
    app.aboutToQuit.connect(flow.shutdown)
    return flow


def run_desktop(vault_path: Path | None = None) -> int:
    app = make_application()
    flow = build_flow(vault_path)
    QuitOnSignal(app)  # Ctrl-C in the terminal locks and quits, as File > Quit does
    flow.start()
    return int(app.exec())
