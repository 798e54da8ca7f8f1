"""What the style sheets must leave visible, in both styles: the arrows of tabs that do not fit
(the chaperone steps on a 1366x768 screen; squeezed out by the buttons' padding, a mouse user
saw two empty boxes), and three lines of a box for several lines (the visit record's boxes
showed one, cutting off "who was present" after the first name)."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QWidget,
)

from ui.ehe.visit_fields import VisitFields
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


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_boxes_for_several_lines_show_three(qtbot, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(style_sheet(theme))
    try:
        scroll = QScrollArea()  # as the visit form holds them, in a short window
        qtbot.addWidget(scroll)
        scroll.setWidgetResizable(True)
        scroll.setWidget(VisitFields())
        scroll.resize(900, 300)
        scroll.show()
        qtbot.waitExposed(scroll)
        boxes = scroll.widget().findChildren(QPlainTextEdit)
        assert len(boxes) >= 4
        for box in boxes:
            assert box.viewport().height() >= 3 * box.fontMetrics().lineSpacing(), (
                box.accessibleName()
            )
    finally:
        app.setStyleSheet(before)
