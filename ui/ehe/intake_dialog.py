"""A new EHE case: the officer records the notice, and a possible duplicate child is shown
before a new child is made.

The service refuses to make a child whose date of birth matches an existing one with a
similar name (any apostrophe or accent) and lists them; this dialog shows that list and lets
the officer either attach the case to one of them or say it is a different child. Nothing is
written until one of those is chosen. Bad input gets one message naming the field.
Everything typed is kept as a draft in the vault (``ui.ehe.intake_draft``) until the case is
opened or the officer presses Discard; closing the window or locking keeps it for Today.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oxfield.domain.ehe import EheReason, EheSource
from oxfield.domain.people import SenStatus, Sex
from oxfield.errors import ValidationError
from oxfield.services.drafts import discard_draft
from oxfield.services.ehe import CaseIntake, CaseOpened, PossibleDuplicateError, open_case
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from oxfield.text import humanise
from ui.ehe.dates import parse_day
from ui.ehe.intake_draft import AUTOSAVE_MS, FORM_NAME, IntakeDraft
from ui.ehe.intake_notice import read_notice
from ui.ehe.intake_people import addresses_list, parents_list
from ui.ehe.school_picker import SchoolPicker
from ui.messages import message_for
from ui.tasks import TaskRunner

__all__ = ["CaseIntakeDialog", "parse_day"]  # parse_day: where other screens once found it


class CaseIntakeDialog(QDialog):
    sig_opened = Signal(object)  # CaseOpened
    sig_duplicates = Signal(int)
    sig_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        vault: Vault,
        actor: Actor,
        parent: QWidget | None = None,
        draft_id: str | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        """``draft_id`` reopens that unfinished intake; without it a new draft is begun."""
        super().__init__(parent)
        self.setWindowTitle("New home education case")
        self.setAccessibleName("New home education case")
        self._runner, self._vault, self._actor = runner, vault, actor
        self.candidates: list[str] = []
        form = QFormLayout()

        def line(label: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(self)
            edit.setAccessibleName(label)
            edit.setPlaceholderText(placeholder)
            form.addRow(f"{label}:", edit)
            return edit

        def combo(label: str, values: list[str]) -> QComboBox:
            box = QComboBox(self)
            box.setAccessibleName(label)
            for value in values:
                box.addItem(humanise(value), value)
            form.addRow(f"{label}:", box)
            return box

        def check(label: str) -> QCheckBox:
            box = QCheckBox(label, self)
            box.setAccessibleName(label)
            form.addRow("", box)
            return box

        self.given = line("Child's given names")
        self.family = line("Child's family name")
        self.preferred = line("Preferred name")
        self.dob = line("Date of birth", "dd/mm/yyyy")
        self.sex = combo("Sex", [s.value for s in Sex])
        self.address = line("Address")
        self.town = line("Town")
        self.postcode = line("Postcode")
        self.other_addresses = addresses_list(self)
        form.addRow("Other addresses:", self.other_addresses)
        self.parents = parents_list(self)
        self.parents.add()
        form.addRow("Parents and carers:", self.parents)
        self.notified = line("Date notified", "dd/mm/yyyy")
        self.source = combo("Notified by", [s.value for s in EheSource])
        self.school = SchoolPicker(runner, vault, "School left", self)
        form.addRow("School left:", self.school)
        self.deregistered = line("Date taken off roll", "dd/mm/yyyy")
        self.reason = combo("Primary reason", [r.value for r in EheReason])
        self.sen = combo("SEN status", [s.value for s in SenStatus])
        self.ehcp_eotas = check("EHCP names education otherwise than at school")
        self.safeguarding = check("Safeguarding concern")
        self.safeguarding_detail = line("Safeguarding detail")
        self.s47 = check("Subject to s47 enquiries")
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setAccessibleName("Intake message")
        self.message.setWordWrap(True)
        self.duplicates = QListWidget(self)
        self.duplicates.setAccessibleName("Possible duplicate children")
        self.use_existing_button = QPushButton("Use the selected child", self)
        self.use_existing_button.setAccessibleName("Use the selected existing child")
        self.different_button = QPushButton("This is a different child", self)
        self.different_button.setAccessibleName("Confirm this is a different child")
        self.open_button = QPushButton("Open case", self)
        self.open_button.setAccessibleName("Open case")
        self.cancel_button = QPushButton("Discard", self)
        self.cancel_button.setAccessibleName("Discard this new case and its draft")
        self.draft_label = QLabel(self)
        self.draft_label.setAccessibleName("Draft status")
        self._show_duplicates(False)
        buttons = QHBoxLayout()
        for button in (
            self.use_existing_button,
            self.different_button,
            self.open_button,
            self.cancel_button,
        ):
            buttons.addWidget(button)
        self.fields = QWidget(self)
        self.fields.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.message)
        layout.addWidget(self.draft_label)
        layout.addWidget(self.duplicates)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(lambda: self.submit())
        self.use_existing_button.clicked.connect(self._on_use_existing)
        self.different_button.clicked.connect(lambda: self.submit(not_a_duplicate=True))
        self.cancel_button.clicked.connect(self.discard)
        for edit in (self.given, self.family, self.dob):
            edit.textChanged.connect(lambda _t: self._show_duplicates(False))
        self.draft = IntakeDraft(self, runner, vault, draft_id, autosave_ms)
        self.draft.watch()
        self.draft.sig_saved.connect(lambda: self.draft_label.setText("Draft saved in the vault."))
        self.draft.sig_restored.connect(self._on_restored)
        if self.draft.resumed:
            self.fields.setEnabled(False)  # until the draft is back in the widgets
            self.draft.load(self._on_failed)

    def _on_restored(self) -> None:
        self.fields.setEnabled(True)
        self.draft_label.setText("Restored your unsaved draft.")
        self.given.setFocus()

    def intake(self) -> CaseIntake:
        """The typed notice; raises ValidationError naming the first bad field."""
        return read_notice(self, self._actor)

    def submit(self, existing_child_id: str | None = None, not_a_duplicate: bool = False) -> None:
        try:
            intake = self.intake()
        except ValidationError as exc:
            self._on_failed(exc)
            return
        vault, actor, draft_id = self._vault, self._actor, self.draft.draft_id
        self.open_button.setEnabled(False)
        self.fields.setEnabled(False)  # nothing typed now may bring the draft back
        self.draft.pause()

        def work(_p: Any) -> CaseOpened:
            opened = open_case(
                vault,
                actor,
                intake,
                existing_child_id=existing_child_id,
                not_a_duplicate=not_a_duplicate,
            )
            discard_draft(vault, FORM_NAME, draft_id)  # the case has it all now
            return opened

        self._runner.run("open case", work, on_finished=self._on_opened, on_failed=self._on_failed)

    def _on_use_existing(self) -> None:
        row = self.duplicates.currentRow()
        if 0 <= row < len(self.candidates):
            self.submit(existing_child_id=self.candidates[row])
        else:
            self.message.setText("Choose one of the children listed, or confirm a different child.")

    def _on_opened(self, opened: CaseOpened) -> None:
        self.draft.forget()
        self.open_button.setEnabled(True)
        self.message.setText(f"Case {opened.reference} opened.")
        self.sig_opened.emit(opened)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.fields.setEnabled(True)
        if isinstance(exc, PossibleDuplicateError):
            self.duplicates.clear()
            self.candidates = [c.child_id for c in exc.candidates]
            for c in exc.candidates:
                refs = ", ".join(c.case_references) or "no case"
                self.duplicates.addItem(f"{c.name}, born {c.date_of_birth:%d/%m/%Y} ({refs})")
            self.duplicates.setCurrentRow(0)
            self._show_duplicates(True)
            self.message.setText(
                "A child with the same date of birth and a similar name already exists. "
                "Use that child, or confirm this is a different child."
            )
            self.sig_duplicates.emit(len(exc.candidates))
            return
        text = message_for(exc)
        self.message.setText(text)
        self.sig_failed.emit(text)

    def _show_duplicates(self, shown: bool) -> None:
        for widget in (self.duplicates, self.use_existing_button, self.different_button):
            widget.setVisible(shown)
        self.open_button.setVisible(not shown)

    def discard(self) -> None:
        """Discard: the notice and its draft go."""
        self.draft.discard()
        super().reject()

    def reject(self) -> None:
        """Escape or the window's close: the draft stays, for Today's "Unfinished edits"."""
        try:
            self.draft.save_now()
        except Exception as exc:  # stay open: closing now would lose what was typed
            self._on_failed(exc)
            return
        super().reject()
