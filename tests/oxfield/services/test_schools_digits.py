"""A GIAS extract whose numbers use digits Python counts as digits but cannot read as a number
(superscripts) or digits from another script: each bad row is reported by column, the good rows
load, and nothing raises."""

from __future__ import annotations

from oxfield.services.schools import RowProblem, import_schools_text
from oxfield.vault.vault import Vault

HEADER = "URN,LA (code),EstablishmentNumber,EstablishmentName,EstablishmentStatus (name)\n"


def test_numbers_in_other_digits_are_row_problems(vault: Vault) -> None:
    text = (
        HEADER
        + "¹²³⁴⁵⁶,931,2001,Superscript Synthetic School,Open\n"
        + "900101,931,²⁰⁰¹,Superscript Number School,Open\n"
        + "٩٠٠١٠٢,931,2002,Arabic Digit School,Open\n"
        + "900103,931,2003,Plain Synthetic School,Open\n"
    )
    report = import_schools_text(vault, text, "hostile.csv")
    assert report.added == 1
    assert [(p.line, p.field) for p in report.problems] == [
        (2, "URN"),
        (3, "EstablishmentNumber"),
        (4, "URN"),
    ]
    assert all(isinstance(p, RowProblem) for p in report.problems)
