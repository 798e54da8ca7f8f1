"""School lists: the shipped Oxfordshire file and a GIAS-shaped extract."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from oxfield.domain.schools import School
from oxfield.errors import ValidationError
from oxfield.services.schools import (
    RowProblem,
    find_schools,
    import_default_schools,
    import_schools,
    school_count,
)
from oxfield.vault.vault import Vault

SAMPLE = Path(__file__).parent / "data" / "gias_sample.csv"


def test_gias_extract_loads_good_rows_and_reports_bad_ones(vault: Vault) -> None:
    report = import_schools(vault, SAMPLE)
    assert report.source == "gias"
    assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
    assert report.problems == [
        RowProblem(5, "URN", "a URN is a number of six or seven digits"),
        RowProblem(6, "OpenDate", "not a date (expected dd-mm-yyyy)"),
        RowProblem(7, "EstablishmentName", "is empty"),
    ]
    with vault.read() as s:
        academy = s.get(School, 900002)
        assert academy is not None
        assert academy.laestab == "9314001" and academy.phase == "Secondary"
        assert academy.type_of_establishment == "Academy converter"
        assert academy.open_date == date(2015, 9, 1) and academy.open
        special = s.get(School, 900003)
        assert special is not None
        assert special.name == "Brook Synthetic School, Special"
        assert not special.open and special.close_date == date(2014, 8, 31)
        proposed = s.get(School, 900007)
        assert proposed is not None and proposed.open


def test_reimport_updates_rather_than_duplicates(vault: Vault, tmp_path: Path) -> None:
    import_schools(vault, SAMPLE)
    changed = SAMPLE.read_text(encoding="utf-8").replace(
        "Synthetic Meadow Primary School", "Synthetic Meadow Church of England Primary School"
    )
    second = tmp_path / "gias_again.csv"
    second.write_bytes(changed.encode("cp1252"))  # GIAS often exports Windows-1252
    report = import_schools(vault, second)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
    with vault.read() as s:
        assert len(s.scalars(select(School)).all()) == 4
        school = s.get(School, 900001)
        assert school is not None and "Church of England" in school.name
        aidan = s.get(School, 900002)
        assert aidan is not None and aidan.name == "St Aidan’s Synthetic Academy"


def test_shipped_oxfordshire_list_and_search(vault: Vault) -> None:
    report = import_default_schools(vault)
    assert report.source == "oxfordshire" and report.problems == []
    assert report.added == school_count(vault) == 362
    # then the council's GIAS file updates the same URNs instead of adding rows
    assert import_default_schools(vault).unchanged == 362
    hits = find_schools(vault, "Orchard Fields")
    assert [h.urn for h in hits] == [122994]
    assert hits[0].postcode == "OX16 0QT" and hits[0].open
    apostrophe = [s for s in find_schools(vault, limit=400) if "'" in s.name or "’" in s.name]
    assert apostrophe
    name = apostrophe[0].name
    plain = name.replace("'", "").replace("’", "")
    assert apostrophe[0].urn in {h.urn for h in find_schools(vault, plain)}


def test_a_file_that_is_not_a_school_list_is_refused(vault: Vault, tmp_path: Path) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="not a school list") as caught:
        import_schools(vault, bad)
    assert caught.value.field == "header"
    assert school_count(vault) == 0
