"""The sync controller runs the real sync off the GUI thread, reports progress, can be
cancelled, and gives the status bar its line."""

from __future__ import annotations

import threading

from oxfield.services import sync_status
from sync.client.run import SyncReport
from tests.sync.client.conftest import FAST
from tests.sync.helpers import Server
from ui.sync.controller import SyncController
from ui.tasks import TaskRunner


def test_background_sync_feeds_the_status_bar(qtbot, sync_server: Server, laptops) -> None:
    a = laptops("a", sync_server.officer("ehe"))
    for i in range(3):
        a.new_child(given=f"Q{i}")
    assert sync_status.status(a.open()).waiting == 3
    runner = TaskRunner()
    controller = SyncController(a.open(), runner=runner, options=FAST)
    progress: list[tuple[int, int, str]] = []
    controller.sig_progress.connect(lambda d, t, x: progress.append((d, t, x)))
    with qtbot.waitSignal(controller.sig_finished, timeout=30_000) as finished:
        assert controller.start()
        assert not controller.start()  # one run at a time
    report: SyncReport = finished.args[0]
    assert report.finished and report.pushed == 3
    assert any(text == "Sending changes" for _, _, text in progress)
    assert not controller.running
    facts = controller.sync_facts()  # the desktop status bar's source
    assert facts.pending_changes == 0 and facts.last_sync is not None


def test_cancel_stops_the_run_and_says_so(qtbot, sync_server: Server, laptops) -> None:
    a = laptops("a", sync_server.officer("ehe"))
    a.new_child()
    runner = TaskRunner()
    gate = threading.Event()
    runner.run("hold the lane", lambda progress: gate.wait(10))
    controller = SyncController(a.open(), runner=runner, options=FAST)
    with qtbot.waitSignal(controller.sig_finished, timeout=30_000) as finished:
        controller.start()
        controller.cancel()
        gate.set()
    report: SyncReport = finished.args[0]
    assert not report.finished and "Cancelled" in report.message
    assert sync_status.status(a.open()).waiting == 1  # nothing lost; it goes next time
    runner.wait()
