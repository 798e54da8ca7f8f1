"""The Employment area: the permits list, a new application's form, and the check and decision.

The list holds permit ids and reads the rows on screen (``ui.chaperones.id_table``), newest
reference first; a header click (or "Sort by") lists the ids again in that order. The form
shows the byelaw findings live; a recorded application opens in the permit check, where it is
issued or refused and an issued permit's PDF is previewed from memory.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.records import Actor
from ui.chaperones.area import scrolled
from ui.chaperones.id_table import Descending, IdTableModel, id_table_view
from ui.chaperones.sort_choice import SortChoice
from ui.employment.permit_form import PermitForm
from ui.licensing.permit_check import PermitCheckScreen, PermitDesk
from ui.messages import message_for
from ui.session import DesktopSession
from ui.tasks import TaskRunner

COLUMNS = (
    ("reference", "Reference"),
    ("child_name", "Child"),
    ("employer", "Employer"),
    ("job", "Job"),
    ("status", "Status"),
    ("issued_on", "Issued on"),
)
WORDS = {
    "reference": ("oldest first", "newest first"),
    "child_name": ("A to Z", "Z to A"),
    "employer": ("A to Z", "Z to A"),
    "job": ("A to Z", "Z to A"),
    "status": ("A to Z", "Z to A"),
    "issued_on": ("oldest first", "newest first"),
}


class EmploymentArea(QWidget):
    sig_listed = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Employment")
        self._runner = runner
        self.desk: PermitDesk | None = None
        self._seq = 0
        self._sort, self._descending = "reference", True
        heading = QLabel("Employment permits", self)
        heading.setObjectName("screenTitle")
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of permits")
        self.model = IdTableModel(COLUMNS, parent=self, words=WORDS)
        self.table = id_table_view(self.model, "Employment permits", self, (0, Descending))
        self.sort_choice = SortChoice(self.model, self.table.horizontalHeader(), self)
        sort_row = QFormLayout()
        sort_row.addRow("S&ort by:", self.sort_choice)
        self.form = PermitForm(runner, self)
        self.check = PermitCheckScreen(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Permit")
        self.tabs.addTab(self.form, "New application")
        self.tabs.addTab(self.check, "Check and decide")
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.addWidget(heading)
        column.addLayout(sort_row)
        column.addWidget(self.count_label)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scrolled(left))
        splitter.addWidget(scrolled(self.tabs))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.form.sig_recorded.connect(self._on_recorded)
        self.check.sig_acted.connect(lambda _m: self.refresh())
        self.model.sig_sort_requested.connect(self._on_sort)

    def attach(self, session: DesktopSession) -> None:
        actor = Actor(session.officer or "officer", clock=session.clock)
        self.use(PermitDesk(session.vault, actor))

    def use(self, desk: PermitDesk) -> None:
        self.desk = desk
        self.form.use(desk)
        self.check.use(desk, self._runner)
        self.refresh()

    def detach(self) -> None:
        self._seq += 1
        self.desk = None
        self.model.clear()
        self.count_label.clear()
        self.form.detach()
        self.check.detach()

    def refresh(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self._seq += 1
        seq, sort, descending = self._seq, self._sort, self._descending

        def work(_p: Any) -> list[str]:
            return desk.find(sort, descending)

        self._runner.run(
            "list permits",
            work,
            on_finished=lambda ids: self._on_ids(seq, ids),
            on_failed=lambda exc: self.count_label.setText(message_for(exc)),
        )

    def _on_ids(self, seq: int, ids: list[str]) -> None:
        if seq != self._seq or self.desk is None:
            return
        self.model.set_ids(ids, self.desk.rows)
        self.count_label.setText(f"{len(ids)} permits")
        self.sig_listed.emit(len(ids))

    def _on_sort(self, field: str, descending: bool) -> None:
        self._sort, self._descending = field, descending
        self.refresh()

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        permit_id = self.model.id_at(current.row())
        if permit_id is None or self.desk is None:
            return
        self.check.use(self.desk, self._runner, select=permit_id)
        self.tabs.setCurrentWidget(self.check)

    def _on_recorded(self, permit_id: str) -> None:
        if self.desk is None:
            return
        self.check.use(self.desk, self._runner, select=permit_id)
        self.tabs.setCurrentWidget(self.check)
        self.refresh()
