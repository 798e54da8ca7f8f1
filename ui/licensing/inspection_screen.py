"""The inspection screen: start an inspection, tap the day as it happens, sign, print.

Setting up: the venue, the production and the licensed children present (ticked in a list).
Then one card per child with one-tap buttons and live totals refreshed by a timer tick from the
session's clock; the day's events with a correction (new time and a reason); the checklist, the
education hours, findings and actions; Sign (after which everything is read-only); and
"Inspection report..." which previews the PDF from memory (``ui.ehe.pdf_preview``) and writes
it only where the officer chooses with Save as. Each service call is one short vault
transaction through :class:`InspectionDesk`, run on the task runner's database lane so the GUI
thread never waits on the vault; a refused input shows its message (naming the field) and loses
nothing typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
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
from oxfield.services.ehe_reports import Document
from oxfield.services.licensing_inspection import Check, EventType
from oxfield.services.records import Actor
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.licensing.child_card import ChildCard
from ui.licensing.inspection_data import InspectionDesk, InspectionView
from ui.licensing.inspection_parts import ClosingPanel, CorrectionPanel
from ui.messages import message_for
from ui.session import DesktopSession
from ui.tasks import TaskRunner


class InspectionScreen(QWidget):
    sig_signed = Signal(str)
    sig_refreshed = Signal()

    TICK_MS = 1000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Inspection")
        self.desk: InspectionDesk | None = None
        self.runner: TaskRunner | None = None
        #: attached while hidden: loaded on first show
        self._pending: tuple[InspectionDesk, TaskRunner] | None = None
        self.inspection_id = ""
        self.preview: PdfPreviewDialog | None = None
        self._refreshing = self._again = False
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
            self.use(desk, session.runner)
        else:  # unlocking does not queue every licence's checks before the case list: first show
            self._pending = (desk, session.runner)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._pending is not None:
            (desk, runner), self._pending = self._pending, None
            self.use(desk, runner)

    def use(self, desk: InspectionDesk, runner: TaskRunner) -> None:
        self.desk, self.runner = desk, runner
        self.inspection_id = ""
        self._refreshing = False
        self._load_choices()
        self.pages.setCurrentIndex(0)

    def detach(self) -> None:
        self.timer.stop()
        self.desk = None
        self._pending = None
        self.inspection_id = ""
        if self.preview is not None:
            self.preview.close()
            self.preview = None
        self.present.clear()
        self.production.clear()
        self.venue.clear()
        self._clear_cards()
        self.events.setRowCount(0)
        self.message.clear()
        self.pages.setCurrentIndex(0)

    # --- setting up --------------------------------------------------------------------------

    def _call(
        self,
        name: str,
        work: Callable[[InspectionDesk], Any],
        done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``work(desk)`` on the database lane; ``done(result)`` back on the GUI thread,
        unless the screen was detached (locked) or given another desk meanwhile."""
        desk, runner = self.desk, self.runner
        if desk is None or runner is None:
            return

        def finished(result: object) -> None:
            if self.desk is desk:
                done(result)

        def failed(exc: BaseException) -> None:
            if self.desk is desk:
                (on_failed or self._on_failed)(exc)

        runner.run(
            f"inspection: {name}", lambda _p: work(desk), on_finished=finished, on_failed=failed
        )

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(str(exc) if isinstance(exc, OxFieldError) else message_for(exc))

    def _load_choices(self) -> None:
        self._call("licences", lambda d: d.licences(), self._on_choices)

    def _on_choices(self, choices: list[Any]) -> None:
        self._choices = choices
        self.production.clear()
        self.production.addItems(sorted({c.production for c in choices}))

    def _on_production(self, production: str) -> None:
        self.present.clear()
        for choice in getattr(self, "_choices", []):
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

    def _on_start(self) -> None:
        if self.desk is None:
            return
        ids = [
            self.present.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.present.count())
            if self.present.item(r).checkState() == Qt.CheckState.Checked
        ]
        venue, production = self.venue.text(), self.production.currentText()
        self.start_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.start_button.setEnabled(True)
            self._on_failed(exc)

        self._call(
            "start",
            lambda d: d.start(venue, production, d.clock.today(), ids),
            self._on_started,
            failed,
        )

    def _on_started(self, inspection_id: str) -> None:
        self.start_button.setEnabled(True)
        self.inspection_id = inspection_id
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

    def _write(
        self, call: Callable[[InspectionDesk], None], then: Callable[[], None] | None = None
    ) -> None:
        """One write on the database lane; then the message clears and the screen redraws."""
        if self.desk is None or not self.inspection_id:
            return

        def done(_result: object) -> None:
            self.message.clear()
            if then is not None:
                then()
            self.refresh()

        self._call("record", call, done)

    def _on_tap(self, licence_id: str, kind: EventType) -> None:
        self._write(lambda d: d.tap(self.inspection_id, licence_id, kind))

    def _on_check(self, licence_id: str, check: Check, ok: bool, note: str) -> None:
        self._write(lambda d: d.check(self.inspection_id, licence_id, check, ok, note))

    def _on_correct(self, event_id: int, at: QTime, reason: str) -> None:
        row = next((e for e in self._events if e.id == event_id), None)
        if row is None:
            self.message.setText("event: pick an event in the list first")
            return
        local = row.at.astimezone(LONDON)
        moment = local.replace(hour=at.hour(), minute=at.minute(), second=0)
        self._write(
            lambda d: d.correct(self.inspection_id, event_id, moment, reason),
            self.correction.reason.clear,
        )

    def _on_sign(self, outcome: str) -> None:
        inspection_id = self.inspection_id

        def signed() -> None:
            self.timer.stop()
            self.sig_signed.emit(inspection_id)

        self._write(lambda d: d.sign(inspection_id, outcome), signed)

    def _on_report(self) -> None:
        """Preview the report from memory; the officer saves it with Save as, or not at all."""
        desk, runner = self.desk, self.runner
        if desk is None or runner is None or not self.inspection_id:
            return
        inspection_id = self.inspection_id

        def render() -> Document:
            return Document(desk.report(inspection_id), "inspection-report.pdf")

        if self.preview is not None:
            self.preview.close()
        self.preview = PdfPreviewDialog(runner, "Inspection report", render, self)
        self.preview.show()
        self.preview.start()

    def refresh(self) -> None:
        """Redraw from the vault at the clock's instant (the timer calls this every tick).

        The read runs on the database lane; a tick that comes while one is still running is
        skipped, so a slow vault never queues up reads."""
        if self.desk is None or not self.inspection_id:
            return
        if self._refreshing:
            self._again = True  # a write finished behind the read now running: read again
            return
        self._refreshing, self._again = True, False
        inspection_id = self.inspection_id

        def failed(exc: BaseException) -> None:  # e.g. the vault was locked under the screen
            self._refreshing = False
            self.timer.stop()
            self._on_failed(exc)

        self._call("view", lambda d: d.view(inspection_id), self._show, failed)

    def _show(self, view: InspectionView) -> None:
        self._refreshing = False
        if self._again:
            self.refresh()
        if view.id != self.inspection_id:
            return
        self.view = view
        state = "signed, read-only" if view.signed else "in progress"
        self.heading.setText(f"{view.production} at {view.venue}: {state}")
        for child in view.children:
            card = self.cards.get(child.licence_id)
            if card is None:
                card = ChildCard(child, self.cards_box)
                card.sig_tap.connect(self._on_tap)
                card.sig_check.connect(self._on_check)
                self.cards_layout.addWidget(card)
                self.cards[child.licence_id] = card
            card.show_view(child, view.signed)
        self._show_events(view)
        self.correction.setEnabled(not view.signed)
        self.closing.show_view(view)
        self.sig_refreshed.emit()

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
