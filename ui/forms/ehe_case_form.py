"""The EHE case edit form: checks each field as the officer types, autosaves a draft.

Each field shows its own message beside it (and an accessible description) the moment it goes
wrong; Save is enabled only when every field is right. Every change restarts a short timer;
when it fires the fields, exactly as typed, are saved as a draft in the vault through the
database lane, so a crash or a flat battery loses at most that last second of typing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

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

from oxfield.domain.ehe import EheStatus
from oxfield.services.case_details import EHE_FORM, check_field
from oxfield.services.drafts import save_draft
from oxfield.services.vaults import Vault
from ui.tasks import TaskRunner

FORM_NAME = "ehe_case"
AUTOSAVE_MS = 800


class EheCaseForm(QWidget):
    sig_validity_changed = Signal(bool)
    sig_draft_saved = Signal()

    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, autosave_ms: int = AUTOSAVE_MS
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Edit case")
        self._runner = runner
        self._vault: Vault | None = None
        self._case_id: str | None = None
        self._today: Callable[[], date] = date.today
        self._display_name = ""
        self.dirty = False
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(EHE_FORM["status"])
        for status in EheStatus:
            self.status_combo.addItem(status.value.replace("_", " ").capitalize(), status.value)
        self.safeguarding_box = QCheckBox("Concern recorded", self)
        self.safeguarding_box.setAccessibleName(EHE_FORM["safeguarding_concern"])
        form = QFormLayout()
        for name, label in EHE_FORM.items():
            if name == "status":
                field: QWidget = self.status_combo
            elif name == "safeguarding_concern":
                field = self.safeguarding_box
            else:
                edit = QLineEdit(self)
                edit.setAccessibleName(label)
                edit.setObjectName(f"field_{name}")
                if name in ("date_of_birth", "next_review_on"):
                    edit.setPlaceholderText("dd/mm/yyyy")
                self.edits[name] = edit
                edit.textChanged.connect(lambda _t, n=name: self._on_edited(n))
                field = edit
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
        self.status_combo.currentIndexChanged.connect(lambda _i: self._on_edited("status"))
        self.safeguarding_box.toggled.connect(lambda _b: self._on_edited("safeguarding_concern"))
        self.draft_label = QLabel(self)
        self.draft_label.setAccessibleName("Draft status")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.draft_label)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_draft_async)

    # --- loading ---------------------------------------------------------------------------

    def load(
        self,
        vault: Vault,
        case_id: str,
        fields: dict[str, str],
        today: Callable[[], date],
        display_name: str,
        note: str = "",
    ) -> None:
        self._vault, self._case_id, self._today = vault, case_id, today
        self._display_name = display_name
        self._set_fields(fields)
        self.dirty = False
        self.draft_label.setText(note)
        self.validate_all()

    def _set_fields(self, fields: dict[str, str]) -> None:
        for widget in (*self.edits.values(), self.status_combo, self.safeguarding_box):
            widget.blockSignals(True)
        for name, edit in self.edits.items():
            edit.setText(fields.get(name, ""))
        index = self.status_combo.findData(fields.get("status", ""))
        self.status_combo.setCurrentIndex(max(index, 0))
        self.safeguarding_box.setChecked(fields.get("safeguarding_concern") == "yes")
        for widget in (*self.edits.values(), self.status_combo, self.safeguarding_box):
            widget.blockSignals(False)

    def fields(self) -> dict[str, str]:
        values = {name: edit.text() for name, edit in self.edits.items()}
        values["status"] = str(self.status_combo.currentData())
        values["safeguarding_concern"] = "yes" if self.safeguarding_box.isChecked() else "no"
        return values

    # --- checking as you type --------------------------------------------------------------

    def validate_field(self, name: str) -> bool:
        message = check_field(name, self.fields()[name], self._today())
        self.errors[name].setText(message or "")
        edit = self.edits.get(name)
        if edit is not None:
            edit.setProperty("invalid", message is not None)
            edit.setAccessibleDescription(message or "")
            edit.style().unpolish(edit)
            edit.style().polish(edit)
        return message is None

    def validate_all(self) -> bool:
        ok = all([self.validate_field(name) for name in EHE_FORM])
        self.sig_validity_changed.emit(ok)
        return ok

    def _on_edited(self, name: str) -> None:
        self.dirty = True
        self.validate_field(name)
        ok = all(not label.text() for label in self.errors.values())
        self.sig_validity_changed.emit(ok)
        self._autosave.start()

    # --- drafts ----------------------------------------------------------------------------

    def _draft_payload(self) -> dict[str, str]:
        return {**self.fields(), "display_name": self._display_name}

    def save_draft_async(self) -> None:
        vault, case_id = self._vault, self._case_id
        if vault is None or case_id is None or not self.dirty:
            return
        payload = self._draft_payload()

        def work(_progress: Any) -> None:
            save_draft(vault, FORM_NAME, case_id, payload)

        self._runner.run("autosave draft", work, on_finished=self._on_draft_saved)

    def save_draft_now(self) -> None:
        """Synchronous save, used at lock and quit when there is no time for the lane."""
        self._autosave.stop()
        if self._vault is not None and self._case_id is not None and self.dirty:
            save_draft(self._vault, FORM_NAME, self._case_id, self._draft_payload())

    def _on_draft_saved(self, _result: object) -> None:
        self.draft_label.setText("Draft saved in the vault.")
        self.sig_draft_saved.emit()

    def clear(self) -> None:
        """Forget the case and every typed character (at lock)."""
        self._autosave.stop()
        self._vault = self._case_id = None
        self._display_name = ""
        self._set_fields({})
        for label in self.errors.values():
            label.clear()
        self.draft_label.clear()
        self.dirty = False
