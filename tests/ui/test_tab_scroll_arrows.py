"""Tabs that do not fit (the chaperone steps on a 1366x768 screen) scroll with two arrow
buttons; in both styles the arrows must be drawn, not squeezed out by the buttons' padding,
or a mouse user sees two empty boxes and cannot tell how to reach the last steps."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTabWidget, QToolButton, QWidget

from ui.theme import THEMES, style_sheet

STEPS = ["Application", "Identity documents", "Enhanced DBS", "References", "Training"]


def _inked_pixels(button: QToolButton, background: QColor) -> int:
    """Pixels inside the border that differ from the button's background: the arrow."""
    image = button.grab().toImage()
    inset = 4
    return sum(
        1
        for x in range(inset, image.width() - inset)
        for y in range(inset, image.height() - inset)
        if abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 60
    )


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_tab_scroll_arrows_are_drawn(qtbot, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(style_sheet(theme))
    try:
        tabs = QTabWidget()
        qtbot.addWidget(tabs)
        for name in STEPS:
            tabs.addTab(QWidget(), name)
        tabs.resize(360, 120)
        tabs.show()
        qtbot.waitExposed(tabs)
        arrows = [b for b in tabs.tabBar().findChildren(QToolButton) if b.isVisible()]
        assert len(arrows) == 2
        for button in arrows:
            background = button.palette().color(button.backgroundRole())
            assert _inked_pixels(button, background) >= 4, f"{theme}: an empty scroll button"
    finally:
        app.setStyleSheet(before)
