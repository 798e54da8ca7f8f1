"""One case: a read view, and for an EHE case an edit form with save, cancel and drafts.

This page only decides what shows. Under the case's details (``ui.views.case_read``) the
records around it (child, parents and carers, addresses, contacts, tasks, notes, evidence,
signed records) are listed with Edit and Add, which open the record's own form in
``ui.forms.record_editor``; a signed record opens read-only with "Amend…". Editing the case
itself, with its draft, is ``ui.views.case_edit``. Locking saves the draft and forgets
everything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.case_details import CaseDetails, load_case
from oxfield.services.record_forms.case_records import CaseRecords, case_records
from ui.forms.ehe_case_form import EheCaseForm
from ui.forms.record_editor import RecordEditor
from ui.messages import message_for
from ui.session import DesktopSession
from ui.sync.record_state import RecordStateBadge
from ui.tasks import TaskRunner
from ui.views.case_buttons import CaseButtons
from ui.views.case_edit import CaseEditing, case_draft, record_draft
from ui.views.case_read import CaseReadView


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
        self.buttons = CaseButtons(self)
        self.back_button, self.edit_button = self.buttons.back, self.buttons.edit
        self.save_button, self.cancel_button = self.buttons.save, self.buttons.cancel
        self.licence_button = self.buttons.licence
        self.read_view = CaseReadView(self)
        self.values, self.sections = self.read_view.values, self.read_view.sections
        self.records: CaseRecords | None = None
        self.form = EheCaseForm(runner, self)
        self.case_edit = CaseEditing(runner, self.form, self)
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
        layout.addLayout(self.buttons.row)
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
        self.case_edit.sig_saved.connect(self._on_saved)
        self.case_edit.sig_failed.connect(self._on_save_failed)
        for keys, slot in (("Escape", self._on_back), ("Ctrl+S", self._on_save)):
            QShortcut(QKeySequence(keys), self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)
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
        details = self.details
        editable = details is not None and details.editable
        licence = details is not None and details.kind == "licence"
        self.buttons.show_for(editing, record, editable, licence)

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
        self.read_view.clear()
        self.form.clear()
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
            self.case_edit.keep()

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
        self.read_view.show_details(details)
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
        draft = case_draft(session.vault, details)
        if draft is None and resume:
            found = record_draft(session.vault, details.id)
            if found is not None:  # reopen the newest unfinished form of the case's records
                self.open_record(*found)
                return
        if not details.editable:
            return
        self.case_edit.begin(session, details, draft)
        self._set_mode(editing=True)
        self.form.edits["legal_given_names"].setFocus()

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
        self.save_button.setEnabled(False)
        self.case_edit.save(session, details.id)

    def _on_saved(self, details: CaseDetails) -> None:
        self.form.clear()
        self.message.setText("Saved.")
        self._seq += 1
        self._on_loaded(self._seq, details)
        self.refresh_records()
        self.sig_saved.emit()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(message_for(exc))

    def _on_cancel(self) -> None:
        session, details = self._session, self.details
        vault = session.vault if session is not None else None
        self.case_edit.cancel(vault, details.id if details is not None else None)
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
            self.case_edit.keep()
            self._set_mode(editing=False)
            return
        self.sig_back.emit()
