"""Attachments: resumable chunked upload and verified download.

Upload asks the server how much of the file it holds and sends the rest in chunks from there,
so a cut connection costs at most one chunk. Download checks the SHA-256 of what arrived
before anything is stored; a mismatch stores nothing and is tried again next time. A file the
server does not have yet stays on the list for the next sync.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, select

from oxfield.domain.base import utc_now
from oxfield.progress import Progress, check_cancel
from oxfield.replica.tables import TransferRow
from oxfield.vault.tables import Attachment, AttachmentChunk
from oxfield.vault.vault import Vault
from sync.client.errors import RefusedError
from sync.client.transport import Transport, dumps
from sync.protocol import AttachmentState

CHUNK = 256 * 1024


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


def download(vault: Vault, transport: Transport, sha: str) -> bool:
    try:
        answer = transport.send("GET", f"/v1/attachments/{sha}/data")
    except RefusedError as exc:
        if exc.code == "not_found":
            return False
        raise
    data = answer.content
    if hashlib.sha256(data).hexdigest() != sha:
        return False
    with vault.write() as s:
        s.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha))
        row = s.get(Attachment, sha)
        if row is None:
            s.add(Attachment(sha256=sha, size=len(data), created_at=utc_now()))
        else:
            row.size = len(data)
        s.flush()
        for i in range(0, max(len(data), 1), CHUNK):
            s.add(AttachmentChunk(sha256=sha, seq=i // CHUNK, data=data[i : i + CHUNK]))
        s.execute(
            delete(TransferRow).where(TransferRow.sha256 == sha, TransferRow.direction == "down")
        )
    return True


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
