"""A newcomer's demo vault: the real Chaperones area lists the demo's applicants, every stage
of the pipeline among them, and no approval shown as expired."""

from __future__ import annotations

from datetime import UTC, datetime

from oxfield.clock import FixedClock
from oxfield.services import ehe_demo
from oxfield.services.chaperones_order import STAGES
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault
from ui.chaperones.area import ChaperonesArea
from ui.licensing.chaperone_data import ChaperoneDesk
from ui.tasks import TaskRunner

NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)


def test_demo_applicants_fill_the_chaperones_area(qtbot, vault: Vault, runner: TaskRunner) -> None:
    actor = Actor("officer-1", clock=FixedClock(NOW))
    made = ehe_demo.make_demo(vault, actor, 10, seed=2026)
    area = ChaperonesArea(runner)
    qtbot.addWidget(area)
    area.show()
    with qtbot.waitSignal(area.sig_listed, timeout=5000):
        area.use(ChaperoneDesk(vault, actor))
    model = area.model
    assert model.rowCount() == made.chaperones == 12
    stages = {model.data(model.index(r, 1)) for r in range(model.rowCount())}
    assert stages == set(STAGES) - {"Approval expired"}
    expiries = [model.data(model.index(r, 4)) for r in range(model.rowCount())]
    assert not any("expired" in (e or "") for e in expiries)
    assert sum(bool(e) for e in expiries) == 5  # the approved ones show their expiry
