"""A name pasted with a line break or tab (from an e-mail or a spreadsheet cell) is one line.

A one-line box keeps a pasted line break, and the record then showed a name split over two
lines in lists, letters and the ID card. One-line fields turn line breaks and tabs into one
space; multi-line fields (notes) keep them.
"""

from __future__ import annotations

from datetime import date

from oxfield.services import chaperones_forms as cf
from oxfield.services import employment_forms as ef
from oxfield.services.record_forms import specs
from oxfield.services.record_forms.fields import parse_value

TODAY = date(2026, 12, 3)


def test_record_form_one_line_fields() -> None:
    assert parse_value(specs.GIVEN, "Anna\r\nMaria\t", TODAY) == "Anna Maria"
    assert parse_value(specs.FAMILY, "Kowalska \n\n Nowak", TODAY) == "Kowalska Nowak"
    note = specs.NOTE.field("text")
    assert parse_value(note, "line one\nline two", TODAY) == "line one\nline two"


def test_chaperone_and_permit_one_line_fields() -> None:
    fields = {
        "family_name": "Nowak\nKowalska",
        "given_names": "Zoë\t",
        "date_of_birth": "01/01/1990",
        "applied_on": "01/11/2026",
    }
    values = cf.parse_step("application", fields, TODAY)
    assert values["family_name"] == "Nowak Kowalska"
    permit = ef.live_check({"employer": "Cherwell\nNews & Co"}, TODAY)
    assert permit.messages["employer"] == ""
    assert ef._one(ef.FIELDS[3], "Cherwell\nNews & Co", TODAY) == "Cherwell News & Co"
