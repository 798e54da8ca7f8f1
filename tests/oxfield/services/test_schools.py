"""School lists: the shipped Oxfordshire file and a GIAS-shaped extract."""

from __future__ import annotations

import os
import subprocess
import sys
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
from tests.conftest import PASSPHRASE

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


def _cli(vault_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OXFIELD_PASSPHRASE": PASSPHRASE}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--vault", str(vault_path), "schools", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_command_line_import_reports_bad_rows(vault_path: Path) -> None:
    out = _cli(vault_path, "import", str(SAMPLE))
    assert out.returncode == 1
    assert out.stdout.strip() == "gias: 4 added, 0 updated, 0 unchanged, 3 rows not read"
    assert "line 5: URN:" in out.stderr and "Traceback" not in out.stderr
    found = _cli(vault_path, "find", "st aidans")
    assert found.returncode == 0
    assert found.stdout.startswith("900002\t9314001\tSt Aidan’s Synthetic Academy")


def test_command_line_refuses_a_missing_file_in_one_line(vault_path: Path) -> None:
    out = _cli(vault_path, "import", "/nonexistent/gias.csv")
    assert out.returncode == 1
    assert out.stderr.startswith("oxfield: cannot read the school file")
    assert len(out.stderr.strip().splitlines()) == 1
