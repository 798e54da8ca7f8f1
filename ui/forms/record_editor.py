"""One record opened from a case: its form to edit or add, or its read view and "Amend…".

An unsigned record opens straight into its form, restoring any draft; a signed one opens
read-only with "Amend…", which opens the amendment form (the reason, then the record's fields
to correct), and saving that records an amendment while the original stays as it was. Drafts
are kept against the case (see ``services.drafts.record_form_key``). Reading and saving run in
the database lane; ``sig_done`` tells the case view to go back and refresh. The case view owns
the keyboard shortcuts (Ctrl+S saves, Escape goes back keeping the draft) and passes them on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.drafts import DraftData, discard_draft, load_draft, record_form_key
from oxfield.services.record_forms import specs
from oxfield.services.record_forms.store import RecordData, amend_record, load_record, save_record
from ui.forms.record_form import AUTOSAVE_MS, RecordForm
from ui.forms.record_view import RecordReadView
from ui.messages import message_for
from ui.session import DesktopSession
from ui.tasks import TaskRunner

AMEND = "amend"


class RecordEditor(QWidget):
    sig_opened = Signal()
    sig_done = Signal(bool)  # True when something was saved

    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, autosave_ms: int = AUTOSAVE_MS
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Record")
        self._runner, self._autosave_ms = runner, autosave_ms
        self._session: DesktopSession | None = None
        self._case_id = ""
        self._form_name = ""
        self._record_id: str | None = None
        self._data: RecordData | None = None
        self._references: dict[str, Sequence[tuple[str, str]]] = {}
        self._case_name = ""
        self._seq = 0
        self._forms: dict[str, RecordForm] = {}
        self._views: dict[str, RecordReadView] = {}
        self.heading = QLabel(self)
        self.heading.setObjectName("screenTitle")
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setAccessibleName("Record message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setAccessibleName("Save the record")
        self.amend_button = QPushButton("&Amend…", self)
        self.amend_button.setAccessibleName("Amend this signed record")
        self.cancel_button = QPushButton("&Cancel", self)
        self.cancel_button.setAccessibleName("Cancel and discard the draft")
        self.back_button = QPushButton("&Back to the case", self)
        self.back_button.setAccessibleName("Back to the case")
        buttons = QHBoxLayout()
        for button in (self.save_button, self.amend_button, self.cancel_button, self.back_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.save_button.clicked.connect(self.save)
        self.amend_button.clicked.connect(lambda: self.start_amend())
        self.cancel_button.clicked.connect(self._on_cancel)
        self.back_button.clicked.connect(self.back)
        self._show_buttons(())

    # --- the widgets of each form, made once ------------------------------------------------

    def form(self, name: str) -> RecordForm:
        if name not in self._forms:
            base = name.removeprefix(f"{AMEND}_")
            spec = specs.amendment_spec(specs.SPECS[base]) if base != name else specs.SPECS[name]
            form = RecordForm(spec, self._runner, self, self._autosave_ms)
            form.sig_validity_changed.connect(self.save_button.setEnabled)
            self.stack.addWidget(form)
            self._forms[name] = form
        return self._forms[name]

    def view(self, name: str) -> RecordReadView:
        if name not in self._views:
            self._views[name] = RecordReadView(specs.SPECS[name], self)
            self.stack.addWidget(self._views[name])
        return self._views[name]

    @property
    def current_form(self) -> RecordForm | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, RecordForm) else None

    def _show_buttons(self, shown: Sequence[QPushButton]) -> None:
        for button in (self.save_button, self.amend_button, self.cancel_button, self.back_button):
            button.setVisible(button in shown)

    # --- opening ---------------------------------------------------------------------------

    def attach(self, session: DesktopSession) -> None:
        self._session = session

    def open(
        self,
        case_id: str,
        form_name: str,
        record_id: str | None,
        references: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        case_name: str = "",
    ) -> None:
        """Open a record of the case (``record_id`` None: a new one) in the database lane."""
        session = self._session
        if session is None:
            return
        self._seq += 1
        seq, vault = self._seq, session.vault
        self._case_id, self._form_name, self._record_id = case_id, form_name, record_id
        self._references = dict(references or {})
        self._case_name = case_name
        self._data = None
        self.heading.setText("Loading…")
        self.message.clear()
        key = record_form_key(form_name, record_id)

        amend_key = record_form_key(f"{AMEND}_{form_name}", record_id)

        def work(_p: Any) -> tuple[RecordData | None, DraftData | None, DraftData | None]:
            data = load_record(vault, form_name, record_id) if record_id else None
            amend = load_draft(vault, amend_key, case_id) if data and data.signed else None
            return data, load_draft(vault, key, case_id), amend

        self._runner.run(
            "open record",
            work,
            on_finished=lambda result: self._on_loaded(seq, *result),
            on_failed=lambda exc: self._on_failed(seq, exc),
        )

    def _on_loaded(
        self,
        seq: int,
        data: RecordData | None,
        draft: DraftData | None,
        amend_draft: DraftData | None = None,
    ) -> None:
        session = self._session
        if seq != self._seq or session is None:
            return
        self._data = data
        spec = specs.SPECS[self._form_name]
        if data is not None and data.signed:
            self.heading.setText(f"{spec.title} (signed)")
            view = self.view(self._form_name)
            labels = {k: v for options in self._references.values() for k, v in options}
            view.show_record(data, labels)
            self.stack.setCurrentWidget(view)
            self._show_buttons((self.amend_button, self.back_button))
            self.amend_button.setFocus()
            if amend_draft is not None:  # an amendment was under way: carry on with it
                self.start_amend(amend_draft)
        else:
            verb = "Edit" if data is not None else "Add"
            self.heading.setText(f"{verb} {spec.title.lower()}")
            fields = dict(data.texts if data is not None else specs.NEW_DEFAULTS.get(spec.name, {}))
            self._fill(self._form_name, self._record_id, fields, draft)
        self.sig_opened.emit()

    def _fill(
        self, name: str, record_id: str | None, fields: dict[str, str], draft: DraftData | None
    ) -> None:
        session = self._session
        assert session is not None
        form = self.form(name)
        note = ""
        if draft is not None:
            fields.update({k: v for k, v in draft.fields.items() if k in form.spec.names})
            note = f"Restored your unsaved changes from {draft.updated_at:%d/%m/%Y %H:%M}."
        form.load(
            session.vault,
            self._case_id,
            fields,
            session.today,
            f"{self._case_name} ({form.spec.title.lower()})".strip(),
            note,
            draft_form=record_form_key(name, record_id),
            references=self._references,
            quiet=record_id is None and draft is None,
        )
        form.dirty = draft is not None
        self.stack.setCurrentWidget(form)
        self._show_buttons((self.save_button, self.cancel_button))
        form.first_input().setFocus()

    def start_amend(self, draft: DraftData | None = None) -> None:
        data, session = self._data, self._session
        if data is None or session is None or not data.signed:
            return
        name = f"{AMEND}_{self._form_name}"
        self.heading.setText(f"Amend {specs.SPECS[self._form_name].title.lower()}")
        self._fill(name, data.record_id, {**data.texts, "reason": ""}, draft)

    def _on_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._seq:
            self.heading.setText("Record")
            self.message.setText(message_for(exc))
            self._show_buttons((self.back_button,))

    # --- saving and leaving ----------------------------------------------------------------

    def save(self) -> None:
        """Save the form shown (Ctrl+S in the case view comes here too)."""
        form, session = self.current_form, self._session
        if form is None or session is None:
            return
        if not form.validate_all():
            self.message.setText("Some fields need attention: see the messages beside them.")
            return
        fields, vault, officer, clock = form.fields(), session.vault, session.officer, session.clock
        name, record_id, case_id = form.spec.name, self._record_id, self._case_id
        original = self._form_name  # the worker reads plain values only, never self
        key = record_form_key(name, record_id)
        amending = name.startswith(f"{AMEND}_")
        self.save_button.setEnabled(False)

        def work(_p: Any) -> str:
            if amending and record_id is not None:
                saved = amend_record(vault, original, record_id, fields, officer, clock)
            else:
                saved = save_record(vault, name, record_id, fields, officer, clock, case_id)
            discard_draft(vault, key, case_id)
            return saved

        form.dirty = False
        self._runner.run("save record", work, on_finished=self._on_saved, on_failed=self._failed)

    def _on_saved(self, _record_id: str) -> None:
        self._close()
        self.sig_done.emit(True)

    def _failed(self, exc: BaseException) -> None:
        form = self.current_form
        if form is not None:
            form.dirty = True
        self.save_button.setEnabled(True)
        self.message.setText(message_for(exc))

    def _on_cancel(self) -> None:
        form, session = self.current_form, self._session
        if form is not None and session is not None:
            key = record_form_key(form.spec.name, self._record_id)
            form.clear()
            discard_draft(session.vault, key, self._case_id)
        self._close()
        self.sig_done.emit(False)

    def back(self) -> None:
        """Leave, keeping what was typed as a draft."""
        self.save_draft_now()
        self._close()
        self.sig_done.emit(False)

    def save_draft_now(self) -> None:
        form = self.current_form
        if form is not None:
            form.save_draft_now()

    def _close(self) -> None:
        self._seq += 1
        for form in self._forms.values():
            form.clear()
        for view in self._views.values():
            view.clear()
        self._data = None
        self.heading.clear()
        self.message.clear()
        self._show_buttons(())

    def detach(self) -> None:
        """At lock: keep the draft, forget everything on screen."""
        try:
            self.save_draft_now()
        finally:
            self._close()
            self._session = None
