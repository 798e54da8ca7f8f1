"""The ``oxfield`` command's own contract: version and usage."""

from __future__ import annotations

import subprocess
import sys

from oxfield import __version__


def test_version_is_printed() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"oxfield {__version__}"


def test_unknown_command_is_a_usage_error() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "no-such-command"], capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "invalid choice" in out.stderr
