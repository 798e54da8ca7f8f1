"""The wake detector: a sleep nobody announced still locks, a clock being set does not.

The detector runs on its real QTimer; only the two clocks are injected, so a test can make a
sleep of an hour happen between two ticks. The flow test goes through the real vault.
"""

from __future__ import annotations

import pytest

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from oxfield.services.drafts import load_draft
from oxfield.services.vaults import unlock_vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import make_flow, start, unlock
from ui.wake import WAKE_GAP_S, WakeDetector, slept

HOUR = 3600.0


class Clocks:
    """A wall clock and a monotonic clock the test moves by hand; counts how often it is read."""

    def __init__(self) -> None:
        self.wall_now = 1_796_000_000.0  # some day in December 2026
        self.mono_now = 50_000.0
        self.reads = 0

    def wall(self) -> float:
        self.reads += 1
        return self.wall_now

    def monotonic(self) -> float:
        return self.mono_now

    def run(self, seconds: float) -> None:
        """Time passing while awake: both clocks move together."""
        self.wall_now += seconds
        self.mono_now += seconds


@pytest.mark.parametrize(
    ("wall", "mono", "expected"),
    [
        (5.0, 5.0, False),  # an ordinary tick
        (12.0, 12.0, False),  # a tick a little late (a busy moment)
        (7.0, 5.0, False),  # NTP stepped the clock forward by two seconds
        (5.0 - HOUR, 5.0, False),  # the clock was set back an hour
        (35.0, 5.0, False),  # set forward half a minute: below the gap
        (HOUR + 5.0, 5.0, True),  # Linux, macOS: monotonic stood still through an hour's sleep
        (HOUR + 5.0, HOUR + 5.0, True),  # Windows: both clocks counted the sleep
        (HOUR + 5.0, 2 * HOUR + 5.0, True),  # Windows, clock set back an hour while asleep
    ],
)
def test_what_counts_as_a_sleep(wall: float, mono: float, expected: bool) -> None:
    assert slept(wall, mono, tick_s=5.0, gap_s=WAKE_GAP_S) is expected


def test_the_real_timer_notices_a_sleep_and_nothing_else(qtbot) -> None:
    clocks = Clocks()
    detector = WakeDetector(tick_ms=10, wall=clocks.wall, monotonic=clocks.monotonic)
    woke: list[float] = []
    detector.sig_woke.connect(woke.append)
    detector.start()
    assert detector.active
    clocks.run(3.0)
    clocks.wall_now += 2.0  # an NTP step
    qtbot.waitUntil(lambda: clocks.reads >= 5, timeout=5000)
    clocks.wall_now -= HOUR  # the officer sets the clock back: no lock
    seen = clocks.reads
    qtbot.waitUntil(lambda: clocks.reads >= seen + 3, timeout=5000)
    assert woke == []
    clocks.wall_now += 2 * HOUR  # suspended two hours: the monotonic clock stood still
    with qtbot.waitSignal(detector.sig_woke, timeout=5000) as signal:
        pass
    assert signal.args == [2 * HOUR]
    seen = clocks.reads
    qtbot.waitUntil(lambda: clocks.reads >= seen + 3, timeout=5000)
    assert woke == [2 * HOUR]  # once per sleep, not on every tick after it
    detector.stop()
    assert not detector.active


class Sheet(QWidget):
    """A window that records, at each paint, how many wake-ups had been noticed by then."""

    def __init__(self, woke: list[float]) -> None:
        super().__init__()
        self.woke = woke
        self.painted_after: list[int] = []

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted_after.append(len(self.woke))


def test_waking_is_noticed_before_the_window_is_drawn_again(qtbot) -> None:
    clocks = Clocks()
    detector = WakeDetector(tick_ms=3_600_000, wall=clocks.wall, monotonic=clocks.monotonic)
    woke: list[float] = []
    detector.sig_woke.connect(woke.append)
    sheet = Sheet(woke)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    detector.start(sheet)  # the timer will not tick during the test: only drawing looks
    qtbot.waitUntil(lambda: sheet.painted_after != [], timeout=5000)
    clocks.run(1.0)
    sheet.update()
    qtbot.waitUntil(lambda: len(sheet.painted_after) >= 2, timeout=5000)
    assert woke == []
    painted = len(sheet.painted_after)
    clocks.wall_now += HOUR  # the lid was closed for an hour
    sheet.update()
    qtbot.waitUntil(lambda: len(sheet.painted_after) > painted, timeout=5000)
    assert woke == [HOUR]
    assert sheet.painted_after[painted] == 1  # the first paint after waking came after the lock
    detector.stop()


def test_waking_locks_the_vault_and_keeps_the_draft(qtbot, seeded_vault, settings) -> None:
    path, ids = seeded_vault
    flow = make_flow(qtbot, path, settings)
    start(qtbot, flow)
    assert "wake" in flow.power.listening and flow.power.wake.active
    unlock(qtbot, flow)
    clocks = Clocks()
    wake = flow.power.wake
    wake.stop()  # the same detector the flow started, now on clocks the test can move
    wake.wall, wake.monotonic = clocks.wall, clocks.monotonic
    wake.start(flow.window)
    workspace = flow.window.workspace
    workspace.open_case(ids[1])
    detail = workspace.detail
    qtbot.waitUntil(lambda: detail.details is not None)
    detail.start_edit()
    detail.form.edits["preferred_name"].setText("Bran")  # typed, not saved
    clocks.run(4.0)
    assert not flow.locked
    clocks.wall_now += 3 * HOUR
    with qtbot.waitSignal(flow.sig_locked, timeout=10000) as locked:
        flow.window.update()
    assert locked.args == ["wake"] and flow.locked
    assert detail.form.edits["preferred_name"].text() == ""
    assert "had been asleep" in flow.unlock_window.message.text()
    vault = unlock_vault(path, PASSPHRASE)
    try:
        draft = load_draft(vault, "ehe_case", ids[1])
        assert draft is not None and draft.fields["preferred_name"] == "Bran"
    finally:
        vault.lock()
    flow.shutdown()
