"""The About box is reachable from the main window (toolbar button and F1), even while locked."""

from __future__ import annotations

from oxfield import __version__
from ui.flow import AppFlow


def test_about_opens_from_the_main_window(qtbot, flow: AppFlow) -> None:
    window = flow.window
    assert window.about_action.shortcut().toString() == "F1"
    window.about_action.trigger()
    dialog = window.about_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    text = dialog.text.toPlainText()
    assert f"OxField {__version__}" in text
    assert "Open Government Licence" in text
    dialog.close()
