"""The intake refuses dates no real notice has, naming the field, and writes nothing.

A child born in year 1 or next year, a notice dated 31/12/9999 (which became case
EHE-9999-...) and a 29 February that does not exist each get one message; what was typed stays
in the boxes so the officer corrects one field.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import Qt

from oxfield.domain.ehe import EheCase
from oxfield.errors import ValidationError
from tests.ui.ehe.test_intake_people import fill_notice
from ui.ehe.intake_dialog import CaseIntakeDialog


@pytest.mark.parametrize(
    ("box", "text", "message"),
    [
        ("dob", "01/01/0001", "Date of birth: '01/01/0001' is not a date (dd/mm/yyyy)"),
        ("dob", "29/02/2015", "Date of birth: '29/02/2015' is not a date (dd/mm/yyyy)"),
        ("dob", "31/04/2016", "Date of birth: '31/04/2016' is not a date (dd/mm/yyyy)"),
        ("dob", "01/01/2027", "Date of birth: cannot be in the future"),
        ("dob", "01/01/1990", "Date of birth: is more than 25 years ago"),
        ("notified", "31/12/9999", "Date notified: '31/12/9999' is not a date (dd/mm/yyyy)"),
        ("notified", "04/12/2026", "Date notified: cannot be in the future"),
        (
            "deregistered",
            "31/12/9999",
            "Date taken off roll: '31/12/9999' is not a date (dd/mm/yyyy)",
        ),
    ],
)
def test_impossible_dates_are_named(
    qtbot, runner, open_vault, actor, box: str, text: str, message: str
) -> None:
    vault, _ids = open_vault
    with vault.read() as s:
        before = s.scalar(select(func.count()).select_from(EheCase))
    d = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(d)
    fill_notice(qtbot, d)
    mother = d.parents.rows[0]
    qtbot.keyClicks(mother.given, "Layla")
    qtbot.keyClicks(mother.family, "Al-Hashimi")
    getattr(d, box).setText(text)
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert d.message.text() == message
    assert getattr(d, box).text() == text and d.given.text() == "Zainab"
    qtbot.wait(200)
    with vault.read() as s:
        assert s.scalar(select(func.count()).select_from(EheCase)) == before


def test_a_leap_day_that_exists_is_taken(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    d = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(d)
    fill_notice(qtbot, d)
    d.dob.setText("29/02/2016")
    d.source.setCurrentIndex(0)
    d.deregistered.clear()
    assert d.intake().date_of_birth.isoformat() == "2016-02-29"


@pytest.mark.parametrize(
    ("box", "text", "message"),
    [
        ("postcode", "hello", "Postcode: 'hello' is not a UK postcode, like OX1 1ND"),
        ("postcode", "<b>&", "Postcode: '<b>&' is not a UK postcode, like OX1 1ND"),
        ("family", "x" * 101, "Child's family name: at most 100 characters"),
        ("given", "ż" * 151, "Child's given names: at most 150 characters"),
    ],
)
def test_bad_postcodes_and_long_names_are_named(
    qtbot, runner, open_vault, actor, box: str, text: str, message: str
) -> None:
    vault, _ids = open_vault
    d = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(d)
    fill_notice(qtbot, d)
    getattr(d, box).setText(text)
    with pytest.raises(ValidationError) as raised:
        d.intake()
    assert str(raised.value) == message
    assert getattr(d, box).text() == text


def test_other_address_postcode_and_parent_email_are_checked(
    qtbot, runner, open_vault, actor
) -> None:
    vault, _ids = open_vault
    d = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(d)
    fill_notice(qtbot, d)
    mother = d.parents.rows[0]
    mother.given.setText("Łucja")
    mother.family.setText("Wiśniewska")
    mother.email.setText("lucja@")
    with pytest.raises(ValidationError) as raised:
        d.intake()
    assert str(raised.value) == "Parent or carer 1: email: 'lucja@' is not an email address"
    mother.email.setText("lucja@example.org")
    second = d.other_addresses.add()
    second.line1.setText("22 Iffley Road")
    second.postcode.setText("nowhere")
    with pytest.raises(ValidationError) as raised:
        d.intake()
    assert str(raised.value) == "Other address 1: postcode: 'nowhere' is not a UK postcode"
    second.postcode.setText("ox4 1ea")
    d.source.setCurrentIndex(0)
    d.deregistered.clear()
    assert d.intake().other_addresses[0].postcode == "ox4 1ea"
