"""The permit's child in the vault: recording refuses a second copy of a child already there
(name written any way, same birthday) unless told it is another child, uses a picked child, and
says nothing personal when it refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from oxfield.clock import FixedClock
from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.errors import ValidationError
from oxfield.services.employment_children import find_children, same_children
from oxfield.services.employment_forms import record_from_form
from oxfield.services.records import Actor, create_child, writing
from oxfield.vault.vault import Vault
from tests.oxfield.services.test_employment_forms import BASE

TODAY = date(2026, 8, 25)
ACTOR = Actor("officer-1", clock=FixedClock(datetime(2026, 8, 25, 9, 0, tzinfo=UTC)))
FIELDS = {
    **BASE,
    "child_given_names": "Siobhán",
    "child_family_name": "D’Arcy",
    "child_date_of_birth": "29/02/2012",
    "term_sat": "09:00-10:00",
}


def existing(vault: Vault) -> str:
    with writing(vault, ACTOR) as s:
        child = create_child(
            s,
            team=Team.EHE,
            legal_family_name="D'Arcy",
            legal_given_names="SIOBHAN",
            date_of_birth=date(2012, 2, 29),
        )
        s.flush()
        return child.id


def children(vault: Vault) -> int:
    with vault.read() as s:
        return s.scalar(select(func.count()).select_from(Child)) or 0


def test_a_second_copy_is_refused_without_naming_the_child(vault: Vault) -> None:
    existing(vault)
    with pytest.raises(ValidationError) as refused, writing(vault, ACTOR) as s:
        record_from_form(s, FIELDS, TODAY)
    assert refused.value.field == "child_given_names"
    assert "Arcy" not in str(refused.value) and "2012" not in str(refused.value)
    assert children(vault) == 1


def test_picked_child_or_a_confirmed_other(vault: Vault) -> None:
    child_id = existing(vault)
    with writing(vault, ACTOR) as s:
        record_from_form(s, {**FIELDS, "child_id": child_id}, TODAY)
    assert children(vault) == 1
    with writing(vault, ACTOR) as s:
        record_from_form(s, {**FIELDS, "new_child": "yes"}, TODAY)
        assert len(same_children(s, "siobhan", "darcy", date(2012, 2, 29))) == 2
        assert same_children(s, "Siobhan", "DArcy", date(2012, 3, 1)) == []
    assert children(vault) == 2


def test_find_by_words_and_birthday(vault: Vault) -> None:
    child_id = existing(vault)
    assert [c.id for c in find_children(vault, "darcy siobhan")] == [child_id]
    assert [c.id for c in find_children(vault, "2012-02-29")] == [child_id]
    assert find_children(vault, "siobhan 28/02/2012") == []
    assert find_children(vault, "   ") == []
