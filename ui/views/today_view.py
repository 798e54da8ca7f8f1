"""Today: the officer's day at a glance, and any unfinished edits to pick up again.

Loaded in the database lane (``oxfield.services.today``); each section is a keyboard-reachable
list, and an empty day says so in words rather than showing blank boxes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.today import (
    TodayItem,
    TodaySummary,
    UnfinishedEdit,
    today_summary,
    unfinished_edits,
)
from ui.messages import message_for
from ui.session import DesktopSession
from ui.tasks import TaskRunner

CASE_ROLE = Qt.ItemDataRole.UserRole
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1

SECTIONS = (
    ("visits", "Visits due", "No visits due this week."),
    ("inspections", "Inspections due", "No inspections due this week."),
    ("reminders", "Reminders", "No reminders due."),
    ("overdue_reviews", "Overdue reviews", "No reviews are overdue."),
    ("reviews_due", "Reviews due this week", "No reviews due this week."),
)


class TodayView(QWidget):
    sig_open_case = Signal(str)
    sig_open_draft = Signal(str, str)  # target (case, visit, licence, ...), its id or ""
    sig_loaded = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Today")
        self._runner = runner
        self._session: DesktopSession | None = None
        self._seq = 0
        self.heading = QLabel("Today", self)
        self.heading.setObjectName("screenTitle")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("emptyState")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Summary of today")
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        for n, (key, title, _empty) in enumerate((*SECTIONS, ("drafts", "Unfinished edits", ""))):
            label = QLabel(title, self)
            label.setObjectName("sectionTitle")
            widget = QListWidget(self)
            widget.setAccessibleName(title)
            widget.itemActivated.connect(self._on_item)
            label.setBuddy(widget)
            self.lists[key] = widget
            grid.addWidget(label, (n // 2) * 2, n % 2)
            grid.addWidget(widget, (n // 2) * 2 + 1, n % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary_label)
        layout.addLayout(grid, 1)

    def attach(self, session: DesktopSession) -> None:
        self._session = session
        self.refresh()

    def detach(self) -> None:
        self._seq += 1
        self._session = None
        for widget in self.lists.values():
            widget.clear()
        self.summary_label.clear()
        self.heading.setText("Today")

    def refresh(self) -> None:
        session = self._session
        if session is None:
            return
        self._seq += 1
        seq, vault, day = self._seq, session.vault, session.today()
        self.heading.setText(f"Today, {day:%A} {day.day} {day:%B %Y}")
        self.summary_label.setText("Loading…")

        def work(_progress: Any) -> tuple[TodaySummary, list[UnfinishedEdit]]:
            return today_summary(vault, day), unfinished_edits(vault)

        # Read-only, so it runs on the pool: a search in the database lane need not wait for it.
        self._runner.run(
            "today",
            work,
            on_finished=lambda result: self._on_loaded(seq, *result),
            on_failed=lambda exc: self._on_failed(seq, exc),
            database=False,
        )

    def _on_loaded(self, seq: int, summary: TodaySummary, drafts: list[UnfinishedEdit]) -> None:
        if seq != self._seq:
            return
        for key, _title, empty in SECTIONS:
            self._fill(self.lists[key], getattr(summary, key), empty)
        drafts_list = self.lists["drafts"]
        drafts_list.clear()
        for draft in drafts:
            when = draft.updated_at.strftime("%d/%m/%Y %H:%M")
            item = QListWidgetItem(f"{draft.title}, saved {when}", drafts_list)
            item.setData(DRAFT_ROLE, (draft.target, draft.target_id or ""))
        if not drafts:
            QListWidgetItem("No unfinished edits.", drafts_list).setFlags(Qt.ItemFlag.ItemIsEnabled)
        if summary.empty and not drafts:
            self.summary_label.setText("Nothing due and nothing overdue. A clear day.")
        else:
            visits, inspections = len(summary.visits), len(summary.inspections)
            self.summary_label.setText(
                f"{_counted(visits, 'visit')} and {_counted(inspections, 'inspection')} due, "
                f"{_counted(len(summary.reminders), 'reminder')}, "
                f"{_counted(summary.overdue_count, 'review')} overdue."
            )
        self.sig_loaded.emit()

    def _fill(self, widget: QListWidget, items: list[TodayItem], empty: str) -> None:
        widget.clear()
        for entry in items:
            when = entry.due.strftime("%d/%m/%Y") if entry.due else ""
            late = " (overdue)" if entry.overdue else ""
            item = QListWidgetItem(f"{when}  {entry.title}{late}", widget)
            item.setData(CASE_ROLE, entry.case_id)
        if not items:
            QListWidgetItem(empty, widget).setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _on_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._seq:
            self.summary_label.setText(message_for(exc))

    def _on_item(self, item: QListWidgetItem) -> None:
        draft = item.data(DRAFT_ROLE)
        if draft:
            self.sig_open_draft.emit(str(draft[0]), str(draft[1]))
            return
        case_id = item.data(CASE_ROLE)
        if case_id:
            self.sig_open_case.emit(str(case_id))


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
