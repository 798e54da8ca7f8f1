"""The intake's draft: a new case's notice, kept in the vault while the officer types it.

A new case has no record until it is opened, so its draft is kept against a token made when
the intake first opens: two notices started on one day stay two drafts, and Today's
"Unfinished edits" reopens each one. It goes into the draft store every other form uses
(``oxfield.services.drafts``): each field exactly as typed, the parents and carers and the
other addresses as JSON lists, the school as its search text and the URN chosen. Each change
restarts a short timer that saves in the database lane; the lock saves at once; opening the
case or discarding the notice drops it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from oxfield.ids import new_id
from oxfield.services.drafts import DraftData, discard_draft, load_draft, save_draft
from oxfield.services.today import EHE_INTAKE_FORM
from oxfield.services.vaults import Vault
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.ehe.intake_dialog import CaseIntakeDialog

FORM_NAME = EHE_INTAKE_FORM
AUTOSAVE_MS = 800

LINES = (
    "given",
    "family",
    "preferred",
    "dob",
    "address",
    "town",
    "postcode",
    "notified",
    "deregistered",
    "safeguarding_detail",
)
COMBOS = ("sex", "source", "reason", "sen")
CHECKS = ("ehcp_eotas", "safeguarding", "s47")
PARENT_LINES = ("given", "family", "phone", "email")
PARENT_CHECKS = ("responsibility", "educates")
ADDRESS_LINES = ("line1", "town", "postcode")


def _rows(text: str) -> list[dict[str, str]]:
    try:
        rows = json.loads(text or "[]")
    except ValueError:
        return []
    if not isinstance(rows, list):
        return []
    return [{str(k): str(v) for k, v in r.items()} for r in rows if isinstance(r, dict)]


def _yes(box: QCheckBox) -> str:
    return "yes" if box.isChecked() else "no"


def intake_fields(d: CaseIntakeDialog) -> dict[str, str]:
    """Everything typed into the intake, as the draft store keeps it (plain text)."""
    fields = {name: getattr(d, name).text() for name in LINES}
    fields |= {name: str(getattr(d, name).currentData() or "") for name in COMBOS}
    fields |= {name: _yes(getattr(d, name)) for name in CHECKS}
    parents = [
        {n: getattr(r, n).text() for n in PARENT_LINES}
        | {n: _yes(getattr(r, n)) for n in PARENT_CHECKS}
        | {"relationship": str(r.relationship.currentData() or "")}
        for r in d.parents.rows
    ]
    addresses = [{n: getattr(r, n).text() for n in ADDRESS_LINES} for r in d.other_addresses.rows]
    fields["parents"] = json.dumps(parents, ensure_ascii=False)
    fields["other_addresses"] = json.dumps(addresses, ensure_ascii=False)
    fields["school_search"] = d.school.search.text()
    fields["school_urn"] = "" if d.school.urn is None else str(d.school.urn)
    child = f"{d.given.text().strip()} {d.family.text().strip()}".strip()
    fields["display_name"] = child  # what Today's "Unfinished edits" calls it
    return fields


def _choose(box: QComboBox, value: str) -> None:
    box.setCurrentIndex(max(box.findData(value), 0))


def restore_fields(d: CaseIntakeDialog, fields: Mapping[str, str]) -> None:
    """Put a draft back into the intake's widgets, rows and school included."""
    for name in LINES:
        edit: QLineEdit = getattr(d, name)
        edit.setText(fields.get(name, ""))
    for name in COMBOS:
        _choose(getattr(d, name), fields.get(name, ""))
    for name in CHECKS:
        getattr(d, name).setChecked(fields.get(name) == "yes")
    parents = _rows(fields.get("parents", ""))
    for row, saved in zip(d.parents.reset(max(len(parents), 1)), parents, strict=False):
        for n in PARENT_LINES:
            getattr(row, n).setText(saved.get(n, ""))
        for n in PARENT_CHECKS:
            getattr(row, n).setChecked(saved.get(n, "yes") == "yes")
        _choose(row.relationship, saved.get("relationship", ""))
    addresses = _rows(fields.get("other_addresses", ""))
    for place, saved in zip(d.other_addresses.reset(len(addresses)), addresses, strict=True):
        for n in ADDRESS_LINES:
            getattr(place, n).setText(saved.get(n, ""))
    d.school.search.setText(fields.get("school_search", ""))
    urn = fields.get("school_urn", "")
    d.school.set_urn(int(urn) if urn.isdigit() else None)


