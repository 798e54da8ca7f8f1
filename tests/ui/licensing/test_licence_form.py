"""The licence and BOPA entry forms driven through their real widgets and a real task runner.

A wrong field gets its own message as it is typed and Save stays off; the rules engine's
findings (short notice, seven days running, too many children for one chaperone) appear with
their regulations before anything is saved; the draft is in the vault, survives a lock and
comes back; saving grants the licence and forgets the draft. A signed BOPA for the same
production and period then shows up on an unpaid application as the alternative.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from PySide6.QtCore import Qt

from oxfield.clock import FixedClock
from oxfield.domain.licensing import Bopa, Licence, LicenceStatus
from oxfield.services import chaperones as ch
from oxfield.services.drafts import load_draft
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault
from tests.ui.conftest import unlock
from ui.licensing.bopa_form import BopaForm
from ui.licensing.licence_form import LicenceForm
from ui.tasks import TaskRunner

SEVEN_DAYS = ", ".join(f"{d:02d}/10/2026" for d in range(1, 8))


class Desk:
    def __init__(self, qtbot, vault: Vault) -> None:
        self.qtbot, self.vault = qtbot, vault
        self.actor = Actor("officer-1", clock=FixedClock(datetime(2026, 9, 20, 9, tzinfo=UTC)))
        with writing(vault, self.actor) as s:
            chaperone = ch.new_applicant(
                s,
                family_name="Kowalczyk",
                given_names="Mirela",
                date_of_birth=date(1980, 2, 29),
                applied_on=date(2025, 3, 2),
            )
            chaperone.approved_until = date(2028, 3, 31)
            s.flush()
            self.chaperone_id = chaperone.id
        self.runner = TaskRunner()

    def open(self, kind: type[LicenceForm] | type[BopaForm]):
        form = kind(autosave_ms=20)
        self.qtbot.addWidget(form)
        form.use(self.vault, self.actor, self.runner)
        form.show()
        self.qtbot.waitUntil(lambda: not self.runner.busy, timeout=5000)
        return form

    def type_into(self, form, values: dict[str, str]) -> None:
        for name, text in values.items():
            if name in form.ticks:
                form.ticks[name].setChecked(text == "yes")
            elif name in form.choices:
                combo = form.choices[name]
                combo.setCurrentIndex(combo.findData(text))
            else:
                form.edits[name].clear()
                self.qtbot.keyClicks(form.edits[name], text)


@pytest.fixture
def desk(qtbot, vault: Vault) -> Iterator[Desk]:
    made = Desk(qtbot, vault)
    yield made
    made.runner.shutdown()


APPLICATION = {
    "given_names": "Layla",
    "family_name": "Haddad",
    "date_of_birth": "04/04/2015",
    "production": "Oliver!",
    "applicant_name": "Cherwell Youth Theatre",
    "received_on": "20/09/2026",
    "venues": "Mill Arts Centre, Banbury",
    "dates": SEVEN_DAYS,
    "paid": "yes",
    "school_absence": "yes",
    "education_arrangements": "Tutor at the venue, 3 hours a day",
    "tutor_name": "Priya Sharma-Lowe",
    "children_in_chaperone_group": "13",
}


def test_licence_checked_as_typed_findings_draft_and_grant(desk: Desk) -> None:
    qtbot = desk.qtbot
    form = desk.open(LicenceForm)
    assert form.choices["chaperone_id"].count() == 2  # "None" and the approved chaperone
    assert not any(label.text() for label in form.errors.values())  # nothing touched yet
    desk.type_into(form, {**APPLICATION, "date_of_birth": "31/02/2015"})
    assert form.errors["date_of_birth"].text().startswith("Child's date of birth: type a date")
    assert (
        form.edits["date_of_birth"].accessibleDescription() == form.errors["date_of_birth"].text()
    )
    assert not form.save_button.isEnabled()
    desk.type_into(form, {"date_of_birth": "04/04/2015", "chaperone_id": desk.chaperone_id})
    assert not any(label.text() for label in form.errors.values())
    assert form.save_button.isEnabled()

    qtbot.waitUntil(lambda: form.findings.count() == 3, timeout=5000)
    shown = [form.findings.item(i).text() for i in range(form.findings.count())]
    assert any(t.startswith("Warning") and t.endswith("(SI 2014/3309 reg 4)") for t in shown)
    assert any("(SI 2014/3309 reg 26)" in t for t in shown)  # seven days running
    assert any("13 children" in t and "(SI 2014/3309 reg 15)" in t for t in shown)

    qtbot.waitUntil(lambda: load_draft(desk.vault, "licence_application", None) is not None)
    draft = load_draft(desk.vault, "licence_application", None)
    assert draft is not None and draft.fields["dates"] == SEVEN_DAYS
    form.detach()  # what locking does: the draft is kept, the form forgets
    assert form.edits["given_names"].text() == ""

    again = desk.open(LicenceForm)
    assert again.edits["given_names"].text() == "Layla"
    assert again.choices["chaperone_id"].currentData() == desk.chaperone_id
    assert "restored" in again.draft_label.text()
    desk.type_into(again, {"granted": "yes", "children_in_chaperone_group": "12"})
    with qtbot.waitSignal(again.sig_saved, timeout=5000) as saved:
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].endswith("granted.")
    assert again.message.text() == saved.args[0]
    assert again.edits["given_names"].text() == ""
    assert load_draft(desk.vault, "licence_application", None) is None
    with desk.vault.read() as s:
        licence = s.query(Licence).one()
        assert licence.status is LicenceStatus.GRANTED
        assert licence.chaperone_id == desk.chaperone_id
        assert licence.tutor_name == "Priya Sharma-Lowe"


def test_a_signed_bopa_is_offered_instead_on_an_unpaid_application(desk: Desk) -> None:
    qtbot = desk.qtbot
    bopa = desk.open(BopaForm)
    desk.type_into(
        bopa,
        {
            "organisation": "Banbury Amateur Operatic Society",
            "production": "Oliver!",
            "valid_from": "01/10/2026",
            "valid_to": "01/09/2026",
            "approved": "yes",
        },
    )
    assert bopa.errors["valid_to"].text() == "Approval to: is before the approval's start"
    assert not bopa.save_button.isEnabled()
    desk.type_into(bopa, {"valid_to": "31/10/2026"})
    with qtbot.waitSignal(bopa.sig_saved, timeout=5000):
        qtbot.mouseClick(bopa.save_button, Qt.MouseButton.LeftButton)
    assert "approved and signed" in bopa.message.text()
    with desk.vault.read() as s:
        assert s.query(Bopa).one().signed

    form = desk.open(LicenceForm)
    unpaid = {**APPLICATION, "paid": "no", "school_absence": "no", "dates": "03/10/2026"}
    unpaid["children_in_chaperone_group"] = ""
    desk.type_into(form, unpaid)
    qtbot.waitUntil(lambda: form.findings.count() >= 2, timeout=5000)
    shown = [form.findings.item(i).text() for i in range(form.findings.count())]
    assert any("body of persons approval" in t and "(CYPA 1963 s37(3)(b))" in t for t in shown)
    assert any("4-day exemption" in t and "(CYPA 1963 s37(3)(a))" in t for t in shown)


def test_the_workspace_opens_the_licence_form(qtbot, flow) -> None:
    unlock(qtbot, flow)
    workspace = flow.window.workspace
    workspace.show_area(workspace.AREAS.index("New licence"))
    form = workspace.current_view()
    assert isinstance(form, LicenceForm) and form.vault is not None
    workspace.show_area(workspace.AREAS.index("New BOPA"))
    assert isinstance(workspace.current_view(), BopaForm)
