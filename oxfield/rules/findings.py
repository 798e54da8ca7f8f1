"""What a rule check returns: plain findings the desktop, the reports and the CLI all show.

A finding names a stable rule id (other tools and tests rely on it), the regulation it comes
from, a severity and one sentence an officer can read aloud. Findings never carry personal data
beyond the date they are about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is: a broken limit, something to look at, or plain information."""

    BREACH = "breach"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One rule's verdict about one day (or about the whole case, dated on its first day)."""

    rule: str
    date: date
    severity: Severity
    regulation: str
    message: str
    confidence: str = "C"

    def to_dict(self) -> dict[str, str]:
        """The JSON shape of the command line's contract (exactly these five keys)."""
        return {
            "rule": self.rule,
            "date": self.date.isoformat(),
            "severity": self.severity.value,
            "regulation": self.regulation,
            "message": self.message,
        }


def breaches(findings: list[Finding]) -> list[Finding]:
    """Only the findings that break a limit."""
    return [f for f in findings if f.severity is Severity.BREACH]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """A stable order for output: by date, then rule id, then message."""
    return sorted(findings, key=lambda f: (f.date, f.rule, f.message))
