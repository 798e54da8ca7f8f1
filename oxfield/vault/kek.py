"""The keys that wrap the data key, other than the passphrase's: how each is derived.

- the recovery key: 256 random bits shown once as 13 groups of 4 Crockford base32 characters,
  accepted as typed (any case, spaces or dashes, O for 0, I or L for 1), stretched with HKDF;
- the escrow key: X25519 agreement with the council's public key, through HKDF;
- the re-key link: the next data key sealed under one derived from the current data key.

Each derivation is salted with the vault id and has its own HKDF ``info``, so no key made for
one purpose opens a wrap made for another.
"""

from __future__ import annotations

import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# --- recovery key: 256 bits shown as 13 groups of 4 Crockford base32 characters -----------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_recovery_key() -> str:
    value = int.from_bytes(secrets.token_bytes(32), "big")
    chars = "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in range(52))
    return "-".join(chars[i : i + 4] for i in range(0, 52, 4))


def normalise_recovery_key(text: str) -> str:
    """Accept the key as typed: any case, spaces or dashes, O for 0 and I or L for 1."""
    cleaned = "".join(c for c in text.upper() if c.isalnum()).translate(_CROCKFORD_ALIASES)
    return cleaned


def recovery_kek(recovery_key: str, vault_id: str) -> bytes:
    material = normalise_recovery_key(recovery_key).encode()
    return HKDF(hashes.SHA256(), 32, salt=vault_id.encode(), info=b"oxfield recovery").derive(
        material
    )


def link_kek(old_dek: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"oxfield rekey link").derive(old_dek)


def escrow_kek(shared: bytes, ephemeral_public: bytes, vault_id: str) -> bytes:
    info = b"oxfield escrow" + ephemeral_public
    return HKDF(hashes.SHA256(), 32, salt=vault_id.encode(), info=info).derive(shared)


def escrow_key_id(public_key: bytes) -> str:
    """A short fingerprint naming which council key a vault is sealed to."""
    digest = hashes.Hash(hashes.SHA256())
    digest.update(public_key)
    return digest.finalize()[:8].hex()
