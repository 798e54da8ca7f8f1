"""The device's identity, kept inside the encrypted vault, and enrolment.

Enrolment makes an Ed25519 key pair on the laptop, sends the public half with the one-time
code from an administrator, and stores the private half, the device id, the officer, the scope
and the server's address (and the council's CA certificate when it uses its own) in the
vault's metadata, so they are as safe as the records and gone when the vault is wiped.
"""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from oxfield.errors import ValidationError
from oxfield.vault.vault import Vault
from sync import signing
from sync.client.errors import NotEnrolledError
from sync.protocol import EnrolRequest, EnrolResponse

META_KEY = "sync.identity"


@dataclass(frozen=True, slots=True)
class Identity:
    server_url: str
    device_id: str
    officer_id: str
    role: str
    team: str
    district: str
    private_key: str  # hex of the raw 32 bytes
    ca_cert: str | None = None  # PEM

    def key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(self.private_key))


def load(vault: Vault) -> Identity:
    text = vault.meta(META_KEY)
    if not text:
        raise NotEnrolledError("this laptop is not enrolled: run `oxfield device enrol` first")
    return Identity(**json.loads(text))


def save(vault: Vault, identity: Identity) -> None:
    with vault.write() as session:
        vault.set_meta(session, META_KEY, json.dumps(asdict(identity)))
        vault.set_meta(session, "device_id", identity.device_id)
        vault.set_meta(session, "officer_id", identity.officer_id)


def read_ca_cert(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise ValidationError(f"cannot read the CA certificate {path}", "ca-cert") from None
    if "BEGIN CERTIFICATE" not in text:
        raise ValidationError("the CA certificate must be a PEM file", "ca-cert")
    return text


def check_server_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise ValidationError("the server address must start with https://", "server")
    return url


def new_key() -> tuple[Ed25519PrivateKey, str]:
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return key, raw.hex()


def enrol_request(key: Ed25519PrivateKey, code: str) -> EnrolRequest:
    code = code.strip()
    if not 6 <= len(code) <= 64:
        raise ValidationError("the enrolment code is 6 to 64 characters", "code")
    name = (platform.node() or "laptop")[:200]
    return EnrolRequest(code=code, public_key=signing.public_key_text(key), device_name=name)


def from_response(
    url: str, answer: EnrolResponse, private_hex: str, ca_cert: str | None
) -> Identity:
    return Identity(
        server_url=url,
        device_id=answer.device_id,
        officer_id=answer.officer_id,
        role=answer.role,
        team=answer.scope.team.value,
        district=answer.scope.district,
        private_key=private_hex,
        ca_cert=ca_cert,
    )
