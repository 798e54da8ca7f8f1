"""A case's details as the officer reads them, and the records around it in sections.

Read-only: each value is a label that can be selected and reached with Tab (so a screen reader
reads it), and the sections under it (``ui.forms.case_sections``) open the records' forms
through the case page. Editing happens elsewhere (``ui.views.case_edit``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from oxfield.services.case_details import CaseDetails
from oxfield.text import humanise
from ui.forms.case_sections import CaseSections
from ui.models.case_table import display

READ_FIELDS = (
    ("reference", "Reference"),
    ("display_name", "Child"),
    ("date_of_birth", "Date of birth"),
    ("upn", "UPN"),
    ("school", "School"),
    ("status", "Status"),
    ("officer", "Officer"),
    ("next_review", "Next review"),
    ("sen_status", "SEN status"),
    ("safeguarding_concern", "Safeguarding concern"),
)


def read_text(key: str, value: object) -> str:
    """How one detail reads: Yes/No, a dash for nothing, words for a stored value."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = display(value)
    if key in ("status", "sen_status"):  # stored values; names and notes stay as typed
        text = humanise(text)
    return text or "—"


class CaseReadView(QWidget):
    """The details of one case, then its records' sections."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Case details")
        read_form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label in READ_FIELDS:
            value = QLabel(self)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            value.setAccessibleName(label)
            self.values[key] = value
            read_form.addRow(f"{label}:", value)
        self.sections = CaseSections(self)
        layout = QVBoxLayout(self)
        layout.addLayout(read_form)
        layout.addWidget(self.sections)
        layout.addStretch(1)

    def show_details(self, details: CaseDetails) -> None:
        for key, _label in READ_FIELDS:
            self.values[key].setText(read_text(key, getattr(details, key)))

    def clear(self) -> None:
        """Forget the case shown (at lock)."""
        self.sections.clear()
        for value in self.values.values():
            value.clear()
