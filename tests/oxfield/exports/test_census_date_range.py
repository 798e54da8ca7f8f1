"""A census date no return can have (year 1, year 9999: a slip of the keys) is one clear
message naming the field, not "year 0 is out of range" from deep inside the date arithmetic,
and nothing is written to the audit log."""

from __future__ import annotations

from datetime import date

import pytest

from oxfield.errors import ValidationError
from oxfield.exports.ehe_census import export_census
from oxfield.vault.vault import Vault


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1, 8, 31), date(9999, 12, 31)])
def test_a_census_date_out_of_range_is_refused(vault: Vault, day: date) -> None:
    with pytest.raises(ValidationError) as refused:
        export_census(vault, day)
    assert refused.value.field == "census_date"
    assert "census date" in str(refused.value)


def test_a_census_date_in_range_still_exports(vault: Vault) -> None:
    assert export_census(vault, date(2026, 10, 1)).startswith(b"\xef\xbb\xbfcensus_date")
