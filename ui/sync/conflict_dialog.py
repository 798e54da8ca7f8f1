"""The conflict review dialog: one record, side by side, field by field.

For each conflicting field the officer sees their value and the other one, each with who
entered it (the officer as "Name (team)" when the server has named them, else the start of
their id; and the device) and when (London time) beneath it, and picks one or types a new
value. Nothing is settled until every field has a
decision, and nothing is settled silently: the decisions are handed back (``sig_decided``)
for :func:`resolve_all` to record as ordinary synced changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.services import sync_status
from oxfield.services.sync_status import ConflictView, Credit
from oxfield.services.vaults import Vault
from oxfield.text import humanise

MINE, THEIRS, EDIT = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Decision:
    conflict_id: str
    take: str | None  # "mine", "theirs", or None when ``value`` was typed
    value: Any = None


def show_value(value: Any, present: bool) -> str:
    if not present or value is None:
        return "(empty)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def field_label(name: str) -> str:
    if name == "_deleted":
        return "Deleted"
    return humanise(name.removeprefix("scope."))


class _Row:
    def __init__(self, conflict: ConflictView, parent: QWidget) -> None:
        self.conflict = conflict
        label = field_label(conflict.field)
        self.mine = QRadioButton(show_value(conflict.mine, conflict.mine_present), parent)
        self.theirs = QRadioButton(show_value(conflict.theirs, conflict.theirs_present), parent)
        self.edit = QRadioButton("Type a value:", parent)
        self.text = QLineEdit(parent)
        self.text.setEnabled(False)
        self.mine.setAccessibleName(f"{label}: keep your value")
        self.theirs.setAccessibleName(f"{label}: take the other value")
        self.edit.setAccessibleName(f"{label}: type a new value")
        self.text.setAccessibleName(f"{label}: new value")
        self.group = QButtonGroup(parent)
        self.group.setExclusive(True)
        for button, ident in ((self.mine, MINE), (self.theirs, THEIRS), (self.edit, EDIT)):
            button.setAutoExclusive(False)  # exclusive within the row's group, not the dialog
            self.group.addButton(button, ident)
        self.edit.toggled.connect(self.text.setEnabled)
        self.mine_credit = self._credit(conflict.mine_by, parent)
        self.theirs_credit = self._credit(conflict.theirs_by, parent)
        self.mine_credit.setAccessibleName(f"{label}: who entered your value, and when")
        self.theirs_credit.setAccessibleName(f"{label}: who entered the other value, and when")

    @staticmethod
    def _credit(credit: Credit, parent: QWidget) -> QLabel:
        label = QLabel(f"{credit.who()}\n{credit.when()}", parent)
        label.setWordWrap(True)
        label.setIndent(22)  # under the value, past the radio indicator
        # the whole ids, for support staff matching the server's records
        label.setToolTip(
            f"Officer id: {credit.officer or 'not recorded'}\nDevice id: {credit.device}"
        )
        return label

    def decision(self) -> Decision | None:
        chosen = self.group.checkedId()
        if chosen == MINE:
            return Decision(self.conflict.id, "mine")
        if chosen == THEIRS:
            return Decision(self.conflict.id, "theirs")
        if chosen == EDIT and self.text.text().strip():
            return Decision(self.conflict.id, None, self.text.text().strip())
        return None


class ConflictDialog(QDialog):
    """Review the open conflicts of one record."""

    sig_decided = Signal(list)

    def __init__(
        self, conflicts: list[ConflictView], title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review conflicting changes")
        self.setAccessibleName("Conflict review")
        layout = QVBoxLayout(self)
        intro = QLabel(
            (title + "\n" if title else "")
            + "This record was changed on another laptop too. For each field, keep your "
            "value, take the other one, or type the right value. Nothing changes until you "
            "apply.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        for col, heading in enumerate(("Field", "Your value", "The other value", "")):
            grid.addWidget(QLabel(f"<b>{heading}</b>", self), 0, col)
        self.rows: list[_Row] = []
        for i, conflict in enumerate(conflicts, start=1):
            row = _Row(conflict, self)
            self.rows.append(row)
            grid.addWidget(QLabel(field_label(conflict.field), self), i * 2 - 1, 0)
            grid.addWidget(row.mine, i * 2 - 1, 1)
            grid.addWidget(row.theirs, i * 2 - 1, 2)
            grid.addWidget(row.edit, i * 2 - 1, 3)
            grid.addWidget(row.text, i * 2 - 1, 4)
            grid.addWidget(row.mine_credit, i * 2, 1)
            grid.addWidget(row.theirs_credit, i * 2, 2)
            row.group.buttonToggled.connect(self._update)
            row.text.textChanged.connect(self._update)
        layout.addLayout(grid)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            "Apply decisions", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setAccessibleName("Apply decisions")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Decide later")
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self, *_: object) -> None:
        self.apply_button.setEnabled(all(r.decision() is not None for r in self.rows))

    def decisions(self) -> list[Decision]:
        return [d for r in self.rows if (d := r.decision()) is not None]

    def _apply(self) -> None:
        decided = self.decisions()
        if len(decided) != len(self.rows):
            return
        self.sig_decided.emit(decided)
        self.accept()


def resolve_all(vault: Vault, decisions: list[Decision]) -> None:
    """Record each decision as a change that goes up at the next sync."""
    for d in decisions:
        sync_status.resolve(vault, d.conflict_id, take=d.take, value=d.value)


def by_record(conflicts: list[ConflictView]) -> dict[str, list[ConflictView]]:
    grouped: dict[str, list[ConflictView]] = {}
    for c in conflicts:
        grouped.setdefault(c.record_id, []).append(c)
    return grouped
