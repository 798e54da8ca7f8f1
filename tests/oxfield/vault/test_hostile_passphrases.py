"""Passphrases as they really arrive: the same words in another Unicode form.

A passphrase typed on one keyboard (precomposed "é", NFC) and read from a file saved on macOS
(decomposed "e" + combining accent, NFD) is the same passphrase to the officer; the key
derivation must agree.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from oxfield.vault.keyfile import MIN_ITERATIONS, MIN_MEMORY_KIB, KdfParams
from oxfield.vault.vault import Vault

WORDS = "café über naïve 日本語 Ångström"


def test_a_passphrase_in_another_unicode_form_still_opens(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", WORDS)
    decomposed = unicodedata.normalize("NFD", WORDS)
    assert composed != decomposed
    floor = KdfParams(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, os.urandom(16))
    Vault.create(tmp_path / "v.oxv", composed, kdf=floor).vault.lock()
    Vault.unlock(tmp_path / "v.oxv", decomposed).lock()
