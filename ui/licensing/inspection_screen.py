"""The inspection screen: start an inspection, tap the day as it happens, sign, print.

Setting up (``ui.licensing.inspection_setup``): the venue, the production and the licensed
children present (ticked in a list). Then one card per child with one-tap buttons and live
totals refreshed by a timer tick from the session's clock; the day's events with a correction
(new time and a reason); the checklist, the education hours, findings and actions (the record
page, ``ui.licensing.inspection_record``); Sign (after which everything is read-only); and
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

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
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
from ui.licensing.inspection_record import RecordPage
from ui.licensing.inspection_setup import SetupPage
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
        self.setup = SetupPage(self.pages)
        # the screen's parts by their old names: tests and callers reach them here
        self.venue, self.production = self.setup.venue, self.setup.production
        self.present, self.start_button = self.setup.present, self.setup.start_button
        self.tick_child = self.setup.tick_child
        self.start_button.clicked.connect(self._on_start)
        self.pages.addWidget(self.setup)

    def _build_record(self) -> None:
        self.record = RecordPage(self.pages)
        self.heading, self.events = self.record.heading, self.record.events
        self.correction, self.closing = self.record.correction, self.record.closing
        self.record.sig_tap.connect(self._on_tap)
        self.record.sig_check.connect(self._on_check)
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
        self.pages.addWidget(self.record)

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
        self.setup.clear()
        self.record.clear()
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
        self.setup.show_choices(choices)

    def _on_start(self) -> None:
        if self.desk is None:
            return
        ids = self.setup.ticked()
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
        self.record.clear_cards()
        self.pages.setCurrentIndex(1)
        self.refresh()
        self.timer.start()

    # --- recording ---------------------------------------------------------------------------

    @property
    def cards(self) -> dict[str, ChildCard]:
        return self.record.cards

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
        row = next((e for e in self.events.shown if e.id == event_id), None)
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
        self.record.show_view(view)
        self.sig_refreshed.emit()

    def now(self) -> datetime:
        assert self.desk is not None
        return self.desk.clock.now()
