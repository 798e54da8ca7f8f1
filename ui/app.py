"""The desktop's composition root: builds the QApplication and the first window.

Settings and services are created here and passed down; nothing else in ``ui`` reaches for
globals.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from oxfield import __version__


def run_desktop(vault_path: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("OxField")
    app.setOrganizationName("Oxfordshire County Council")
    app.setApplicationVersion(__version__)
    window = QMainWindow()
    window.setWindowTitle("OxField")
    window.setCentralWidget(QLabel("OxField"))
    window.show()
    return int(app.exec())
