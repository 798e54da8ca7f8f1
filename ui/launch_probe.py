"""Launch timing for bench/bench_bundle.py: quit as soon as the first window is on screen.

Enabled only by the environment variable ``OXFIELD_MEASURE_LAUNCH=1`` (never in normal use). It
prints one line, ``first window: <class> after <seconds> s``, when the first top-level window
receives its Show event, then asks the application to quit.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "OXFIELD_MEASURE_LAUNCH"
_started = time.perf_counter()


class _FirstWindow(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            not self._seen
            and event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            self._seen = True
            elapsed = time.perf_counter() - _started
            print(f"first window: {type(watched).__name__} after {elapsed:.3f} s", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def maybe_install() -> None:
    """Watch for the first window when ``OXFIELD_MEASURE_LAUNCH`` is set; otherwise nothing."""
    if os.environ.get(ENV) != "1":
        return
    import ui.app

    make = getattr(ui.app, "make_application", None)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = make() if make is not None else QApplication(sys.argv[:1])
    app.installEventFilter(_FirstWindow(app))
