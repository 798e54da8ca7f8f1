"""The inspection's recording page: a card per child, the day's events, corrections, closing.

It only shows: each view the screen reads redraws the heading, the cards (one added the first
time a child appears, so a card keeps its focus and typing across the timer's ticks), the
events and the closing panel. What the officer does comes out as the cards' taps and checks
(``sig_tap``, ``sig_check``) and the panels' own signals, which the screen writes to the vault.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.licensing.child_card import ChildCard
from ui.licensing.inspection_data import InspectionView
from ui.licensing.inspection_events import EventsTable
from ui.licensing.inspection_parts import ClosingPanel, CorrectionPanel


class RecordPage(QWidget):
    sig_tap = Signal(str, object)  # licence id, EventType
    sig_check = Signal(str, object, bool, str)  # licence id, Check, ok, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Recording the inspection")
        self.cards: dict[str, ChildCard] = {}
        self.heading = QLabel("", self)
        self.heading.setAccessibleName("Inspection heading")
        self.cards_box = QWidget(self)
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.events = EventsTable(self)
        self.correction = CorrectionPanel(self)
        self.closing = ClosingPanel(self)
        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.heading)
        inner_layout.addWidget(self.cards_box)
        inner_layout.addWidget(QLabel("The day's events", inner))
        inner_layout.addWidget(self.events)
        inner_layout.addWidget(self.correction)
        inner_layout.addWidget(self.closing)
        scroll = QScrollArea(self)
        scroll.setAccessibleName("Inspection record")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def show_view(self, view: InspectionView) -> None:
        state = "signed, read-only" if view.signed else "in progress"
        self.heading.setText(f"{view.production} at {view.venue}: {state}")
        for child in view.children:
            card = self.cards.get(child.licence_id)
            if card is None:
                card = ChildCard(child, self.cards_box)
                card.sig_tap.connect(self.sig_tap)
                card.sig_check.connect(self.sig_check)
                self.cards_layout.addWidget(card)
                self.cards[child.licence_id] = card
            card.show_view(child, view.signed)
        entries = self.events.show_view(view)
        if entries is not None:
            self.correction.set_events(entries)
        self.correction.setEnabled(not view.signed)
        self.closing.show_view(view)

    def clear_cards(self) -> None:
        for card in self.cards.values():
            card.setParent(None)
            card.deleteLater()
        self.cards = {}

    def clear(self) -> None:
        """Forget the children and the events (at lock)."""
        self.clear_cards()
        self.events.clear_events()
