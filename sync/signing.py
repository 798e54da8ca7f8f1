"""How a device signs its requests and how the server checks them (one implementation for
both ends).

The signature is Ed25519 over the canonical form::

    OXFIELD-REQUEST-V1 \\n METHOD \\n PATH \\n TIMESTAMP \\n NONCE \\n BODY-SHA256

joined by ``\\n``: ``METHOD`` upper case, ``PATH`` the request path with its query string
exactly as sent (``/v1/pull`` or ``/v1/attachments/ab..?offset=0``), ``TIMESTAMP`` whole Unix
seconds, ``NONCE`` 16 to 64 characters of URL-safe text never used before by that device, and
``BODY-SHA256`` the lower-hex SHA-256 of the body before any transfer compression (the empty
body's hash for a GET). The headers below carry the pieces; the signature is base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from sync.protocol import PROTOCOL_VERSION

HEADER_PROTOCOL = "X-OxField-Protocol"
HEADER_DEVICE = "X-OxField-Device"
HEADER_TIMESTAMP = "X-OxField-Timestamp"
HEADER_NONCE = "X-OxField-Nonce"
HEADER_SIGNATURE = "X-OxField-Signature"

#: a request whose timestamp is further than this from the server's clock is refused
MAX_SKEW_SECONDS = 300
SCHEME = "OXFIELD-REQUEST-V1"


def body_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    """The exact bytes that are signed; both ends build them here and nowhere else."""
    parts = (SCHEME, method.upper(), path, str(timestamp), nonce, body_sha256(body))
    return "\n".join(parts).encode("utf-8")


def public_key_text(private_key: Ed25519PrivateKey) -> str:
    """The public half as the base64 text sent at enrolment."""
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    """Parse an enrolment public key; ValueError if it is not 32 bytes of base64."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("public_key is not base64") from exc
    if len(raw) != 32:
        raise ValueError("public_key must be 32 bytes (raw Ed25519)")
    return Ed25519PublicKey.from_public_bytes(raw)


def sign_request(
    private_key: Ed25519PrivateKey,
    device_id: str,
    method: str,
    path: str,
    body: bytes = b"",
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
    protocol_version: int = PROTOCOL_VERSION,
) -> dict[str, str]:
    """The headers that make a request from ``device_id`` acceptable to the server."""
    ts = int(time.time()) if timestamp is None else timestamp
    nc = secrets.token_urlsafe(18) if nonce is None else nonce
    signature = private_key.sign(canonical(method, path, ts, nc, body))
    return {
        HEADER_PROTOCOL: str(protocol_version),
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(ts),
        HEADER_NONCE: nc,
        HEADER_SIGNATURE: base64.b64encode(signature).decode("ascii"),
    }


@dataclass(frozen=True, slots=True)
class SignedParts:
    """The signature headers of one request, parsed but not yet trusted."""

    device_id: str
    timestamp: int
    nonce: str
    signature: bytes


def parse_headers(headers: Mapping[str, str]) -> SignedParts | None:
    """The signature headers, or None when any is missing or malformed."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        device_id = lowered[HEADER_DEVICE.lower()]
        timestamp = int(lowered[HEADER_TIMESTAMP.lower()])
        nonce = lowered[HEADER_NONCE.lower()]
        signature = base64.b64decode(lowered[HEADER_SIGNATURE.lower()], validate=True)
    except (KeyError, ValueError, binascii.Error):
        return None
    if not 16 <= len(nonce) <= 64 or not nonce.isascii() or len(device_id) > 64:
        return None
    return SignedParts(device_id, timestamp, nonce, signature)


def verify(
    public_key: Ed25519PublicKey, parts: SignedParts, method: str, path: str, body: bytes
) -> bool:
    """True when ``parts.signature`` signs this request with ``public_key``."""
    message = canonical(method, path, parts.timestamp, parts.nonce, body)
    try:
        public_key.verify(parts.signature, message)
    except InvalidSignature:
        return False
    return True


def is_stale(timestamp: int, now: float) -> bool:
    return abs(now - timestamp) > MAX_SKEW_SECONDS
