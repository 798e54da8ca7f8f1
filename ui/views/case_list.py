"""Find a case: a search box (debounced), filters and a sortable table of 50,000 rows.

Each search runs ``find_case_ids`` in the task runner's database lane, first for one screenful
with its rows, then, once those are painted, for the whole list; only the newest search's
answers are applied (older ones are cancelled before they start, or dropped), so typing fast
never shows stale rows.
The table model holds ids and reads rows lazily (``ui.models.case_table``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.cases import (
    CaseQuery,
    CaseRow,
    SearchCancelledError,
    fetch_case_rows,
    find_case_ids,
)
from oxfield.services.profile import TEAMS
from oxfield.services.vaults import Vault
from oxfield.text import humanise
from ui.messages import message_for
from ui.models.case_table import COLUMNS, PAGE_SIZE, CaseTableModel
from ui.tasks import Task, TaskRunner

DEBOUNCE_MS = 150
#: rows asked for first, before the whole list: one page of the model, read with its rows
FIRST_PAGE = PAGE_SIZE


class CaseListView(QWidget):
    """``sig_open_case(case_id)`` when the officer presses Enter or double-clicks a row;
    ``sig_first_page(rows)`` as soon as a search's first rows are in the table;
    ``sig_results(count)`` when its whole list is."""

    sig_open_case = Signal(str)
    sig_first_page = Signal(int)
    sig_results = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        *,
        title: str,
        team: str | None = None,
        statuses: Sequence[str] = (),
        debounce_ms: int = DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self._runner = runner
        self._fixed_team = team
        self._vault: Vault | None = None
        self._today: Callable[[], date] = date.today
        self._sort, self._descending = "child_name", False
        self._seq = 0
        self._tasks: list[Task] = []
        self._stale = False
        self.last_error = ""

        heading = QLabel(title, self)
        heading.setObjectName("screenTitle")
        self.search_edit = QLineEdit(self)
        self.search_edit.setAccessibleName("Search cases")
        self.search_edit.setPlaceholderText("Name, date of birth, UPN, school or reference")
        self.search_edit.setClearButtonEnabled(True)
        # room for a full name at any text size or display scale: the filters give way first
        self.search_edit.setMinimumWidth(self.search_edit.fontMetrics().averageCharWidth() * 24)
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search_edit)
        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName("Team filter")
        self.team_combo.addItem("All teams", None)
        for key, label in TEAMS.items():
            self.team_combo.addItem(label, key)
        self.team_combo.setVisible(team is None)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status filter")
        self.status_combo.addItem("Any status", None)
        for status in statuses:
            self.status_combo.addItem(humanise(status), status)
        self.officer_combo = QComboBox(self)
        self.officer_combo.setAccessibleName("Officer filter")
        self.officer_combo.addItem("Any officer", None)
        self.overdue_box = QCheckBox("&Overdue reviews only", self)
        self.overdue_box.setAccessibleName("Overdue reviews only")
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of cases found")

        self.model = CaseTableModel(parent=self)
        self.table = QTableView(self)
        self.table.setAccessibleName(f"{title}: cases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSectionsClickable(True)
        for i, column in enumerate(COLUMNS):
            if column.field == "team" and team is not None:
                self.table.setColumnHidden(i, True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        for i, width in enumerate((130, 200, 105, 135, 240, 80, 120, 110, 110, 130)):
            self.table.setColumnWidth(i, width)

        filters = QHBoxLayout()
        filters.addWidget(search_label)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.team_combo)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.officer_combo)
        filters.addWidget(self.overdue_box)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(self._on_text_changed)
        for combo in (self.team_combo, self.status_combo, self.officer_combo):
            combo.currentIndexChanged.connect(self.search_now)
        self.overdue_box.toggled.connect(self.search_now)
        self.model.sig_sort_requested.connect(self._on_sort_requested)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sort)
        self.table.activated.connect(self._on_activated)

    # --- lifecycle -------------------------------------------------------------------------

    def attach(self, vault: Vault, today: Callable[[], date], officers: Sequence[str] = ()) -> None:
        """Show this vault's cases; the first search waits until the view is on screen, so
        an unlock does not queue a 50,000-row query for every list nobody is looking at."""
        self._vault, self._today = vault, today
        self.model.set_fetcher(self._fetch_rows)
        for officer in officers:
            if self.officer_combo.findData(officer) < 0:
                self.officer_combo.addItem(officer, officer)
        self._stale = True
        if self.isVisible():
            self.search_now()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale and self._vault is not None:
            self.search_now()

    def detach(self) -> None:
        """Forget everything shown (at lock): rows, ids, search text, filters."""
        self._seq += 1
        self._stale = False
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        self._debounce.stop()
        self._vault = None
        self.model.clear()
        for widget in (self.search_edit, self.team_combo, self.status_combo, self.officer_combo):
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in (self.team_combo, self.status_combo, self.officer_combo):
            combo.setCurrentIndex(0)
        while self.officer_combo.count() > 1:
            self.officer_combo.removeItem(1)
        for widget in (self.search_edit, self.team_combo, self.status_combo, self.officer_combo):
            widget.blockSignals(False)
        self.overdue_box.blockSignals(True)
        self.overdue_box.setChecked(False)
        self.overdue_box.blockSignals(False)
        self.count_label.clear()

    # --- searching -------------------------------------------------------------------------

    def query(self) -> CaseQuery:
        team = self._fixed_team or self.team_combo.currentData()
        return CaseQuery(
            text=self.search_edit.text(),
            team=team,
            status=self.status_combo.currentData(),
            officer=self.officer_combo.currentData(),
            overdue_only=self.overdue_box.isChecked(),
            sort=self._sort,
            descending=self._descending,
        )

    def _on_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def search_now(self) -> None:
        """Search in two steps on the database lane: the first screenful with its rows (an
        indexed walk that stops early, so the rows show within milliseconds even when nearly
        every case matches), then, once those rows are painted, the whole list, which extends
        the first page in place."""
        self._debounce.stop()
        vault = self._vault
        if vault is None:
            return
        self._stale = False
        self._seq += 1
        seq, query, today = self._seq, self.query(), self._today()
        for task in self._tasks:
            if not task.finished:
                task.cancel()

        def first(progress: Any) -> tuple[list[str], list[CaseRow]]:
            found = find_case_ids(
                vault, query, today, limit=FIRST_PAGE, cancelled=progress.cancelled
            )
            return found, fetch_case_rows(vault, found[:PAGE_SIZE], today)

        def whole(progress: Any) -> list[str]:
            # a newer keystroke cancels this mid-query, so it never delays the next search
            return find_case_ids(vault, query, today, cancelled=progress.cancelled)

        def on_first_page(page: tuple[list[str], list[CaseRow]]) -> None:
            if self._on_first_page(seq, *page):
                self._tasks.append(
                    self._runner.run(
                        "search cases",
                        whole,
                        on_finished=lambda ids: self._on_found(seq, ids),
                        on_failed=lambda exc: self._on_failed(seq, exc),
                    )
                )

        self._tasks = [
            self._runner.run(
                "search cases",
                first,
                on_finished=on_first_page,
                on_failed=lambda exc: self._on_failed(seq, exc),
            )
        ]

    def _on_first_page(self, seq: int, ids: list[str], rows: list[CaseRow]) -> bool:
        """Show a search's first page; True if the whole list is still to be read."""
        if seq != self._seq or self._vault is None:
            return False
        self.model.set_ids(ids, rows)
        if len(ids) < FIRST_PAGE:  # that is every match: the whole list need not run
            self._on_found(seq, ids)
            return False
        self.count_label.setText(f"{len(ids):,}+ cases found, counting…")
        # Paint the new rows now, before the whole list is read: its worker would hold the
        # GIL that the paint needs for every cell, and the officer waits for these rows. The
        # reset's layout is done first, or it would have the rows painted a second time.
        self.table.executeDelayedItemsLayout()
        self.table.viewport().repaint()
        self.sig_first_page.emit(len(ids))
        return True

    def _on_found(self, seq: int, ids: list[str]) -> None:
        if seq != self._seq or self._vault is None:
            return  # an older search, or the vault was locked meanwhile
        shown = self.model.ids()
        if shown and len(ids) >= len(shown) and ids[: len(shown)] == shown:
            self.model.extend_ids(ids[len(shown) :])  # keeps the scroll and the selection
        else:
            self.model.set_ids(ids)
            self.sig_first_page.emit(len(ids))
        count = len(ids)
        self.count_label.setText(f"{count:,} case{'s' if count != 1 else ''} found")
        self.sig_results.emit(count)

    def _on_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._seq and not isinstance(exc, SearchCancelledError):
            self.last_error = message_for(exc)
            self.count_label.setText(self.last_error)

    def _fetch_rows(self, ids: Sequence[str]) -> list[CaseRow]:
        vault = self._vault
        if vault is None or vault.locked:
            return []
        return fetch_case_rows(vault, ids, self._today())

    def _on_header_sort(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)

    def _on_sort_requested(self, field: str, descending: bool) -> None:
        self._sort, self._descending = field, descending
        self.search_now()

    def _on_activated(self, index: Any) -> None:
        case_id = self.model.case_id(index.row())
        if case_id is not None:
            self.sig_open_case.emit(case_id)

    def current_case_id(self) -> str | None:
        return self.model.case_id(self.table.currentIndex().row())
