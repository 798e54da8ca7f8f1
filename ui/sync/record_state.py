"""A small badge saying where one record stands with sync, for the record's own page.

The state comes from ``oxfield.replica.state`` (new, changed, syncing, synced, conflict,
rejected). The words say what the officer can do about it; a rejected record shows the
server's reason and the field it named, so the officer knows what to fix before sending it
again from "Rejected changes". The badge carries an accessible name ("Sync state") and an
accessible description with the whole sentence, so a screen reader reads the same as the eye.
Nothing is shown on a laptop that is not enrolled (every record would only say "not synced").
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from oxfield.services import sync_status
from oxfield.services.sync_status import RecordStatus, SyncState
from oxfield.services.vaults import Vault

TEXT = {
    SyncState.NEW: "Not yet sent to the server",
    SyncState.CHANGED: "Changes waiting to go up",
    SyncState.SYNCING: "Sending…",
    SyncState.SYNCED: "Synced",
    SyncState.CONFLICT: "Conflict: review it under Conflicts",
    SyncState.REJECTED: "Rejected by the server",
}


def describe(status: RecordStatus) -> str:
    """The badge's sentence; a rejection adds the server's reason and field."""
    text = TEXT[status.state]
    if status.state is SyncState.REJECTED:
        if status.reason:
            text += f": {status.reason}"
        if status.field:
            text += f" (field: {status.field.replace('_', ' ')})"
        text += ". Fix it, then send it again from Rejected changes."
    return text


class RecordStateBadge(QLabel):
    """One record's sync state; :meth:`load` reads it (a few indexed lookups)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncState")
        self.setAccessibleName("Sync state")
        self.setWordWrap(True)
        self.status: RecordStatus | None = None
        self.hide()

    def load(self, vault: Vault, record_id: str) -> None:
        if vault.locked or not vault.meta("officer_id"):
            self.clear_state()
            return
        self.set_status(sync_status.record_states(vault, [record_id])[record_id])

    def set_status(self, status: RecordStatus) -> None:
        self.status = status
        text = describe(status)
        self.setText(f"Sync: {text}")
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.setProperty("syncState", status.state.value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def clear_state(self) -> None:
        self.status = None
        self.clear()
        self.setAccessibleDescription("")
        self.hide()
