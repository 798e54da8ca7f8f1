"""A new EHE case: the officer records the notice, and a possible duplicate child is shown
before a new child is made.

The service refuses to make a child whose date of birth matches an existing one with a
similar name (any apostrophe or accent) and lists them; this dialog shows that list and lets
the officer either attach the case to one of them or say it is a different child. Nothing is
written until one of those is chosen. Bad input gets one message naming the field.
"""

from __future__ import annotations

from datetime import date, datetime
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
from oxfield.services.ehe import CaseIntake, CaseOpened, PossibleDuplicateError, open_case
from oxfield.services.record_forms.fields import EARLIEST_YEAR, LATEST_YEAR
from oxfield.services.record_forms.specs import FAMILY, GIVEN, OLDEST_CHILD_YEARS
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from ui.ehe.intake_people import (
    AddressRow,
    ParentRow,
    addresses_list,
    parents_list,
    postcode_problem,
)
from ui.ehe.school_picker import SchoolPicker
from ui.messages import message_for
from ui.tasks import TaskRunner


def parse_day(text: str, label: str, required: bool = True) -> date | None:
    text = text.strip()
    if not text:
        if required:
            raise ValidationError(f"{label}: enter a date as dd/mm/yyyy", label)
        return None
    try:
        day = datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        day = None
    if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:  # 9999 is a typo, not a day
        raise ValidationError(f"{label}: '{text}' is not a date (dd/mm/yyyy)", label)
    return day


def _not_future(day: date, label: str, today: date) -> None:
    if day > today:
        raise ValidationError(f"{label}: cannot be in the future", label)


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


class CaseIntakeDialog(QDialog):
    sig_opened = Signal(object)  # CaseOpened
    sig_duplicates = Signal(int)
    sig_failed = Signal(str)

    def __init__(
        self, runner: TaskRunner, vault: Vault, actor: Actor, parent: QWidget | None = None
    ) -> None:
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
                box.addItem(_label(value), value)
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
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel new case")
        self._show_duplicates(False)
        buttons = QHBoxLayout()
        for button in (
            self.use_existing_button,
            self.different_button,
            self.open_button,
            self.cancel_button,
        ):
            buttons.addWidget(button)
        fields = QWidget(self)
        fields.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.message)
        layout.addWidget(self.duplicates)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(lambda: self.submit())
        self.use_existing_button.clicked.connect(self._on_use_existing)
        self.different_button.clicked.connect(lambda: self.submit(not_a_duplicate=True))
        self.cancel_button.clicked.connect(self.reject)
        for edit in (self.given, self.family, self.dob):
            edit.textChanged.connect(lambda _t: self._show_duplicates(False))

    def intake(self) -> CaseIntake:
        """The typed notice; raises ValidationError naming the first bad field."""
        for edit, label in (
            (self.given, "Child's given names"),
            (self.family, "Child's family name"),
            (self.address, "Address"),
            (self.postcode, "Postcode"),
        ):
            if not edit.text().strip():
                raise ValidationError(f"{label}: this is needed", label)
        for edit, label, most in (
            (self.given, "Child's given names", GIVEN.max_length),
            (self.family, "Child's family name", FAMILY.max_length),
        ):
            if most is not None and len(edit.text().strip()) > most:
                raise ValidationError(f"{label}: at most {most} characters", label)
        postcode = self.postcode.text().strip()
        if postcode_problem(postcode) is not None:
            raise ValidationError(
                f"Postcode: '{postcode}' is not a UK postcode, like OX1 1ND", "Postcode"
            )
        if self.school.urn is None and self.school.search.text().strip():
            raise ValidationError(
                "School left: choose one of the matching schools (Down, then Enter)",
                "school_left_urn",
            )
        parents = self.parents.values(ParentRow.value)
        other_addresses = self.other_addresses.values(AddressRow.value)
        dob = parse_day(self.dob.text(), "Date of birth")
        notified = parse_day(self.notified.text(), "Date notified")
        assert dob is not None and notified is not None
        today = self._actor.clock.today()
        _not_future(dob, "Date of birth", today)
        if dob.year < today.year - OLDEST_CHILD_YEARS:
            raise ValidationError(
                f"Date of birth: is more than {OLDEST_CHILD_YEARS} years ago", "Date of birth"
            )
        _not_future(notified, "Date notified", today)
        return CaseIntake(
            family_name=self.family.text().strip(),
            given_names=self.given.text().strip(),
            preferred_name=self.preferred.text().strip(),
            date_of_birth=dob,
            sex=Sex(self.sex.currentData()),
            notified_on=notified,
            source=EheSource(self.source.currentData()),
            address_line1=self.address.text().strip(),
            town=self.town.text().strip(),
            postcode=self.postcode.text().strip(),
            parents=parents,
            other_addresses=other_addresses,
            school_left_urn=self.school.urn,
            deregistered_on=parse_day(self.deregistered.text(), "Date taken off roll", False),
            primary_reason=EheReason(self.reason.currentData()),
            sen_status=SenStatus(self.sen.currentData()),
            ehcp_names_eotas=self.ehcp_eotas.isChecked(),
            safeguarding_concern=self.safeguarding.isChecked(),
            safeguarding_detail=self.safeguarding_detail.text().strip(),
            s47_enquiry=self.s47.isChecked(),
            assigned_officer=self._actor.officer or None,
        )

    def submit(self, existing_child_id: str | None = None, not_a_duplicate: bool = False) -> None:
        try:
            intake = self.intake()
        except ValidationError as exc:
            self._on_failed(exc)
            return
        vault, actor = self._vault, self._actor
        self.open_button.setEnabled(False)

        def work(_p: Any) -> CaseOpened:
            return open_case(
                vault,
                actor,
                intake,
                existing_child_id=existing_child_id,
                not_a_duplicate=not_a_duplicate,
            )

        self._runner.run("open case", work, on_finished=self._on_opened, on_failed=self._on_failed)

    def _on_use_existing(self) -> None:
        row = self.duplicates.currentRow()
        if 0 <= row < len(self.candidates):
            self.submit(existing_child_id=self.candidates[row])
        else:
            self.message.setText("Choose one of the children listed, or confirm a different child.")

    def _on_opened(self, opened: CaseOpened) -> None:
        self.open_button.setEnabled(True)
        self.message.setText(f"Case {opened.reference} opened.")
        self.sig_opened.emit(opened)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
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
