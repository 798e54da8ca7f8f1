"""The chaperone pipeline for one applicant: a tab per step, then the interview and decision.

Application, identity documents, enhanced DBS, references and training are each a typed form
(checked as typed, autosaved as a draft, recorded through the task runner); the interview and
the signed decision are the existing interview screen. After a decision, the approval letter,
the ID card or the refusal letter is previewed from memory and saved only where the officer
chooses.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.chaperones_forms import BARRED_LIST_CHOICES, STEP_TITLES, STEPS, check_step
from ui.chaperones.typed_form import TypedForm
from ui.ehe.pdf_preview import PdfPreviewDialog
from ui.licensing.chaperone_data import ChaperoneDesk, Decided
from ui.licensing.chaperone_interview import ChaperoneInterviewScreen
from ui.messages import message_for
from ui.tasks import TaskRunner


class StepPage(QWidget):
    """One step: its form, a Record button (enabled only when every field is right), a message."""

    def __init__(self, runner: TaskRunner, step: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setAccessibleName(STEP_TITLES[step])
        self.form = TypedForm(
            runner,
            f"chaperone_{step}",
            STEPS[step],
            choices={"barred_list": BARRED_LIST_CHOICES},
            parent=self,
        )
        self.record_button = QPushButton(f"Record: {STEP_TITLES[step].lower()}", self)
        self.record_button.setAccessibleName(f"Record {STEP_TITLES[step].lower()}")
        self.record_button.setEnabled(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(f"{STEP_TITLES[step]} message")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.record_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.form.sig_checked.connect(self.record_button.setEnabled)


class ChaperonePipeline(QWidget):
    """``sig_changed(chaperone_id)`` after a step or decision is recorded."""

    sig_changed = Signal(str)
    sig_step_failed = Signal(str)
    sig_recorded_loaded = Signal()
    sig_photo_done = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Chaperone pipeline")
        self._runner = runner
        self.desk: ChaperoneDesk | None = None
        self.chaperone_id: str | None = None
        self.decided: Decided | None = None
        self.preview: PdfPreviewDialog | None = None
        self.heading = QLabel("New application", self)
        self.heading.setObjectName("screenTitle")
        self.heading.setAccessibleName("Applicant")
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Pipeline steps")
        self.steps = {step: StepPage(runner, step, self) for step in STEPS}
        for step, page in self.steps.items():
            self.tabs.addTab(page, STEP_TITLES[step])
            page.record_button.clicked.connect(partial(self._on_record, step))
        self.interview = ChaperoneInterviewScreen(self)
        self.tabs.addTab(self.interview, "Interview and decision")
        self.card_button = QPushButton("Preview the ID &card", self)
        self.card_button.setAccessibleName("Preview the ID card")
        self.letter_button = QPushButton("Preview the &letter", self)
        self.letter_button.setAccessibleName("Preview the decision letter")
        self.photo_button = QPushButton("Add a p&hoto...", self)
        self.photo_button.setAccessibleName("Add the chaperone's photo")
        self.photo_message = QLabel(self)
        self.photo_message.setAccessibleName("Photo message")
        self.photo_message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.photo_button)
        row.addWidget(self.card_button)
        row.addWidget(self.letter_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        layout.addWidget(self.photo_message)
        self.interview.sig_decided.connect(self._on_decided)
        self.interview.sig_recorded.connect(lambda: self._changed())
        self.card_button.clicked.connect(self.open_card)
        self.letter_button.clicked.connect(self.open_letter)
        self.photo_button.clicked.connect(self._on_photo_clicked)
        self._documents(None)

    # --- which applicant -------------------------------------------------------------------

    def use(self, desk: ChaperoneDesk) -> None:
        self.desk = desk

    def show_applicant(
        self, chaperone_id: str | None, title: str, decision: Decided | None = None
    ) -> None:
        """Bind every step to ``chaperone_id`` (None: a new application) and load its drafts."""
        desk = self.desk
        if desk is None:
            return
        self.chaperone_id = chaperone_id
        self.heading.setText(title)
        if chaperone_id is not None:  # queued first on the lane: the drafts land after it
            self._runner.run(
                "chaperone recorded steps",
                lambda _p: desk.recorded(chaperone_id),
                on_finished=partial(self._on_recorded_fields, chaperone_id),
            )
        for step, page in self.steps.items():
            page.form.set_fields({})
            page.message.clear()
            subject = None if step == "application" else chaperone_id
            page.form.bind(
                desk.vault,
                subject,
                partial(self._check, step),
                f"{STEP_TITLES[step]} for {title}" if subject else "a new chaperone application",
            )
            page.setEnabled(
                step == "application" if chaperone_id is None else step != "application"
            )
            if page.isEnabled():
                page.form.validate()
                page.form.load_draft_async()
        self.tabs.setTabEnabled(len(STEPS), chaperone_id is not None)
        self.photo_button.setEnabled(chaperone_id is not None)
        self.photo_message.clear()
        self.tabs.setCurrentIndex(0 if chaperone_id is None else 1)
        if chaperone_id is not None:
            self.interview.use(desk, self._runner, select=chaperone_id)
        self._documents(decision)

    def _on_recorded_fields(self, chaperone_id: str, recorded: dict[str, dict[str, str]]) -> None:
        """Show what each step already holds (a draft typed since then replaces it)."""
        if chaperone_id != self.chaperone_id:
            return
        for step, values in recorded.items():
            page = self.steps[step]
            if page.form.dirty:
                continue  # the officer has started typing: keep it
            page.form.set_fields(values)
            page.message.setText(f"{STEP_TITLES[step]}: recorded.")
            if page.isEnabled():
                page.form.validate()
        self.sig_recorded_loaded.emit()

    def _check(self, step: str, fields: dict[str, str]) -> dict[str, str]:
        today = self.desk.today() if self.desk else None
        return check_step(step, fields, today) if today else {}

    def detach(self) -> None:
        self.desk = None
        self.chaperone_id = None
        for page in self.steps.values():
            page.form.save_then_clear()
            page.message.clear()
        self.interview.detach()
        self.heading.setText("")
        self.photo_message.clear()
        self._documents(None)
        if self.preview is not None:
            self.preview.close()
            self.preview = None

    # --- recording -------------------------------------------------------------------------

    def _on_record(self, step: str) -> None:
        desk, page = self.desk, self.steps[step]
        if desk is None or not page.form.validate(show_all=True):
            return
        chaperone_id, fields = self.chaperone_id, page.form.fields()
        page.record_button.setEnabled(False)

        def work(_p: Any) -> str:
            return desk.save_step(step, chaperone_id, fields)

        self._runner.run(
            f"record chaperone {step}",
            work,
            on_finished=partial(self._on_recorded, step),
            on_failed=partial(self._on_step_failed, step),
        )

    def _on_recorded(self, step: str, chaperone_id: str) -> None:
        page = self.steps[step]
        page.form.discard_draft_async(None if step == "application" else chaperone_id)
        page.message.setText(f"{STEP_TITLES[step]} recorded.")
        page.record_button.setEnabled(True)
        self.sig_changed.emit(chaperone_id)  # a new application: the area opens its pipeline

    def _on_step_failed(self, step: str, exc: BaseException) -> None:
        page = self.steps[step]
        page.message.setText(message_for(exc))
        page.record_button.setEnabled(True)
        self.sig_step_failed.emit(page.message.text())

    def _on_decided(self, decided: Decided) -> None:
        self._documents(decided)
        self._changed()

    def _changed(self) -> None:
        if self.chaperone_id is not None:
            self.sig_changed.emit(self.chaperone_id)

    # --- the photo for the card -----------------------------------------------------------

    def _on_photo_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose the chaperone's photo", "", "Pictures (*.jpg *.jpeg *.png)"
        )
        if path:
            self.add_photo(path)

    def add_photo(self, path: str) -> None:
        """Read the picture and store it in the vault, both on the lane."""
        desk, chaperone_id = self.desk, self.chaperone_id
        if desk is None or chaperone_id is None:
            return
        source = Path(path)
        media_type = "image/png" if source.suffix.lower() == ".png" else "image/jpeg"

        def work(_p: Any) -> None:
            desk.set_photo(chaperone_id, source.read_bytes(), media_type)

        self._runner.run(
            "store chaperone photo",
            work,
            on_finished=lambda _r: self._photo_done("Photo stored in the vault for the ID card."),
            on_failed=lambda exc: self._photo_done(
                "Photo: that file cannot be read."
                if isinstance(exc, OSError)
                else f"Photo: {message_for(exc)}"
            ),
        )

    def _photo_done(self, text: str) -> None:
        self.photo_message.setText(text)
        self.sig_photo_done.emit(text)

    # --- documents -------------------------------------------------------------------------

    def _documents(self, decided: Decided | None) -> None:
        self.decided = decided
        has = decided is not None and bool(decided.decision_id)
        self.letter_button.setEnabled(has)
        self.card_button.setEnabled(has and decided is not None and bool(decided.card_number))

    def _open(self, title: str, card: bool) -> PdfPreviewDialog | None:
        desk, decided = self.desk, self.decided
        if desk is None or decided is None:
            return None
        decision_id = decided.decision_id
        refused = not decided.card_number
        render = (
            (lambda: desk.card(decision_id))
            if card
            else (lambda: desk.letter(decision_id, refused))
        )
        self.preview = PdfPreviewDialog(self._runner, title, render, self)
        self.preview.show()
        self.preview.start()
        return self.preview

    def open_card(self) -> PdfPreviewDialog | None:
        return self._open("Chaperone ID card", card=True)

    def open_letter(self) -> PdfPreviewDialog | None:
        return self._open("Decision letter", card=False)
