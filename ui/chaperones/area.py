"""The Chaperones area: applicants and approved chaperones, and the pipeline of the one chosen.

The list (ids in a lazily read table model) shows each person's stage and approval expiry; an
expired approval is shown in bold with "(expired)" and, when chosen, a message saying that a
renewed approval is needed. Searching runs on the task runner's database lane; only the newest
search's answer is shown. Clicking a header (or choosing in "Sort by") lists the ids again in
that order, sorted by the query; the chosen person stays chosen. Choosing a row opens that
applicant's pipeline; "New application" opens an empty one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.chaperones import Outcome
from oxfield.services.chaperones_list import ChaperoneRow
from oxfield.services.records import Actor
from ui.chaperones.id_table import IdTableModel, id_table_view
from ui.chaperones.pipeline import ChaperonePipeline
from ui.chaperones.sort_choice import SortChoice
from ui.licensing.chaperone_data import ChaperoneDesk, Decided
from ui.messages import message_for
from ui.session import DesktopSession
from ui.tasks import TaskRunner

COLUMNS = (
    ("name", "Name"),
    ("stage", "Stage"),
    ("applied_on", "Applied on"),
    ("card_number", "ID card"),
    ("approved_until", "Approved until"),
)
WORDS = {
    "name": ("A to Z", "Z to A"),
    "stage": ("earliest stage first", "latest stage first"),
    "applied_on": ("oldest first", "newest first"),
    "card_number": ("lowest first", "highest first"),
    "approved_until": ("soonest first", "latest first"),
}


def scrolled(widget: QWidget) -> QScrollArea:
    """A long form scrolls rather than growing the window past a small laptop's screen."""
    area = QScrollArea(widget.parentWidget())
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def decided_of(row: ChaperoneRow) -> Decided | None:
    if row.decision_id is None:
        return None
    outcome = Outcome.REFUSE if row.stage == "Refused" else Outcome.APPROVE
    return Decided(outcome, row.card_number, row.approved_until, row.decision_id)


class ChaperonesArea(QWidget):
    sig_listed = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Chaperones")
        self._runner = runner
        self.desk: ChaperoneDesk | None = None
        self._seq = 0
        self._sort, self._descending = "name", False
        heading = QLabel("Chaperones", self)
        heading.setObjectName("screenTitle")
        self.search_edit = QLineEdit(self)
        self.search_edit.setAccessibleName("Search chaperones")
        self.search_edit.setPlaceholderText("Name")
        self.new_button = QPushButton("&New application", self)
        self.new_button.setAccessibleName("New chaperone application")
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of chaperones found")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Chaperone status")
        self.model = IdTableModel(COLUMNS, lambda r: "expired" if r.expired else "", self, WORDS)
        self.table = id_table_view(self.model, "Chaperones and applicants", self)
        self.sort_choice = SortChoice(self.model, self.table.horizontalHeader(), self)
        sort_row = QFormLayout()
        sort_row.addRow("S&ort by:", self.sort_choice)
        self.pipeline = ChaperonePipeline(runner, self)
        left = QWidget(self)
        column = QVBoxLayout(left)
        row = QHBoxLayout()
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.new_button)
        column.addWidget(heading)
        column.addLayout(row)
        column.addLayout(sort_row)
        column.addWidget(self.count_label)
        column.addWidget(self.table, 1)
        column.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scrolled(left))
        splitter.addWidget(scrolled(self.pipeline))
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.new_button.clicked.connect(self.new_application)
        self.model.sig_sort_requested.connect(self._on_sort)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.pipeline.sig_changed.connect(self._on_changed)
        self._select_after: str | None = None

    # --- session ---------------------------------------------------------------------------

    def attach(self, session: DesktopSession) -> None:
        self.use(
            ChaperoneDesk(session.vault, Actor(session.officer or "officer", clock=session.clock))
        )

    def use(self, desk: ChaperoneDesk) -> None:
        self.desk = desk
        self.pipeline.use(desk)
        self.pipeline.show_applicant(None, "New application")
        self.refresh()

    def detach(self) -> None:
        self._seq += 1
        self.desk = None
        self._debounce.stop()
        self.model.clear()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.count_label.clear()
        self.status.clear()
        self.pipeline.detach()

    # --- the list --------------------------------------------------------------------------

    def refresh(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self._seq += 1
        seq, text = self._seq, self.search_edit.text()

        sort, descending = self._sort, self._descending

        def work(_p: Any) -> list[str]:
            return desk.find(text, sort, descending)

        self._runner.run(
            "list chaperones",
            work,
            on_finished=lambda ids: self._on_ids(seq, ids),
            on_failed=lambda exc: self.status.setText(message_for(exc)),
        )

    def _on_ids(self, seq: int, ids: list[str]) -> None:
        if seq != self._seq or self.desk is None:
            return
        self.model.set_ids(ids, self.desk.rows)
        self.count_label.setText(f"{len(ids)} found")
        if self._select_after is not None:
            row = self.model.row_of(self._select_after)
            self._select_after = None
            if row >= 0:
                self.table.selectRow(row)
        self.sig_listed.emit(len(ids))

    def record(self, row: int) -> ChaperoneRow | None:
        found = self.model.record(row)
        return found if isinstance(found, ChaperoneRow) else None

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.record(current.row())
        if record is None:
            return
        if record.expired and record.approved_until is not None:
            self.status.setText(
                f"Approved until: the approval expired on {record.approved_until:%d/%m/%Y}; "
                "a renewed approval is needed before this chaperone can be named on a licence."
            )
        else:
            self.status.setText(f"{record.name}: {record.stage}.")
        if record.id != self.pipeline.chaperone_id:
            self.pipeline.show_applicant(record.id, record.name, decided_of(record))

    def new_application(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())  # choosing the same person again reopens them
        self.status.clear()
        self.pipeline.show_applicant(None, "New application")

    def _on_sort(self, field: str, descending: bool) -> None:
        self._sort, self._descending = field, descending
        self._select_after = self.pipeline.chaperone_id
        self.refresh()

    def _on_changed(self, chaperone_id: str) -> None:
        """A step was recorded: list again (the stage moved) and keep that row chosen."""
        self._select_after = chaperone_id
        self.refresh()