class IntakeDraft(QObject):
    """Keeps one intake's draft in step with its widgets, and drops it when it is done."""

    sig_saved = Signal()
    sig_restored = Signal()

    def __init__(
        self,
        dialog: CaseIntakeDialog,
        runner: TaskRunner,
        vault: Vault,
        draft_id: str | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(dialog)
        self._dialog, self._runner = dialog, runner
        self._vault: Vault | None = vault
        #: the draft's subject: a token of this notice (there is no record yet)
        self.draft_id = draft_id or new_id()
        self.resumed = draft_id is not None
        self.dirty = False
        self._restoring = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.save_async)

    def watch(self) -> None:
        """Restart the timer on every change the intake can take: fields, rows, school."""
        d = self._dialog
        signals: list[Any] = [
            *(getattr(d, n).textChanged for n in LINES),
            *(getattr(d, n).currentIndexChanged for n in COMBOS),
            *(getattr(d, n).toggled for n in CHECKS),
            d.parents.sig_changed,
            d.other_addresses.sig_changed,
            d.school.search.textChanged,
            d.school.sig_chosen,
        ]
        for signal in signals:
            signal.connect(self._on_changed)

    def _on_changed(self, *_args: object) -> None:
        if self._restoring or self._vault is None:
            return
        self.dirty = True
        self._timer.start()

    # --- loading ---------------------------------------------------------------------------

    def load(self, on_failed: Callable[[BaseException], None]) -> None:
        """Bring the saved draft back into the intake (from Today's "Unfinished edits")."""
        vault, draft_id = self._vault, self.draft_id
        if vault is None:
            return
        self._runner.run(
            "load intake draft",
            lambda _p: load_draft(vault, FORM_NAME, draft_id),
            on_finished=self._on_loaded,
            on_failed=on_failed,
        )

    def _on_loaded(self, draft: DraftData | None) -> None:
        if self._vault is None:
            return  # locked while it loaded: the draft stays in the vault for next time
        if draft is not None:
            self._restoring = True
            try:
                restore_fields(self._dialog, draft.fields)
            finally:
                self._restoring = False
        self.sig_restored.emit()

    # --- saving ----------------------------------------------------------------------------

    def save_async(self) -> None:
        vault, draft_id = self._vault, self.draft_id
        if vault is None or not self.dirty:
            return
        fields = intake_fields(self._dialog)  # dirty stays: the lock saves again, at once

        def work(_p: Any) -> None:
            save_draft(vault, FORM_NAME, draft_id, fields)

        self._runner.run("autosave intake draft", work, on_finished=self._on_saved)

    def save_now(self) -> None:
        """At lock or close: keep the last keystrokes at once (on this thread: the lock
        cancels queued work and then closes the vault, so the timer would never fire)."""
        self._timer.stop()
        if self._vault is not None and self.dirty:
            save_draft(self._vault, FORM_NAME, self.draft_id, intake_fields(self._dialog))
            self.dirty = False

    def _on_saved(self, _r: object) -> None:
        self.sig_saved.emit()

    # --- finishing -------------------------------------------------------------------------

    def pause(self) -> None:
        """While the case is being opened: nothing typed may start another save."""
        self._timer.stop()

    def forget(self) -> None:
        """Nothing more reaches the vault from this intake (after the lock saved it)."""
        self._timer.stop()
        self._vault = None
        self.dirty = False

    def discard(self) -> None:
        """The officer threw the notice away: the draft goes too (after any save queued)."""
        vault, draft_id = self._vault, self.draft_id
        self.forget()
        if vault is not None:
            self._runner.run(
                "discard intake draft", lambda _p: discard_draft(vault, FORM_NAME, draft_id)
            )
