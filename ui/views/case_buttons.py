"""The case page's row of buttons, and which of them a mode shows.

Reading a case offers Back, and Edit (a case that can be edited) or "Open the licence..." (a
licence case); editing offers Save and Cancel; a record's form open in the page brings its
own buttons, so the row shows none. Each button has a mnemonic (Alt+letter) and an
accessible name that says what it does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    return button


class CaseButtons:
    """The buttons, made on the page (so Tab meets them where it always has) in one row."""

    def __init__(self, page: QWidget) -> None:
        self.back = _button("&Back to the list", "Back to the list", page)
        self.edit = _button("&Edit", "Edit this case", page)
        self.save = _button("&Save", "Save changes", page)
        self.cancel = _button("&Cancel edit", "Cancel edit and discard the draft", page)
        self.licence = _button("Open the &licence...", "Open the licence to edit it", page)
        self.row = QHBoxLayout()
        for button in (self.back, self.edit, self.licence, self.save, self.cancel):
            self.row.addWidget(button)
        self.row.addStretch(1)

    def show_for(self, editing: bool, record: bool, editable: bool, licence: bool) -> None:
        reading = not editing and not record
        self.edit.setVisible(reading and editable)
        self.licence.setVisible(reading and licence)
        self.save.setVisible(editing)
        self.cancel.setVisible(editing)
        self.back.setVisible(reading)
