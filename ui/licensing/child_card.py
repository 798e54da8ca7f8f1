"""One child's card at an inspection: big one-tap buttons and the live totals.

The card only shows and asks: a tap emits ``sig_tap`` with the event to record, and the screen
writes it and hands back a fresh :class:`ChildView`. A warning or breach is shown in words
("Warning: ...", "BREACH: ...") as well as amber or red, so colour is never the only signal.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from oxfield.services.licensing_inspection import EventType
from ui.licensing.inspection_data import ChildView, TotalLine

#: The buttons in order: (text, what it records; None means "end whatever period is open").
BUTTONS: tuple[tuple[str, EventType | None], ...] = (
    ("Arrived", EventType.ARRIVE),
    ("Start performing", EventType.PERFORM_START),
    ("Start rehearsing", EventType.PERFORM_START),
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
    """The event that ends the period now open (performing, break or meal), if any."""
    pairs = {
        EventType.PERFORM_START: EventType.PERFORM_END,
        EventType.BREAK_START: EventType.BREAK_END,
        EventType.MEAL_START: EventType.MEAL_END,
    }
    kinds = [e.kind for e in view.events]
    for start, end in pairs.items():
        if kinds.count(start) > kinds.count(end):
            return end
    return None


class ChildCard(QGroupBox):
    sig_tap = Signal(str, object)  # licence id, EventType

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
        self.status = QLabel("", self)
        self.status.setAccessibleName(f"State: {view.child}")
        layout.addWidget(self.status, len(RULES) + 1, 0, 1, len(BUTTONS))
        self.show_view(view, signed=False)

    def show_view(self, view: ChildView, signed: bool) -> None:
        self.view = view
        lines = {t.rule: t for t in view.totals}
        for rule, label in self.totals.items():
            line = lines.get(rule)
            label.setText(total_text(line) if line else "")
            colour = COLOURS[line.severity] if line else ""
            label.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
            label.setAccessibleDescription(label.text())
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

    def _on_button(self, text: str) -> None:
        kind = dict(BUTTONS)[text] or open_period_end(self.view)
        if kind is not None:
            self.sig_tap.emit(self.licence_id, kind)
