"""Guard against a Qt binding that mis-counts references (PySide6 6.12.0 on Python 3.11).

That release returned ``None`` from every void method without taking a reference, so each call
drained ``None``'s count and the desktop aborted after a few thousand calls
("none_dealloc: deallocating None"). pyproject.toml excludes it; this test fails if such a
binding is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QProgressBar


def test_void_calls_keep_references_to_none(qtbot) -> None:
    bar, label = QProgressBar(), QLabel()
    qtbot.addWidget(bar)
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        bar.setValue(1)
        label.setText("x")
    assert sys.getrefcount(None) - before > -100  # a leak would show as -4000
