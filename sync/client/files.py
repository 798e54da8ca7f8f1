"""Attachments: resumable chunked upload and verified download.

Upload asks the server how much of the file it holds and sends the rest in chunks from there,
so a cut connection costs at most one chunk. Download is the mirror image: it asks for the
bytes after those the vault already holds, a chunk per request, each chunk committed to the
vault as it arrives (encrypted like everything else there; the file stays marked as still
arriving), and checks the SHA-256 of the whole before the file counts as received; a mismatch
throws the pieces away and is tried again next time. A file the
server does not have yet stays on the list for the next sync.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from oxfield.domain.base import utc_now
from oxfield.progress import Progress, check_cancel
from oxfield.replica.tables import TransferRow
from oxfield.vault.tables import Attachment, AttachmentChunk
from oxfield.vault.vault import Vault
from sync.client.errors import RefusedError
from sync.client.transport import Transport, dumps
from sync.protocol import AttachmentState

CHUNK = 256 * 1024
SIZE_HEADER = "x-attachment-size"


@dataclass
class FileTally:
    uploaded: int = 0
    downloaded: int = 0
    waiting: int = 0


def _read(vault: Vault, sha: str) -> bytes | None:
    with vault.read() as s:
        pieces = s.scalars(
            select(AttachmentChunk.data)
            .where(AttachmentChunk.sha256 == sha)
            .order_by(AttachmentChunk.seq)
        ).all()
        size = s.scalar(select(Attachment.size).where(Attachment.sha256 == sha))
    if size is None or size < 0:
        return None
    return b"".join(pieces)


def _transfers(vault: Vault, direction: str) -> list[str]:
    with vault.read() as s:
        return list(s.scalars(select(TransferRow.sha256).where(TransferRow.direction == direction)))


def _forget(vault: Vault, sha: str, direction: str) -> None:
    with vault.write() as s:
        s.execute(
            delete(TransferRow).where(TransferRow.sha256 == sha, TransferRow.direction == direction)
        )


def upload(vault: Vault, transport: Transport, sha: str) -> bool:
    data = _read(vault, sha)
    if data is None:
        return True  # a file this laptop is still waiting to receive: not ours to send
    if hashlib.sha256(data).hexdigest() != sha:
        return False  # the stored bytes do not match their name: nothing honest to send
    path = f"/v1/attachments/{sha}"
    state = AttachmentState.model_validate_json(
        transport.send("POST", path, dumps({"size": len(data)})).content
    )
    restarted = False
    while not state.complete:
        end = min(state.received + CHUNK, len(data))
        try:
            answer = transport.send(
                "PUT",
                f"{path}/data?offset={state.received}",
                data[state.received : end],
                content_type="application/octet-stream",
            )
        except RefusedError as exc:
            if exc.code == "wrong_offset":
                state = AttachmentState.model_validate_json(transport.send("GET", path).content)
                continue
            if exc.code == "hash_mismatch" and not restarted:
                restarted = True
                state = AttachmentState(sha256=sha, size=len(data), received=0, complete=False)
                continue
            raise
        state = AttachmentState.model_validate_json(answer.content)
    return True


def _partial(vault: Vault, sha: str) -> int | None:
    """Bytes of ``sha`` already received (whole ``CHUNK``s in order), None when the file is
    complete. Anything that is not such a run of whole chunks is thrown away: start again."""
    with vault.write() as s:
        size = s.scalar(select(Attachment.size).where(Attachment.sha256 == sha))
        if size is not None and size >= 0:
            return None
        held = s.execute(
            select(AttachmentChunk.seq, func.length(AttachmentChunk.data))
            .where(AttachmentChunk.sha256 == sha)
            .order_by(AttachmentChunk.seq)
        ).all()
        if all(seq == i and length == CHUNK for i, (seq, length) in enumerate(held)):
            return len(held) * CHUNK
        s.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha))
        return 0


def _keep(vault: Vault, sha: str, offset: int, data: bytes) -> None:
    """One received piece, committed on its own: a cut connection loses at most a chunk."""
    with vault.write() as s:
        if s.get(Attachment, sha) is None:
            s.add(Attachment(sha256=sha, size=-1, created_at=utc_now()))  # still arriving
            s.flush()
        s.add(AttachmentChunk(sha256=sha, seq=offset // CHUNK, data=data))


def _finish(vault: Vault, sha: str, size: int) -> bool:
    """Check the whole file against its name; only then does it count as received."""
    with vault.write() as s:
        digest, total, seq = hashlib.sha256(), 0, 0
        while True:
            piece = s.scalar(
                select(AttachmentChunk.data).where(
                    AttachmentChunk.sha256 == sha, AttachmentChunk.seq == seq
                )
            )
            if piece is None:
                break
            digest.update(piece)
            total, seq = total + len(piece), seq + 1
        if digest.hexdigest() != sha or total != size:
            s.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha))
            return False
        if seq == 0:  # an empty file is one empty chunk, as the vault stores it
            s.add(AttachmentChunk(sha256=sha, seq=0, data=b""))
        row = s.get(Attachment, sha)
        if row is None:
            s.add(Attachment(sha256=sha, size=size, created_at=utc_now()))
        else:
            row.size = size
        s.execute(
            delete(TransferRow).where(TransferRow.sha256 == sha, TransferRow.direction == "down")
        )
    return True


def download(vault: Vault, transport: Transport, sha: str) -> bool:
    """Fetch ``sha`` a chunk at a time from what the vault already holds of it (kept in the
    vault, never in a plaintext temporary file), then verify the SHA-256 of the whole."""
    offset = _partial(vault, sha)
    if offset is None:
        _forget(vault, sha, "down")
        return True
    size: int | None = None
    while size is None or offset < size:
        try:
            answer = transport.send(
                "GET", f"/v1/attachments/{sha}/data?offset={offset}&length={CHUNK}"
            )
        except RefusedError as exc:
            if exc.code == "wrong_offset":  # the server's file is shorter: start again
                _partial_reset(vault, sha)
            if exc.code in ("not_found", "wrong_offset"):
                return False
            raise
        try:
            size = int(answer.headers[SIZE_HEADER])
        except (KeyError, ValueError):
            return False
        data = answer.content
        if len(data) != min(CHUNK, size - offset) or (not data and offset < size):
            return False  # a short or long answer: ask again next time
        if data:
            _keep(vault, sha, offset, data)
            offset += len(data)
    return _finish(vault, sha, size)


def _partial_reset(vault: Vault, sha: str) -> None:
    with vault.write() as s:
        s.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha))


def upload_all(vault: Vault, transport: Transport, progress: Progress, tally: FileTally) -> None:
    todo = _transfers(vault, "up")
    for i, sha in enumerate(todo):
        check_cancel(progress)
        progress.report(i, len(todo), "Sending files")
        if upload(vault, transport, sha):
            _forget(vault, sha, "up")
            tally.uploaded += 1
        else:
            tally.waiting += 1


def download_all(vault: Vault, transport: Transport, progress: Progress, tally: FileTally) -> None:
    todo = _transfers(vault, "down")
    for i, sha in enumerate(todo):
        check_cancel(progress)
        progress.report(i, len(todo), "Receiving files")
        if download(vault, transport, sha):
            tally.downloaded += 1
        else:
            tally.waiting += 1
