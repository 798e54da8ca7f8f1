"""Is the server this laptop is enrolled with reachable? One cheap unsigned ``GET /v1/status``.

The desktop's "sync when the network returns" asks this now and then when the operating system
cannot say whether the network came back. It never raises: any failure (no route, refused,
timed out, TLS, a proxy's error page) is simply "not reachable".
"""

from __future__ import annotations

import httpx

from oxfield.vault.vault import Vault
from sync.client import identity
from sync.client.transport import make_client

PROBE_TIMEOUT = 3.0


def reachable(vault: Vault, timeout: float = PROBE_TIMEOUT) -> bool:
    """True when the enrolled server answers its status page."""
    if vault.locked or not vault.meta(identity.META_KEY):
        return False
    ident = identity.load(vault)
    try:
        with make_client(ident.server_url, ident.ca_cert, timeout) as client:
            return client.get("/v1/status").status_code == 200
    except (httpx.HTTPError, OSError, ValueError):
        return False
