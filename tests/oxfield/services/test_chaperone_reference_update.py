"""Recording the references step again, once a reference has arrived, keeps what was typed.

The first time, the officer records two referees before their references come back (no date,
not satisfactory). When they arrive the officer ticks them and records the step again: the
step used to skip every referee it already knew, so the new date and tick were silently
dropped and the applicant could never reach two satisfactory references through the form.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from oxfield.clock import FixedClock
from oxfield.domain.chaperones import Chaperone
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_forms import recorded_fields, save_step
from oxfield.services.records import Actor, writing
from oxfield.vault.vault import Vault

TODAY = date(2026, 12, 3)
ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))
PENDING = {
    "referee_1_name": "Anna Kowalska",
    "referee_1_relationship": "former employer",
    "referee_1_received_on": "",
    "referee_1_satisfactory": "no",
    "referee_2_name": "Ben Smith",
    "referee_2_relationship": "neighbour",
    "referee_2_received_on": "",
    "referee_2_satisfactory": "no",
}


def test_a_reference_received_later_is_recorded(vault: Vault) -> None:
    application = {
        "family_name": "Nowak",
        "given_names": "Zoë",
        "date_of_birth": "01/01/1990",
        "applied_on": "01/11/2026",
    }
    with writing(vault, ACTOR) as s:
        cid = save_step(s, "application", None, application, TODAY)
    with writing(vault, ACTOR) as s:
        save_step(s, "references", cid, PENDING, TODAY)
    arrived = PENDING | {
        "referee_1_received_on": "02/12/2026",
        "referee_1_satisfactory": "yes",
        "referee_1_relationship": "manager at her last job",
        "referee_2_received_on": "03/12/2026",
        "referee_2_satisfactory": "yes",
    }
    with writing(vault, ACTOR) as s:
        save_step(s, "references", cid, arrived, TODAY)
    with vault.read() as s:
        chaperone = s.get(Chaperone, cid)
        assert chaperone is not None
        refs = ch.references_of(s, chaperone)
        assert [(r.referee_name, r.received_on, r.satisfactory) for r in refs] == [
            ("Anna Kowalska", date(2026, 12, 2), True),
            ("Ben Smith", date(2026, 12, 3), True),
        ]
        assert recorded_fields(s, cid)["references"] == arrived
