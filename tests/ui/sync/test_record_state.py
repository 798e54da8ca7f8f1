"""The sync-state badge: every state has words, a rejection carries the server's reason and
field, the accessible description reads the same as the label, and it hides when cleared."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from oxfield.services.sync_status import RecordStatus, SyncState
from ui.sync.record_state import TEXT, RecordStateBadge, describe


def test_every_state_has_words_and_a_rejection_says_why(qtbot) -> None:
    assert set(TEXT) == set(SyncState)
    page = QWidget()
    qtbot.addWidget(page)
    badge = RecordStateBadge(page)
    page.show()
    assert badge.isHidden()  # nothing until a state is known
    for state in SyncState:
        badge.set_status(RecordStatus("r1", state))
        assert badge.isVisible() and badge.property("syncState") == state.value
        assert badge.accessibleName() == "Sync state"
        assert badge.accessibleDescription() == TEXT[state] or state is SyncState.REJECTED
    refused = RecordStatus("r1", SyncState.REJECTED, "the district is not yours", "district")
    badge.set_status(refused)
    assert badge.text() == f"Sync: {describe(refused)}"
    assert "the district is not yours (field: district)" in badge.accessibleDescription()
    assert "send it again" in badge.toolTip()
    badge.clear_state()
    assert badge.isHidden() and badge.text() == "" and badge.status is None
