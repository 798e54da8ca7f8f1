"""The inspection's first page: the venue, the production and the licensed children present.

The production list is filled from the licences the officer may inspect; choosing one lists
its children, each with the warnings that matter on the day (a licence that does not cover the
day, a chaperone whose approval lapsed) and, as a tooltip, the licence, chaperone and tutor.
The officer ticks who is there (space, from the keyboard) and starts the inspection.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class SetupPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Start an inspection")
        self._choices: list[Any] = []
        self.venue = QLineEdit(self)
        self.venue.setPlaceholderText("Venue")
        self.venue.setAccessibleName("Venue")
        self.production = QComboBox(self)
        self.production.setAccessibleName("Production")
        self.present = QListWidget(self)
        self.present.setAccessibleName("Licensed children present")
        self.start_button = QPushButton("&Start the inspection", self)
        self.start_button.setAccessibleName("Start the inspection")
        layout = QVBoxLayout(self)
        for text, widget in (
            ("Venue", self.venue),
            ("Production", self.production),
            ("Children present (tick each)", self.present),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.start_button)
        self.production.currentTextChanged.connect(self._on_production)

    def show_choices(self, choices: list[Any]) -> None:
        """The licences that can be inspected (``InspectionDesk.licences``)."""
        self._choices = choices
        self.production.clear()
        self.production.addItems(sorted({c.production for c in choices}))

    def _on_production(self, production: str) -> None:
        self.present.clear()
        for choice in self._choices:
            if choice.production == production:
                warnings = "; ".join(choice.warnings)
                text = f"{choice.child} ({choice.reference})"
                item = QListWidgetItem(f"{text}: {warnings}" if warnings else text, self.present)
                item.setToolTip(
                    "\n".join((choice.licence_text(), choice.chaperone_text(), choice.tutor_text()))
                )
                item.setData(Qt.ItemDataRole.UserRole, choice.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)

    def tick_child(self, name: str) -> None:
        """Tick the child whose list text starts with ``name`` (keyboard users: space)."""
        for row in range(self.present.count()):
            item = self.present.item(row)
            if item.text().startswith(name):
                item.setCheckState(Qt.CheckState.Checked)

    def ticked(self) -> list[str]:
        """The licence ids of the children ticked as present."""
        return [
            self.present.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.present.count())
            if self.present.item(r).checkState() == Qt.CheckState.Checked
        ]

    def clear(self) -> None:
        """Forget every licence and what was typed (at lock)."""
        self._choices = []
        self.present.clear()
        self.production.clear()
        self.venue.clear()
