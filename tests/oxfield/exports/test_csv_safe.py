"""Formula-looking text is defused; commas, quotes, newlines and every script round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oxfield.exports.csv_safe import read_csv, safe_cell, to_csv, unsafe_text

NASTY = [
    '=HYPERLINK("http://example.invalid","x")',
    "+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\rReturned",
    'Smith, "Jo" & <Sons>\nsecond line',
    "O’Brien-Żak, Łukasz",
    "王小明, عبد الله, Ирина",
]


@pytest.mark.parametrize("text", NASTY)
def test_round_trip_and_no_formula(text: str) -> None:
    data = to_csv(["field"], [[text], [42]])
    rows = read_csv(data)
    assert rows[2] == ["42"]
    cell = rows[1][0]
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unsafe_text(cell) == text


def test_numbers_stay_numbers() -> None:
    assert safe_cell(-3) == -3
    assert safe_cell("-3") == "'-3"
    assert safe_cell(None) == ""


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_text_round_trips(cells: list[str]) -> None:
    rows = read_csv(to_csv(["a"] * len(cells), [cells]))
    assert [unsafe_text(c) for c in rows[1]] == [c.replace("\r\n", "\r\n") for c in cells]
