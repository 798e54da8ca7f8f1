"""A record's read view, built from the same spec as its form: label, value, one per row.

Values are selectable and take keyboard focus, so a screen reader reads each with its label.
A signed record shows when and by whom, and its amendments below it, the original untouched.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from oxfield.clock import LONDON
from oxfield.services.record_forms.fields import FormSpec, display
from oxfield.services.record_forms.store import RecordData


def local_time(instant: datetime) -> str:
    """An instant from the vault (UTC; naive ones too) as the officer's London clock read."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return f"{instant.astimezone(LONDON):%d/%m/%Y %H:%M}"


class RecordReadView(QWidget):
    def __init__(self, spec: FormSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setAccessibleName(f"{spec.title} details")
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for field in spec.fields:
            value = self._label(field.label)
            self.values[field.name] = value
            form.addRow(f"{field.label}:", value)
        self.amendments = self._label("Amendments")
        self.amendments.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.amendments)

    def _label(self, name: str) -> QLabel:
        value = QLabel(self)
        value.setTextFormat(Qt.TextFormat.PlainText)  # names with < or & show as typed
        value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        value.setAccessibleName(name)
        return value

    def show_record(self, data: RecordData, labels: dict[str, str] | None = None) -> None:
        """Fill the values; ``labels`` names the records a reference field points at."""
        for field in self.spec.fields:
            text = data.texts.get(field.name, "")
            if labels and text in labels:
                text = labels[text]
            self.values[field.name].setText(display(field, text))
        lines = []
        if data.signed:
            lines.append("Signed: this record cannot change. Corrections are amendments.")
        for n, amendment in enumerate(data.amendments, 1):
            when = local_time(amendment.made_at) if amendment.made_at else ""
            changed = "; ".join(
                f"{self._title(k)}: {display(self.spec.field(k), v)}"
                for k, v in amendment.changes.items()
                if k in self.spec.names
            )
            lines.append(f"Amendment {n} ({when}, {amendment.by}): {amendment.reason}. {changed}")
        self.amendments.setText("\n".join(lines))
        self.amendments.setVisible(bool(lines))

    def _title(self, name: str) -> str:
        return self.spec.field(name).label

    def clear(self) -> None:
        for value in self.values.values():
            value.clear()
        self.amendments.clear()
