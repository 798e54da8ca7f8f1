"""The unlocked workspace: navigation by area on the left, the area's view on the right.

It only routes: which view is showing, which case to open. Each view loads its own data through
the session's services and task runner, and each knows how to forget it (``detach``), which is
what locking calls.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from oxfield.services.cases import CASE_STATUSES
from ui.chaperones.area import ChaperonesArea
from ui.ehe.launcher import EheLauncher
from ui.employment.area import EmploymentArea
from ui.licensing.bopa_form import BopaForm
from ui.licensing.inspection_screen import InspectionScreen
from ui.licensing.licence_form import LicenceForm
from ui.session import DesktopSession
from ui.tasks import TaskRunner
from ui.views.case_detail import CaseDetailView
from ui.views.case_list import CaseListView
from ui.views.today_view import TodayView


class SessionScreen(Protocol):
    """An area that reads the vault once given the unlocked session."""

    def attach(self, session: DesktopSession) -> None: ...


class Workspace(QWidget):
    sig_area_changed = Signal(str)

    AREAS = (
        "Today",
        "Home education",
        "Licensing",
        "Chaperones",
        "Employment",
        "Find a case",
        "Inspection",
        "New licence",
        "New BOPA",
    )

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Workspace")
        self.session: DesktopSession | None = None
        #: areas that load their data on first show after an unlock
        self._unattached: list[SessionScreen] = []
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Areas")
        self.pages = QStackedWidget(self)
        self.pages.setAccessibleName("Area content")
        self.today = TodayView(runner, self)
        self.ehe_list = CaseListView(
            runner, title="Home education", team="ehe", statuses=CASE_STATUSES["ehe"], parent=self
        )
        self.licensing_list = CaseListView(
            runner,
            title="Licensing",
            team="licensing",
            statuses=CASE_STATUSES["licensing"],
            parent=self,
        )
        self.chaperones = ChaperonesArea(runner, self)
        self.employment = EmploymentArea(runner, self)
        self.all_cases = CaseListView(
            runner,
            title="Find a case",
            statuses=list(dict.fromkeys(s for team in CASE_STATUSES.values() for s in team)),
            parent=self,
        )
        self.inspection = InspectionScreen(self)
        self.licence_form = LicenceForm(self)
        self.licence_edit = LicenceForm(self, existing=True)  # a saved licence, from its case
        self.bopa_form = BopaForm(self)
        self.detail = CaseDetailView(runner, self)
        self.ehe_bars = EheLauncher.install(self)  # EHE screens: area bar, case-page bar
        self.views = (
            self.today,
            self.ehe_list,
            self.licensing_list,
            self.chaperones,
            self.employment,
            self.all_cases,
            self.inspection,
            self.licence_form,
            self.bopa_form,
        )
        for number, (name, view) in enumerate(zip(self.AREAS, self.views, strict=True), 1):
            item = QListWidgetItem(name, self.navigation)
            item.setData(0x0100 + 1, view)  # kept for tests: Qt.UserRole + 1
            item.setToolTip(f"{name} (Ctrl+{number})")
            self.pages.addWidget(view)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number - 1: self.show_area(n))
        self.pages.addWidget(self.detail)
        self.pages.addWidget(self.licence_edit)
        layout = QHBoxLayout(self)
        layout.addWidget(self.navigation, 0)
        layout.addWidget(self.pages, 1)
        self.navigation.currentRowChanged.connect(self._on_area_row)
        for view in (self.ehe_list, self.licensing_list, self.all_cases):
            view.sig_open_case.connect(self.open_case)
        self.today.sig_open_case.connect(self.open_case)
        self.today.sig_open_draft.connect(self._on_open_draft)
        self.detail.sig_back.connect(self._on_detail_back)
        self.detail.sig_edit_licence.connect(self.open_licence)
        self.licence_edit.sig_back.connect(self._on_licence_back)
        self._return_row = 0
        self.navigation.setCurrentRow(0)

    # --- session ---------------------------------------------------------------------------

    def attach(self, session: DesktopSession) -> None:
        self.session = session
        officers = [session.officer] if session.officer else []
        self.today.attach(session)
        for view in (self.ehe_list, self.licensing_list, self.all_cases):
            view.attach(session.vault, session.today, officers)
        self.detail.attach(session)
        for screen in (self.inspection, self.licence_edit):
            screen.attach(session)
        # These read the vault as they attach: they wait until first shown, so unlocking does
        # not queue their queries ahead of Today and the case list on the database lane.
        self._unattached = [self.licence_form, self.bopa_form, self.chaperones, self.employment]
        self.show_area(0)

    def detach(self) -> None:
        """Clear every view's models and forms (the lock calls this)."""
        self.session = None
        self._unattached = []
        for view in self.views:
            view.detach()
        self.detail.detach()
        self.licence_edit.detach()
        for bar in self.ehe_bars:
            bar.detach()  # the EHE dialogs: intake, visit record, statutory steps
        self.show_area(0)

    # --- routing ---------------------------------------------------------------------------

    def show_area(self, row: int) -> None:
        self.navigation.setCurrentRow(row)
        self._on_area_row(row)

    def current_view(self) -> QWidget | None:
        return self.pages.currentWidget()

    def _on_area_row(self, row: int) -> None:
        if 0 <= row < len(self.views):
            view = self.views[row]
            waiting = [s for s in self._unattached if s is view]
            if waiting and self.session is not None:
                self._unattached.remove(waiting[0])
                waiting[0].attach(self.session)
            self.pages.setCurrentWidget(view)
            self.sig_area_changed.emit(self.AREAS[row])

    def open_case(self, case_id: str) -> None:
        self._return_row = max(self.navigation.currentRow(), 0)
        self.detail.show_case(case_id)
        self.pages.setCurrentWidget(self.detail)
        self.sig_area_changed.emit("Case")

    def _on_open_draft(self, target: str, target_id: str) -> None:
        """Reopen an unfinished edit listed on Today, wherever its form lives."""
        if target == "case":
            self.open_case(target_id)
            self.detail.start_edit()
        elif target == "visit":
            self.ehe_bars[1].open_visit(target_id)
        elif target == "licence":
            self.open_licence(target_id)
        elif target in ("new_licence", "new_bopa"):
            form = self.licence_form if target == "new_licence" else self.bopa_form
            self.show_area(self.views.index(form))
            form.reopen_draft()
        elif target == "chaperone":  # the pipeline loads the applicant's step drafts
            self.show_area(self.views.index(self.chaperones))
            if target_id:
                self.chaperones.pipeline.show_applicant(target_id, "Application in progress")
        elif target == "new_permit":  # the permit form restores its draft when attached
            self.show_area(self.views.index(self.employment))
        elif target == "new_ehe_case" and target_id:  # a new case's intake, over its area
            self.show_area(self.views.index(self.ehe_list))
            self.ehe_bars[0].resume_case(target_id)

    def open_licence(self, licence_id: str) -> None:
        """A licence case's licence in the entry form, to correct it (read-only once signed)."""
        if self.pages.currentWidget() is not self.licence_edit:
            self._return_row = max(self.navigation.currentRow(), 0)
        self.licence_edit.open_licence(licence_id)
        self.pages.setCurrentWidget(self.licence_edit)
        self.sig_area_changed.emit("Licence")

    def _on_licence_back(self, licence_id: str) -> None:
        self.detail.show_case(licence_id)
        self.pages.setCurrentWidget(self.detail)
        self.sig_area_changed.emit("Case")

    def _on_detail_back(self) -> None:
        self.show_area(self._return_row)
        view = self.views[self._return_row]
        if isinstance(view, CaseListView):
            view.table.setFocus()
