"""The generic record form, built from each spec: checks as typed, Save only when valid, drafts."""

from __future__ import annotations

from datetime import date

import pytest

from PySide6.QtWidgets import QWidget

from oxfield.services.drafts import load_draft, record_form_key
from oxfield.services.record_forms import specs
from oxfield.services.record_forms.fields import FieldType, FormSpec
from ui.forms.record_form import RecordForm

TODAY = date(2026, 12, 3)
#: a valid typed value for fields whose text must have a shape
SAMPLES = {
    "postcode": "OX1 1ND",
    "upn": "A123456789012",
    "value": "07700 900123",
    "date_of_birth": "29/02/2016",
}
FORMS = [*sorted(specs.SPECS), "amend_ehe_visit"]


def spec_of(name: str) -> FormSpec:
    if name.startswith("amend_"):
        return specs.amendment_spec(specs.SPECS[name.removeprefix("amend_")])
    return specs.SPECS[name]


def make(qtbot, runner, vault, name: str) -> RecordForm:
    form = RecordForm(spec_of(name), runner, autosave_ms=50)
    qtbot.addWidget(form)
    refs = {"person_id": [("person-1", "Ana Silva")]}
    form.load(vault, "subject-1", {}, lambda: TODAY, "Test", draft_form=name, references=refs)
    return form


def fill_valid(form: RecordForm) -> None:
    for field in form.spec.fields:
        if field.type in (FieldType.TEXT, FieldType.DATE):
            text = SAMPLES.get(field.name, "01/12/2026" if field.type is FieldType.DATE else "x")
            form.edits[field.name].setText(text)
        elif field.type is FieldType.MULTILINE:
            form.texts[field.name].setPlainText("Some words")
        elif field.type in (FieldType.CHOICE, FieldType.REFERENCE):
            combo = form.combos[field.name]
            combo.setCurrentIndex(combo.count() - 1)


@pytest.mark.parametrize("name", FORMS)
def test_each_form_checks_as_typed_and_enables_save_only_when_valid(
    qtbot, runner, open_vault, name: str
) -> None:
    vault, _ids = open_vault
    form = make(qtbot, runner, vault, name)
    spec = form.spec
    assert form.accessibleName() == f"Edit {spec.title.lower()}"
    for field in spec.fields:
        widget = form.inputs[field.name]
        assert widget.accessibleName() == field.label
    chain, widget = [], form.first_input()  # keyboard order follows the spec
    for _ in spec.fields:
        chain.append(widget)
        widget = widget.nextInFocusChain()
        while not isinstance(widget, tuple(type(w) for w in form.inputs.values())):
            widget = widget.nextInFocusChain()
    assert chain == list(form.inputs.values())

    states: list[bool] = []
    form.sig_validity_changed.connect(states.append)
    fill_valid(form)
    assert form.validate_all(), {n: e.text() for n, e in form.errors.items() if e.text()}
    assert states[-1] is True

    required = [f for f in spec.fields if f.required and f.type is not FieldType.BOOL]
    for field in required:
        if field.type in (FieldType.TEXT, FieldType.DATE):
            form.edits[field.name].clear()
        elif field.type is FieldType.MULTILINE:
            form.texts[field.name].clear()
        else:
            continue  # a required list always holds a choice (or says "Choose…")
        message = form.errors[field.name].text()
        assert message == f"{field.label} is required.", message
        assert form.inputs[field.name].accessibleDescription() == message
        assert states[-1] is False
    for field in spec.fields:
        if field.type is FieldType.DATE:
            edit = form.edits[field.name]
            edit.setText("31/02/2015")
            assert form.errors[field.name].text().startswith(f"{field.label} must be a real date")
            edit.setText("29/02/2016")  # a leap day is a real date
            assert form.errors[field.name].text() == ""

    with qtbot.waitSignal(form.sig_draft_saved, timeout=5000):
        pass  # every change restarted the autosave; it fires once typing stops
    draft = load_draft(vault, name, "subject-1")
    assert draft is not None and draft.fields == {**form.fields(), "display_name": "Test"}


def test_a_reference_field_must_be_chosen(qtbot, runner, open_vault) -> None:
    vault, _ids = open_vault
    form = make(qtbot, runner, vault, "contact_detail")
    person = form.combos["person_id"]
    assert [person.itemText(i) for i in range(person.count())] == ["Choose…", "Ana Silva"]
    fill_valid(form)
    person.setCurrentIndex(0)
    assert form.errors["person_id"].text() == "Person is required."
    person.setCurrentIndex(1)
    assert form.fields()["person_id"] == "person-1" and form.validate_all()
    form.combos["method"].setCurrentIndex(form.combos["method"].findData("email"))
    assert not form.validate_all()  # a phone number is not an email address
    assert "email address" in form.errors["value"].text()


def test_clear_forgets_every_character(qtbot, runner, open_vault) -> None:
    vault, _ids = open_vault
    form = make(qtbot, runner, vault, "parent")
    form.edits["given_names"].setText("فاطمة")
    form.texts["notes"].setPlainText("private")
    form.save_draft_now()
    form.clear()
    assert form.fields()["given_names"] == "" and form.fields()["notes"] == ""
    assert all(not label.text() for label in form.errors.values())
    key = record_form_key("parent", None)
    assert load_draft(vault, "parent", "subject-1") is not None and key == "parent:new"
    assert isinstance(form.first_input(), QWidget)
