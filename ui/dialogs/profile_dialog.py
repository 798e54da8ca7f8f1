"""Asks for the officer's profile when a vault has none (the wizard was closed early)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from oxfield.services.profile import Profile, save_profile
from oxfield.services.vaults import Vault
from ui.widgets.profile_form import ProfileForm


class ProfileDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About you")
        self.setAccessibleName("About you")
        self._vault = vault
        self.saved: Profile | None = None
        intro = QLabel("OxField needs your name, team and district (kept in the vault).", self)
        intro.setWordWrap(True)
        self.form = ProfileForm(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)

    def _on_save(self) -> None:
        profile = self.form.valid_profile()
        if profile is not None:
            self.saved = save_profile(self._vault, profile)
            self.accept()
