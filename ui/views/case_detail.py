"""One case: a read view, and for an EHE case an edit form with save, cancel and drafts.

Under the case's details the records around it (child, parents and carers, addresses, contacts,
tasks, notes, evidence, signed records) are listed with Edit and Add, which open the record's
own form in ``ui.forms.record_editor``; a signed record opens read-only with "Amend…".
Opening a form looks for a draft first (the officer's unsaved typing from before a lock or a
crash) and restores it. Saving goes through the services in the database lane and then drops
the draft; cancelling drops it too. Locking saves the draft and forgets everything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.case_details import CaseDetails, load_case, save_ehe_case
from oxfield.services.drafts import (
    DraftData,
    discard_draft,
    drafts_of_subject,
    load_draft,
    parse_form_key,
)
from oxfield.services.record_forms.case_records import CaseRecords, case_records
from ui.forms.case_sections import CaseSections
from ui.forms.ehe_case_form import FORM_NAME, EheCaseForm
from ui.forms.record_editor import RecordEditor
from ui.forms.record_view import local_time
from ui.messages import message_for
from ui.models.case_table import display
from ui.session import DesktopSession
from ui.sync.record_state import RecordStateBadge
from ui.tasks import TaskRunner

READ_FIELDS = (
    ("reference", "Reference"),
    ("display_name", "Child"),
    ("date_of_birth", "Date of birth"),
    ("upn", "UPN"),
    ("school", "School"),
    ("status", "Status"),
    ("officer", "Officer"),
    ("next_review", "Next review"),
    ("sen_status", "SEN status"),
    ("safeguarding_concern", "Safeguarding concern"),
)


class CaseDetailView(QWidget):
    sig_back = Signal()
    sig_loaded = Signal()
    sig_saved = Signal()
    sig_edit_licence = Signal(str)  # a licence case: open the licence in its entry form

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Case")
        self._runner = runner
        self._session: DesktopSession | None = None
        self.details: CaseDetails | None = None
        self._seq = 0
        self.heading = QLabel("Case", self)
        self.heading.setObjectName("screenTitle")
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setAccessibleName("Case message")
        self.message.setWordWrap(True)
        self.sync_state = RecordStateBadge(self)
        self.back_button = QPushButton("&Back to the list", self)
        self.back_button.setAccessibleName("Back to the list")
        self.edit_button = QPushButton("&Edit", self)
        self.edit_button.setAccessibleName("Edit this case")
        self.save_button = QPushButton("&Save", self)
        self.save_button.setAccessibleName("Save changes")
        self.cancel_button = QPushButton("&Cancel edit", self)
        self.cancel_button.setAccessibleName("Cancel edit and discard the draft")
        self.licence_button = QPushButton("Open the &licence...", self)
        self.licence_button.setAccessibleName("Open the licence to edit it")
        buttons = QHBoxLayout()
        for button in (
            self.back_button,
            self.edit_button,
            self.licence_button,
            self.save_button,
            self.cancel_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.read_view = QWidget(self)
        self.read_view.setAccessibleName("Case details")
        read_form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label in READ_FIELDS:
            value = QLabel(self.read_view)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            value.setAccessibleName(label)
            self.values[key] = value
            read_form.addRow(f"{label}:", value)
        self.sections = CaseSections(self.read_view)
        self.records: CaseRecords | None = None
        read_layout = QVBoxLayout(self.read_view)
        read_layout.addLayout(read_form)
        read_layout.addWidget(self.sections)
        read_layout.addStretch(1)
        self.form = EheCaseForm(runner, self)
        self.editor = RecordEditor(runner, self)
        self.stack = QStackedWidget(self)
        for page in (self.read_view, self.form, self.editor):
            self.stack.addWidget(page)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Case content")
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.sync_state)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

        self.back_button.clicked.connect(self._on_back)
        self.edit_button.clicked.connect(lambda: self.start_edit(resume=False))
        self.save_button.clicked.connect(self._on_save)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.licence_button.clicked.connect(self._on_licence)
        self.form.sig_validity_changed.connect(self.save_button.setEnabled)
        self.sections.sig_open.connect(self.open_record)
        self.editor.sig_done.connect(self._on_record_done)
        QShortcut(
            QKeySequence("Escape"),
            self,
            self._on_back,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence("Ctrl+S"),
            self,
            self._on_save,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self._set_mode(editing=False)

    @property
    def editing(self) -> bool:
        return self.stack.currentWidget() is self.form

    @property
    def in_record(self) -> bool:
        """Whether one of the case's records is open (its form, or a signed one's view)."""
        return self.stack.currentWidget() is self.editor

    def _set_mode(self, editing: bool, record: bool = False) -> None:
        self.stack.setCurrentWidget(
            self.editor if record else self.form if editing else self.read_view
        )
        editable = self.details is not None and self.details.editable
        reading = not editing and not record
        self.edit_button.setVisible(reading and editable)
        licence = self.details is not None and self.details.kind == "licence"
        self.licence_button.setVisible(reading and licence)
        self.save_button.setVisible(editing)
        self.cancel_button.setVisible(editing)
        self.back_button.setVisible(reading)

    # --- session ---------------------------------------------------------------------------

    def attach(self, session: DesktopSession) -> None:
        self._session = session
        self.editor.attach(session)

    def detach(self) -> None:
        if self.editing:
            try:
                self.form.save_draft_now()
            except Exception as exc:
                self.message.setText(message_for(exc))
        try:
            self.editor.detach()
        except Exception as exc:
            self.message.setText(message_for(exc))
        self._seq += 1
        self._session = None
        self.details = None
        self.records = None
        self.sections.clear()
        self.form.clear()
        for value in self.values.values():
            value.clear()
        self.heading.setText("Case")
        self.message.clear()
        self.sync_state.clear_state()
        self._set_mode(editing=False)

    # --- reading ---------------------------------------------------------------------------

    def show_case(self, case_id: str, then_edit: bool = False) -> None:
        session = self._session
        if session is None:
            return
        self._leave_forms()
        self._seq += 1
        seq, vault = self._seq, session.vault
        self.details = None
        self._set_mode(editing=False)
        self.heading.setText("Loading…")
        self.message.clear()
        self._pending_edit = then_edit
        self._runner.run(
            "open case",
            lambda _p: (load_case(vault, case_id), case_records(vault, case_id)),
            on_finished=lambda result: self._on_loaded(seq, *result),
            on_failed=lambda exc: self._on_failed(seq, exc),
        )

    def _leave_forms(self) -> None:
        """Opening another case keeps what was typed in an open form as its draft."""
        if self.in_record:
            self.editor.back()
        elif self.editing:
            self.form.save_draft_now()
            self.form.clear()

    def refresh_records(self) -> None:
        session, details = self._session, self.details
        if session is None or details is None:
            return
        seq, vault, case_id = self._seq, session.vault, details.id
        self._runner.run(
            "list case records",
            lambda _p: case_records(vault, case_id),
            on_finished=lambda recs: self._on_records(seq, recs),
            on_failed=lambda exc: self._on_failed(seq, exc),
        )

    def _on_records(self, seq: int, recs: CaseRecords) -> None:
        if seq == self._seq:
            self.records = recs
            self.sections.show_records(recs)

    def _on_loaded(self, seq: int, details: CaseDetails, recs: CaseRecords | None = None) -> None:
        if seq != self._seq:
            return
        self.details = details
        if recs is not None:
            self._on_records(seq, recs)
        self.heading.setText(f"{details.display_name} — {details.reference}")
        if self._session is not None:
            self.sync_state.load(self._session.vault, details.id)
        for key, _label in READ_FIELDS:
            value = getattr(details, key)
            if isinstance(value, bool):
                text = "Yes" if value else "No"
            else:
                text = display(value).replace("_", " ") or "—"
                if key in ("status", "sen_status"):
                    text = text[:1].upper() + text[1:]
            self.values[key].setText(text)
        self._set_mode(editing=False)
        self.sig_loaded.emit()
        if self._pending_edit:
            self.start_edit()
        else:
            focus = self.licence_button if details.kind == "licence" else self.back_button
            self.edit_button.setFocus() if details.editable else focus.setFocus()

    def _on_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._seq:
            self.heading.setText("Case")
            self.message.setText(message_for(exc))

    # --- editing ---------------------------------------------------------------------------

    def start_edit(self, resume: bool = True) -> None:
        """Edit the case; with ``resume`` (opening an unfinished edit from Today), reopen the
        newest unfinished form of the case's records instead, when there is no case draft."""
        session, details = self._session, self.details
        if session is None:
            return
        if details is None:  # still loading: edit as soon as it arrives
            self._pending_edit = True
            return
        self._pending_edit = False
        draft: DraftData | None = None
        if details.editable:
            draft = load_draft(session.vault, FORM_NAME, details.id)
        if draft is None and resume and self._resume_record_draft(details.id):
            return
        if not details.editable:
            return
        fields = details.form_fields()
        note = ""
        if draft is not None:
            fields.update({k: v for k, v in draft.fields.items() if k in fields})
            note = f"Restored your unsaved changes from {local_time(draft.updated_at)}."
        self.form.load(session.vault, details.id, fields, session.today, details.display_name, note)
        if draft is not None:
            self.form.dirty = True
        self._set_mode(editing=True)
        self.form.edits["legal_given_names"].setFocus()

    def _resume_record_draft(self, case_id: str) -> bool:
        """Reopen the newest unfinished record form of this case, if there is one."""
        session = self._session
        assert session is not None
        for draft in drafts_of_subject(session.vault, case_id):
            form, record_id = parse_form_key(draft.form)
            if draft.form != FORM_NAME and form:
                self.open_record(form.removeprefix("amend_"), record_id or "")
                return True
        return False

    def open_record(self, form: str, record_id: str) -> None:
        """Show one of the case's records in its form ("" as the id: add a new one)."""
        details, recs = self.details, self.records
        if details is None:
            return
        refs = {"person_id": recs.people} if recs is not None else {}
        self.message.clear()
        self.editor.open(details.id, form, record_id or None, refs, details.display_name)
        self._set_mode(editing=False, record=True)

    def _on_record_done(self, saved: bool) -> None:
        self._set_mode(editing=False)
        if saved:
            self.message.setText("Saved.")
            self.refresh_records()
        self.back_button.setFocus()

    def _on_save(self) -> None:
        if self.in_record:
            self.editor.save()
            return
        session, details = self._session, self.details
        if session is None or details is None or not self.editing:
            return
        if not self.form.validate_all():
            self.message.setText("Some fields need attention: see the messages beside them.")
            return
        fields, vault, officer, clock = (
            self.form.fields(),
            session.vault,
            session.officer,
            session.clock,
        )
        case_id = details.id
        self.save_button.setEnabled(False)

        def work(_progress: Any) -> CaseDetails:
            saved = save_ehe_case(vault, case_id, fields, officer, clock)
            discard_draft(vault, FORM_NAME, case_id)
            return saved

        self.form.dirty = False
        self._runner.run(
            "save case", work, on_finished=self._on_saved, on_failed=self._on_save_failed
        )

    def _on_saved(self, details: CaseDetails) -> None:
        self.form.clear()
        self.message.setText("Saved.")
        self._seq += 1
        self._on_loaded(self._seq, details)
        self.refresh_records()
        self.sig_saved.emit()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.form.dirty = True
        self.save_button.setEnabled(True)
        self.message.setText(message_for(exc))

    def _on_cancel(self) -> None:
        session, details = self._session, self.details
        self.form.clear()
        if session is not None and details is not None:
            discard_draft(session.vault, FORM_NAME, details.id)
        self._set_mode(editing=False)
        self.edit_button.setFocus()

    def _on_licence(self) -> None:
        if self.details is not None and self.details.kind == "licence":
            self.sig_edit_licence.emit(self.details.id)

    def _on_back(self) -> None:
        if self.in_record:
            self.editor.back()
            return
        if self.editing:
            self.form.save_draft_now()
            self.form.clear()
            self._set_mode(editing=False)
            return
        self.sig_back.emit()
