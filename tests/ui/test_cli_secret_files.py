"""Secret files as officers make them: saved by Windows Notepad with a byte-order mark, or
in a legacy encoding. The first must work; the second must be one clear line, not a traceback.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.ui.test_cli_vault import one_error_line, oxfield


def test_a_passphrase_file_with_a_byte_order_mark_opens(vault_path: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n")
    out = oxfield(vault_path, "check", "--passphrase-file", str(secret))
    assert out.returncode == 0, out.stderr


def test_a_passphrase_file_not_in_utf8_is_one_clear_line(vault_path: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_bytes("pässwörd für tests".encode("latin-1"))
    line = one_error_line(oxfield(vault_path, "check", "--passphrase-file", str(secret)))
    assert "UTF-8" in line and "passphrase" in line


def test_init_where_no_file_can_be_made_is_one_clear_line(tmp_path: Path) -> None:
    too_long = tmp_path / ("é" * 200 + ".oxv")  # 400 bytes: longer than a file name may be
    line = one_error_line(oxfield(too_long, "init", OXFIELD_PASSPHRASE=PASSPHRASE))
    assert "cannot" in line and "File name too long" in line
    a_file = tmp_path / "plain.txt"
    a_file.write_text("not a folder")
    line = one_error_line(oxfield(a_file / "v.oxv", "init", OXFIELD_PASSPHRASE=PASSPHRASE))
    assert "cannot" in line
    assert a_file.read_text() == "not a folder"
