"""Passphrase policy and strength meter: length over symbols.

The council's policy (NCSC guidance): a long passphrase of a few unrelated words beats a short
password full of symbols, so the only hard rule is a minimum length; symbols and digits are never
required. The meter rewards length and penalises obvious patterns. It is advice, not the
security: the vault's Argon2id key derivation is what makes guessing slow.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

MIN_LENGTH = 12
POLICY_TEXT = (
    f"Use at least {MIN_LENGTH} characters. Length matters more than symbols: three or four "
    "unrelated words (for example 'kettle orbit violet harbour') make a strong passphrase. "
    "Symbols and digits are optional."
)
_COMMON = ("password", "passw0rd", "oxfield", "oxfordshire", "qwerty", "123456", "letmein", "admin")
LEVELS = ("Too short", "Weak", "Fair", "Good", "Strong")


@dataclass(frozen=True, slots=True)
class Strength:
    score: int  # 0 (refused) .. 4
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.score >= 1


def assess(passphrase: str) -> Strength:
    """Score a passphrase: 0 means the policy refuses it."""
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength(0, LEVELS[0], f"{MIN_LENGTH - length} more characters needed.")
    score = 2 if length < 16 else 3 if length < 20 else 4
    lowered = passphrase.lower()
    unique = len(set(lowered))
    if any(word in lowered for word in _COMMON):
        score -= 2
        advice = "Avoid common words such as 'password' or the council's name."
    elif unique < 6:
        score -= 2
        advice = "Too many repeated characters: use a few different words."
    elif len(lowered.split()) < 2 and length < 20:
        score -= 1
        advice = "A few separate words are easier to remember and harder to guess."
    else:
        advice = "Good: long and varied." if score >= 3 else "Longer is stronger."
    score = max(1, min(4, score))
    return Strength(score, LEVELS[score], advice)


class StrengthMeter(QWidget):
    """A bar and a sentence describing the passphrase typed beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName("Passphrase strength")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Passphrase advice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self.update_for("")

    def update_for(self, passphrase: str) -> Strength:
        strength = assess(passphrase)
        self.bar.setValue(strength.score)
        self.bar.setFormat(strength.label)
        self.bar.setProperty("level", strength.score)
        self.bar.setAccessibleDescription(f"Strength: {strength.label}")
        self.label.setText(f"{strength.label}. {strength.advice}")
        self.bar.style().unpolish(self.bar)
        self.bar.style().polish(self.bar)
        return strength
