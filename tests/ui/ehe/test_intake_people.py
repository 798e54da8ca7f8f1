"""The intake's school picker and its parents, carers and addresses, through the widgets.

The school is found by name, town or URN however the officer types it (no apostrophe, an
accent, capitals) and chosen with the keyboard alone; a family with two parents at two
addresses and a carer is recorded whole, each adult with relationship, parental
responsibility and contact details; a half-filled row is named and nothing is written.
"""

from __future__ import annotations

from sqlalchemy import select

from PySide6.QtCore import Qt

from oxfield.domain.ehe import EheCase, EheSource
from oxfield.domain.people import Address, Child, ChildPerson, ContactDetail, Relationship
from oxfield.services import records
from ui.ehe.intake_dialog import CaseIntakeDialog
from ui.ehe.school_picker import SchoolPicker

ST_JOHNS_WALLINGFORD_OPEN = 139762
ST_MARYS_CHIPPING_NORTON = 123227


def loaded_picker(qtbot, runner, vault) -> SchoolPicker:
    picker = SchoolPicker(runner, vault, "School left")
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: bool(picker.schools), timeout=15000)
    return picker


def shown(picker: SchoolPicker) -> list[str]:
    return [picker.matches.item(i).text() for i in range(picker.matches.count())]


def test_school_found_by_name_town_or_urn_any_spelling(qtbot, runner, open_vault) -> None:
    vault, _ids = open_vault
    picker = loaded_picker(qtbot, runner, vault)
    assert len(picker.schools) > 300  # the shipped Oxfordshire list, loaded on first use
    qtbot.keyClicks(picker.search, "st marys chipping")  # no apostrophe, name then town
    assert shown(picker) == [
        "St Mary's Church of England (Aided) Primary School, Chipping Norton, Chipping Norton"
        f" - URN {ST_MARYS_CHIPPING_NORTON}"
    ]
    picker.search.clear()
    picker.search.setText("ST JÖHN’S wallingford")  # capitals, accent, curly apostrophe
    texts = shown(picker)
    assert len(texts) == 2 and texts[0].endswith(f"URN {ST_JOHNS_WALLINGFORD_OPEN}")
    assert texts[1].endswith("(closed)")  # the open school comes first
    picker.search.clear()
    qtbot.keyClicks(picker.search, str(ST_JOHNS_WALLINGFORD_OPEN))
    assert len(shown(picker)) == 1
    picker.search.clear()
    qtbot.keyClicks(picker.search, "no school is called this")
    assert shown(picker) == [] and picker.urn is None


def test_school_chosen_with_the_keyboard_alone(qtbot, runner, open_vault) -> None:
    vault, _ids = open_vault
    picker = loaded_picker(qtbot, runner, vault)
    picker.show()
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "st john's wallingford")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # into the matches
    qtbot.keyClick(picker.matches, Qt.Key.Key_Down)  # the second (the closed one)
    with qtbot.waitSignal(picker.sig_chosen) as chosen:
        qtbot.keyClick(picker.matches, Qt.Key.Key_Return)
    assert chosen.args[0] == 123065 == picker.urn
    assert "123065" in picker.chosen.text() and "closed" in picker.chosen.accessibleDescription()
    # Enter in the search box takes the first match
    picker.search.clear()
    qtbot.keyClicks(picker.search, "st john's wallingford")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.urn == ST_JOHNS_WALLINGFORD_OPEN


def fill_notice(qtbot, d: CaseIntakeDialog) -> None:
    qtbot.keyClicks(d.given, "Zainab")
    qtbot.keyClicks(d.family, "Al-Hashimi")
    qtbot.keyClicks(d.dob, "14/05/2014")
    qtbot.keyClicks(d.address, "7 Marlborough Road")
    qtbot.keyClicks(d.postcode, "ox1 4ln")
    qtbot.keyClicks(d.notified, "02/11/2026")
    qtbot.keyClicks(d.deregistered, "30/10/2026")
    d.source.setCurrentIndex(d.source.findData(EheSource.SCHOOL_DEREGISTRATION.value))


