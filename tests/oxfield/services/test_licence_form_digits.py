"""Numbers on the licence form typed in digits Python counts as digits but ``int()`` cannot
read (superscripts), or in another script: the field's own message, never a Python error."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.errors import ValidationError
from oxfield.services.licensing_entry import check_licence_field, licence_application

TODAY = date(2026, 9, 20)


def _licence_form(**changes: str) -> dict[str, str]:
    fields = {
        "given_names": "Layla",
        "family_name": "Synthetic",
        "date_of_birth": "29/02/2016",
        "production": "Oliver!",
        "applicant_name": "Cherwell Youth Theatre",
        "received_on": "20/09/2026",
        "venues": "Mill Arts Centre",
        "dates": "",
        "first_day": "01/10/2026",
        "last_day": "10/10/2026",
        "performance_days": "3",
        "children_in_chaperone_group": "2",
    }
    fields.update(changes)
    return fields


@pytest.mark.parametrize("name", ["performance_days", "children_in_chaperone_group"])
@pytest.mark.parametrize("typed", ["²", "³", "١٢"])
def test_a_number_in_other_digits_gets_the_fields_message(name: str, typed: str) -> None:
    fields = _licence_form(**{name: typed})
    message = check_licence_field(name, fields, TODAY)
    assert message is not None and "a whole number" in message
    with pytest.raises(ValidationError) as refused:
        licence_application(fields, TODAY)
    assert refused.value.field == name
