"""docs/rules-sources.md stays in step with the shipped rule tables it documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oxfield.rules.tables import parse_table
from oxfield.rules.tables_doc import BEGIN, END, render, replace_block, shipped_tables

DOC = Path(__file__).resolve().parents[3] / "docs" / "rules-sources.md"
CHECKED = ("performance", "employment")  # the tables whose S and U values were checked


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_generated_table_matches_the_shipped_json() -> None:
    block = _doc()[_doc().index(BEGIN) : _doc().index(END) + len(END)]
    assert block == render(shipped_tables()), (
        "docs/rules-sources.md is stale: run python -m oxfield.rules.tables_doc "
        "docs/rules-sources.md"
    )


def test_every_value_of_every_table_has_a_row() -> None:
    doc = _doc()
    for table in shipped_tables():
        for key in table.entries:
            assert f"| `{table.name}.{key}` |" in doc, f"{table.name}.{key}"


def _still_to_verify() -> set[str]:
    doc = _doc()
    section = doc[doc.index("## Still to verify") : doc.index("## Every value")]
    return set(re.findall(r"`(\w+\.\w+)`", section))


def test_the_to_verify_list_names_exactly_the_unconfirmed_values_checked() -> None:
    listed = _still_to_verify()
    tables = {t.name: t for t in shipped_tables()}
    for name in listed:
        table, key = name.split(".")
        assert key in tables[table].entries, f"{name} is listed but is no table value"
        assert tables[table].entries[key].versions[-1].confidence != "C", f"{name} is confirmed"
    unconfirmed = {
        f"{name}.{key}"
        for name in CHECKED
        for key, entry in tables[name].entries.items()
        if entry.versions[-1].confidence != "C"
    }
    assert unconfirmed == listed


def test_rows_show_units_bands_times_and_the_oxfordshire_mark() -> None:
    table = parse_table(
        {
            "format": 1,
            "table": "demo",
            "values": {
                "venue": {
                    "kind": "minutes",
                    "regulation": "Demo reg 1",
                    "versions": [
                        {
                            "effective_from": "2015-02-06",
                            "confidence": "S",
                            "source": "a | b",
                            "by_age": [
                                {"from_age": 0, "value": 300},
                                {"from_age": 9, "value": 570},
                            ],
                        }
                    ],
                },
                "start": {
                    "kind": "clock",
                    "regulation": "Demo reg 2",
                    "versions": [
                        {
                            "effective_from": "2015-02-06",
                            "confidence": "U",
                            "source": "c",
                            "oxfordshire": True,
                            "note": "two\nlines",
                            "value": "07:30",
                        }
                    ],
                },
            },
        },
        "demo.json",
    )
    text = render([table])
    assert "### demo (0 C, 1 S, 1 U, by the version now in force)" in text
    assert "| age 0+: 300 min (5 h); age 9+: 570 min (9 h 30 min) | S | a \\| b |" in text
    assert "| `demo.start` | Demo reg 2 | 2015-02-06 | 07:30 | U (Oxon) | c | two lines |" in text


def test_replacing_needs_the_markers() -> None:
    assert replace_block(f"x\n{BEGIN}\nold\n{END}\ny", "new") == "x\nnew\ny"
    with pytest.raises(ValueError, match="markers"):
        replace_block("no markers here", "new")
