"""Styles and text size: the default and high-contrast style sheets, and a text scale.

The style sheets live in ``resources/styles``. Text scales from the system font (never a fixed
pixel size), so the officer's display settings and OxField's own "larger text" both apply.
Only these non-personal choices are stored in QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from oxfield.resources import resource_path

THEMES = {"default": "default.qss", "high_contrast": "high_contrast.qss"}
SCALES = (1.0, 1.25, 1.5, 2.0)


#: Sizes in the style sheets, as multiples of the (scaled) body text.
FONT_TOKENS = {"@title": 1.6, "@section": 1.3, "@large": 1.15}


def style_sheet(theme: str, body_pt: float = 10.0) -> str:
    """The theme's style sheet with its font-size tokens in points for this body size."""
    name = THEMES.get(theme, THEMES["default"])
    text = resource_path("styles", name).read_text(encoding="utf-8")
    for token, factor in FONT_TOKENS.items():
        text = text.replace(token, f"{body_pt * factor:.1f}pt")
    return text


class Appearance:
    """Applies and remembers the theme and the text scale."""

    def __init__(self, app: QApplication, settings: QSettings) -> None:
        self._app = app
        self._settings = settings
        self._base_font = QFont(app.font())
        self.theme = str(settings.value("appearance/theme", "default"))
        if self.theme not in THEMES:
            self.theme = "default"
        try:
            self.scale = float(settings.value("appearance/text_scale", 1.0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.scale = 1.0

    def apply(self) -> None:
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * self.scale)
        self._app.setFont(font)
        body = size * self.scale if size > 0 else 10.0 * self.scale
        self._app.setStyleSheet(style_sheet(self.theme, body))

    def set_theme(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "default"
        self._settings.setValue("appearance/theme", self.theme)
        self.apply()

    def toggle_high_contrast(self) -> None:
        self.set_theme("default" if self.theme == "high_contrast" else "high_contrast")

    def set_scale(self, scale: float) -> None:
        self.scale = min(max(scale, SCALES[0]), SCALES[-1])
        self._settings.setValue("appearance/text_scale", self.scale)
        self.apply()

    def larger(self) -> None:
        bigger = [s for s in SCALES if s > self.scale]
        self.set_scale(bigger[0] if bigger else SCALES[-1])

    def smaller(self) -> None:
        less = [s for s in SCALES if s < self.scale]
        self.set_scale(less[-1] if less else SCALES[0])
