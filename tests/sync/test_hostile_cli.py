"""``oxfield-server`` given a URL it cannot use, a file that is not a database, or an output path
it cannot write: one line naming what is wrong, never a traceback (nor the URL, which may hold a
password)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.cli import main


def _one_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert len(err) == 1, err
    assert err[0].startswith("oxfield-server: ")
    return err[0]


def test_an_unknown_database_url_scheme_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = _one_line(
        capsys, "--database-url", "nosuchdb://admin:s3cret@host/db", "admin", "devices"
    )
    assert "database" in line and "s3cret" not in line


@pytest.mark.parametrize(
    "url",
    [
        "mysql://u:s3cret@host/db",
        "mssql+pyodbc://u:s3cret@dsn",
        "postgresql+asyncpg://u:s3cret@h/db",
    ],
)
def test_a_database_without_its_driver_is_one_line(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    """A dialect SQLAlchemy knows but whose driver is not installed: say so, not a traceback."""
    line = _one_line(capsys, "--database-url", url, "admin", "devices")
    assert "SQLite or PostgreSQL" in line and "s3cret" not in line


def test_a_file_that_is_not_a_database_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    junk = tmp_path / "server.db"
    junk.write_bytes(b"this is not a database, just some text" * 200)
    before = junk.read_bytes()
    line = _one_line(capsys, "--database-url", f"sqlite:///{junk}", "admin", "devices")
    assert "database" in line
    assert junk.read_bytes() == before


def test_an_export_to_a_missing_folder_names_the_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'ok.db'}"
    out = tmp_path / "no such folder" / "x.csv"
    line = _one_line(
        capsys, "--database-url", url, "admin", "export", "--team", "ehe",
        "--from", "2026-01-01", "--to", "2026-02-01", "--out", str(out),
    )  # fmt: skip
    assert "x.csv" in line and "No such file" in line
