"""The body of persons approval (BOPA) form, recorded the same way as a licence.

The organisation, the production, the period the approval covers, its conditions and the date
decided; ticking "Approved" signs it on saving, which is what lets a licence application for
the same production and period be told that a BOPA applies instead (s37(3)(b)). Checked as
typed, with a draft kept in the vault.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import QWidget

from oxfield.services.licensing_entry import BOPA_FORM, BOPA_TICKS, check_bopa_field, store_bopa
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from ui.licensing.licence_form_base import AUTOSAVE_MS, EntryForm


class BopaForm(EntryForm):
    FORM_NAME = "bopa"
    TITLE = "New body of persons approval"
    FIELDS = BOPA_FORM
    TICKS = BOPA_TICKS
    DRAFT_NAME = "a new body of persons approval"
    SAVE_TEXT = "&Save the approval"

    def __init__(self, parent: QWidget | None = None, autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent, autosave_ms)
        for name in ("valid_from", "valid_to", "decided_on"):
            self.edits[name].setPlaceholderText("dd/mm/yyyy")

    def check(self, name: str, fields: Mapping[str, str], today: date) -> str | None:
        return check_bopa_field(name, fields, today)

    def store(self, vault: Vault, actor: Actor, fields: Mapping[str, str]) -> str:
        return store_bopa(vault, actor, fields) + "."
