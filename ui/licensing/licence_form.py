"""The licence entry form: an application and the licence granted, checked on entry.

The child, the production, the applicant (the licence holder), the venues, the performance and
rehearsal dates or a number of days in a period, the education arrangements (school absence,
tutor) and the chaperone. While the officer types, each field shows its message, a draft is
kept in the vault, and the rules engine's findings are listed with their regulations: the
21-day notice, the 4-day exemption or a BOPA instead, consecutive days, the break after eight
weeks and the chaperone ratio. Ticking "Licence granted" grants it on saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import QWidget

from oxfield.rules.findings import Finding
from oxfield.services.licensing_entry import (
    LICENCE_FORM,
    LICENCE_TICKS,
    chaperone_choices,
    check_licence_field,
    preview_licence,
    store_licence,
)
from oxfield.services.records import Actor
from oxfield.services.vaults import Vault
from ui.licensing.licence_form_base import AUTOSAVE_MS, EntryForm


class LicenceForm(EntryForm):
    FORM_NAME = "licence_application"
    TITLE = "New licence application"
    FIELDS = LICENCE_FORM
    TICKS = LICENCE_TICKS
    CHOICES = ("chaperone_id",)
    DRAFT_NAME = "a new licence application"
    SAVE_TEXT = "&Save the licence"

    def __init__(self, parent: QWidget | None = None, autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent, autosave_ms)
        self.edits["dates"].setPlaceholderText("dd/mm/yyyy, dd/mm/yyyy, ...")
        for name in ("date_of_birth", "received_on", "first_day", "last_day"):
            self.edits[name].setPlaceholderText("dd/mm/yyyy")
        self.edits["venues"].setPlaceholderText("Venue one; venue two")

    def check(self, name: str, fields: Mapping[str, str], today: date) -> str | None:
        return check_licence_field(name, fields, today)

    def preview(self, vault: Vault, fields: Mapping[str, str], today: date) -> list[Finding]:
        return preview_licence(vault, fields, today)

    def store(self, vault: Vault, actor: Actor, fields: Mapping[str, str]) -> str:
        reference = store_licence(vault, actor, fields)
        state = "granted" if fields.get("granted") == "yes" else "recorded as an application"
        return f"Licence {reference} {state}."

    def load_choices(self, vault: Vault, today: date) -> dict[str, list[tuple[str, str]]]:
        return {
            "chaperone_id": [
                (c.id, f"{c.name} (approved until {c.approved_until:%d/%m/%Y})")
                for c in chaperone_choices(vault, today)
            ]
        }
