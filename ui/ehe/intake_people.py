"""The parents, carers and addresses of a new case, as many as the family has.

A child may have a mother and a stepfather at one address and a father with parental
responsibility at another. Each adult is a row (names, relationship, parental responsibility,
whether they educate the child, phone, email) and each further address another row; the officer
adds and removes rows with buttons, all reachable with Tab. A row left entirely blank is
ignored; a row half filled is named in one message (e.g. "Parent or carer 2: family name").
Every keystroke, tick, choice, added or removed row is announced (``sig_changed``) so the
intake's draft keeps up with the family as it is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.domain.people import Relationship
from oxfield.errors import ValidationError
from oxfield.services.ehe import AddressIn, ParentIn
from oxfield.services.record_forms.specs import EMAIL, POSTCODE
from oxfield.text import humanise


def postcode_problem(text: str) -> str | None:
    """Why ``text`` is not a UK postcode (any case or spacing is fine), or None."""
    code = text.upper().replace(" ", "")
    return None if POSTCODE.match(f"{code[:-3]} {code[-3:]}") else "is not a UK postcode"


T = TypeVar("T")


class _Row(QGroupBox):
    removed = Signal(object)
    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.grid = QGridLayout(self)
        self.remove_button = QPushButton(f"Remove {title.lower()}", self)
        self.remove_button.setAccessibleName(f"Remove {title.lower()}")
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        self._cells = 0

    def line(self, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(f"{self.title()}: {label}")
        edit.setPlaceholderText(placeholder or label)
        edit.textChanged.connect(self.changed)
        self._place(edit)
        return edit

    def _place(self, widget: QWidget) -> None:
        self.grid.addWidget(widget, self._cells // 3, self._cells % 3)
        self._cells += 1

    def finish(self) -> None:
        self._place(self.remove_button)

    def title_is(self, title: str) -> None:
        self.setTitle(title)
        self.setAccessibleName(title)
        self.remove_button.setText(f"Remove {title.lower()}")
        self.remove_button.setAccessibleName(f"Remove {title.lower()}")


class ParentRow(_Row):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.given = self.line("Given names")
        self.family = self.line("Family name")
        self.relationship = QComboBox(self)
        self.relationship.setAccessibleName(f"{title}: relationship to the child")
        for r in Relationship:
            self.relationship.addItem(humanise(r.value), r.value)
        self._place(self.relationship)
        self.responsibility = QCheckBox("Parental responsibility", self)
        self.responsibility.setChecked(True)
        self.responsibility.setAccessibleName(f"{title}: parental responsibility")
        self._place(self.responsibility)
        self.educates = QCheckBox("Provides the education", self)
        self.educates.setChecked(True)
        self.educates.setAccessibleName(f"{title}: provides the education")
        self._place(self.educates)
        self.relationship.currentIndexChanged.connect(self.changed)
        self.responsibility.toggled.connect(self.changed)
        self.educates.toggled.connect(self.changed)
        self.phone = self.line("Phone")
        self.email = self.line("Email")
        self.finish()

    def blank(self) -> bool:
        edits = (self.given, self.family, self.phone, self.email)
        return not any(e.text().strip() for e in edits)

    def value(self) -> ParentIn:
        title = self.title()
        for edit, label in ((self.given, "given names"), (self.family, "family name")):
            if not edit.text().strip():
                raise ValidationError(f"{title}: {label}: this is needed", "parents")
        email = self.email.text().strip()
        if email and not EMAIL.match(email):
            raise ValidationError(f"{title}: email: '{email}' is not an email address", "email")
        return ParentIn(
            self.given.text().strip(),
            self.family.text().strip(),
            relationship=Relationship(self.relationship.currentData()),
            parental_responsibility=self.responsibility.isChecked(),
            provides_education=self.educates.isChecked(),
            phone=self.phone.text().strip(),
            email=email,
        )


class AddressRow(_Row):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.line1 = self.line("Address")
        self.town = self.line("Town")
        self.postcode = self.line("Postcode")
        self.finish()

    def blank(self) -> bool:
        return not any(e.text().strip() for e in (self.line1, self.town, self.postcode))

    def value(self) -> AddressIn:
        for edit, label in ((self.line1, "address"), (self.postcode, "postcode")):
            if not edit.text().strip():
                raise ValidationError(f"{self.title()}: {label}: this is needed", "addresses")
        postcode = self.postcode.text().strip()
        problem = postcode_problem(postcode)
        if problem is not None:
            raise ValidationError(f"{self.title()}: postcode: '{postcode}' {problem}", "addresses")
        return AddressIn(self.line1.text().strip(), postcode, town=self.town.text().strip())


R = TypeVar("R", ParentRow, AddressRow)


class RowList(QWidget, Generic[R]):
    """Rows of one kind with an Add button; rows renumber when one is removed."""

    sig_changed = Signal()

    def __init__(
        self, noun: str, make: Callable[[str, QWidget], R], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"{noun}s")
        self._noun = noun
        self._make: Callable[[str, QWidget], R] = make
        self.rows: list[R] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(f"Add {noun.lower()}", self)
        self.add_button.setAccessibleName(f"Add {noun.lower()}")
        self.add_button.clicked.connect(self.add)
        self._layout.addWidget(self.add_button)

    def add(self) -> R:
        row = self._make(f"{self._noun} {len(self.rows) + 1}", self)
        row.removed.connect(self._remove)
        row.changed.connect(self.sig_changed)
        self.rows.append(row)
        self._layout.insertWidget(self._layout.count() - 1, row)
        row.setFocus()
        self.sig_changed.emit()
        return row

    def _remove(self, row: R) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for n, other in enumerate(self.rows, start=1):
            other.title_is(f"{self._noun} {n}")
        self.add_button.setFocus()
        self.sig_changed.emit()

    def reset(self, count: int) -> list[R]:
        """Exactly ``count`` empty rows (a draft brings its own back into them)."""
        for row in list(self.rows):
            self._remove(row)
        return [self.add() for _ in range(count)]

    def values(self, convert: Callable[[R], T]) -> tuple[T, ...]:
        return tuple(convert(r) for r in self.rows if not r.blank())


def parents_list(parent: QWidget | None = None) -> RowList[ParentRow]:
    return RowList("Parent or carer", ParentRow, parent)


def addresses_list(parent: QWidget | None = None) -> RowList[AddressRow]:
    return RowList("Other address", AddressRow, parent)
