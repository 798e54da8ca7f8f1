"""Locking with an employment permit's PDF preview open closes the preview: the child's
permit must not stay on screen over the unlock screen (the inspection screen and the
chaperone pipeline already closed theirs)."""

from __future__ import annotations

from datetime import UTC, datetime

from oxfield.clock import FixedClock
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.ui.licensing.test_permit_check import apply, press
from ui.licensing.permit_check import PermitCheckScreen, PermitDesk
from ui.tasks import TaskRunner


def test_lock_closes_the_permit_preview(qtbot, vault: Vault, runner: TaskRunner) -> None:
    actor = Actor("officer-1", clock=FixedClock(datetime(2026, 8, 25, 9, 0, tzinfo=UTC)))
    with writing(vault, actor) as s:
        apply(s, "Gamma", "shop assistant", 97.0, {"sat": [("09:00", "11:00")]})
    screen = PermitCheckScreen()
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.sig_checked, timeout=5000):
        screen.use(PermitDesk(vault, actor), runner)
    press(qtbot, screen, screen.issue_button)
    assert screen.message.text() == "Permit issued and signed."
    preview = screen.open_pdf()
    assert preview is not None and preview.isVisible()
    qtbot.waitUntil(lambda: bool(preview.pages), timeout=10000)
    screen.detach()
    assert not preview.isVisible() and screen.preview is None
