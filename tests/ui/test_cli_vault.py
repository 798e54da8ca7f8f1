"""The ``oxfield vault`` command line contract, run as a real subprocess.

Secrets come from a file, the environment or a prompt (never an argument); every error is one
line on stderr with a non-zero exit; a damaged file says so and what was checked, and is left
exactly as it was found.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from tests.conftest import PASSPHRASE
from tests.oxfield.vault.helpers import flip_bit, page_count

RECOVERY = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$", re.MULTILINE)


def oxfield(vault: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OXFIELD_")}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--vault", str(vault), "vault", *args],
        capture_output=True,
        text=True,
        env={**clean, **env},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def one_error_line(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("oxfield: ")
    assert "Traceback" not in out.stderr
    return lines[0]


def test_init_check_and_refusal_to_overwrite(tmp_path: Path) -> None:
    vault = tmp_path / "Ævar's vault" / "field vault.oxv"
    vault.parent.mkdir()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    out = oxfield(vault, "init", "--passphrase-file", str(secret))
    assert out.returncode == 0, out.stderr
    assert len(RECOVERY.findall(out.stdout)) == 1
    assert vault.exists()
    check = oxfield(vault, "check", OXFIELD_PASSPHRASE=PASSPHRASE)
    assert check.returncode == 0, check.stderr
    assert "all well" in check.stdout and "audit chain" in check.stdout
    before = vault.read_bytes()
    again = oxfield(vault, "init", OXFIELD_PASSPHRASE=PASSPHRASE)
    assert "already exists" in one_error_line(again)
    assert vault.read_bytes() == before


def test_init_refuses_a_short_passphrase(tmp_path: Path) -> None:
    out = oxfield(tmp_path / "v.oxv", "init", OXFIELD_PASSPHRASE="short")
    assert "at least 8" in one_error_line(out)
    assert not (tmp_path / "v.oxv").exists()


def test_secrets_are_never_arguments(vault_path: Path) -> None:
    out = oxfield(vault_path, "check", "--passphrase", PASSPHRASE)
    assert out.returncode == 2
    assert "unrecognized arguments" in out.stderr


def test_no_terminal_and_no_secret_is_a_clear_error(vault_path: Path) -> None:
    assert "OXFIELD_PASSPHRASE" in one_error_line(oxfield(vault_path, "check"))


def test_wrong_passphrase_says_so(vault_path: Path) -> None:
    out = oxfield(vault_path, "check", OXFIELD_PASSPHRASE="not the passphrase")
    assert one_error_line(out) == "oxfield: wrong passphrase"


def test_missing_vault(tmp_path: Path) -> None:
    out = oxfield(tmp_path / "nowhere.oxv", "check", OXFIELD_PASSPHRASE=PASSPHRASE)
    assert "no vault" in one_error_line(out)


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign"])
def test_damaged_file_is_reported_and_left_alone(vault_path: Path, damage: str) -> None:
    if damage == "flip":
        flip_bit(vault_path, page_count(vault_path))
    elif damage == "truncate":
        os.truncate(vault_path, vault_path.stat().st_size - 100)
    else:
        vault_path.write_bytes(os.urandom(vault_path.stat().st_size))
    before = vault_path.read_bytes()
    line = one_error_line(oxfield(vault_path, "check", OXFIELD_PASSPHRASE=PASSPHRASE))
    assert "damaged" in line and "checked" in line
    assert vault_path.read_bytes() == before  # checked before anything is written


def test_weak_key_file_is_refused(vault_path: Path) -> None:
    keys = vault_path.with_name(vault_path.name + ".keys")
    keys.write_text(keys.read_text().replace('"memory_kib": 65536', '"memory_kib": 1024'))
    line = one_error_line(oxfield(vault_path, "check", OXFIELD_PASSPHRASE=PASSPHRASE))
    assert "weaker" in line and "refused" in line


def test_passwd_then_recover(vault_path: Path, recovery_key: str, tmp_path: Path) -> None:
    out = oxfield(
        vault_path,
        "passwd",
        OXFIELD_PASSPHRASE=PASSPHRASE,
        OXFIELD_NEW_PASSPHRASE="second passphrase",
    )
    assert out.returncode == 0, out.stderr
    assert "wrong passphrase" in one_error_line(
        oxfield(vault_path, "check", OXFIELD_PASSPHRASE=PASSPHRASE)
    )
    bad = oxfield(
        vault_path,
        "recover",
        OXFIELD_RECOVERY_KEY="0000-" * 12 + "0000",
        OXFIELD_NEW_PASSPHRASE="third passphrase",
    )
    assert "wrong recovery key" in one_error_line(bad)
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(recovery_key.lower() + "\n")
    out = oxfield(
        vault_path,
        "recover",
        "--recovery-key-file",
        str(key_file),
        OXFIELD_NEW_PASSPHRASE="third passphrase",
    )
    assert out.returncode == 0, out.stderr
    assert oxfield(vault_path, "check", OXFIELD_PASSPHRASE="third passphrase").returncode == 0


def test_rekey_prints_a_new_recovery_key(vault_path: Path, recovery_key: str) -> None:
    out = oxfield(vault_path, "rekey", OXFIELD_PASSPHRASE=PASSPHRASE)
    assert out.returncode == 0, out.stderr
    keys = RECOVERY.findall(out.stdout)
    new_key = RECOVERY.search(out.stdout)
    assert len(keys) == 1 and new_key is not None and new_key.group(0) != recovery_key
    assert oxfield(vault_path, "check", OXFIELD_PASSPHRASE=PASSPHRASE).returncode == 0


def test_escrow_init_and_administrator_recovery(tmp_path: Path) -> None:
    council = X25519PrivateKey.generate()
    public_pem = tmp_path / "council.pub.pem"
    public_pem.write_bytes(
        council.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    private_pem = tmp_path / "council.pem"
    private_pem.write_bytes(
        council.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    vault = tmp_path / "escrowed.oxv"
    out = oxfield(
        vault, "init", "--escrow-public-key-file", str(public_pem), OXFIELD_PASSPHRASE=PASSPHRASE
    )
    assert out.returncode == 0, out.stderr
    out = oxfield(
        vault,
        "escrow-recover",
        "--private-key-file",
        str(private_pem),
        OXFIELD_NEW_PASSPHRASE="set by the administrator",
    )
    assert out.returncode == 0, out.stderr
    ok = oxfield(vault, "check", OXFIELD_PASSPHRASE="set by the administrator")
    assert ok.returncode == 0, ok.stderr
    line = one_error_line(
        oxfield(
            vault,
            "escrow-recover",
            "--private-key-file",
            str(public_pem),
            OXFIELD_NEW_PASSPHRASE="whatever it is",
        )
    )
    assert "X25519" in line


def test_tampered_audit_log_fails_the_check(vault_path: Path) -> None:
    from sqlalchemy import text

    from oxfield.vault.vault import Vault

    v = Vault.unlock(vault_path, PASSPHRASE)
    with v.write() as s:
        s.execute(text("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1"))
    v.lock()
    out = oxfield(vault_path, "check", OXFIELD_PASSPHRASE=PASSPHRASE)
    assert out.returncode == 3
    assert "audit chain broken at entry 1" in out.stdout
    assert "audit log was tampered with" in one_error_line(out)