def test_two_parents_a_carer_and_two_addresses(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    d = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: bool(d.school.schools), timeout=15000)
    fill_notice(qtbot, d)
    qtbot.keyClicks(d.school.search, "st marys chipping norton")
    qtbot.keyClick(d.school.search, Qt.Key.Key_Return)
    mother = d.parents.rows[0]
    qtbot.keyClicks(mother.given, "Layla")
    qtbot.keyClicks(mother.family, "Al-Hashimi")
    qtbot.keyClicks(mother.phone, "07700 900123")
    qtbot.keyClicks(mother.email, "layla@example.org")
    qtbot.mouseClick(d.parents.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(d.parents.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(d.parents.add_button, Qt.MouseButton.LeftButton)
    assert [r.title() for r in d.parents.rows][-1] == "Parent or carer 4"
    father, stray, carer = d.parents.rows[1:]
    qtbot.keyClicks(stray.given, "Removed")
    qtbot.mouseClick(stray.remove_button, Qt.MouseButton.LeftButton)
    assert [r.title() for r in d.parents.rows] == [f"Parent or carer {n}" for n in (1, 2, 3)]
    qtbot.keyClicks(father.given, "Omar")
    qtbot.keyClicks(father.family, "Al-Hashimi")
    father.relationship.setCurrentIndex(father.relationship.findData(Relationship.FATHER.value))
    father.educates.setChecked(False)
    qtbot.keyClicks(father.email, "omar@example.org")
    qtbot.keyClicks(carer.given, "Margaret")
    # the carer's family name is left out: one message naming the row and the field
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert d.message.text() == "Parent or carer 3: family name: this is needed"
    qtbot.keyClicks(carer.family, "O'Neill")
    carer.relationship.setCurrentIndex(carer.relationship.findData(Relationship.GRANDPARENT.value))
    carer.responsibility.setChecked(False)
    second = d.other_addresses.add()
    qtbot.keyClicks(second.line1, "22 Iffley Road")
    qtbot.keyClicks(second.town, "Oxford")
    qtbot.keyClicks(second.postcode, "OX4 1EA")
    d.other_addresses.add()  # left blank: ignored
    with qtbot.waitSignal(d.sig_opened, timeout=15000) as opened:
        qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)

    with vault.read() as s:
        case = records.get(s, EheCase, opened.args[0].case_id)
        assert case.school_left_urn == ST_MARYS_CHIPPING_NORTON
        child = records.get(s, Child, case.child_id)
        addresses = {
            (a.line1, a.postcode, a.is_main)
            for a in s.scalars(select(Address).where(Address.child_id == child.id))
        }
        assert addresses == {
            ("7 Marlborough Road", "OX1 4LN", True),
            ("22 Iffley Road", "OX4 1EA", False),
        }
        links = s.scalars(select(ChildPerson).where(ChildPerson.child_id == child.id)).all()
        adults = {
            (link.person.given_names, link.person.family_name): (
                link.relationship_to_child,
                link.parental_responsibility,
                link.provides_education,
                sorted(
                    c.value
                    for c in s.scalars(
                        select(ContactDetail).where(ContactDetail.person_id == link.person_id)
                    )
                ),
            )
            for link in links
        }
    assert adults == {
        ("Layla", "Al-Hashimi"): (
            Relationship.MOTHER,
            True,
            True,
            ["07700 900123", "layla@example.org"],
        ),
        ("Omar", "Al-Hashimi"): (Relationship.FATHER, True, False, ["omar@example.org"]),
        ("Margaret", "O'Neill"): (Relationship.GRANDPARENT, False, True, []),
    }


def test_school_typed_but_not_chosen_is_named(qtbot, runner, open_vault, actor) -> None:
    vault, _ids = open_vault
    d = CaseIntakeDialog(runner, vault, actor)
    qtbot.addWidget(d)
    fill_notice(qtbot, d)
    qtbot.keyClicks(d.school.search, "st marys")
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert d.message.text().startswith("School left: choose one of the matching schools")
    bad = d.parents.rows[0]
    qtbot.keyClicks(bad.given, "Ann")
    qtbot.keyClicks(bad.family, "Smith")
    qtbot.keyClicks(bad.email, "not an address")
    d.school.clear()
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert "Parent or carer 1: email" in d.message.text()
