"""Failed-unlock counting and exponential back-off that survives restarts.

The counter lives in the small state file beside the vault (``vault.oxv.state``), written
atomically, so quitting the app or rebooting does not reset it. Four wrong attempts in a row
are free; from the fifth the officer waits 1 s, then 2 s, 4 s ... up to 15 minutes. A right
passphrase clears the counter. The clock is a parameter so tests need not sleep.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from contextlib import suppress

from oxfield.errors import LockedOutError
from oxfield.vault.paths import VaultFiles, open_private

#: Failed unlocks allowed before waiting starts; then 1 s, 2 s, 4 s ... up to the cap.
FREE_ATTEMPTS = 4
MAX_BACKOFF_SECONDS = 15 * 60

Now = Callable[[], float]


def _read_state(files: VaultFiles) -> dict[str, float]:
    try:
        data = json.loads(files.state.read_text(encoding="utf-8"))
        return {"failures": float(data["failures"]), "last": float(data["last"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {"failures": 0.0, "last": 0.0}


def _write_state(files: VaultFiles, state: dict[str, float]) -> None:
    tmp = files.state.with_name(files.state.name + f".{secrets.token_hex(4)}.tmp")
    with open_private(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(state))
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(files.state)


def failures(files: VaultFiles) -> int:
    return int(_read_state(files)["failures"])


def wait_for(failure_count: int) -> float:
    """How long to wait after ``failure_count`` wrong attempts in a row."""
    if failure_count <= FREE_ATTEMPTS:
        return 0.0
    return float(min(2.0 ** (failure_count - FREE_ATTEMPTS - 1), MAX_BACKOFF_SECONDS))


def remaining(files: VaultFiles, now: Now = time.time) -> float:
    """Seconds to wait before the next attempt is allowed (0 when free to try).

    A clock set backwards cannot stretch the wait beyond its full length.
    """
    state = _read_state(files)
    wait = wait_for(int(state["failures"]))
    if wait == 0:
        return 0.0
    return max(0.0, min(wait, state["last"] + wait - now()))


def check(files: VaultFiles, now: Now = time.time) -> None:
    left = remaining(files, now)
    if left > 0:
        raise LockedOutError(f"too many wrong attempts: try again in {int(left) + 1} seconds", left)


def record_failure(files: VaultFiles, now: Now = time.time) -> None:
    state = _read_state(files)
    _write_state(files, {"failures": state["failures"] + 1, "last": now()})


def clear(files: VaultFiles) -> None:
    with suppress(FileNotFoundError):
        files.state.unlink()
