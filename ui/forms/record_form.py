"""A record's edit form, built from its spec: checks each field as typed, autosaves a draft.

One widget per field type (a line for text and dates, a box that Tab leaves for long text, a
list for choices and references, a tick box for yes/no), each with an accessible name, and a
message beside it (also its accessible description) the moment it goes wrong; the tab order
follows the spec. ``sig_validity_changed`` tells the host whether Save may be enabled. Every
change restarts a short timer; when it fires the fields, exactly as typed, go into the vault as
a draft through the database lane, so a crash or a flat battery loses at most that last second.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.drafts import save_draft
from oxfield.services.record_forms.fields import FieldType, FormSpec, check_form
from oxfield.services.vaults import Vault
from ui.tasks import TaskRunner

AUTOSAVE_MS = 800


class RecordForm(QWidget):
    sig_validity_changed = Signal(bool)
    sig_draft_saved = Signal()

    def __init__(
        self,
        spec: FormSpec,
        runner: TaskRunner,
        parent: QWidget | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setAccessibleName(f"Edit {spec.title.lower()}")
        self._runner = runner
        self._vault: Vault | None = None
        self._draft_key: tuple[str, str | None] | None = None
        self._today: Callable[[], date] = date.today
        self._display_name = ""
        self.dirty = False
        self.edits: dict[str, QLineEdit] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.checks: dict[str, QCheckBox] = {}
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_draft_async)
        form = QFormLayout()
        for field in spec.fields:
            widget = self._make_input(field.name, field.type, field.label)
            widget.setObjectName(f"field_{field.name}")
            widget.setAccessibleName(field.label)
            self.inputs[field.name] = widget
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setAccessibleName(f"{field.label} message")
            error.setWordWrap(True)
            self.errors[field.name] = error
            if field.type is FieldType.BOOL:
                caption = QLabel("", self)
            else:
                star = " *" if field.required else ""
                caption = QLabel(f"{field.label}{star}:", self)
                caption.setBuddy(widget)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(caption, column)
        for field in spec.fields:
            if field.type is FieldType.CHOICE:
                combo = self.combos[field.name]
                combo.blockSignals(True)
                if not field.required:
                    combo.addItem("—", "")
                for value, label in field.choices:
                    combo.addItem(label, value)
                combo.blockSignals(False)
            elif field.type in (FieldType.TEXT, FieldType.DATE):
                self.edits[field.name].setPlaceholderText(field.placeholder)
        chain = list(self.inputs.values())
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.draft_label = QLabel(self)
        self.draft_label.setAccessibleName("Draft status")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.draft_label)

    def _make_input(self, name: str, kind: FieldType, label: str) -> QWidget:
        def edited(*_args: object) -> None:
            self._on_edited(name)

        if kind is FieldType.MULTILINE:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setMaximumHeight(90)
            text.textChanged.connect(edited)
            self.texts[name] = text
            return text
        if kind in (FieldType.CHOICE, FieldType.REFERENCE):
            combo = QComboBox(self)
            combo.currentIndexChanged.connect(edited)
            self.combos[name] = combo
            return combo
        if kind is FieldType.BOOL:
            box = QCheckBox(self.spec.field(name).hint or label, self)
            box.toggled.connect(edited)
            self.checks[name] = box
            return box
        edit = QLineEdit(self)
        edit.textChanged.connect(edited)
        self.edits[name] = edit
        return edit

    # --- loading ---------------------------------------------------------------------------

    def load(
        self,
        vault: Vault,
        subject_id: str | None,
        fields: Mapping[str, str],
        today: Callable[[], date],
        display_name: str,
        note: str = "",
        draft_form: str | None = None,
        references: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        quiet: bool = False,
    ) -> None:
        """Fill the form; drafts go under ``draft_form`` (default: the spec) and the subject.

        ``quiet`` (a new, empty record) holds the messages back until a field is typed in, so
        the officer is not greeted by a column of "is required"; Save still waits for them.
        """
        self._vault, self._today = vault, today
        self._draft_key = (draft_form or self.spec.name, subject_id)
        self._display_name = display_name
        for name, options in (references or {}).items():
            combo = self.combos.get(name)
            if combo is None:  # the host offers the same lists to every form
                continue
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("Choose…", "")
            for value, label in options:
                combo.addItem(label, value)
            combo.blockSignals(False)
        self._set_fields(fields)
        self.dirty = False
        self.draft_label.setText(note)
        self.validate_all(show=not quiet)

    def _set_fields(self, fields: Mapping[str, str]) -> None:
        for widget in self.inputs.values():
            widget.blockSignals(True)
        for name, edit in self.edits.items():
            edit.setText(fields.get(name, ""))
        for name, text in self.texts.items():
            text.setPlainText(fields.get(name, ""))
        for name, combo in self.combos.items():
            combo.setCurrentIndex(max(combo.findData(fields.get(name, "")), 0))
        for name, box in self.checks.items():
            box.setChecked(fields.get(name) == "yes")
        for widget in self.inputs.values():
            widget.blockSignals(False)

    def fields(self) -> dict[str, str]:
        """Every field as text, exactly as typed (yes/no for ticks, the stored value of a list)."""
        values = {name: edit.text() for name, edit in self.edits.items()}
        values |= {name: text.toPlainText() for name, text in self.texts.items()}
        values |= {name: str(combo.currentData() or "") for name, combo in self.combos.items()}
        values |= {name: "yes" if box.isChecked() else "no" for name, box in self.checks.items()}
        return values

    def first_input(self) -> QWidget:
        return next(iter(self.inputs.values()))

    # --- checking as you type --------------------------------------------------------------

    def _show(self, problems: Mapping[str, str], names: Sequence[str]) -> None:
        for name in names:
            message = problems.get(name)
            self.errors[name].setText(message or "")
            widget = self.inputs[name]
            widget.setProperty("invalid", message is not None)
            widget.setAccessibleDescription(message or "")
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def validate_field(self, name: str) -> bool:
        problems = check_form(self.spec, self.fields(), self._today())
        self._show(problems, [name])
        return name not in problems

    def validate_all(self, show: bool = True) -> bool:
        problems = check_form(self.spec, self.fields(), self._today())
        self._show(problems if show else {}, list(self.inputs))
        self.sig_validity_changed.emit(not problems)
        return not problems

    def _on_edited(self, name: str) -> None:
        self.dirty = True
        problems = check_form(self.spec, self.fields(), self._today())
        # the edited field, plus any other whose message has just gone (a rule across fields)
        shown = [n for n, label in self.errors.items() if label.text() and n not in problems]
        self._show(problems, [name, *shown, *[n for n in problems if self.errors[n].text()]])
        self.sig_validity_changed.emit(not problems)
        self._autosave.start()

    # --- drafts ----------------------------------------------------------------------------

    def _draft_payload(self) -> dict[str, str]:
        return {**self.fields(), "display_name": self._display_name}

    def save_draft_async(self) -> None:
        vault, key = self._vault, self._draft_key
        if vault is None or key is None or not self.dirty:
            return
        payload = self._draft_payload()

        def work(_progress: Any) -> None:
            save_draft(vault, key[0], key[1], payload)

        self._runner.run("autosave draft", work, on_finished=self._on_draft_saved)

    def save_draft_now(self) -> None:
        """Synchronous save, used at lock and quit when there is no time for the lane."""
        self._autosave.stop()
        if self._vault is not None and self._draft_key is not None and self.dirty:
            save_draft(self._vault, *self._draft_key, self._draft_payload())

    def _on_draft_saved(self, _result: object) -> None:
        self.draft_label.setText("Draft saved in the vault.")
        self.sig_draft_saved.emit()

    def clear(self) -> None:
        """Forget the record and every typed character (at lock)."""
        self._autosave.stop()
        self._vault = None
        self._draft_key = None
        self._display_name = ""
        self._set_fields({})
        for name, combo in self.combos.items():
            if self.spec.field(name).type is FieldType.REFERENCE:
                combo.clear()
        for label in self.errors.values():
            label.clear()
        self.draft_label.clear()
        self.dirty = False
