"""Providers typed one a line as "name, kind, hours" keep every character through a save and a
reload: a kind with commas in it ("tutor, maths, English") lost everything after its first
comma, and a provider with hours but no kind came back with the hours as its kind."""

from __future__ import annotations

from oxfield.services.ehe_visit_details import ProviderIn
from ui.ehe.visit_fields import VisitFields

TYPED = "Ms Smith, tutor, maths, English, 3\nMr Jones, , 2\nOxford Maths Club\nŁódź Online, course"


def test_providers_keep_every_part_and_round_trip(qtbot) -> None:
    fields = VisitFields()
    qtbot.addWidget(fields)
    fields.providers.setPlainText(TYPED)
    record = fields.record()
    assert record.providers == (
        ProviderIn("Ms Smith", "tutor, maths, English", "3"),
        ProviderIn("Mr Jones", "", "2"),
        ProviderIn("Oxford Maths Club"),
        ProviderIn("Łódź Online", "course"),
    )
    fields.set_record(record)
    assert fields.record().providers == record.providers
