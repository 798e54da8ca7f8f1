"""The inspection screen: start an inspection, tap the day as it happens, sign, print.

Setting up: the venue, the production and the licensed children present (ticked in a list).
Then one card per child with one-tap buttons and live totals refreshed by a timer tick from the
session's clock; the day's events with a correction (new time and a reason); the checklist, the
education hours, findings and actions; Sign (after which everything is read-only); and
"Inspection report..." which writes the PDF only where the officer chooses. Each service call
is one short vault transaction through :class:`InspectionDesk`; a refused input shows its
message (naming the field) and loses nothing typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oxfield.clock import LONDON
from oxfield.errors import OxFieldError
from oxfield.services.licensing_inspection import EventType
from oxfield.services.records import Actor
from ui.licensing.child_card import ChildCard
from ui.licensing.inspection_data import InspectionDesk, InspectionView
from ui.licensing.inspection_parts import ClosingPanel, CorrectionPanel
from ui.session import DesktopSession

#: Ask where to save the report: (parent, suggested name) -> path or "" when cancelled.
PathChooser = Callable[[QWidget, str], str]


def ask_where(parent: QWidget, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save the inspection report", suggested, "PDF (*.pdf)"
    )
    return path


class InspectionScreen(QWidget):
    sig_signed = Signal(str)
    sig_report_saved = Signal(str)

    TICK_MS = 1000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Inspection")
        self.desk: InspectionDesk | None = None
        self._pending: InspectionDesk | None = None  # attached while hidden: loaded on show
        self.inspection_id = ""
        self.choose_path: PathChooser = ask_where
        self.cards: dict[str, ChildCard] = {}
        title = QLabel("Inspection at a venue", self)
        title.setObjectName("screenTitle")
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.pages = QStackedWidget(self)
        self.pages.setAccessibleName("Inspection steps")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        self._build_setup()
        self._build_record()
        self.timer = QTimer(self)
        self.timer.setInterval(self.TICK_MS)
        self.timer.timeout.connect(self.refresh)

    # --- building ----------------------------------------------------------------------------

    def _build_setup(self) -> None:
        page = QWidget(self.pages)
        page.setAccessibleName("Start an inspection")
        self.venue = QLineEdit(page)
        self.venue.setPlaceholderText("Venue")
        self.venue.setAccessibleName("Venue")
        self.production = QComboBox(page)
        self.production.setAccessibleName("Production")
        self.present = QListWidget(page)
        self.present.setAccessibleName("Licensed children present")
        self.start_button = QPushButton("&Start the inspection", page)
        self.start_button.setAccessibleName("Start the inspection")
        layout = QVBoxLayout(page)
        for text, widget in (
            ("Venue", self.venue),
            ("Production", self.production),
            ("Children present (tick each)", self.present),
        ):
            label = QLabel(text, page)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.start_button)
        self.production.currentTextChanged.connect(self._on_production)
        self.start_button.clicked.connect(self._on_start)
        self.pages.addWidget(page)

    def _build_record(self) -> None:
        page = QWidget(self.pages)
        page.setAccessibleName("Recording the inspection")
        self.heading = QLabel("", page)
        self.heading.setAccessibleName("Inspection heading")
        self.cards_box = QWidget(page)
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.events = QTableWidget(0, 4, page)
        self.events.setAccessibleName("The day's events")
        self.events.setHorizontalHeaderLabels(["Time", "Child", "Event", "Corrected"])
        self.events.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.events.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.correction = CorrectionPanel(page)
        self.closing = ClosingPanel(page)
        inner = QWidget(page)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.heading)
        inner_layout.addWidget(self.cards_box)
        inner_layout.addWidget(QLabel("The day's events", inner))
        inner_layout.addWidget(self.events)
        inner_layout.addWidget(self.correction)
        inner_layout.addWidget(self.closing)
        scroll = QScrollArea(page)
        scroll.setAccessibleName("Inspection record")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(page)
        layout.addWidget(scroll)
        self.correction.sig_apply.connect(self._on_correct)
        self.closing.sig_answer.connect(
            lambda item, ok, note: self._write(
                lambda d: d.answer(self.inspection_id, item, ok, note)
            )
        )
        self.closing.sig_education.connect(
            lambda minutes: self._write(lambda d: d.education(self.inspection_id, minutes))
        )
        self.closing.sig_finding.connect(
            lambda text, reg: self._write(lambda d: d.add_finding(self.inspection_id, text, reg))
        )
        self.closing.sig_action.connect(
            lambda text: self._write(lambda d: d.add_action(self.inspection_id, text))
        )
        self.closing.sig_sign.connect(self._on_sign)
        self.closing.sig_report.connect(self._on_report)
        self.pages.addWidget(page)

    # --- session -----------------------------------------------------------------------------

    def attach(self, session: DesktopSession) -> None:
        desk = InspectionDesk(session.vault, Actor(session.officer, clock=session.clock))
        if self.isVisible():
            self.use(desk)
        else:  # unlocking does not wait for every licence to be read: the first show does
            self._pending = desk

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._pending is not None:
            desk, self._pending = self._pending, None
            self.use(desk)

    def use(self, desk: InspectionDesk) -> None:
        self.desk = desk
        self.inspection_id = ""
        self._load_choices()
        self.pages.setCurrentIndex(0)

    def detach(self) -> None:
        self.timer.stop()
        self.desk = None
        self._pending = None
        self.inspection_id = ""
        self.present.clear()
        self.production.clear()
        self.venue.clear()
        self._clear_cards()
        self.events.setRowCount(0)
        self.message.clear()
        self.pages.setCurrentIndex(0)

    # --- setting up --------------------------------------------------------------------------

    def _load_choices(self) -> None:
        assert self.desk is not None
        self._choices = self.desk.licences()
        self.production.clear()
        self.production.addItems(sorted({c.production for c in self._choices}))

    def _on_production(self, production: str) -> None:
        self.present.clear()
        for choice in getattr(self, "_choices", []):
            if choice.production == production:
                item = QListWidgetItem(f"{choice.child} ({choice.reference})", self.present)
                item.setData(Qt.ItemDataRole.UserRole, choice.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)

    def tick_child(self, name: str) -> None:
        """Tick the child whose list text starts with ``name`` (keyboard users: space)."""
        for row in range(self.present.count()):
            item = self.present.item(row)
            if item.text().startswith(name):
                item.setCheckState(Qt.CheckState.Checked)

    def _on_start(self) -> None:
        if self.desk is None:
            return
        ids = [
            self.present.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.present.count())
            if self.present.item(r).checkState() == Qt.CheckState.Checked
        ]
        desk = self.desk
        try:
            self.inspection_id = desk.start(
                self.venue.text(), self.production.currentText(), desk.clock.today(), ids
            )
        except OxFieldError as exc:
            self.message.setText(str(exc))
            return
        self.message.clear()
        self._clear_cards()
        self.pages.setCurrentIndex(1)
        self.refresh()
        self.timer.start()

    # --- recording ---------------------------------------------------------------------------

    def _clear_cards(self) -> None:
        for card in self.cards.values():
            card.setParent(None)
            card.deleteLater()
        self.cards = {}

    def _write(self, call: Callable[[InspectionDesk], None]) -> bool:
        if self.desk is None or not self.inspection_id:
            return False
        try:
            call(self.desk)
        except OxFieldError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        self.refresh()
        return True

    def _on_tap(self, licence_id: str, kind: EventType) -> None:
        self._write(lambda d: d.tap(self.inspection_id, licence_id, kind))

    def _on_correct(self, event_id: int, at: QTime, reason: str) -> None:
        row = next((e for e in self._events if e.id == event_id), None)
        if row is None:
            self.message.setText("event: pick an event in the list first")
            return
        local = row.at.astimezone(LONDON)
        moment = local.replace(hour=at.hour(), minute=at.minute(), second=0)
        if self._write(lambda d: d.correct(self.inspection_id, event_id, moment, reason)):
            self.correction.reason.clear()

    def _on_sign(self, outcome: str) -> None:
        if self._write(lambda d: d.sign(self.inspection_id, outcome)):
            self.timer.stop()
            self.sig_signed.emit(self.inspection_id)

    def _on_report(self) -> None:
        if self.desk is None or not self.inspection_id:
            return
        path = self.choose_path(self, "inspection-report.pdf")
        if not path:
            return
        try:
            data = self.desk.report(self.inspection_id)
            Path(path).write_bytes(data)
        except (OxFieldError, OSError) as exc:
            self.message.setText(f"report: could not be saved ({exc})")
            return
        self.message.setText(f"Inspection report saved to {path}")
        self.sig_report_saved.emit(path)

    def refresh(self) -> None:
        """Redraw from the vault at the clock's instant (the timer calls this every tick)."""
        if self.desk is None or not self.inspection_id:
            return
        try:
            view = self.desk.view(self.inspection_id)
        except OxFieldError as exc:  # e.g. the vault was locked under the screen
            self.timer.stop()
            self.message.setText(str(exc))
            return
        self.view = view
        state = "signed, read-only" if view.signed else "in progress"
        self.heading.setText(f"{view.production} at {view.venue}: {state}")
        for child in view.children:
            card = self.cards.get(child.licence_id)
            if card is None:
                card = ChildCard(child, self.cards_box)
                card.sig_tap.connect(self._on_tap)
                self.cards_layout.addWidget(card)
                self.cards[child.licence_id] = card
            card.show_view(child, view.signed)
        self._show_events(view)
        self.correction.setEnabled(not view.signed)
        self.closing.show_view(view)

    def _show_events(self, view: InspectionView) -> None:
        names = {c.licence_id: c.child for c in view.children}
        events = sorted((e for c in view.children for e in c.events), key=lambda e: (e.at, e.id))
        if [(e.id, e.at) for e in events] == [(e.id, e.at) for e in getattr(self, "_events", [])]:
            return
        self._events = events
        self.events.setRowCount(len(events))
        for row, event in enumerate(events):
            when = event.at.astimezone(LONDON)
            cells = (
                when.strftime("%H:%M:%S"),
                names[event.licence_id],
                event.kind.value,
                "yes" if event.corrected else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, event.id)
                self.events.setItem(row, column, item)
        self.correction.set_events(
            [
                (e.id, f"{e.at.astimezone(LONDON):%H:%M} {names[e.licence_id]}: {e.kind.value}")
                for e in events
            ]
        )

    def now(self) -> datetime:
        assert self.desk is not None
        return self.desk.clock.now()
