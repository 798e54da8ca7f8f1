"""Test 1 and the back-off: wrong, empty and very long passphrases fail cleanly; the right one
still works afterwards, also after waiting out a back-off that survived a restart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from oxfield.errors import LockedOutError, WrongPassphraseError
from oxfield.vault import backoff
from oxfield.vault.paths import VaultFiles
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize(
    "attempt", ["", "not it", "x" * 100_000, PASSPHRASE + " ", PASSPHRASE.upper(), "é\u0000🙂"]
)
def test_bad_passphrases_fail_cleanly_and_the_right_one_still_works(
    vault_path: Path, attempt: str
) -> None:
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        Vault.unlock(vault_path, attempt)
    v = Vault.unlock(vault_path, PASSPHRASE)
    assert v.verify_audit().ok
    v.lock()


def test_backoff_starts_after_the_fifth_failure_and_the_right_passphrase_works_after(
    vault_path: Path,
) -> None:
    clock = [1_000_000.0]

    def now() -> float:
        return clock[0]

    files = VaultFiles.at(vault_path)
    for _ in range(4):
        with pytest.raises(WrongPassphraseError):
            Vault.unlock(vault_path, "wrong", now=now)
        assert backoff.remaining(files, now) == 0
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, "wrong", now=now)
    assert backoff.remaining(files, now) == 1.0
    # even the right passphrase must wait: a guesser cannot tell it from a wrong one
    with pytest.raises(LockedOutError):
        Vault.unlock(vault_path, PASSPHRASE, now=now)
    clock[0] += 1.01
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, "wrong", now=now)
    assert backoff.remaining(files, now) == 2.0  # doubled
    clock[0] += 2.01
    Vault.unlock(vault_path, PASSPHRASE, now=now).lock()
    assert backoff.failures(files) == 0


def test_backoff_grows_exponentially_and_is_capped() -> None:
    waits = [backoff.wait_for(n) for n in range(1, 10)]
    assert waits == [0, 0, 0, 0, 1, 2, 4, 8, 16]
    assert backoff.wait_for(100) == backoff.MAX_BACKOFF_SECONDS


def test_counter_survives_a_restart(vault_path: Path) -> None:
    """Five wrong attempts in another process; this one then finds itself locked out."""
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from oxfield.vault.vault import Vault\n"
        "for _ in range(5):\n"
        "    try:\n"
        "        Vault.unlock(Path(sys.argv[1]), 'wrong')\n"
        "    except Exception as exc:\n"
        "        print(type(exc).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(vault_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["WrongPassphraseError"] * 5
    files = VaultFiles.at(vault_path)
    assert backoff.failures(files) == 5
    with pytest.raises(LockedOutError, match="try again in"):
        Vault.unlock(vault_path, PASSPHRASE)


def test_clock_set_backwards_cannot_stretch_the_wait(vault_path: Path) -> None:
    files = VaultFiles.at(vault_path)
    for _ in range(6):
        backoff.record_failure(files, lambda: 5_000.0)
    assert backoff.remaining(files, lambda: 10.0) == 2.0
