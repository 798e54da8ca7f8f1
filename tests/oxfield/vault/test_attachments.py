"""Attachments: content-addressed by SHA-256, streamed in and out in chunks, stored once."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import text

from oxfield.errors import VaultDamagedError
from oxfield.services import attachments
from oxfield.vault.attachments import CHUNK_BYTES
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE

MIB = 1024 * 1024


def test_round_trip_and_hash_name(vault: Vault) -> None:
    content = os.urandom(2 * CHUNK_BYTES + 123)
    stored = attachments.store(vault, io.BytesIO(content), "image/jpeg")
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content) and stored.added
    pieces = list(attachments.read(vault, stored.sha256))
    assert len(pieces) == 3
    assert b"".join(pieces) == content
    assert attachments.info(vault, stored.sha256).media_type == "image/jpeg"


def test_empty_file(vault: Vault) -> None:
    stored = attachments.store(vault, io.BytesIO(b""))
    assert stored.sha256 == hashlib.sha256(b"").hexdigest()
    assert list(attachments.read(vault, stored.sha256)) == []


def test_identical_content_is_stored_once(vault: Vault) -> None:
    content = b"synthetic scanned letter " * 50_000
    first = attachments.store(vault, io.BytesIO(content))
    second = attachments.store(vault, io.BytesIO(content), "application/pdf")
    assert first.sha256 == second.sha256
    assert not second.added
    with vault.read() as s:
        assert s.execute(text("SELECT count(*) FROM attachment")).scalar_one() == 1
        chunks = s.execute(text("SELECT count(*) FROM attachment_chunk")).scalar_one()
    assert chunks == -(-len(content) // CHUNK_BYTES)


def test_unknown_hash_is_a_clear_error(vault: Vault) -> None:
    with pytest.raises(attachments.AttachmentMissingError):
        list(attachments.read(vault, "0" * 64))


def test_altered_chunk_is_detected_on_read(vault: Vault) -> None:
    stored = attachments.store(vault, io.BytesIO(os.urandom(CHUNK_BYTES + 10)))
    with vault.write() as s:
        s.execute(text("UPDATE attachment_chunk SET data = x'00' WHERE seq = 1"))
    with pytest.raises(VaultDamagedError, match="SHA-256"):
        list(attachments.read(vault, stored.sha256))


def test_a_failed_store_leaves_nothing(vault: Vault) -> None:
    class Broken(io.RawIOBase):
        calls = 0

        def read(self, size: int = -1) -> bytes:
            self.calls += 1
            if self.calls > 2:
                raise OSError("the USB stick was pulled out")
            return b"x" * size

    with pytest.raises(OSError):
        attachments.store(vault, Broken())  # type: ignore[arg-type]
    with vault.read() as s:
        assert s.execute(text("SELECT count(*) FROM attachment_chunk")).scalar_one() == 0


def test_fifty_megabytes_never_sit_in_python_memory(vault_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "scan.bin"
    digest = hashlib.sha256()
    with source.open("wb") as fh:
        for _ in range(50):
            block = os.urandom(MIB)
            digest.update(block)
            fh.write(block)
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        tracemalloc.start()
        with source.open("rb") as fh:
            stored = attachments.store(vault, fh)
        _, store_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        check = hashlib.sha256()
        for chunk in attachments.read(vault, stored.sha256):
            check.update(chunk)
        _, read_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        vault.lock()
    assert stored.sha256 == digest.hexdigest() == check.hexdigest()
    assert stored.size == 50 * MIB
    # a few chunks at most, far below the file's 50 MiB
    print(f"peak Python memory: store {store_peak / MIB:.1f} MiB, read {read_peak / MIB:.1f} MiB")
    assert store_peak < 8 * MIB, store_peak
    assert read_peak < 8 * MIB, read_peak
