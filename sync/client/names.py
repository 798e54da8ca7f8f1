"""Asking the server for the names of the officers this laptop's conflicts mention.

Why a step of its own: the laptop knows only its own officer, so the conflict review could
name the other side only by an id. After the pull, the officers that open conflicts name
without a stored name (and those named by conflicts this run brought, in case one moved team)
are asked about in one ``POST /v1/officers``; a run with no such officer makes no request, so
a sync with nothing to do stays one request.

An older server has no such route and answers 404: the run carries on without names (the
review falls back to the id), and the laptop does not ask that server again for a day. Ids the
server does not name (an administrator's command, say) are remembered and not asked about
again unless a new conflict names them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

from oxfield.replica import officers, store
from oxfield.vault.vault import Vault
from sync.client.errors import RefusedError
from sync.client.transport import Transport
from sync.protocol import MAX_OFFICER_NAMES, OfficerNamesRequest, OfficerNamesResponse

PATH = "/v1/officers"
#: vault metadata: until when not to ask a server that did not know the route
NOT_SERVED_UNTIL = "sync.officer_names_not_served_until"
ASK_AGAIN_AFTER = timedelta(days=1)
#: vault metadata: the ids the server last declined to name (JSON list)
DECLINED = "sync.officer_names_declined"


def fetch(vault: Vault, transport: Transport, fresh: Iterable[str], now: datetime) -> int:
    """Ask about the officers still to name (``fresh``: ids of the conflicts this run brought);
    returns how many names the server sent."""
    with vault.read() as s:
        declined = json.loads(store.get_meta(s, DECLINED) or "[]")
        wanted = officers.to_ask(s, fresh, skip=declined)
        not_served = store.get_meta(s, NOT_SERVED_UNTIL)
    if not wanted or (not_served and datetime.fromisoformat(not_served) > now):
        return 0
    found: list[officers.OfficerName] = []
    for start in range(0, len(wanted), MAX_OFFICER_NAMES):
        request = OfficerNamesRequest(officer_ids=wanted[start : start + MAX_OFFICER_NAMES])
        try:
            answer: OfficerNamesResponse = transport.call(PATH, request, OfficerNamesResponse)
        except RefusedError as exc:
            if exc.code != "not_found":
                raise
            with vault.write() as s:
                store.set_meta(s, NOT_SERVED_UNTIL, (now + ASK_AGAIN_AFTER).isoformat())
            return 0
        found += [officers.OfficerName(o.id, o.name, o.team.value) for o in answer.officers]
    named = {o.id for o in found}
    with vault.write() as s:
        officers.put_names(s, found, now)
        still = sorted((set(declined) - set(wanted)) | (set(wanted) - named))
        store.set_meta(s, DECLINED, json.dumps(still))
        if not_served:
            store.set_meta(s, NOT_SERVED_UNTIL, now.isoformat())
    return len(found)
