"""The permit's child: picked from the children already in the vault, or typed as a new one.

The officer types a name or a date of birth (or both) in "Find a child"; the children found
are listed, Down moves into the list and Enter picks one (so does "Use this child"). Typing a
new child instead, the name and date of birth are checked against the vault as they are typed:
a match shows a warning with "Use that child" and "A different child", and until one of them
is pressed the form will not record. Every search runs on the task runner's database lane and
only the newest answer is shown.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oxfield.services.cases import parse_date
from oxfield.services.employment_children import ChildChoice, find_children, same_children_in
from oxfield.services.vaults import Vault
from ui.messages import message_for
from ui.tasks import TaskRunner


class ChildPicker(QWidget):
    sig_chosen = Signal(object)  # the ChildChoice picked, or None when the choice is undone
    sig_found = Signal(int)  # the newest search's answer is listed
    sig_same_checked = Signal(bool)  # the newest duplicate check: does it block recording?

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("The permit's child")
        self._runner = runner
        self._vault: Vault | None = None
        self._seq = self._same_seq = 0
        self.chosen: ChildChoice | None = None
        self.found: list[ChildChoice] = []
        self.same: list[ChildChoice] = []
        self.new_confirmed = False
        self._same_of: tuple[str, str, date] | None = None
        self.search_edit = QLineEdit(self)
        self.search_edit.setAccessibleName("Find a child already in the vault")
        self.search_edit.setPlaceholderText("Name or date of birth")
        self.search_edit.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setAccessibleName("Children found")
        self.results.setMaximumHeight(110)
        self.use_button = QPushButton("&Use this child", self)
        self.chosen_label = QLabel(self)
        self.chosen_label.setAccessibleName("Chosen child")
        self.chosen_label.setWordWrap(True)
        self.change_button = QPushButton("C&hange child", self)
        self.warning = QLabel(self)
        self.warning.setObjectName("fieldError")
        self.warning.setAccessibleName("Child already in the vault")
        self.warning.setWordWrap(True)
        self.use_same_button = QPushButton("Use &that child", self)
        self.different_button = QPushButton("A &different child", self)
        form = QFormLayout()
        form.addRow("Find a &child:", self.search_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        same = QHBoxLayout()
        same.addWidget(self.use_same_button)
        same.addWidget(self.different_button)
        same.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.results)
        layout.addLayout(buttons)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.warning)
        layout.addLayout(same)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.returnPressed.connect(self.use_current)
        self.results.itemActivated.connect(lambda _i: self.use_current())
        self.use_button.clicked.connect(self.use_current)
        self.change_button.clicked.connect(lambda: self.choose(None))
        self.use_same_button.clicked.connect(self._use_same)
        self.different_button.clicked.connect(self._confirm_new)
        self._show_state()

    # --- session ---------------------------------------------------------------------------

    def use(self, vault: Vault) -> None:
        self._vault = vault

    def clear(self) -> None:
        """Forget the search, the choice and the warning (after recording, and at lock)."""
        self._seq += 1
        self._same_seq += 1
        self._debounce.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.results.clear()
        self.found = []
        self.chosen, self.same, self.new_confirmed, self._same_of = None, [], False, None
        self._show_state()

    def detach(self) -> None:
        self.clear()
        self._vault = None

    @property
    def blocking(self) -> bool:
        """A typed child matches one in the vault and the officer has not said which it is."""
        return self.chosen is None and bool(self.same) and not self.new_confirmed

    # --- finding a child -------------------------------------------------------------------

    def search_now(self) -> None:
        vault, text = self._vault, self.search_edit.text()
        if vault is None:
            return
        self._seq += 1
        seq = self._seq
        self._runner.run(
            "find children",
            lambda _p: find_children(vault, text),
            on_finished=lambda found: self._on_found(seq, found),
            on_failed=lambda exc: self.chosen_label.setText(message_for(exc)),
        )

    def _on_found(self, seq: int, found: list[ChildChoice]) -> None:
        if seq != self._seq or self._vault is None:
            return
        self.results.clear()
        self.found = found
        for choice in found:
            item = QListWidgetItem(choice.label, self.results)
            item.setData(Qt.ItemDataRole.UserRole, choice)
        if found:
            self.results.setCurrentRow(0)
        elif self.search_edit.text().strip():
            none = QListWidgetItem("No child found: type the child below.", self.results)
            none.setFlags(Qt.ItemFlag.ItemIsEnabled)  # read, not picked
        self._show_state()
        self.sig_found.emit(len(found))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Down in the search box goes to the children found, as in a browser's address bar."""
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.found
        ):
            self.results.setFocus()
            return True
        return super().eventFilter(watched, event)

    def use_current(self) -> None:
        item = self.results.currentItem()
        choice = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(choice, ChildChoice):
            self.choose(choice)

    def choose(self, choice: ChildChoice | None) -> None:
        self.chosen, self.same, self.new_confirmed = choice, [], False
        self._show_state()
        self.sig_chosen.emit(choice)

    # --- a new child that is already there -------------------------------------------------

    def check_same(self, given: str, family: str, born_text: str) -> None:
        """Look for children with the typed name and date of birth (nothing when chosen)."""
        self._same_seq += 1  # an answer for what was typed before is no longer wanted
        seq, vault, born = self._same_seq, self._vault, parse_date(born_text)
        typed = (given.strip(), family.strip(), born) if born is not None else None
        if typed != self._same_of:
            self.new_confirmed = False
        self._same_of = typed
        if vault is None or self.chosen is not None or typed is None or not all(typed[:2]):
            self.same = []
            self._show_state()
            self.sig_same_checked.emit(self.blocking)
            return
        self._runner.run(
            "check the child is new",
            lambda _p: same_children_in(vault, *typed),
            on_finished=lambda found: self._on_same(seq, found),
            on_failed=lambda exc: self.warning.setText(message_for(exc)),
        )

    def _on_same(self, seq: int, found: list[ChildChoice]) -> None:
        if seq != self._same_seq or self._vault is None or self.chosen is not None:
            return
        self.same = found
        self._show_state()
        self.sig_same_checked.emit(self.blocking)

    def _use_same(self) -> None:
        if self.same:
            self.choose(self.same[0])

    def _confirm_new(self) -> None:
        self.new_confirmed = True
        self._show_state()
        self.sig_same_checked.emit(self.blocking)

    def _show_state(self) -> None:
        chosen = self.chosen
        self.chosen_label.setText(
            f"Permit for {chosen.label} (already in the vault)." if chosen is not None else ""
        )
        self.change_button.setVisible(chosen is not None)
        self.use_button.setEnabled(chosen is None and bool(self.found))
        if self.blocking:
            names = "; ".join(c.label for c in self.same)
            self.warning.setText(
                f"Already in the vault: {names}. Use that child, or say this is a different child."
            )
        elif self.same and self.new_confirmed:
            self.warning.setText("Recorded as a different child from the one in the vault.")
        else:
            self.warning.clear()
        self.use_same_button.setVisible(self.blocking)
        self.different_button.setVisible(self.blocking)
