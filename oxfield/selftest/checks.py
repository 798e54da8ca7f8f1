"""The self-test's bookkeeping: named checks, each passing with a detail or failing with a reason.

A check is a plain function returning a short detail line (what it saw) or raising. The runner
catches every exception, so one broken part (a missing font, a missing migration) is reported
by name and the later checks still run where they can; the caller decides the exit status from
the results. Nothing here prints: the caller passes ``report`` (the command line prints, tests
collect).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


MAX_DETAIL = 400

Reporter = Callable[[CheckResult], None]


class SelfTestFailedError(Exception):
    """A check the later ones depend on failed: stop here (it has already been reported)."""


@dataclass
class Checks:
    """Runs checks in order and remembers every result."""

    report: Reporter
    results: list[CheckResult] = field(default_factory=list)

    def run(self, name: str, check: Callable[[], str], *, required: bool = False) -> bool:
        """Run one check; if ``required`` and it fails, raise to skip the checks that need it."""
        start = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as exc:
            detail, ok = f"{type(exc).__name__}: {exc}"[:MAX_DETAIL], False
        result = CheckResult(name, ok, detail, time.perf_counter() - start)
        self.results.append(result)
        self.report(result)
        if required and not ok:
            raise SelfTestFailedError(name)
        return ok

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(r.ok for r in self.results)


def expect(condition: bool, message: str) -> None:
    """Fail the current check with ``message`` unless ``condition`` holds."""
    if not condition:
        raise AssertionError(message)
