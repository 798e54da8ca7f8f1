"""Run by test_scaling in a child process, at one display scale on one virtual screen.

Qt reads ``QT_SCALE_FACTOR`` and the offscreen screen's size only when the application starts,
hence one process per case. It unlocks the vault, shows the main window as the officer gets it
on first start, visits every area, and prints one JSON line: the screen, the window and every
control found clipped, off the window or squeezed below its minimum usable size.
Usage: python -m tests.ui.scaling_child VAULT
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from oxfield.services.vaults import unlock_vault
from tests.conftest import PASSPHRASE
from ui.app import make_application
from ui.flow import AppFlow
from ui.theme import Appearance

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def _in_scroll_area(widget: QWidget) -> bool:
    """Inside a scrolling viewport a control may be scrolled out of sight: that is fine."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def problems(window: QWidget, checked: set[int]) -> list[str]:
    found = []
    frame = window.rect()
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        owner = type(widget.parentWidget()).__name__
        if isinstance(widget, QAbstractButton) and owner in ("QLineEdit", "QToolBarExtension"):
            continue  # a line edit's clear button, the toolbar's overflow arrow
        if _in_scroll_area(widget):
            continue
        checked.add(id(widget))
        top_left = widget.mapTo(window, QPoint(0, 0))
        where = QRect(top_left, widget.size())
        if not frame.contains(where):
            found.append(f"{_name(widget)} outside the window at {where.getRect()}")
            continue
        hint = widget.minimumSizeHint()
        if isinstance(widget, QAbstractItemView):
            continue  # checked for usable size below
        if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
            found.append(
                f"{_name(widget)} squeezed to {widget.width()}x{widget.height()}"
                f" (needs {hint.width()}x{hint.height()})"
            )
    return found


def main() -> None:
    path = Path(sys.argv[1])
    app = make_application()
    settings = QSettings(str(path.with_name("scale-settings.ini")), QSettings.Format.IniFormat)
    flow = AppFlow(path, settings, Appearance(app, settings), ask_profile=False)
    flow.start()
    while not flow.ready:
        app.processEvents()
        time.sleep(0.005)
    flow.open_session(unlock_vault(path, PASSPHRASE))
    window = flow.window
    app.processEvents()
    screen = window.screen().availableGeometry()
    out: dict[str, object] = {
        "screen": screen.getRect(),
        "scale": window.devicePixelRatioF(),
        "window": window.frameGeometry().getRect(),
        "on_screen": screen.contains(window.frameGeometry()),
        "minimum": window.minimumSizeHint().toTuple(),
        "parts": {
            type(w).__name__: w.minimumSizeHint().toTuple()
            for w in window.findChildren(QWidget)
            if w.parentWidget() is window or w.parentWidget() is window.centralWidget()
        },
    }
    issues: dict[str, list[str]] = {}
    checked: set[int] = set()
    workspace = window.workspace
    for row, area in enumerate(workspace.AREAS):
        workspace.show_area(row)
        for _ in range(5):
            app.processEvents()
            time.sleep(0.01)
        found = problems(window, checked)
        if found:
            issues[area] = found
    workspace.show_area(workspace.AREAS.index("Find a case"))
    app.processEvents()
    cases = workspace.all_cases
    row_height = cases.table.verticalHeader().defaultSectionSize()
    out["table_rows_visible"] = cases.table.viewport().height() // max(1, row_height)
    out["search_chars"] = (
        cases.search_edit.width() / cases.search_edit.fontMetrics().averageCharWidth()
    )
    out["issues"] = issues
    out["controls_checked"] = len(checked)
    print(json.dumps(out), flush=True)
    flow.shutdown()
    QApplication.quit()


if __name__ == "__main__":
    main()
