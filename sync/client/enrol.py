"""Enrol this laptop with the server: one unsigned request with the administrator's code."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError as PydanticError

from oxfield.errors import ValidationError
from oxfield.services import sync_status
from oxfield.vault.vault import Vault
from sync.client import identity
from sync.client.errors import RefusedError
from sync.client.transport import make_client, refusal, unsigned_post
from sync.protocol import EnrolResponse


def enrol(
    vault: Vault,
    server_url: str,
    code: str,
    *,
    ca_cert: Path | None = None,
    timeout: float = 30.0,
) -> identity.Identity:
    """Make the device key, register it with ``code`` and keep the identity in the vault."""
    if vault.meta(identity.META_KEY):
        raise ValidationError("this laptop is already enrolled", "code")
    url = identity.check_server_url(server_url)
    pem = identity.read_ca_cert(ca_cert)
    key, private_hex = identity.new_key()
    request = identity.enrol_request(key, code)
    with make_client(url, pem, timeout) as client:
        response = unsigned_post(client, "/v1/enrol", request)
    if response.status_code != 200:
        raise refusal(response)
    try:
        answer = EnrolResponse.model_validate_json(response.content)
    except PydanticError:
        raise RefusedError("the server's answer to enrolment was not understood") from None
    ident = identity.from_response(url, answer, private_hex, pem)
    identity.save(vault, ident)
    # Records older than the outbox (made before migration 0003) go up with the first sync.
    sync_status.queue_unsent(vault)
    return ident
