"""The key file beside each vault: the data key, wrapped three ways, and nothing else secret.

The vault's SQLCipher database is encrypted with a random 256-bit data key (DEK) used in raw-key
mode. The DEK is stored only wrapped with AES-256-GCM:

- by a key derived from the officer's passphrase with Argon2id (parameters tuned at creation,
  never below the floor, stored beside the wrap and authenticated with it);
- by the recovery key shown once at setup;
- optionally, sealed to the council's escrow X25519 public key.

During a re-key the file also holds the *next* data key's wraps (``next-passphrase`` ...) beside
the current ones, so that a crash at any point leaves a key that opens the database (see
``rekey.py``). A SHA-256 checksum over the rest of the file tells damage apart from a wrong
passphrase (it is not a defence against tampering: the GCM tags and the floor check are).

Each wrap's associated data is the canonical JSON of the file's header (format, vault id, KDF
parameters) plus the wrap's name, so editing the parameters breaks every tag. A file that asks
for weaker parameters than the floor is refused before any derivation is tried.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from oxfield.errors import (
    VaultDamagedError,
    VaultExistsError,
    WeakKeyParametersError,
    WrongPassphraseError,
)
from oxfield.vault.kek import (
    escrow_kek,
    escrow_key_id,
    link_kek,
    recovery_kek,
)
from oxfield.vault.paths import open_private

FORMAT = "oxfield-vault-keys"
FORMAT_VERSION = 1
DEK_BYTES = 32

#: The floor: no vault is ever made or opened with weaker Argon2id settings.
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
MIN_LANES = 1
#: Tuning aims for a derivation of about this long on the laptop that makes the vault.
TARGET_SECONDS = 0.5
MAX_MEMORY_KIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int
    salt: bytes

    def check_floor(self) -> None:
        if (
            self.memory_kib < MIN_MEMORY_KIB
            or self.iterations < MIN_ITERATIONS
            or self.lanes < MIN_LANES
        ):
            raise WeakKeyParametersError(
                "the key file asks for key-derivation settings weaker than OxField's floor "
                f"({MIN_MEMORY_KIB // 1024} MiB, {MIN_ITERATIONS} passes): refused"
            )

    def derive(self, passphrase: str) -> bytes:
        self.check_floor()
        kdf = Argon2id(
            salt=self.salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        # One passphrase, one key, whatever Unicode form the keyboard or file produced it in.
        return kdf.derive(unicodedata.normalize("NFC", passphrase).encode("utf-8"))

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
            "salt": _b64(self.salt),
        }


@dataclass(frozen=True, slots=True)
class Wrap:
    nonce: bytes
    ciphertext: bytes
    #: only for the escrow wrap: the ephemeral X25519 public key, the council key's id and the
    #: council's public key itself (not secret; needed to re-seal at a re-key)
    ephemeral_public: bytes | None = None
    key_id: str | None = None
    recipient: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"nonce": _b64(self.nonce), "ciphertext": _b64(self.ciphertext)}
        if self.ephemeral_public is not None:
            out["ephemeral_public"] = _b64(self.ephemeral_public)
            out["key_id"] = self.key_id
        if self.recipient is not None:
            out["recipient"] = _b64(self.recipient)
        return out


@dataclass(frozen=True, slots=True)
class KeyFile:
    vault_id: str
    kdf: KdfParams
    wraps: dict[str, Wrap] = field(default_factory=dict)

    def header_aad(self, wrap_name: str) -> bytes:
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "kdf": self.kdf.to_json(),
            # a next- wrap becomes the current one by renaming, so both share the same name
            "wrap": wrap_name.removeprefix(NEXT),
        }
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "kdf": self.kdf.to_json(),
            "wraps": {name: w.to_json() for name, w in sorted(self.wraps.items())},
        }
        doc["checksum"] = _checksum(doc)
        return json.dumps(doc, indent=2, sort_keys=True).encode() + b"\n"

    @property
    def rekey_pending(self) -> bool:
        """True while a re-key has written the next key's wraps but not finished."""
        return any(name.startswith(NEXT) for name in self.wraps)

    def promote_next(self) -> KeyFile:
        """The file after a finished re-key: the next wraps become the only ones."""
        wraps = {
            n[len(NEXT) :]: w
            for n, w in self.wraps.items()
            if n.startswith(NEXT) and n != NEXT + "link"
        }
        return replace(self, wraps=wraps)

    def drop_next(self) -> KeyFile:
        """The file after an abandoned re-key: only the current wraps remain."""
        return replace(self, wraps={n: w for n, w in self.wraps.items() if not n.startswith(NEXT)})

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            doc = json.loads(raw)
            if doc.get("format") != FORMAT:
                raise VaultDamagedError("the key file is not an OxField vault key file")
            if doc.get("version") != FORMAT_VERSION:
                raise VaultDamagedError(
                    f"the key file has format version {doc.get('version')!r}, "
                    f"this OxField reads {FORMAT_VERSION}"
                )
            k = doc["kdf"]
            if k.get("algorithm") != "argon2id":
                raise WeakKeyParametersError("the key file names an unknown key derivation")
            kdf = KdfParams(
                memory_kib=int(k["memory_kib"]),
                iterations=int(k["iterations"]),
                lanes=int(k["lanes"]),
                salt=_unb64(k["salt"]),
            )
            wraps = {
                name: Wrap(
                    nonce=_unb64(w["nonce"]),
                    ciphertext=_unb64(w["ciphertext"]),
                    ephemeral_public=_unb64(w["ephemeral_public"])
                    if "ephemeral_public" in w
                    else None,
                    key_id=w.get("key_id"),
                    recipient=_unb64(w["recipient"]) if "recipient" in w else None,
                )
                for name, w in doc["wraps"].items()
            }
            kdf.check_floor()
            stored = doc.pop("checksum", None)
            checksum_ok = stored == _checksum(doc)
            result = cls(vault_id=str(doc["vault_id"]), kdf=kdf, wraps=wraps)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise VaultDamagedError(
                "the key file is damaged (checked: JSON structure, format, KDF fields, wraps)"
            ) from exc
        if not checksum_ok:
            raise VaultDamagedError(
                "the key file is damaged (checked: its SHA-256 checksum does not match)"
            )
        return result

    # --- wrapping -----------------------------------------------------------------------

    def _seal(self, name: str, kek: bytes, dek: bytes) -> Wrap:
        nonce = os.urandom(12)
        return Wrap(nonce=nonce, ciphertext=AESGCM(kek).encrypt(nonce, dek, self.header_aad(name)))

    def _open(self, name: str, kek: bytes) -> bytes:
        wrap = self.wraps.get(name)
        if wrap is None:
            raise VaultDamagedError(f"the key file has no {name} wrap")
        try:
            return AESGCM(kek).decrypt(wrap.nonce, wrap.ciphertext, self.header_aad(name))
        except InvalidTag:
            raise WrongPassphraseError(_WRONG[name.removeprefix(NEXT)]) from None

    def passphrase_kek(self, passphrase: str) -> bytes:
        """The Argon2id-derived key; derive once and use it for both slots during a re-key."""
        return self.kdf.derive(passphrase)

    def with_passphrase(
        self, passphrase: str, dek: bytes, *, slot: str = "", kek: bytes | None = None
    ) -> KeyFile:
        """A copy whose passphrase wrap is replaced (the DEK itself never changes here)."""
        name = slot + "passphrase"
        wraps = dict(self.wraps)
        wraps[name] = self._seal(name, kek or self.kdf.derive(passphrase), dek)
        return replace(self, wraps=wraps)

    def with_recovery(self, recovery_key: str, dek: bytes, *, slot: str = "") -> KeyFile:
        name = slot + "recovery"
        wraps = dict(self.wraps)
        wraps[name] = self._seal(name, recovery_kek(recovery_key, self.vault_id), dek)
        return replace(self, wraps=wraps)

    def with_escrow(self, council_public_key: bytes, dek: bytes, *, slot: str = "") -> KeyFile:
        name = slot + "escrow"
        public = X25519PublicKey.from_public_bytes(council_public_key)
        ephemeral = X25519PrivateKey.generate()
        eph_pub = ephemeral.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        kek = escrow_kek(ephemeral.exchange(public), eph_pub, self.vault_id)
        sealed = self._seal(name, kek, dek)
        wraps = dict(self.wraps)
        wraps[name] = replace(
            sealed,
            ephemeral_public=eph_pub,
            key_id=escrow_key_id(council_public_key),
            recipient=council_public_key,
        )
        return replace(self, wraps=wraps)

    def unwrap_passphrase(self, passphrase: str) -> bytes:
        return self._open("passphrase", self.kdf.derive(passphrase))

    def unwrap_with_kek(self, kek: bytes, *, slot: str = "") -> bytes:
        return self._open(slot + "passphrase", kek)

    def unwrap_recovery(self, recovery_key: str, *, slot: str = "") -> bytes:
        return self._open(slot + "recovery", recovery_kek(recovery_key, self.vault_id))

    def unwrap_escrow(self, council_private_key: bytes, *, slot: str = "") -> bytes:
        wrap = self.wraps.get(slot + "escrow")
        if wrap is None or wrap.ephemeral_public is None:
            raise VaultDamagedError("this vault has no escrow wrap")
        private = X25519PrivateKey.from_private_bytes(council_private_key)
        shared = private.exchange(X25519PublicKey.from_public_bytes(wrap.ephemeral_public))
        return self._open(slot + "escrow", escrow_kek(shared, wrap.ephemeral_public, self.vault_id))

    @property
    def escrow_public_key(self) -> bytes | None:
        """The council key the current escrow wrap is sealed to, if any."""
        wrap = self.wraps.get("escrow")
        return wrap.recipient if wrap else None

    def with_link(self, new_dek: bytes, old_dek: bytes) -> KeyFile:
        """During a re-key: the next data key sealed under the current one, so that whatever
        opened the current key (passphrase, recovery or escrow) can finish the re-key."""
        wraps = dict(self.wraps)
        wraps[NEXT + "link"] = self._seal(NEXT + "link", link_kek(old_dek), new_dek)
        return replace(self, wraps=wraps)

    def unwrap_link(self, old_dek: bytes) -> bytes:
        return self._open(NEXT + "link", link_kek(old_dek))


