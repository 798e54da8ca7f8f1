"""The officer's name, team and district: asked once by the first-run wizard (and after an
unlock if the wizard was interrupted), stored in the vault by ``oxfield.services.profile``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from oxfield.errors import ValidationError
from oxfield.services.profile import DISTRICTS, TEAMS, Profile


class ProfileForm(QWidget):
    """Three fields with a message that names the field in trouble."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName("Your name")
        self.name_edit.setMaxLength(120)
        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName("Your team")
        for key, label in TEAMS.items():
            self.team_combo.addItem(label, key)
        self.district_combo = QComboBox(self)
        self.district_combo.setAccessibleName("Your district")
        for district in DISTRICTS:
            self.district_combo.addItem(district, district)
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Profile message")
        layout = QFormLayout(self)
        layout.addRow("Your &name:", self.name_edit)
        layout.addRow("&Team:", self.team_combo)
        layout.addRow("&District:", self.district_combo)
        layout.addRow(self.message)
        self.name_edit.textChanged.connect(self._on_changed)
        self.team_combo.currentIndexChanged.connect(self._on_changed)
        self.district_combo.currentIndexChanged.connect(self._on_changed)

    def profile(self) -> Profile:
        return Profile(
            officer_name=self.name_edit.text(),
            team=str(self.team_combo.currentData()),
            district=str(self.district_combo.currentData()),
        )

    def valid_profile(self) -> Profile | None:
        """The validated profile, or ``None`` with the problem shown under the fields."""
        try:
            clean = self.profile().validated()
        except ValidationError as exc:
            self.message.setText(str(exc))
            return None
        self.message.clear()
        return clean

    def _on_changed(self) -> None:
        self.valid_profile()
        self.sig_changed.emit()
