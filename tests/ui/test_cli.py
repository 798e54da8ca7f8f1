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


# The window's path stubs run_desktop and reports which command modules were imported by then.
_DESKTOP_PATH = """
import sys
import ui.app
ui.app.run_desktop = lambda vault_path: print(
    vault_path, sorted(m for m in sys.modules if m.startswith("ui.commands"))
) or 0
from ui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_opening_the_window_does_not_import_the_commands() -> None:
    """The subcommands import much of the core; the window must not wait for them."""
    out = subprocess.run(
        [sys.executable, "-c", _DESKTOP_PATH, "--vault", "v.oxv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "v.oxv []"


def test_help_still_lists_the_commands_and_self_test_takes_none() -> None:
    helped = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "licensing" in helped.stdout and "--self-test" in helped.stdout
    both = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "--self-test",
            "rules",
            "age",
            "--dob",
            "2014-02-29",
            "--on",
            "2026-12-04",
        ],
        capture_output=True,
        text=True,
    )
    assert both.returncode == 2
    assert "--self-test takes no command" in both.stderr


def test_the_window_path_keeps_what_the_whole_parser_allowed() -> None:
    """An abbreviation still opens the window on the vault it names; help before a mistake is
    still help; a mistake gets the whole command line's usage."""
    abbreviated = subprocess.run(
        [sys.executable, "-c", _DESKTOP_PATH, "--vau", "v.oxv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert abbreviated.stdout.startswith("v.oxv ")
    helped = subprocess.run(
        [sys.executable, "-m", "ui.cli", "-h", "--vault"], capture_output=True, text=True
    )
    assert helped.returncode == 0 and "licensing" in helped.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--vault"], capture_output=True, text=True
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("usage: oxfield [-h]") and "COMMAND" in missing.stderr


def test_an_empty_vault_path_is_refused_not_taken_as_the_current_folder() -> None:
    for args in (["--vault="], ["--vault", ""], ["--vault", " ", "vault", "check"]):
        out = subprocess.run(
            [sys.executable, "-m", "ui.cli", *args], capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 2, args
        assert "--vault: needs the path of a vault file" in out.stderr
        assert "Traceback" not in out.stderr
