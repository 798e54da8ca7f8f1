"""A new EHE case's unfinished intake is listed on Today and leads back to the intake.

The intake has no record yet, so its draft is kept against a token of that notice: each of
two notices begun is its own unfinished edit, named after the child once a name is typed.
"""

from __future__ import annotations

from oxfield.services.drafts import discard_draft, save_draft
from oxfield.services.today import EHE_INTAKE_FORM, unfinished_edits
from oxfield.vault.vault import Vault


def test_each_unfinished_intake_is_listed_and_leads_to_the_intake(vault: Vault) -> None:
    save_draft(vault, EHE_INTAKE_FORM, "notice-1", {"display_name": "Aoife Byrne", "dob": ""})
    save_draft(vault, EHE_INTAKE_FORM, "notice-2", {"display_name": "", "town": "Bicester"})
    save_draft(vault, EHE_INTAKE_FORM, None, {"display_name": "no token"})  # cannot reopen

    found = {(e.target, e.target_id): e.title for e in unfinished_edits(vault)}
    assert found == {
        ("new_ehe_case", "notice-1"): "New home education case for Aoife Byrne",
        ("new_ehe_case", "notice-2"): "New home education case",
    }

    discard_draft(vault, EHE_INTAKE_FORM, "notice-1")  # the case was opened
    assert [e.target_id for e in unfinished_edits(vault)] == ["notice-2"]
