"""One child's card at an inspection: big one-tap buttons and the live totals.

The card only shows and asks: a tap emits ``sig_tap`` with the event to record, and the screen
writes it and hands back a fresh :class:`ChildView`. Below the totals it shows the child's
licence (status and dates), the chaperone's approval and expiry, and the tutor, each with the
officer's check (``sig_check``). Rehearsing is its own button and period; its minutes are shown
apart, and the totals say that they count as performing. A warning or breach is shown in words
("Warning: ...", "BREACH: ...") as well as amber or red, so colour is never the only signal.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from oxfield.services.licensing_inspection import Check, EventType
from oxfield.services.licensing_inspection import open_period_end as period_end
from ui.licensing.inspection_data import ChildView, TotalLine

#: The buttons in order: (text, what it records; None means "end whatever period is open").
BUTTONS: tuple[tuple[str, EventType | None], ...] = (
    ("Arrived", EventType.ARRIVE),
    ("Start performing", EventType.PERFORM_START),
    ("Start rehearsing", EventType.REHEARSE_START),
    ("Break", EventType.BREAK_START),
    ("Meal", EventType.MEAL_START),
    ("End period", None),
    ("Departed", EventType.DEPART),
)

RULES = ("max_time_at_venue", "max_performing_time", "max_continuous_performance", "latest_time")
COLOURS = {"warning": "#8a5a00", "breach": "#b00020", "": ""}


def _hm(minutes: int) -> str:
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60} h {minutes % 60:02d} min"


def total_text(line: TotalLine) -> str:
    """One total in words, with its state first so it reads without colour."""
    head = {"warning": "Warning: ", "breach": "BREACH: ", "": ""}[line.severity]
    text = f"{head}{line.label}: {_hm(line.used)} of {_hm(line.limit)}"
    return f"{text}. {line.message}" if line.message else text


def open_period_end(view: ChildView) -> EventType | None:
    """The event that ends the period now open (performing, rehearsing, break or meal), if any."""
    return period_end([e.kind for e in view.events])


CHECK_ANSWERS = (("Not checked", None), ("Yes", True), ("No", False))


class ChildCard(QGroupBox):
    sig_tap = Signal(str, object)  # licence id, EventType
    sig_check = Signal(str, object, bool, str)  # licence id, Check, ok, note

    def __init__(self, view: ChildView, parent: QWidget | None = None) -> None:
        super().__init__(f"{view.child} (age {view.age})", parent)
        self.licence_id = view.licence_id
        self.setAccessibleName(f"Child: {view.child}, age {view.age}")
        self.view = view
        layout = QGridLayout(self)
        self.buttons: dict[str, QPushButton] = {}
        for column, (text, _kind) in enumerate(BUTTONS):
            button = QPushButton(text, self)
            button.setMinimumHeight(48)
            button.setAccessibleName(f"{text}: {view.child}")
            button.clicked.connect(lambda _=False, t=text: self._on_button(t))
            layout.addWidget(button, 0, column)
            self.buttons[text] = button
        self.totals: dict[str, QLabel] = {}
        for row, rule in enumerate(RULES, 1):
            label = QLabel("", self)
            label.setWordWrap(True)
            label.setAccessibleName(f"{rule.replace('_', ' ')}: {view.child}")
            layout.addWidget(label, row, 0, 1, len(BUTTONS))
            self.totals[rule] = label
        self.rehearsing = QLabel("", self)
        self.rehearsing.setAccessibleName(f"Rehearsing: {view.child}")
        layout.addWidget(self.rehearsing, len(RULES) + 1, 0, 1, len(BUTTONS))
        self.status = QLabel("", self)
        self.status.setAccessibleName(f"State: {view.child}")
        layout.addWidget(self.status, len(RULES) + 2, 0, 1, len(BUTTONS))
        self._build_checks(layout, len(RULES) + 3)
        self.show_view(view, signed=False)

    def _build_checks(self, layout: QGridLayout, row: int) -> None:
        """The licence, chaperone and tutor as recorded, each with the officer's check."""
        view = self.view
        info = view.checks
        self.facts: dict[Check, QLabel] = {}
        self.answers: dict[Check, QComboBox] = {}
        texts = {
            Check.LICENCE: info.licence_text(),
            Check.CHAPERONE: info.chaperone_text(),
            Check.TUTOR: info.tutor_text(),
        }
        for offset, check in enumerate(Check):
            fact = QLabel(texts[check], self)
            fact.setWordWrap(True)
            fact.setAccessibleName(f"{check.value}: {view.child}")
            answer = QComboBox(self)
            answer.setAccessibleName(f"Check {check.value}: {view.child}")
            for text, value in CHECK_ANSWERS:
                answer.addItem(text, value)
            line = QHBoxLayout()
            line.addWidget(fact, 1)
            line.addWidget(answer)
            layout.addLayout(line, row + offset, 0, 1, len(BUTTONS))
            self.facts[check], self.answers[check] = fact, answer
        self.warnings = QLabel("; ".join(info.warnings).capitalize(), self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(f"color: {COLOURS['breach']};" if info.warnings else "")
        self.warnings.setAccessibleName(f"Check warnings: {view.child}")
        self.check_note = QLineEdit(self)
        self.check_note.setPlaceholderText("What was wrong (needed for a 'No')")
        self.check_note.setAccessibleName(f"Check note: {view.child}")
        self.save_checks = QPushButton("Save checks", self)
        self.save_checks.setAccessibleName(f"Save checks: {view.child}")
        self.save_checks.clicked.connect(self._on_save_checks)
        end = row + len(Check)
        layout.addWidget(self.warnings, end, 0, 1, len(BUTTONS))
        layout.addWidget(self.check_note, end + 1, 0, 1, len(BUTTONS) - 1)
        layout.addWidget(self.save_checks, end + 1, len(BUTTONS) - 1)

    def answer_check(self, check: Check, text: str) -> None:
        """Choose a check's answer by its text (for keyboard macros and tests)."""
        self.answers[check].setCurrentText(text)

    def _on_save_checks(self) -> None:
        for check, answer in self.answers.items():
            value = answer.currentData()
            if value is not None:
                self.sig_check.emit(self.licence_id, check, bool(value), self.check_note.text())

    def show_view(self, view: ChildView, signed: bool) -> None:
        self.view = view
        lines = {t.rule: t for t in view.totals}
        for rule, label in self.totals.items():
            line = lines.get(rule)
            label.setText(total_text(line) if line else "")
            colour = COLOURS[line.severity] if line else ""
            label.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
            label.setAccessibleDescription(label.text())
            label.setVisible(line is not None)  # an empty line still took a row's height
        self.rehearsing.setText(
            f"Of which rehearsing: {_hm(view.rehearsing)} (rehearsing counts as performing)"
            if view.rehearsing
            else ""
        )
        self.rehearsing.setVisible(bool(view.rehearsing))
        if not view.arrived:
            state = "Not yet arrived"
        elif view.departed:
            state = "Left the venue: totals stopped at departure"
        else:
            state = "At the venue"
        self.status.setText(state)
        ending = open_period_end(view)
        for text, kind in BUTTONS:
            if signed:
                enabled = False
            elif kind is None:
                enabled = ending is not None
            elif kind is EventType.ARRIVE:
                enabled = not view.arrived
            else:
                enabled = view.arrived and not view.departed and ending is None
            self.buttons[text].setEnabled(enabled)
        for widget in (*self.answers.values(), self.check_note, self.save_checks):
            widget.setEnabled(not signed)

    def _on_button(self, text: str) -> None:
        kind = dict(BUTTONS)[text] or open_period_end(self.view)
        if kind is not None:
            self.sig_tap.emit(self.licence_id, kind)
