"""The status bar reads the sync facts on a worker, shows only the newest answer, and clears
the vault's facts at once when its source goes (at lock)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from ui.status import NoSyncYet, StatusPanel, SyncFacts
from ui.tasks import TaskRunner


class SlowSource:
    """Counts like a big outbox: each answer waits until the test lets it go."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.gates: list[threading.Event] = []
        self.answers = 0

    def sync_facts(self) -> SyncFacts:
        gate = threading.Event()
        self.gates.append(gate)
        self.threads.append(threading.current_thread())
        gate.wait(10)
        self.answers += 1
        return SyncFacts(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), 50_000 + self.answers, 2)


def test_facts_are_read_off_the_gui_thread_and_cleared_at_once(qtbot) -> None:
    runner = TaskRunner()
    source = SlowSource()
    panel = StatusPanel(NoSyncYet(), runner, online=lambda: True)
    qtbot.addWidget(panel)
    panel.set_source(source)  # returns at once: the window is never held by the count
    qtbot.waitUntil(lambda: len(source.gates) == 1)
    assert source.threads[0] is not threading.main_thread()
    assert panel.pending_label.text() == "Changes waiting: 0"
    assert panel.online_label.text() == "● Online"

    panel.refresh()  # a second ask while the first still counts
    qtbot.waitUntil(lambda: len(source.gates) == 2)
    source.gates[1].set()
    qtbot.waitUntil(lambda: panel.pending_label.text() == "Changes waiting: 50001")
    source.gates[0].set()  # the older answer comes last and is not shown
    qtbot.waitUntil(lambda: source.answers == 2)
    runner.wait()
    qtbot.wait(50)
    assert panel.pending_label.text() == "Changes waiting: 50001"
    assert panel.sync_label.text() == "Last sync: 29 Mar 2026 02:30"  # BST began at 01:00 UTC
    assert panel.rejected_button.text() == "2 rejected: review"

    panel.set_source(NoSyncYet())  # the lock: nothing of the vault stays on screen
    assert panel.pending_label.text() == "Changes waiting: 0"
    assert panel.sync_label.text() == "Last sync: never"
    assert panel.rejected_button.isHidden()
    runner.wait()
