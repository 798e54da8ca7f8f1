"""The records around a case, listed in sections under the case's details, with Open and Add.

Each section is a list (keyboard: arrows to choose, Enter to open) with an "Add…" button where
a record of that kind can be added from the case. Opening or adding asks the case view, through
``sig_open``, to show the record's form; signed records are marked so in their label.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.record_forms.case_records import SECTIONS, CaseRecords
from oxfield.services.record_forms.specs import SPECS

REF_ROLE = Qt.ItemDataRole.UserRole + 1
EHE_ONLY = ("evidence", "signed")
MAX_ROWS = 5


class CaseSections(QWidget):
    sig_open = Signal(str, str)  # form, record id ("" to add one)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Records of this case")
        self.lists: dict[str, QListWidget] = {}
        self.add_buttons: dict[str, QPushButton] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        self.boxes: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, heading, add_form in SECTIONS:
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 6, 0, 0)
            title = QLabel(heading, box)
            title.setObjectName("sectionTitle")
            listing = QListWidget(box)
            listing.setAccessibleName(heading)
            listing.itemActivated.connect(self._on_item)
            title.setBuddy(listing)
            row = QHBoxLayout()
            verb = "Amend or read" if key == "signed" else "Edit" if key == "child" else "Open"
            open_button = QPushButton(f"{verb} selected", box)
            open_button.setAccessibleName(f"{verb} the selected entry of {heading.lower()}")
            open_button.clicked.connect(lambda _c=False, k=key: self._open_selected(k))
            row.addWidget(open_button)
            self.open_buttons[key] = open_button
            if add_form is not None:
                what = SPECS[add_form].title.lower()
                add = QPushButton(f"Add {what}…", box)
                add.setAccessibleName(f"Add a {what}")
                add.clicked.connect(lambda _c=False, f=add_form: self.sig_open.emit(f, ""))
                row.addWidget(add)
                self.add_buttons[key] = add
            row.addStretch(1)
            column.addWidget(title)
            column.addWidget(listing)
            column.addLayout(row)
            layout.addWidget(box)
            self.lists[key], self.boxes[key] = listing, box
        layout.addStretch(1)

    def show_records(self, records: CaseRecords) -> None:
        ehe = records.case_kind == "ehe_case"
        for key, _heading, _form in SECTIONS:
            listing = self.lists[key]
            listing.clear()
            for ref in records.sections.get(key, []):
                label = f"{ref.label} (signed)" if ref.signed else ref.label
                item = QListWidgetItem(label, listing)
                item.setData(REF_ROLE, (ref.form, ref.record_id))
            if listing.count():
                listing.setCurrentRow(0)
            else:
                QListWidgetItem("None recorded.", listing).setFlags(Qt.ItemFlag.ItemIsEnabled)
            rows = min(listing.count(), MAX_ROWS)  # short lists stay short; long ones scroll
            frame = 2 * listing.frameWidth() + 6
            listing.setFixedHeight(max(listing.sizeHintForRow(0), 16) * rows + frame)
            self.open_buttons[key].setEnabled(bool(records.sections.get(key)))
            self.boxes[key].setVisible(ehe or key not in EHE_ONLY)
        contacts = self.add_buttons["contacts"]
        contacts.setEnabled(bool(records.people))  # a contact belongs to a parent or carer

    def _on_item(self, item: QListWidgetItem) -> None:
        ref = item.data(REF_ROLE)
        if ref:
            self.sig_open.emit(str(ref[0]), str(ref[1]))

    def _open_selected(self, key: str) -> None:
        item = self.lists[key].currentItem()
        if item is not None:
            self._on_item(item)

    def clear(self) -> None:
        for listing in self.lists.values():
            listing.clear()
