"""Editing an EHE case's own record on its page: which draft to reopen, save, cancel, keep.

Opening the edit looks for the case's draft first (the officer's unsaved typing from before a
lock or a crash) and restores it; from Today, with no case draft, the newest unfinished form
of one of the case's records is what is reopened instead. Saving goes through the services in
the database lane and then drops the draft; cancelling drops it too; leaving the page keeps
it. The page decides what shows; this only talks to the form and the services.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from oxfield.services.case_details import CaseDetails, save_ehe_case
from oxfield.services.drafts import (
    DraftData,
    discard_draft,
    drafts_of_subject,
    load_draft,
    parse_form_key,
)
from oxfield.services.vaults import Vault
from ui.forms.ehe_case_form import FORM_NAME, EheCaseForm
from ui.forms.record_view import local_time
from ui.session import DesktopSession
from ui.tasks import TaskRunner


def case_draft(vault: Vault, details: CaseDetails) -> DraftData | None:
    """The unsaved edit of the case itself, if it can be edited and one was kept."""
    return load_draft(vault, FORM_NAME, details.id) if details.editable else None


def record_draft(vault: Vault, case_id: str) -> tuple[str, str] | None:
    """The newest unfinished form of one of the case's records: (form, record id or "")."""
    for draft in drafts_of_subject(vault, case_id):
        form, record_id = parse_form_key(draft.form)
        if draft.form != FORM_NAME and form:
            return form.removeprefix("amend_"), record_id or ""
    return None


class CaseEditing(QObject):
    """The case's edit form with its draft, and saving it through the database lane."""

    sig_saved = Signal(object)  # CaseDetails
    sig_failed = Signal(object)  # BaseException

    def __init__(self, runner: TaskRunner, form: EheCaseForm, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self.form = form

    def begin(self, session: DesktopSession, details: CaseDetails, draft: DraftData | None) -> None:
        """Fill the form with the case, and over it the draft's typing when there is one."""
        fields = details.form_fields()
        note = ""
        if draft is not None:
            fields.update({k: v for k, v in draft.fields.items() if k in fields})
            note = f"Restored your unsaved changes from {local_time(draft.updated_at)}."
        self.form.load(session.vault, details.id, fields, session.today, details.display_name, note)
        if draft is not None:
            self.form.dirty = True

    def save(self, session: DesktopSession, case_id: str) -> None:
        """Save the form as typed, then drop its draft (both in the database lane)."""
        fields, vault, officer, clock = (
            self.form.fields(),
            session.vault,
            session.officer,
            session.clock,
        )

        def work(_progress: Any) -> CaseDetails:
            saved = save_ehe_case(vault, case_id, fields, officer, clock)
            discard_draft(vault, FORM_NAME, case_id)
            return saved

        self.form.dirty = False
        self._runner.run(
            "save case", work, on_finished=self.sig_saved.emit, on_failed=self._on_failed
        )

    def _on_failed(self, exc: BaseException) -> None:
        self.form.dirty = True
        self.sig_failed.emit(exc)

    def cancel(self, vault: Vault | None, case_id: str | None) -> None:
        """Throw the edit away, draft and all."""
        self.form.clear()
        if vault is not None and case_id is not None:
            discard_draft(vault, FORM_NAME, case_id)

    def keep(self) -> None:
        """Leave the edit: what was typed stays as its draft, the form forgets it."""
        self.form.save_draft_now()
        self.form.clear()
