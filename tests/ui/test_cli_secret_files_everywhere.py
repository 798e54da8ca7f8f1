"""Every command that opens the vault reads a passphrase file the same way as ``oxfield vault``:
a Windows Notepad byte-order mark is not part of the secret, and a file in a legacy encoding is
one clear line naming the problem, not a UnicodeDecodeError traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.ui.test_cli_vault import one_error_line

COMMANDS = (
    ("schools", "find", "Synthetic"),
    ("cases", "list"),
    ("licensing", "due"),
)


def _oxfield(vault: Path, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OXFIELD_")}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--vault", str(vault), *args],
        capture_output=True,
        text=True,
        env=clean,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_byte_order_mark_is_not_part_of_the_passphrase(
    vault_path: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n")
    out = _oxfield(vault_path, *command, "--passphrase-file", str(secret))
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_passphrase_file_not_in_utf8_is_one_clear_line(
    vault_path: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_bytes("pässwörd für tests".encode("latin-1"))
    line = one_error_line(_oxfield(vault_path, *command, "--passphrase-file", str(secret)))
    assert "UTF-8" in line and "passphrase" in line
