"""A form of typed fields that shows each field's message as it is typed and autosaves a draft.

The chaperone pipeline's steps and the employment permit form are both this: a list of fields
(text, date, tick box, choice), a pure check that returns a message per field ("" when right),
and a draft kept in the vault (``oxfield.services.drafts``) so a crash or a flat battery loses
at most the last second of typing. It follows the EHE case form: a message beside each field
and in its accessible description, a short timer restarted by every change, the draft written
on the task runner's database lane. As in the licence form, a message shows only once its field
is touched (``ui.widgets.touched``), so a new, empty step is not a column of "is required".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.drafts import DraftData, discard_draft, load_draft, save_draft
from oxfield.services.vaults import Vault
from ui.messages import message_for
from ui.tasks import TaskRunner
from ui.widgets.touched import filled

AUTOSAVE_MS = 800
Check = Callable[[dict[str, str]], Mapping[str, str]]


class FieldSpec(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> str: ...


class TypedForm(QWidget):
    sig_checked = Signal(bool)  # every field right
    sig_draft_saved = Signal()
    sig_draft_loaded = Signal(bool)  # a draft was found and shown
    sig_edited = Signal(str)  # the field's name, after its check

    def __init__(
        self,
        runner: TaskRunner,
        form_name: str,
        specs: Sequence[FieldSpec],
        choices: Mapping[str, Mapping[str, str]] | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.form_name = form_name
        self._vault: Vault | None = None
        self._subject: str | None = None
        self._check: Check | None = None
        self._display_name = ""
        self.dirty = False
        self.touched: set[str] = set()  # the fields whose message shows
        self._shown: Mapping[str, str] | None = None  # the last messages; None: none yet
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for spec in specs:
            widget: QWidget
            if spec.kind == "check":
                box = QCheckBox("Yes", self)
                box.toggled.connect(lambda _b, n=spec.name: self._on_edited(n))
                widget = box
            elif spec.kind == "choice":
                combo = QComboBox(self)
                for value, text in (choices or {}).get(spec.name, {}).items():
                    combo.addItem(text, value)
                combo.currentIndexChanged.connect(lambda _i, n=spec.name: self._on_edited(n))
                widget = combo
            else:
                edit = QLineEdit(self)
                if spec.kind == "date":
                    edit.setPlaceholderText("dd/mm/yyyy")
                elif spec.kind == "shifts":
                    edit.setPlaceholderText("07:00-08:00, 16:00-17:30")
                edit.textChanged.connect(lambda _t, n=spec.name: self._on_edited(n))
                widget = edit
            widget.setAccessibleName(spec.label)
            widget.setObjectName(f"field_{spec.name}")
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setAccessibleName(f"{spec.label} message")
            error.setWordWrap(True)
            caption = QLabel(f"{spec.label}:", self)
            caption.setBuddy(widget)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(caption, column)
            self.widgets[spec.name], self.errors[spec.name] = widget, error
        self.draft_label = QLabel(self)
        self.draft_label.setAccessibleName("Draft status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.draft_label)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_draft_async)

    # --- values ----------------------------------------------------------------------------

    def fields(self) -> dict[str, str]:
        values = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QCheckBox):
                values[name] = "yes" if widget.isChecked() else "no"
            elif isinstance(widget, QComboBox):
                values[name] = str(widget.currentData() or "")
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text()
        return values

    def set_fields(self, values: Mapping[str, str]) -> None:
        """Replace every value (a draft, a recorded step, or empty for the next one): what was
        touched before no longer counts, and the next check is the one to compare against."""
        self.touched, self._shown = set(), None
        for widget in self.widgets.values():
            widget.blockSignals(True)
        for name, widget in self.widgets.items():
            text = values.get(name, "")
            if isinstance(widget, QCheckBox):
                widget.setChecked(text == "yes")
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(text), 0))
            elif isinstance(widget, QLineEdit):
                widget.setText(text)
        for widget in self.widgets.values():
            widget.blockSignals(False)

    # --- checking as typed -----------------------------------------------------------------

    def bind(
        self,
        vault: Vault | None,
        subject_id: str | None,
        check: Check | None,
        display_name: str = "",
    ) -> None:
        """``display_name`` is what the Today view's list of unfinished edits calls the draft;
        ``check`` None: the host checks elsewhere and calls ``show_messages`` itself."""
        self._autosave.stop()
        self._vault, self._subject, self._check = vault, subject_id, check
        self._display_name = display_name
        self.dirty = False

    def show_messages(self, messages: Mapping[str, str], show_all: bool = False) -> bool:
        """Show the touched fields' messages (every field's with ``show_all``); the answer
        counts them all, so Record still waits for a field not yet typed in.

        A message that typing elsewhere brings about (a tick that makes a date needed, term
        hours that need the attendance) counts as touched: Record is off, and it says why."""
        before, self._shown = self._shown, dict(messages)
        if before is not None:
            self.touched |= {n for n in self.errors if messages.get(n, "") != before.get(n, "")}
        if show_all:
            self.touched |= set(self.errors)
        texts = {n for n, w in self.widgets.items() if isinstance(w, QLineEdit)}
        self.touched |= filled(self.fields(), texts)
        for name, label in self.errors.items():
            message = messages.get(name, "") if name in self.touched else ""
            label.setText(message)
            widget = self.widgets[name]
            widget.setProperty("invalid", bool(message))
            widget.setAccessibleDescription(message)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        ok = not any(messages.values())
        self.sig_checked.emit(ok)
        return ok

    def validate(self, show_all: bool = False) -> bool:
        if self._check is None:
            return False
        return self.show_messages(self._check(self.fields()), show_all)

    def _on_edited(self, name: str) -> None:
        self.dirty = True
        self.touched.add(name)
        self.validate()
        self._autosave.start()
        self.sig_edited.emit(name)

    # --- drafts ----------------------------------------------------------------------------

    def load_draft_async(self) -> None:
        vault, subject, name = self._vault, self._subject, self.form_name
        if vault is None:
            return

        def work(_p: Any) -> DraftData | None:
            return load_draft(vault, name, subject)

        self._runner.run("load draft", work, on_finished=self._on_draft_loaded)

    def _on_draft_loaded(self, draft: DraftData | None) -> None:
        if draft is not None and self._vault is not None:
            self.set_fields(draft.fields)
            self.draft_label.setText("Draft restored from the vault.")
            self.validate()
        self.sig_draft_loaded.emit(draft is not None)

    def _payload(self) -> dict[str, str]:
        return {**self.fields(), "display_name": self._display_name}

    def save_draft_async(self) -> None:
        vault, subject, name = self._vault, self._subject, self.form_name
        if vault is None or not self.dirty:
            return
        payload = self._payload()

        def work(_p: Any) -> None:
            save_draft(vault, name, subject, payload)

        self._runner.run("autosave draft", work, on_finished=self._on_draft_saved)

    def save_draft_now(self) -> None:
        """Synchronous save, for lock and quit, when there is no time for the lane."""
        self._autosave.stop()
        if self._vault is not None and self.dirty:
            save_draft(self._vault, self.form_name, self._subject, self._payload())

    def _on_draft_saved(self, _result: object) -> None:
        self.draft_label.setText("Draft saved in the vault.")
        self.sig_draft_saved.emit()

    def discard_draft_async(self, subject_id: str | None) -> None:
        """After the step is recorded: the draft has done its job."""
        self._autosave.stop()
        self.dirty = False
        vault, name = self._vault, self.form_name
        if vault is None:
            return
        self._runner.run("discard draft", lambda _p: discard_draft(vault, name, subject_id))

    def save_then_clear(self) -> None:
        """At lock: keep the last keystrokes as a draft, then forget them on screen."""
        try:
            self.save_draft_now()
        except Exception as exc:  # the lock must go on; message_for logs only the type
            self.draft_label.setText(message_for(exc))
        self.clear()

    def clear(self) -> None:
        """Forget every typed character and the vault (at lock)."""
        self._autosave.stop()
        self._vault = self._subject = None
        self._check = None
        self.set_fields({})
        for label in self.errors.values():
            label.clear()
        self.draft_label.clear()
        self.dirty = False
