"""The licence entry form: an application and the licence granted, checked on entry.

The child, the production, the applicant (the licence holder), the venues, the performance and
rehearsal dates or a number of days in a period, the education arrangements (school absence,
tutor) and the chaperone. While the officer types, each field shows its message, a draft is
kept in the vault, and the rules engine's findings are listed with their regulations: the
21-day notice, the 4-day exemption or a BOPA instead, consecutive days, the break after eight
weeks and the chaperone ratio. Ticking "Licence granted" grants it on saving.

Made with ``existing=True`` the same form edits a licence already saved (opened from its case):
the saved fields come back, a draft of the edit is kept against the licence, and Save corrects
the licence instead of adding one. A refused, revoked or closed licence opens read-only and
says why; a signed one too, with "Amend..." which asks the reason and then records the
corrected fields as a signed amendment (the licence stays as signed; no draft is kept of it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QPushButton, QVBoxLayout, QWidget

from oxfield.rules.findings import Finding
from oxfield.services.drafts import load_draft
from oxfield.services.licence_edit import (
    LicenceOnFile,
    amend_licence,
    licence_document,
    load_licence,
    update_licence,
)
from oxfield.services.licensing_entry import (
    LICENCE_FORM,
    LICENCE_TICKS,
    chaperone_choices,
    check_licence_field,
    preview_licence,
    store_licence,
)
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.licensing.licence_form_base import AUTOSAVE_MS, EntryForm
from ui.tasks import TaskRunner


class LicenceForm(EntryForm):
    FORM_NAME = "licence_application"
    TITLE = "New licence application"
    FIELDS = LICENCE_FORM
    TICKS = LICENCE_TICKS
    CHOICES = ("chaperone_id",)
    DRAFT_NAME = "a new licence application"
    SAVE_TEXT = "&Save the licence"

    sig_opened = Signal()
    sig_back = Signal(str)  # the licence's id: its case page

    def __init__(
        self, parent: QWidget | None = None, autosave_ms: int = AUTOSAVE_MS, existing: bool = False
    ) -> None:
        super().__init__(parent, autosave_ms)
        self.existing = existing
        self.on_file: LicenceOnFile | None = None
        self.back_button = QPushButton("&Back to the case", self)
        self.back_button.setAccessibleName("Back to the case")
        self.back_button.setVisible(existing)
        self.back_button.clicked.connect(self._on_back)
        self.amend_button = QPushButton("&Amend...", self)
        self.amend_button.setAccessibleName("Amend the signed licence")
        self.amend_button.setVisible(False)
        self.amend_button.clicked.connect(self._on_amend)
        self.amend_reason: str | None = None
        self.pdf_button = QPushButton("Licence &PDF...", self)
        self.pdf_button.setAccessibleName("Preview the licence as a PDF")
        self.pdf_button.setVisible(False)
        self.pdf_button.clicked.connect(self.open_pdf)
        self.pdf_preview: PdfPreviewDialog | None = None
        #: asks the officer why a signed licence is amended (None: they thought better of it)
        self.ask_reason: Callable[[QWidget], str | None] = _ask_reason
        self.sig_saved.connect(self._after_save)
        if existing:
            self.title_label.setText("Licence")
            self.setAccessibleName("Edit licence")
            layout = self.layout()
            if isinstance(layout, QVBoxLayout):
                layout.insertWidget(1, self.back_button)
                layout.addWidget(self.amend_button)
                layout.addWidget(self.pdf_button)
        self.edits["dates"].setPlaceholderText("dd/mm/yyyy, dd/mm/yyyy, ...")
        for name in ("date_of_birth", "received_on", "first_day", "last_day"):
            self.edits[name].setPlaceholderText("dd/mm/yyyy")
        self.edits["venues"].setPlaceholderText("Venue one; venue two")

    def check(self, name: str, fields: Mapping[str, str], today: date) -> str | None:
        return check_licence_field(name, fields, today)

    def preview(self, vault: Vault, fields: Mapping[str, str], today: date) -> list[Finding]:
        return preview_licence(vault, fields, today)

    def store(self, vault: Vault, actor: Actor, fields: Mapping[str, str]) -> str:
        reference = store_licence(vault, actor, fields)
        state = "granted" if fields.get("granted") == "yes" else "recorded as an application"
        return f"Licence {reference} {state}."

    def load_choices(self, vault: Vault, today: date) -> dict[str, list[tuple[str, str]]]:
        return {
            "chaperone_id": [
                (c.id, f"{c.name} (approved until {c.approved_until:%d/%m/%Y})")
                for c in chaperone_choices(vault, today)
            ]
        }

    # --- editing a saved licence -------------------------------------------------------------

    def use(self, vault: Vault, actor: Actor, runner: TaskRunner) -> None:
        if not self.existing:
            super().use(vault, actor, runner)
            return
        self.vault, self.actor, self.runner = vault, actor, runner
        self.today = actor.clock.today

    def open_licence(self, licence_id: str) -> None:
        """Show a saved licence: its fields, or the draft of an edit left unfinished."""
        vault, runner, name = self.vault, self.runner, self.FORM_NAME
        if not self.existing or vault is None or runner is None:
            return
        if self.subject_id != licence_id:
            self.save_draft_now()  # what was typed on another licence stays as its draft
            self.set_fields({})
            self.dirty = False
        self.subject_id, self.on_file = licence_id, None
        self._end_amend()
        self.touched = set()
        for label in (*self.errors.values(), self.message, self.draft_label):
            label.clear()
        self.findings.clear()
        self.title_label.setText("Loading the licence…")
        today = self.today()

        def work(_p: Any) -> tuple[dict[str, list[tuple[str, str]]], Any]:
            on_file = load_licence(vault, licence_id)
            draft = load_draft(vault, name, licence_id) if on_file.editable else None
            return self.load_choices(vault, today), (on_file, draft)

        runner.run(
            f"{name}: open licence", work, on_finished=self._on_licence, on_failed=self._on_failed
        )

    def _on_licence(self, result: tuple[dict[str, list[tuple[str, str]]], Any]) -> None:
        choices, (on_file, draft) = result
        if self.vault is None or self.subject_id != on_file.id:
            return
        self.on_file = on_file
        fields = dict(on_file.fields)
        if draft is not None:
            fields.update({k: v for k, v in draft.fields.items() if k in fields})
        self._on_opened((choices, fields))
        if draft is None:
            self.draft_label.clear()
            self.dirty = False
        else:
            self.dirty = True
        self.title_label.setText(f"Licence {on_file.reference}")
        self._set_read_only(not on_file.editable)
        self.amend_button.setVisible(on_file.signed)
        self.pdf_button.setVisible(on_file.granted)
        self.message.setText(on_file.why_not)
        self._refresh_findings()
        self.sig_opened.emit()

    def _set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        for widget in (*self.ticks.values(), *self.choices.values()):
            widget.setEnabled(not read_only)
        self.save_button.setVisible(not read_only)

    def _on_amend(self) -> None:
        """Let the signed licence's own fields be corrected, once the reason is given."""
        if self.on_file is None or not self.on_file.signed:
            return
        reason = self.ask_reason(self)
        if not reason or not reason.strip():
            self.message.setText("Amendment not started: a reason is needed.")
            return
        self.amend_reason = reason.strip()
        self._set_read_only(False)
        for name in ("given_names", "family_name", "date_of_birth"):
            self.edits[name].setReadOnly(True)  # the child's record, not the licence
        self.ticks["granted"].setEnabled(False)
        self.amend_button.setVisible(False)
        self.save_button.setText("&Save the amendment")
        self.save_button.setAccessibleName("Save the amendment")
        self.message.setText(f"Amending: {self.amend_reason}. Correct the fields, then save.")
        self.validate_all()
        self.edits["production"].setFocus()

    def _end_amend(self) -> None:
        self.amend_reason = None
        self.save_button.setText(self.SAVE_TEXT)
        self.save_button.setAccessibleName(self.SAVE_TEXT.replace("&", ""))

    def _after_save(self, _said: str) -> None:
        if self.amend_reason is not None:
            self._end_amend()
            self._set_read_only(True)
            self.amend_button.setVisible(True)

    def save_draft_async(self) -> None:
        if self.on_file is None or not self.on_file.signed:  # no drafts of a signed licence
            super().save_draft_async()

    def save_draft_now(self) -> None:
        if self.on_file is None or not self.on_file.signed:
            super().save_draft_now()

    def _on_back(self) -> None:
        """Leave for the case page; what was typed stays as the edit's draft."""
        subject = self.subject_id
        if subject is None:
            return
        self.save_draft_now()
        self.sig_back.emit(subject)

    def draft_name(self) -> str:
        if self.on_file is not None:
            return f"licence {self.on_file.reference}"
        return self.DRAFT_NAME

    def saver(self) -> Callable[[Vault, Actor, Mapping[str, str]], str]:
        if self.subject_id is None:
            return self.store
        if self.amend_reason is not None:
            return partial(_amend, self.subject_id, self.amend_reason)
        return partial(_update, self.subject_id)

    def open_pdf(self) -> PdfPreviewDialog | None:
        """The granted licence, rendered in memory; a file is written only by Save as."""
        vault, runner, on_file = self.vault, self.runner, self.on_file
        if vault is None or runner is None or on_file is None or not on_file.granted:
            return None
        if self.pdf_preview is not None:
            self.pdf_preview.close()
        render = partial(licence_document, vault, on_file.id)
        self.pdf_preview = PdfPreviewDialog(runner, f"Licence {on_file.reference}", render, self)
        self.pdf_preview.show()
        self.pdf_preview.start()
        return self.pdf_preview

    def detach(self) -> None:
        super().detach()
        self.on_file = None
        self._end_amend()
        self.amend_button.setVisible(False)
        self.pdf_button.setVisible(False)
        if self.pdf_preview is not None:  # nothing of the licence stays on screen after a lock
            self.pdf_preview.close()
            self.pdf_preview = None
        if self.existing:
            self.title_label.setText("Licence")
            self._set_read_only(False)


def _update(licence_id: str, vault: Vault, actor: Actor, fields: Mapping[str, str]) -> str:
    return update_licence(vault, actor, licence_id, fields)


def _amend(
    licence_id: str, reason: str, vault: Vault, actor: Actor, fields: Mapping[str, str]
) -> str:
    return amend_licence(vault, actor, licence_id, fields, reason)


def _ask_reason(parent: QWidget) -> str | None:
    reason, ok = QInputDialog.getText(parent, "Amend the licence", "Reason for the amendment:")
    return reason if ok else None
