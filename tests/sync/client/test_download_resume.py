"""Attachments download in ranged chunks that are kept, encrypted, in the vault as they
arrive: a download cut at 70% resumes from the bytes already held, and the whole file is
checked against its SHA-256 before it counts as received (a real server behind the
fault-injecting proxy, real vaults)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from oxfield.vault.tables import Attachment, AttachmentChunk
from sync.client.files import CHUNK
from sync.client.run import Options
from tests.sync.client.proxy import Fault, Proxy, proxy_for
from tests.sync.helpers import Server

QUICK = Options(timeout=2.0, attempts=2, max_wait=0.1)
DATA_PATH = "/v1/attachments/{sha}/data"


@pytest.fixture
def proxy(sync_server: Server) -> Iterator[Proxy]:
    p = proxy_for(sync_server.url)
    p.url = p.start()  # type: ignore[attr-defined]
    yield p
    p.stop()


def _held(laptop, sha: str) -> tuple[int | None, int, int]:  # type: ignore[no-untyped-def]
    """(size recorded, chunks, bytes) of ``sha`` in the laptop's vault."""
    with laptop.open().read() as s:
        size = s.scalar(select(Attachment.size).where(Attachment.sha256 == sha))
        count, total = s.execute(
            select(
                func.count(), func.coalesce(func.sum(func.length(AttachmentChunk.data)), 0)
            ).where(AttachmentChunk.sha256 == sha)
        ).one()
    return size, int(count), int(total)


def _plaintext_anywhere(root: Path, sample: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and sample in p.read_bytes()]


def test_download_cut_at_70_percent_resumes_from_what_the_vault_holds(
    sync_server: Server, laptops, proxy: Proxy, tmp_path: Path
) -> None:
    officer = sync_server.officer("ehe")
    a = laptops("a", officer)
    b = laptops("b", officer, url=proxy.url)
    data = os.urandom(4 * CHUNK)  # 1 MiB: chunks at 0, 256, 512 and 768 KiB
    _, sha = a.add_file(data)
    a.sync_ok()
    path = DATA_PATH.format(sha=sha)
    # 70% of the file lies in the third chunk: its answer is cut part-way, the network stays down
    proxy.faults.append(
        Fault(
            lambda m, p: m == "GET" and p.startswith(f"{path}?offset={2 * CHUNK}&"),
            "cut_answer",
            0.5,
            then_down=True,
        )
    )
    first = b.sync(QUICK)
    assert not first.finished
    assert b.file_bytes(sha) is None  # not received: it does not count yet
    assert _held(b, sha) == (-1, 2, 2 * CHUNK)  # the two whole chunks are kept in the vault
    assert _plaintext_anywhere(tmp_path, data[CHUNK : CHUNK + 64]) == []  # nowhere in clear

    proxy.down = False
    sent_before = proxy.answer_bytes[path]
    seen_before = len(proxy.seen)
    second = b.sync(QUICK)
    assert second.finished and second.downloaded == 1, second.message
    resent = proxy.answer_bytes[path] - sent_before
    assert resent < len(data)  # resumed, not restarted
    assert resent < 2 * CHUNK + 4096  # just the missing half and the answers' heads
    asked = [p for m, p in proxy.seen[seen_before:] if p.startswith(path)]
    assert asked == [f"{path}?offset={2 * CHUNK}&length={CHUNK}",
                     f"{path}?offset={3 * CHUNK}&length={CHUNK}"]  # fmt: skip
    assert b.file_bytes(sha) == data
    assert _held(b, sha) == (len(data), 4, len(data))


def test_a_download_that_misses_its_hash_is_thrown_away_and_fetched_again(
    sync_server: Server, laptops
) -> None:
    officer = sync_server.officer("ehe")
    a, b = laptops("a", officer), laptops("b", officer)
    data = os.urandom(CHUNK + 1000)
    _, sha = a.add_file(data)
    a.sync_ok()
    # damage the server's copy behind its back (same length, one byte flipped)
    with sync_server.engine.begin() as conn:
        offset, stored = conn.execute(
            sa.text("SELECT \"offset\", data FROM attachment_chunks WHERE sha256 = :s "
                    "ORDER BY \"offset\" LIMIT 1"), {"s": sha}
        ).one()  # fmt: skip
        bad = bytes([stored[0] ^ 0xFF]) + bytes(stored[1:])
        conn.execute(
            sa.text('UPDATE attachment_chunks SET data = :d WHERE sha256 = :s AND "offset" = :o'),
            {"d": bad, "s": sha, "o": offset},
        )
    report = b.sync_ok()
    assert report.downloaded == 0 and b.file_bytes(sha) is None
    assert _held(b, sha) == (-1, 0, 0)  # nothing unverified is kept
    with sync_server.engine.begin() as conn:
        conn.execute(
            sa.text('UPDATE attachment_chunks SET data = :d WHERE sha256 = :s AND "offset" = :o'),
            {"d": stored, "s": sha, "o": offset},
        )
    assert b.sync_ok().downloaded == 1 and b.file_bytes(sha) == data
