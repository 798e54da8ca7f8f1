"""Notice that the computer slept, on any platform, by comparing two clocks.

Not every sleep is announced: macOS has no signal OxField listens to, Windows' Modern Standby
may not send ``PBT_APMSUSPEND``, and a Linux box without logind sends nothing. So a timer ticks
every few seconds and compares how far the wall clock (``time.time()``) moved with how far the
monotonic clock moved since the last look:

- On Linux and macOS the monotonic clock stands still while the machine is suspended, and the
  wall clock does not: the wall clock running ahead of the monotonic one by more than
  :data:`WAKE_GAP_S` means the machine slept for at least that long.
- On Windows both clocks count the sleep, so there the sign is a look arriving far later than
  scheduled on *both* clocks (more than :data:`WAKE_GAP_S` past the tick). A GUI thread frozen
  that long reads the same way, and locking then is harmless.

The clock being set must not lock: NTP steps are small (well under :data:`WAKE_GAP_S`), and a
wall clock set backwards makes the gap negative. Setting it forwards by hours does lock: that
is the safe side. Daylight saving does not move ``time.time()``.

Besides every tick, the clocks are also read when the watched window is about to be drawn
(``Expose`` on its native window, ``UpdateRequest`` on the widget), so the lock happens on
waking before the case on screen is drawn again, not up to a tick later.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

WAKE_TICK_MS = 5_000
WAKE_GAP_S = 60.0

_DRAWING = {QEvent.Type.Expose, QEvent.Type.UpdateRequest}


def slept(wall_elapsed: float, mono_elapsed: float, tick_s: float, gap_s: float) -> bool:
    """Whether the time between two looks at the clocks can only be explained by a sleep."""
    if wall_elapsed - mono_elapsed > gap_s:  # monotonic stood still (Linux, macOS)
        return True
    late = tick_s + gap_s
    return wall_elapsed > late and mono_elapsed > late  # both counted it (Windows)


class WakeDetector(QObject):
    """Emits ``sig_woke`` (seconds since the previous look) on the first look after a sleep."""

    sig_woke = Signal(float)

    def __init__(
        self,
        tick_ms: int = WAKE_TICK_MS,
        gap_s: float = WAKE_GAP_S,
        *,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._gap_s = gap_s
        self.wall = wall  # both clocks are read through these: tests put their own in
        self.monotonic = monotonic
        self._last = (0.0, 0.0)
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.check)
        self._watched: list[QObject] = []

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, window: QWidget | None = None) -> None:
        """Start ticking; with ``window``, also look just before it is drawn."""
        self._last = (self.wall(), self.monotonic())
        self._timer.start()
        if window is not None and not self._watched:
            handle = window.windowHandle()  # None until the window is shown or given a winId
            for target in (window, handle):
                if target is not None:
                    target.installEventFilter(self)
                    self._watched.append(target)

    def stop(self) -> None:
        self._timer.stop()
        for target in self._watched:
            target.removeEventFilter(self)
        self._watched.clear()

    def check(self) -> bool:
        """Read both clocks; emit ``sig_woke`` if the machine slept since the last read."""
        wall, mono = self.wall(), self.monotonic()
        wall_elapsed, mono_elapsed = wall - self._last[0], mono - self._last[1]
        self._last = (wall, mono)
        if not slept(wall_elapsed, mono_elapsed, self._timer.interval() / 1000, self._gap_s):
            return False
        self.sig_woke.emit(max(wall_elapsed, mono_elapsed))  # by the clock that counted the sleep
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _DRAWING and self._timer.isActive():
            self.check()
        return False
