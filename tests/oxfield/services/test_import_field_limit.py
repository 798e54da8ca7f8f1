"""A damaged import file: a stray quote that swallows the rest of a big file into one cell
(beyond the csv module's field limit) is one clear message naming the line, never a Python
error, and nothing is half-imported."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from oxfield.domain.ehe import EheCase
from oxfield.errors import ValidationError
from oxfield.services import ehe_register
from oxfield.services.records import Actor
from oxfield.services.schools import import_schools_text, school_count
from oxfield.vault.vault import Vault

REGISTER_HEADER = (
    "child_family_name,child_given_names,date_of_birth,address_line1,postcode,date_notified\n"
)
GOOD_ROW = "Synthetic,Ann,2016-02-29,1 Test Road,OX1 1AA,2025-01-06\n"


def _cases(vault: Vault) -> int:
    with vault.read() as s:
        return int(s.scalar(select(func.count()).select_from(EheCase)) or 0)


def test_a_stray_quote_in_a_big_register_is_one_clear_problem(vault: Vault) -> None:
    data = (REGISTER_HEADER + GOOD_ROW + '"Synthetic,Cat\n' + "x" * 200_000 + "\n").encode()
    with pytest.raises(ValidationError) as refused:
        ehe_register.import_register(vault, Actor("officer-1"), data)
    assert "line 3" in str(refused.value) or any(
        p.line == 3 for p in getattr(refused.value, "problems", [])
    )
    assert "Synthetic" not in str(refused.value)  # the message quotes no one's data
    assert _cases(vault) == 0


def test_a_stray_quote_in_a_big_school_list_is_a_problem_by_line(vault: Vault) -> None:
    """The school list loads every good row and lists the rest (its contract), so the rows
    before the damage load and the damage is one problem naming its line."""
    text = 'URN,EstablishmentName\n900201,Good School\n"900202,Bad\n' + "x" * 200_000 + "\n"
    report = import_schools_text(vault, text, "damaged.csv")
    assert [(p.line, p.field) for p in report.problems] == [(3, "file")]
    assert "cannot be read from this line on" in str(report.problems[0])
    assert school_count(vault) == 1


def test_a_school_list_whose_header_is_damaged_is_refused(vault: Vault) -> None:
    with pytest.raises(ValidationError) as refused:
        import_schools_text(vault, '"URN,' + "x" * 200_000, "damaged.csv")
    assert "line 1" in str(refused.value)
