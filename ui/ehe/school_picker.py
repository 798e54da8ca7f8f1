"""Choose a school from the Oxfordshire school list by typing part of its name, town or URN.

Officers know a school as "St Mary's, Banbury" or by its URN, and type it any way: with or
without the apostrophe, accents or capitals. The list (a few hundred schools) is read once
through the task runner (a vault without one gets the shipped list first); each word typed must
then begin, in ``oxfield.text.search_key`` form, a word of the school's name, town, URN or
LAESTAB, so "st marys banbury" finds "St Mary's C of E Primary School (Banbury)". Keyboard
only: type, Down moves into the matches, Enter or Space chooses; the choice is announced in an
accessible label.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from oxfield.services.schools import SchoolRow, ensure_default_schools, find_schools
from oxfield.services.vaults import Vault
from oxfield.text import search_key
from ui.tasks import TaskRunner

#: how many matches the list shows at once
SHOWN = 30
ALL_SCHOOLS = 100_000


def all_schools(vault: Vault) -> list[SchoolRow]:
    """Every school in the vault, loading the shipped Oxfordshire list into a vault without."""
    ensure_default_schools(vault)
    return find_schools(vault, limit=ALL_SCHOOLS)


def school_text(school: SchoolRow) -> str:
    town = f", {school.town}" if school.town else ""
    closed = "" if school.open else " (closed)"
    return f"{school.name}{town} - URN {school.urn}{closed}"


def _key(school: SchoolRow) -> str:
    """Each word of the name and town, the URN and the LAESTAB, normalised, after a space."""
    words = f"{school.name} {school.town or ''} {school.urn} {school.laestab or ''}".split()
    return " " + " ".join(k for k in (search_key(w) for w in words) if k)


def matching(schools: Sequence[SchoolRow], keys: Sequence[str], text: str) -> list[SchoolRow]:
    """The schools where every word of ``text`` begins a word of the name, town, URN or
    LAESTAB ("mary" finds "St Mary's", not "Primary"); open schools first."""
    words = [" " + k for k in (search_key(w) for w in text.split()) if k]
    found = [s for s, key in zip(schools, keys, strict=True) if all(w in key for w in words)]
    return sorted(found, key=lambda s: (not s.open, s.name))


class SchoolPicker(QWidget):
    """A search box over the school list and the matches under it."""

    sig_loaded = Signal(int)
    sig_chosen = Signal(object)  # int | None: the URN chosen

    def __init__(self, runner: TaskRunner, vault: Vault, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(label)
        self._label = label
        self.schools: list[SchoolRow] = []
        self._keys: list[str] = []
        self.urn: int | None = None
        self.search = QLineEdit(self)
        self.search.setAccessibleName(f"{label}: search by name, town or URN")
        self.search.setPlaceholderText("Type part of the name, town or URN")
        self.matches = QListWidget(self)
        self.matches.setAccessibleName(f"{label}: matching schools")
        self.matches.setMaximumHeight(120)
        self.chosen = QLabel("No school chosen", self)
        self.chosen.setAccessibleName(f"{label}: chosen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.search)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemActivated.connect(self._choose)
        self.matches.itemClicked.connect(self._choose)
        runner.run("load school list", lambda _p: all_schools(vault), on_finished=self._on_loaded)

    def _on_loaded(self, schools: list[SchoolRow]) -> None:
        self.schools = schools
        self._keys = [_key(s) for s in schools]
        self._filter(self.search.text())
        if self.urn is not None:
            self.set_urn(self.urn)
        self.sig_loaded.emit(len(schools))

    def _filter(self, text: str) -> None:
        self.matches.clear()
        if not text.strip():
            return
        for school in matching(self.schools, self._keys, text)[:SHOWN]:
            item = QListWidgetItem(school_text(school), self.matches)
            item.setData(Qt.ItemDataRole.UserRole, school.urn)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _choose(self, item: QListWidgetItem) -> None:
        self.set_urn(int(item.data(Qt.ItemDataRole.UserRole)))
        self.sig_chosen.emit(self.urn)

    def set_urn(self, urn: int | None) -> None:
        """Choose a school by URN (or none); the label says which."""
        self.urn = urn
        school = next((s for s in self.schools if s.urn == urn), None)
        if urn is None:
            self.chosen.setText("No school chosen")
        elif school is None:
            self.chosen.setText(f"URN {urn}")
        else:
            self.chosen.setText(f"Chosen: {school_text(school)}")
        self.chosen.setAccessibleDescription(self.chosen.text())

    def clear(self) -> None:
        self.search.clear()
        self.matches.clear()
        self.set_urn(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.search and key == Qt.Key.Key_Down and self.matches.count():
            self.matches.setFocus()
            return True
        if watched is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.matches.currentItem()
            if item is not None:
                self._choose(item)
                return True
        if watched is self.matches and key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            item = self.matches.currentItem()
            if item is not None:
                self._choose(item)
                self.search.setFocus()
                return True
        return False