#: Prefix of the wraps of the data key a re-key in progress is moving to.
NEXT = "next-"


def _checksum(doc: dict[str, Any]) -> str:
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
    digest = hashes.Hash(hashes.SHA256())
    digest.update(canonical)
    return digest.finalize().hex()


_WRONG = {
    "passphrase": "wrong passphrase",
    "recovery": "wrong recovery key",
    "escrow": "the escrow key does not open this vault",
    "link": "the key file's re-key record does not match its data key",
}


def tune_kdf(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Parameters at or above the floor that take about ``target_seconds`` on this machine.

    Memory grows first (it is what makes guessing expensive on GPUs), then passes.
    """
    memory, iterations = MIN_MEMORY_KIB, MIN_ITERATIONS
    probe = KdfParams(memory, iterations, 1, os.urandom(16))
    started = time.perf_counter()
    probe.derive("tuning")
    elapsed = max(time.perf_counter() - started, 1e-3)
    factor = target_seconds / elapsed
    while factor >= 2 and memory * 2 <= MAX_MEMORY_KIB:
        memory *= 2
        factor /= 2
    if factor >= 1.5:
        iterations = int(iterations * factor)
    return KdfParams(memory, iterations, 1, os.urandom(16))


def new_dek() -> bytes:
    return secrets.token_bytes(DEK_BYTES)


def read_keyfile(path: Path) -> KeyFile:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise VaultDamagedError("the vault's key file is missing") from None
    return KeyFile.from_bytes(raw)


def write_keyfile(path: Path, keyfile: KeyFile, *, exclusive: bool = False) -> None:
    """Replace the key file atomically: a crash leaves the old file or the new, never half.

    With ``exclusive`` (a new vault) the file must not exist yet: it is linked into place,
    which fails if another process or thread made one first, so two creators at the same path
    cannot leave a database keyed by one and a key file written by the other.
    """
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open_private(tmp) as fh:
            fh.write(keyfile.to_bytes())
            fh.flush()
            os.fsync(fh.fileno())
        if exclusive:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise VaultExistsError("a vault already exists there") from None
        else:
            tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
