"""What the licence and BOPA entry forms share: check as typed, autosave a draft, save.

The same habit as the EHE case form (``ui/forms/ehe_case_form.py``): each field shows its own
message beside it the moment it goes wrong (and as its accessible description); every change
restarts a short timer, and when it fires the fields, exactly as typed, are saved as a draft in
the vault, and the rules engine's findings are recomputed, both on the task runner's database
lane. A draft left at lock or crash comes back when the form is next opened. Save parses again
in the service, which names the field it refuses; nothing typed is lost either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oxfield.errors import OxFieldError, ValidationError
from oxfield.rules.findings import Finding
from oxfield.services.drafts import discard_draft, load_draft, save_draft
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from ui.messages import message_for
from ui.session import DesktopSession
from ui.tasks import TaskRunner
from ui.widgets.findings_list import findings_list
from ui.widgets.touched import filled

AUTOSAVE_MS = 800
SEVERITY_WORDS = {"breach": "BREACH", "warning": "Warning", "info": "Note"}


def finding_text(finding: Finding) -> str:
    """A finding in words, its weight first, its regulation last (reads without colour)."""
    return f"{SEVERITY_WORDS[finding.severity.value]}: {finding.message} ({finding.regulation})"


class EntryForm(QWidget):
    """A form of text fields, ticks and choices bound to one draft and one save call."""

    sig_validity_changed = Signal(bool)
    sig_draft_saved = Signal()
    sig_findings_shown = Signal()
    sig_saved = Signal(str)

    FORM_NAME = ""
    TITLE = ""
    FIELDS: Mapping[str, str] = {}
    TICKS: tuple[str, ...] = ()
    CHOICES: tuple[str, ...] = ()
    SAVE_TEXT = "&Save"
    DRAFT_NAME = "a new record"  # how the Today view names the unfinished draft

    def __init__(self, parent: QWidget | None = None, autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.TITLE)
        self.runner: TaskRunner | None = None
        self.vault: Vault | None = None
        self.actor: Actor | None = None
        self.today: Callable[[], date] = date.today
        self.dirty = False
        self.subject_id: str | None = None  # the record being edited; None for a new one
        self.touched: set[str] = set()
        self.edits: dict[str, QLineEdit] = {}
        self.ticks: dict[str, QCheckBox] = {}
        self.choices: dict[str, QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.title_label = QLabel(self.TITLE, self)
        self.title_label.setObjectName("screenTitle")
        form = QFormLayout()
        for name, label in self.FIELDS.items():
            field = self._make_field(name, label)  # parented to self; the layout reparents
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setAccessibleName(f"{label} message")
            error.setWordWrap(True)
            self.errors[name] = error
            caption = QLabel(f"{label}:", self)
            caption.setBuddy(field)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(error)
            form.addRow(caption, column)
        self.findings = findings_list(self, "Rules engine findings")
        self.message = QLabel(self)
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.draft_label = QLabel(self)
        self.draft_label.setAccessibleName("Draft status")
        self.save_button = QPushButton(self.SAVE_TEXT, self)
        self.save_button.setAccessibleName(self.SAVE_TEXT.replace("&", ""))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        inner = QWidget(self)
        inner.setLayout(form)
        scroll = QScrollArea(self)  # the form is long: it scrolls, the window stays small
        scroll.setAccessibleName(f"{self.TITLE}: fields")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(scroll, 2)
        layout.addWidget(QLabel("What the rules say about it", self))
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.draft_label)
        layout.addWidget(self.save_button)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self._on_pause)

    def _make_field(self, name: str, label: str) -> QWidget:
        if name in self.TICKS:
            box = QCheckBox(label, self)
            box.setAccessibleName(label)
            box.toggled.connect(lambda _b, n=name: self._on_edited(n))
            self.ticks[name] = box
            return box
        if name in self.CHOICES:
            combo = QComboBox(self)
            combo.setAccessibleName(label)
            combo.addItem("None", "")
            combo.currentIndexChanged.connect(lambda _i, n=name: self._on_edited(n))
            self.choices[name] = combo
            return combo
        edit = QLineEdit(self)
        edit.setAccessibleName(label)
        edit.setObjectName(f"field_{name}")
        edit.textChanged.connect(lambda _t, n=name: self._on_edited(n))
        self.edits[name] = edit
        return edit

    # --- what each form supplies -------------------------------------------------------------

    def check(self, name: str, fields: Mapping[str, str], today: date) -> str | None:
        raise NotImplementedError

    def preview(self, vault: Vault, fields: Mapping[str, str], today: date) -> list[Finding]:
        return []

    def store(self, vault: Vault, actor: Actor, fields: Mapping[str, str]) -> str:
        raise NotImplementedError

    def load_choices(self, vault: Vault, today: date) -> dict[str, list[tuple[str, str]]]:
        return {}

    def saver(self) -> Callable[[Vault, Actor, Mapping[str, str]], str]:
        """What Save calls on the worker (plain values only); a form editing a saved record
        returns its own update call."""
        return self.store

    def draft_name(self) -> str:
        """How the Today view names this form's unfinished draft."""
        return self.DRAFT_NAME

    # --- session -----------------------------------------------------------------------------

    def attach(self, session: DesktopSession) -> None:
        self.use(session.vault, Actor(session.officer, clock=session.clock), session.runner)

    def use(self, vault: Vault, actor: Actor, runner: TaskRunner) -> None:
        """Bind to a vault; the choices and any draft left last time load in the background."""
        self.vault, self.actor, self.runner = vault, actor, runner
        self.today = actor.clock.today
        today, name = self.today(), self.FORM_NAME

        def work(_p: Any) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str] | None]:
            draft = load_draft(vault, name, None)
            return self.load_choices(vault, today), None if draft is None else draft.fields

        runner.run(f"{name}: open", work, on_finished=self._on_opened, on_failed=self._on_failed)

    def reopen_draft(self) -> None:
        """Bring back the draft kept in the vault (Today's "unfinished edits"), unless the
        officer is already typing here, in which case what is on screen is the newest."""
        vault, runner, name = self.vault, self.runner, self.FORM_NAME
        if vault is None or runner is None or self.dirty or self.subject_id is not None:
            return
        runner.run(
            f"{name}: reopen draft",
            lambda _p: load_draft(vault, name, None),
            on_finished=lambda d: self._on_opened(({}, None if d is None else d.fields)),
            on_failed=self._on_failed,
        )

    def _on_opened(self, result: tuple[dict[str, list[tuple[str, str]]], Any]) -> None:
        if self.vault is None:
            return
        choices, draft = result
        for name, options in choices.items():
            combo = self.choices[name]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("None", "")
            for value, text in options:
                combo.addItem(text, value)
            combo.blockSignals(False)
        if draft:
            self.set_fields(draft)
            self.draft_label.setText("A draft kept in the vault was restored.")
            self._refresh_findings()
        self.validate_all()

    def detach(self) -> None:
        """Keep what was typed as a draft (the vault is still open), then forget it (lock)."""
        self.save_draft_now()
        self.vault = self.actor = self.runner = None
        self.subject_id = None
        self.set_fields({})
        self.touched = set()
        for combo in self.choices.values():
            combo.clear()
            combo.addItem("None", "")
        for label in (*self.errors.values(), self.message, self.draft_label):
            label.clear()
        self.findings.clear()
        self.dirty = False

    # --- fields ------------------------------------------------------------------------------

    def fields(self) -> dict[str, str]:
        values = {name: edit.text() for name, edit in self.edits.items()}
        values |= {name: "yes" if box.isChecked() else "no" for name, box in self.ticks.items()}
        values |= {name: str(combo.currentData() or "") for name, combo in self.choices.items()}
        return values

    def set_fields(self, fields: Mapping[str, str]) -> None:
        widgets = (*self.edits.values(), *self.ticks.values(), *self.choices.values())
        for widget in widgets:
            widget.blockSignals(True)
        for name, edit in self.edits.items():
            edit.setText(fields.get(name, ""))
        for name, box in self.ticks.items():
            box.setChecked(fields.get(name) == "yes")
        for name, combo in self.choices.items():
            combo.setCurrentIndex(max(combo.findData(fields.get(name, "")), 0))
        for widget in widgets:
            widget.blockSignals(False)

    def validate_field(self, name: str, fields: Mapping[str, str], show: bool = True) -> bool:
        message = self.check(name, fields, self.today())
        self._show_error(name, message if show else None)
        return message is None

    def _show_error(self, name: str, message: str | None) -> None:
        self.errors[name].setText(message or "")
        edit = self.edits.get(name)
        if edit is not None:
            edit.setProperty("invalid", message is not None)
            edit.setAccessibleDescription(message or "")
            edit.style().unpolish(edit)
            edit.style().polish(edit)

    def validate_all(self, show_all: bool = False) -> bool:
        """Check every field (they depend on each other); a message shows only for a field the
        officer has touched, so a new empty form is not a wall of "required"."""
        fields = self.fields()
        if show_all:
            self.touched |= set(self.FIELDS)
        self.touched |= filled(fields, self.edits)
        ok = all([self.validate_field(n, fields, n in self.touched) for n in self.FIELDS])
        self.save_button.setEnabled(ok and self.vault is not None)
        self.sig_validity_changed.emit(ok)
        return ok

    def _on_edited(self, name: str) -> None:
        self.dirty = True
        self.touched.add(name)
        self.validate_all()  # fields depend on each other (dates and the period)
        self._autosave.start()

    # --- background work ---------------------------------------------------------------------

    def _on_pause(self) -> None:
        self.save_draft_async()
        self._refresh_findings()

    def save_draft_async(self) -> None:
        vault, runner, name, subject = self.vault, self.runner, self.FORM_NAME, self.subject_id
        if vault is None or runner is None or not self.dirty:
            return
        payload = {**self.fields(), "display_name": self.draft_name()}
        runner.run(
            f"{name}: autosave draft",
            lambda _p: save_draft(vault, name, subject, payload),
            on_finished=self._on_draft_saved,
        )

    def save_draft_now(self) -> None:
        """Synchronous save, used at lock when there is no time for the lane."""
        self._autosave.stop()
        if self.vault is not None and self.dirty:
            payload = {**self.fields(), "display_name": self.draft_name()}
            save_draft(self.vault, self.FORM_NAME, self.subject_id, payload)

    def _on_draft_saved(self, _result: object) -> None:
        if self.vault is not None:
            self.draft_label.setText("Draft saved in the vault.")
            self.sig_draft_saved.emit()

    def _refresh_findings(self) -> None:
        vault, runner, fields, today = self.vault, self.runner, self.fields(), self.today()
        if vault is None or runner is None:
            return
        runner.run(
            f"{self.FORM_NAME}: findings",
            lambda _p: self.preview(vault, fields, today),
            on_finished=self._on_findings,
        )

    def _on_findings(self, findings: list[Finding]) -> None:
        if self.vault is None:
            return
        self.findings.clear()
        self.findings.addItems([finding_text(f) for f in findings])
        self.sig_findings_shown.emit()

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        vault, actor, runner = self.vault, self.actor, self.runner
        if vault is None or actor is None or runner is None or not self.validate_all(True):
            return
        fields, name, subject, store = self.fields(), self.FORM_NAME, self.subject_id, self.saver()

        def work(_p: Any) -> str:
            said = store(vault, actor, fields)
            discard_draft(vault, name, subject)
            return said

        self._autosave.stop()
        self.save_button.setEnabled(False)
        runner.run(f"{name}: save", work, on_finished=self._on_saved, on_failed=self._on_failed)

    def _on_saved(self, said: str) -> None:
        if self.vault is None:
            return
        self.dirty = False
        self.draft_label.clear()
        if self.subject_id is None:  # a new record: the form empties for the next one
            self.set_fields({})
            self.touched = set()
            self.findings.clear()
        self.message.setText(said)
        self.validate_all()
        self.sig_saved.emit(said)

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and exc.field in self.errors:
            self._show_error(exc.field, str(exc))
        text = str(exc) if isinstance(exc, OxFieldError) else message_for(exc)
        self.message.setText(text)
        self.save_button.setEnabled(self.vault is not None)
