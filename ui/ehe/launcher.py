"""Opens the home-education screens from the shell: a bar in the Home education area
(new case; the census export is its Reports menu action) and one on the case page (plan a
visit, record it, statutory steps).

Installed by the workspace with one call, so the shell stays a thin coordinator; the bars read
the workspace's current session and open case when clicked, and say plainly when there is none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oxfield.services.records import Actor
from ui.ehe.census_export import CensusExporter
from ui.ehe.escalation_panel import EscalationPanel
from ui.ehe.intake_dialog import CaseIntakeDialog
from ui.ehe.plan_visit import PlanVisitDialog
from ui.ehe.visit_data import latest_unsigned_visit
from ui.ehe.visit_form import VisitRecordForm
from ui.messages import message_for
from ui.session import DesktopSession

if TYPE_CHECKING:
    from ui.windows.workspace import Workspace

CENSUS_SHORTCUT = "Ctrl+Shift+C"


def _wrap(title: str, content: QWidget, parent: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(content)
    dialog.resize(720, 820)
    return dialog


class EheLauncher(QWidget):
    """The buttons; ``install`` puts one bar in the EHE list and one on the case page."""

    def __init__(self, workspace: Workspace, on_case_page: bool) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self.setAccessibleName("Home education actions")
        self.message = QLabel(self)
        self.message.setAccessibleName("Home education actions message")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        names = (
            ("Plan visit...", "Record planned visit...", "Statutory steps...")
            if on_case_page
            else ("New home education case...",)
        )
        for text in names:
            button = QPushButton(text, self)
            button.setAccessibleName(text.rstrip("."))
            row.addWidget(button)
            self.buttons[text] = button
        row.addWidget(self.message, 1)
        self.opened: QWidget | None = None
        if not on_case_page:
            self.buttons["New home education case..."].clicked.connect(self.new_case)
            #: in the main window's Reports menu (Alt+R, then C), or Ctrl+Shift+C anywhere
            self.census_action = QAction("Export EHE &census...", self)
            self.census_action.setShortcut(QKeySequence(CENSUS_SHORTCUT))
            self.census_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.census_action.setToolTip(
                f"Write the DfE home-education census ({CENSUS_SHORTCUT})"
            )
            self.census_action.triggered.connect(self.export_census)
        else:
            self.buttons["Plan visit..."].clicked.connect(self.plan_visit)
            self.buttons["Record planned visit..."].clicked.connect(self.record_visit)
            self.buttons["Statutory steps..."].clicked.connect(self.statutory_steps)

    @classmethod
    def install(cls, workspace: Workspace) -> tuple[EheLauncher, EheLauncher]:
        area, case = cls(workspace, False), cls(workspace, True)
        for view, bar in ((workspace.ehe_list, area), (workspace.detail, case)):
            layout = view.layout()
            if isinstance(layout, QVBoxLayout):
                layout.insertWidget(1, bar)
        return area, case

    # --- what the bars need ----------------------------------------------------------------

    def _session(self) -> DesktopSession | None:
        return self._workspace.session

    def _actor(self, session: DesktopSession) -> Actor:
        return Actor(officer=session.officer or "officer", clock=session.clock)

    def _case_id(self) -> str | None:
        details = self._workspace.detail.details
        if details is None or details.kind != "ehe_case":
            self.message.setText("Open a home education case first.")
            return None
        return details.id

    def _show(self, widget: QWidget) -> None:
        self.opened = widget
        widget.show()

    def detach(self) -> None:
        """At lock: a visit record or a new case's intake keeps its last keystrokes as a
        draft, then the open dialog (and any preview it opened) goes, so nothing typed stays
        on screen over the unlock screen and nothing in it can reach the closed vault."""
        self.message.clear()
        opened, self.opened = self.opened, None
        if opened is None:
            return
        for form in opened.findChildren(VisitRecordForm):
            try:
                form.save_draft_now()
            except Exception as exc:  # the lock must go on; message_for logs only the type
                self.message.setText(message_for(exc))
        if isinstance(opened, CaseIntakeDialog):
            try:
                opened.draft.save_now()
            except Exception as exc:
                self.message.setText(message_for(exc))
            opened.draft.forget()  # so closing it below neither saves again nor refuses
        opened.close()
        opened.deleteLater()

    # --- actions ---------------------------------------------------------------------------

    def new_case(self) -> None:
        """The intake for a new notice (no argument: a button's clicked(bool) passed False
        as the draft id when this took one, and every new intake looked like a restored one)."""
        self._intake(None)

    def resume_case(self, draft_id: str) -> None:
        """The intake of an unfinished notice, from Today's "Unfinished edits"."""
        self._intake(draft_id)

    def _intake(self, draft_id: str | None) -> None:
        """An intake already open comes to the front instead of a second one beside it, unless
        Today asks for another draft: then the open one is kept as its draft and closed.
        """
        session = self._session()
        if session is None:
            return
        current = self.opened if isinstance(self.opened, CaseIntakeDialog) else None
        if current is not None and current.isVisible():
            if draft_id is None or draft_id == current.draft.draft_id:
                current.raise_()
                current.activateWindow()
                return
            current.reject()
            if current.isVisible():  # its draft could not be kept: it says why, and stays
                return
        dialog = CaseIntakeDialog(
            session.runner, session.vault, self._actor(session), self, draft_id=draft_id
        )
        dialog.sig_opened.connect(lambda opened: self._workspace.open_case(opened.case_id))
        self._show(dialog)

    def census_exporter(self) -> CensusExporter | None:
        session = self._session()
        if session is None:
            return None
        exporter = CensusExporter(
            session.runner, lambda: session.vault, session.officer, session.today, self
        )
        exporter.sig_exported.connect(lambda _p: self.message.setText("Census saved."))
        exporter.sig_failed.connect(self.message.setText)
        return exporter

    def export_census(self) -> None:
        exporter = self.census_exporter()
        if exporter is None:
            self.message.setText("Unlock OxField first.")
        else:
            exporter.action.trigger()

    def plan_visit(self) -> None:
        session, case_id = self._session(), self._case_id()
        if session is None or case_id is None:
            return
        dialog = PlanVisitDialog(
            session.runner, session.vault, self._actor(session), case_id, session.today(), self
        )
        dialog.sig_planned.connect(self.open_visit)
        self._show(dialog)

    def record_visit(self) -> None:
        session, case_id = self._session(), self._case_id()
        if session is None or case_id is None:
            return
        visit_id = latest_unsigned_visit(session.vault, case_id)
        if visit_id is None:
            self.message.setText("No planned visit on this case: plan one first.")
            return
        self.open_visit(visit_id)

    def open_visit(self, visit_id: str) -> None:
        session = self._session()
        if session is None:
            return
        form = VisitRecordForm(session.runner, session.vault, self._actor(session), visit_id)
        dialog = _wrap("Visit record", form, self)
        form.load()
        self._show(dialog)

    def statutory_steps(self) -> None:
        session, case_id = self._session(), self._case_id()
        if session is None or case_id is None:
            return
        panel = EscalationPanel(
            session.runner, session.vault, self._actor(session), case_id, session.today()
        )
        dialog = _wrap("Statutory steps", panel, self)
        panel.refresh()
        self._show(dialog)
