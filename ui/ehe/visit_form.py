"""The record of one planned EHE visit: fill, attach evidence, autosave, sign, amend.

Checks run as the officer types: a safeguarding concern needs a referral reference or the
reason none was made, and until it has one Save stays disabled with that reason shown beside
it. Sign is offered only when the record is complete (the service's own check); what signing
still needs is said once the officer has typed, not on opening a new, empty record. Every change
restarts a short timer that keeps the typed record as a draft in the vault. Signing asks for
confirmation, then the record is immutable: every field turns read-only and Amend appears.
All vault work goes through the task runner; workers get plain data only.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oxfield.errors import ValidationError
from oxfield.services.drafts import discard_draft, save_draft
from oxfield.services.ehe_reports import render_visit_letter
from oxfield.services.ehe_visit_details import VisitRecord
from oxfield.services.ehe_visits import (
    SignedVisit,
    add_evidence,
    amend_visit,
    save_record,
    sign_visit,
)
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.ehe.visit_data import FORM_NAME, VisitState, load_visit_state
from ui.ehe.visit_fields import VisitFields
from ui.messages import message_for
from ui.tasks import TaskRunner

AUTOSAVE_MS = 800

#: what an amendment may correct: the visit's own columns, by the label the officer sees
AMENDABLE = {
    "persons_present": "Who was present",
    "voice_of_child": "The child's views",
    "provision_by_others": "Other providers and tutors",
    "referral_made": "Referral reference",
}


def _ask_yes(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class VisitRecordForm(QWidget):
    sig_loaded = Signal()
    sig_saved = Signal()
    sig_signed = Signal(object)  # SignedVisit
    sig_amended = Signal(str)
    sig_evidence_added = Signal(int)
    sig_draft_saved = Signal()
    sig_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        vault: Vault,
        actor: Actor,
        visit_id: str,
        parent: QWidget | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        confirm: Callable[[QWidget, str, str], bool] = _ask_yes,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Visit record")
        self._runner, self._vault, self._actor = runner, vault, actor
        self.visit_id = visit_id
        self._confirm = confirm
        self.state: VisitState | None = None
        self.signed = False
        self.dirty = False
        self.quiet = False  # a new, empty record: "Before signing" waits for the first typing
        self.fields = VisitFields(self)
        self.heading = QLabel(self)
        self.heading.setAccessibleName("Visit")
        self.evidence_list = QListWidget(self)
        self.evidence_list.setAccessibleName("Evidence attached")
        # a few names' worth: the record's fields above are what the officer is typing into
        self.evidence_list.setMaximumHeight(5 * self.evidence_list.fontMetrics().lineSpacing() + 14)
        self.attach_button = QPushButton("Attach photos of work...", self)
        self.attach_button.setAccessibleName("Attach photos of work")
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setAccessibleName("Record message")
        self.message.setWordWrap(True)
        self.draft_label = QLabel(self)
        self.draft_label.setAccessibleName("Draft status")
        self.save_button = QPushButton("Save", self)
        self.save_button.setAccessibleName("Save visit record")
        self.sign_button = QPushButton("Sign...", self)
        self.sign_button.setAccessibleName("Sign visit record")
        self.amend_button = QPushButton("Amend...", self)
        self.amend_button.setAccessibleName("Amend signed record")
        self.amend_button.setVisible(False)
        self.letter_button = QPushButton("Preview letter...", self)
        self.letter_button.setAccessibleName("Preview letter to the parents")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        buttons = QHBoxLayout()
        for button in (
            self.attach_button,
            self.save_button,
            self.sign_button,
            self.amend_button,
            self.letter_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel("Evidence:", self))
        layout.addWidget(self.evidence_list)
        layout.addWidget(self.message)
        layout.addWidget(self.draft_label)
        layout.addLayout(buttons)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_draft_async)
        self.fields.connect_changed(self._on_edited)
        self.attach_button.clicked.connect(self._on_attach_clicked)
        self.save_button.clicked.connect(self.save)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.amend_button.clicked.connect(self._on_amend_clicked)
        self.letter_button.clicked.connect(self._on_letter_clicked)
        self.setEnabled(False)

    # --- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        vault, visit_id = self._vault, self.visit_id
        self._run("load visit", lambda _p: load_visit_state(vault, visit_id), self._on_loaded)

    def _on_loaded(self, state: VisitState) -> None:
        self.state = state
        self.fields.set_record(state.record)
        self.heading.setText(f"Visit planned for {state.planned_on:%d/%m/%Y} at {state.place}")
        self.draft_label.setText("Restored your unsaved draft." if state.from_draft else "")
        self.dirty = state.from_draft
        self.quiet = state.record == VisitRecord()
        self.setEnabled(True)
        self._show_signed(state.signed)
        self.validate()
        self.sig_loaded.emit()

    # --- checking as you type --------------------------------------------------------------

    def problem(self) -> str | None:
        """Why Save is refused (a safeguarding concern with no next step), or None."""
        record = self.fields.record()
        if record.safeguarding_concern and not (
            record.referral_reference.strip() or record.no_referral_reason.strip()
        ):
            return (
                "Safeguarding concern: give the referral reference, or the reason no "
                "referral was made."
            )
        return None

    def sign_problem(self) -> str | None:
        try:
            self.fields.record().check_complete()
        except ValidationError as exc:
            return str(exc)
        return None

    def validate(self) -> bool:
        if self.signed:
            return False
        problem = self.problem()
        sign_problem = problem or self.sign_problem()
        advice = f"Before signing: {sign_problem}" if sign_problem and not self.quiet else ""
        self.message.setText(problem or advice)
        self.save_button.setEnabled(problem is None)
        self.save_button.setToolTip(problem or "")
        self.sign_button.setEnabled(sign_problem is None)
        self.sign_button.setToolTip(sign_problem or "")
        for edit in (self.fields.referral_reference, self.fields.no_referral_reason):
            edit.setAccessibleDescription(problem or "")
        return problem is None

    def _on_edited(self, *_args: object) -> None:
        self.dirty = True
        self.quiet = False
        self.validate()
        self._autosave.start()

    # --- drafts, save ----------------------------------------------------------------------

    def save_draft_async(self) -> None:
        if not self.dirty or self.signed:
            return
        vault, visit_id = self._vault, self.visit_id
        payload = {"record": json.dumps(self.fields.record().to_json(), ensure_ascii=False)}

        def work(_p: Any) -> None:
            save_draft(vault, FORM_NAME, visit_id, payload)

        self._run("autosave visit draft", work, self._on_draft_saved)

    def save_draft_now(self) -> None:
        """At lock: keep the last keystrokes as a draft at once (on this thread: the lock
        cancels queued work and then closes the vault, so the autosave would never run)."""
        self._autosave.stop()
        if self.dirty and not self.signed and self.state is not None:
            payload = {"record": json.dumps(self.fields.record().to_json(), ensure_ascii=False)}
            save_draft(self._vault, FORM_NAME, self.visit_id, payload)
            self.dirty = False

    def _on_draft_saved(self, _r: object) -> None:
        self.draft_label.setText("Draft saved in the vault.")
        self.sig_draft_saved.emit()

    def _save_work(self) -> Callable[[Any], None]:
        vault, actor, visit_id = self._vault, self._actor, self.visit_id
        record = self.fields.record()

        def work(_p: Any) -> None:
            save_record(vault, actor, visit_id, record)
            discard_draft(vault, FORM_NAME, visit_id)

        return work

    def save(self) -> None:
        """Save the record as it stands (refused with a message once signed)."""
        if self.problem() is not None and not self.signed:
            return
        self._autosave.stop()
        self._run("save visit", self._save_work(), self._on_saved)

    def _on_saved(self, _r: object) -> None:
        self.dirty = False
        self.draft_label.setText("Saved.")
        self.sig_saved.emit()

    # --- evidence --------------------------------------------------------------------------

    def _on_attach_clicked(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Attach photos of work", "", "Images and documents (*.jpg *.jpeg *.png *.pdf)"
        )
        if paths:
            self.attach_files(paths)

    def attach_files(self, paths: Sequence[str]) -> None:
        vault, actor, visit_id = self._vault, self._actor, self.visit_id
        chosen = [Path(p) for p in paths]

        def work(_p: Any) -> list[str]:
            names = []
            for path in chosen:
                media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                with path.open("rb") as handle:
                    add_evidence(vault, actor, visit_id, f"Photo: {path.name}", handle, media)
                names.append(path.name)
            return names

        self._run("attach evidence", work, self._on_attached)

    def _on_attached(self, names: list[str]) -> None:
        for name in names:
            self.evidence_list.addItem(name)
        self.sig_evidence_added.emit(len(names))

    # --- signing and amending --------------------------------------------------------------

    def _on_sign_clicked(self) -> None:
        if self.sign_problem() is not None or self.problem() is not None:
            return
        if not self._confirm(
            self, "Sign visit record", "Once signed the record cannot change. Sign it now?"
        ):
            return
        self._autosave.stop()
        save = self._save_work()
        vault, actor, visit_id = self._vault, self._actor, self.visit_id

        def work(p: Any) -> SignedVisit:
            save(p)
            return sign_visit(vault, actor, visit_id)

        self._run("sign visit", work, self._on_signed)

    def _on_signed(self, result: SignedVisit) -> None:
        self.dirty = False
        self._show_signed(True)
        review = result.next_review_on
        self.message.setText(
            "Signed." + (f" Next review {review:%d/%m/%Y}." if review is not None else "")
        )
        self.sig_signed.emit(result)

    def _show_signed(self, signed: bool) -> None:
        self.signed = signed
        self.fields.set_read_only(signed)
        self.attach_button.setEnabled(not signed)
        self.save_button.setVisible(not signed)
        self.sign_button.setVisible(not signed)
        self.amend_button.setVisible(signed)
        if signed:
            self.draft_label.setText("Signed: read-only. Corrections are amendments.")

    def _on_amend_clicked(self) -> None:
        labels = list(AMENDABLE.values())
        label, ok = QInputDialog.getItem(self, "Amend", "Field to correct:", labels, 0, False)
        if not ok:
            return
        correction, ok = QInputDialog.getMultiLineText(self, "Amend", f"Corrected {label}:")
        if not ok or not correction.strip():
            return
        reason, ok = QInputDialog.getText(self, "Amend", "Reason for the amendment:")
        if ok and reason.strip():
            field = next(name for name, text in AMENDABLE.items() if text == label)
            self.amend(reason, field, correction)

    def amend(self, reason: str, field: str, correction: str) -> None:
        """A signed correction of one field; the signed visit itself never changes."""
        vault, actor, visit_id = self._vault, self._actor, self.visit_id
        changes = {field: correction}
        self._run(
            "amend visit",
            lambda _p: amend_visit(vault, actor, visit_id, reason, changes),
            self._on_amended,
        )

    def _on_amended(self, amendment_id: str) -> None:
        self.message.setText("Amendment signed; the original is kept.")
        self.sig_amended.emit(amendment_id)

    def open_letter_preview(self) -> PdfPreviewDialog:
        """The letter to the parents, rendered in memory and previewed (saved only on request)."""
        vault, visit_id = self._vault, self.visit_id
        dialog = PdfPreviewDialog(
            self._runner, "Visit letter", lambda: render_visit_letter(vault, visit_id), self
        )
        dialog.start()
        return dialog

    def _on_letter_clicked(self) -> None:
        self.open_letter_preview().open()

    # --- plumbing --------------------------------------------------------------------------

    def _run(self, name: str, work: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        self._runner.run(name, work, on_finished=done, on_failed=self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        text = message_for(exc)
        self.message.setText(text)
        self.sig_failed.emit(text)
