"""``oxfield licensing due --days N`` with a number no list could use (a key held down) is a
usage message naming --days, not an OverflowError traceback from the date arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from ui.cli import main


@pytest.mark.parametrize("days", ["3000000", "99999999999", "-1"])
def test_a_days_ahead_out_of_range_is_a_usage_error(
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    days: str,
) -> None:
    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)
    with pytest.raises(SystemExit) as exit_info:
        main(["--vault", str(vault_path), "licensing", "due", "--days", days])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--days" in err and "between 0 and 3650" in err and "Traceback" not in err


def test_a_days_ahead_in_range_lists(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OXFIELD_PASSPHRASE", PASSPHRASE)
    assert main(["--vault", str(vault_path), "licensing", "due", "--days", "3650"]) == 0
    assert "Nothing due." in capsys.readouterr().out
