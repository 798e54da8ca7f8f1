"""Test 2: nothing readable on disk. The vault file never starts with SQLite's header, and a
marker written into a record and into an attachment appears in none of the vault's files (the
database, its WAL, shared memory or journal, the key and state files), nor in the temp folder,
nor in anything logged or printed.

"The temp folder" is this run's own (``tests/conftest.py`` points ``tempfile`` and ``TMPDIR``
at a fresh folder for the run, children included), so other suites sharing the machine's temp
folder neither slow the scan nor trip it; the last test shows the scan still finds a marker
that code, in this process or a child, writes to a temporary file.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from oxfield.services import attachments
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.oxfield.vault.helpers import SQLITE_HEADER

MARKER = "ZQX-synthetic-marker-7741"


def _every_file_near(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _recent_temp_files(since: float) -> list[Path]:
    """Files this run's temporary folder gained since ``since`` (the vault folders included:
    pytest makes them there too)."""
    found = []
    for p in Path(tempfile.gettempdir()).rglob("*"):
        try:
            if p.is_file() and p.stat().st_mtime >= since and p.stat().st_size < 200 * 1024**2:
                found.append(p)
        except OSError:
            continue  # other programs' files come and go
    return found


def _assert_absent(paths: list[Path], needles: list[bytes]) -> int:
    checked = 0
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        checked += 1
        for needle in needles:
            assert needle not in data, f"marker found in {path.name}"
    return checked


def test_marker_never_reaches_the_disk_or_the_logs(
    vault_path: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    started = time.time() - 1
    needles = [MARKER.encode(), MARKER.encode("utf-16-le"), MARKER.encode().hex().encode()]
    v = Vault.unlock(vault_path, PASSPHRASE)
    with v.write() as s:
        s.execute(
            text(
                "INSERT INTO draft (id, form, payload, updated_at) "
                "VALUES ('d1', 'visit', :p, '2026-01-01 00:00:00')"
            ),
            {"p": f'{{"note": "{MARKER}"}}'},
        )
    blob = (MARKER.encode() + b"\n" + b"synthetic photo bytes " * 1000) * 3
    attachments.store(v, io.BytesIO(blob), "text/plain")
    # while open: the WAL and shared-memory files hold the fresh pages
    folder = vault_path.parent
    open_files = _every_file_near(folder)
    assert any(p.name.endswith("-wal") for p in open_files)
    assert _assert_absent(open_files, needles) >= 3
    with v.read() as s:
        payload = s.execute(text("SELECT payload FROM draft WHERE id = 'd1'")).scalar_one()
    assert MARKER in payload  # it really was written
    v.lock()

    closed = _every_file_near(folder)
    assert _assert_absent(closed, needles) >= 2
    assert vault_path.read_bytes()[:16] != SQLITE_HEADER
    assert _assert_absent(_recent_temp_files(started), needles) >= 2  # the vault's, at least
    out, err = capfd.readouterr()
    for stream in (out, err, caplog.text):
        assert MARKER not in stream


def test_new_and_rekeyed_files_never_start_with_the_sqlite_header(vault_path: Path) -> None:
    assert vault_path.read_bytes()[:16] != SQLITE_HEADER
    v = Vault.unlock(vault_path, PASSPHRASE)
    v.rekey(PASSPHRASE)
    v.lock()
    head = vault_path.read_bytes()[:16]
    assert head != SQLITE_HEADER
    assert head != bytes(16)


def test_the_temp_scan_is_this_runs_and_finds_what_code_writes_there() -> None:
    root = Path(tempfile.gettempdir())
    assert root.name.startswith("oxfield-tests-")  # the run's own, not the shared one
    assert os.environ["TMPDIR"] == str(root)
    started = time.time() - 1
    needles = [MARKER.encode()]
    assert _assert_absent(_recent_temp_files(started), needles) >= 0
    with tempfile.NamedTemporaryFile(suffix=".tmp") as handle:
        handle.write(f"note: {MARKER}".encode())
        handle.flush()
        with pytest.raises(AssertionError, match="marker found"):
            _assert_absent(_recent_temp_files(started), needles)
    # a child process (the server, the CLI) writes where TMPDIR says: still inside the scan
    child = (
        "import sys, tempfile\n"
        "f = tempfile.NamedTemporaryFile(delete=False)\n"
        "f.write(sys.argv[1].encode()); f.close(); print(f.name)"
    )
    made = subprocess.run(
        [sys.executable, "-c", child, MARKER], check=True, capture_output=True, text=True
    ).stdout.strip()
    try:
        assert Path(made).is_relative_to(root)
        with pytest.raises(AssertionError, match="marker found"):
            _assert_absent(_recent_temp_files(started), needles)
    finally:
        Path(made).unlink()
