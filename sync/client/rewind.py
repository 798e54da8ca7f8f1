"""After a pull found the server restored from an older backup: send again what it lost.

Why a step of its own: the server restarted this laptop's feed from the start (the pages
bring every other device's writes again, merged idempotently: an identical copy changes
nothing), but the feed never returns a device's own writes, so the laptop asks the server
about each record it holds as synced (``POST /v1/held``, a thousand at a time) and queues
again every one whose version the server lacks (``oxfield.replica.rewind``). The flag that
starts this is stored with the page that found the restore, so an interrupted run finishes
the job at the next sync; a sync that finds nothing rewound makes no request here.
"""

from __future__ import annotations

from oxfield.clock import Clock
from oxfield.domain import guard
from oxfield.replica import rewind
from oxfield.vault.vault import Vault
from sync.client.reconcile import Tally, shadow_of, take_in
from sync.client.transport import Transport
from sync.protocol import MAX_PULL_LIMIT, HeldRequest, HeldResponse

PATH = "/v1/held"


def sentence(resent: int) -> str:
    """What the officer and the command line are told, in plain words."""
    changes = "change" if resent == 1 else "changes"
    return f"The server was restored from a backup; {resent} {changes} sent again."


def heal(
    vault: Vault, transport: Transport, device_id: str, clock: Clock, tally: Tally
) -> int | None:
    """Queue again what the restored server lacks; returns how many records (None, and no
    request, when no pull found the server rewound). Audited on the laptop."""
    with vault.read() as s:
        if not rewind.flagged(s):
            return None
    resent, after = 0, ""
    while True:
        with vault.read() as s:
            ids = rewind.held_ids(s, after, MAX_PULL_LIMIT)
        if not ids:
            break
        answer = transport.call(PATH, HeldRequest(record_ids=ids), HeldResponse)
        copies = {r.id: shadow_of(r) for r in answer.records}
        with vault.write() as s:
            s.info[guard.REMOTE] = True
            count, newer = rewind.heal(s, ids, copies, set(answer.missing), device_id, clock)
            tally.merged += take_in(s, newer, device_id)
        resent += count
        after = ids[-1]
    with vault.write() as s:
        rewind.clear(s)
        vault.audit_in(s, "sync.server_restored", actor="system", detail={"resent": resent})
    return resent
