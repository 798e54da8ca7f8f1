"""An EHE register whose school URN is typed in digits Python counts as digits but ``int()``
cannot read (superscripts): a row problem naming the line and column, never a Python error,
and nothing half-imported."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from oxfield.domain.ehe import EheCase
from oxfield.services import ehe_register
from oxfield.services.records import Actor
from oxfield.services.schools import import_default_schools
from oxfield.vault.vault import Vault

REGISTER_HEADER = (
    "child_family_name,child_given_names,date_of_birth,address_line1,postcode,date_notified,"
    "school_urn\n"
)
GOOD_ROW = "Synthetic,Ann,2016-02-29,1 Test Road,OX1 1AA,2025-01-06,\n"


def _cases(vault: Vault) -> int:
    with vault.read() as s:
        return int(s.scalar(select(func.count()).select_from(EheCase)) or 0)


def test_a_superscript_school_urn_is_a_row_problem(vault: Vault) -> None:
    import_default_schools(vault)
    data = (REGISTER_HEADER + GOOD_ROW + "Synthetic,Ben,2015-03-01,2 Test Road,OX1 1AB,"
            "2025-01-06,¹²³⁴⁵⁶\n").encode()  # fmt: skip
    with pytest.raises(ehe_register.RegisterRejectedError) as rejected:
        ehe_register.import_register(vault, Actor("officer-1"), data)
    assert [(p.line, p.field) for p in rejected.value.problems] == [(3, "school_urn")]
    assert _cases(vault) == 0
