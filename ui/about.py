"""The About box: version, the Open Government Licence attribution, third-party licences.

The content comes from ``resources/licences/third_party.json`` so that the list is kept in one
place (the README of that folder says when to update it), followed by every licence text this
copy ships, each a link that opens it (``ui.licence_files``: the bundle's index, or the installed
packages' metadata when run from source). :func:`about_html` builds the text without Qt so the
command line and tests can use it too.
"""

from __future__ import annotations

import html
import json
import platform
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from oxfield import __version__
from oxfield.resources import resource_path
from ui import licence_files

LICENCES_FILE = ("licences", "third_party.json")


def load_licences(path: Path | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (path or resource_path(*LICENCES_FILE)).read_text(encoding="utf-8")
    )
    return data


def _rows(items: list[dict[str, str]], *keys: str) -> str:
    lines = []
    for item in items:
        cells = "".join(f"<td>{html.escape(item.get(k, ''))}</td>" for k in keys)
        lines.append(f"<tr>{cells}</tr>")
    return "<table cellpadding='3'>" + "".join(lines) + "</table>"


Shipped = tuple[list[dict[str, Any]], Path | None]


def licence_texts_html(shipped: Shipped) -> str:
    """One row per package: name and version, declared licence, a link to each licence text."""
    entries, base = shipped
    lines = []
    for entry in entries:
        links = []
        for name in entry["files"]:
            path = (base / name) if base is not None else Path(name)
            label = html.escape(Path(name).name)
            links.append(
                f"<a href='{html.escape(path.as_uri())}'>{label}</a>"
                if path.is_file()
                else f"{label} (missing)"
            )
        cells = (
            html.escape(f"{entry['package']} {entry['version']}"),
            html.escape(entry["licence"]),
            ", ".join(links) or "no licence file in its metadata",
        )
        lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "<table cellpadding='3'>" + "".join(lines) + "</table>"


def about_html(licences: dict[str, Any] | None = None, shipped: Shipped | None = None) -> str:
    """The About text as simple HTML (QTextBrowser's subset)."""
    data = licences or load_licences()
    texts = shipped or licence_files.shipped()
    ogl = data["ogl"]
    return (
        f"<h2>OxField {html.escape(__version__)}</h2>"
        "<p>The field tool of Oxfordshire County Council's County Attendance Team.</p>"
        f"<p>Qt {html.escape(qVersion())}, PySide6 {html.escape(pyside_version)}, "
        f"Python {html.escape(platform.python_version())}</p>"
        "<h3>Public data</h3>"
        f"<p>{html.escape(ogl['attribution'])} "
        f"<a href='{html.escape(ogl['url'])}'>Open Government Licence v3.0</a></p>"
        + _rows(data["data"], "name", "source")
        + "<h3>Third-party software</h3>"
        + _rows(data["software"], "name", "licence", "use")
        + "<h3>Fonts in PDFs</h3>"
        + _rows(data["fonts"], "name", "licence")
        + f"<p>{html.escape(data['note'])}</p>"
        + "<h3>Licence texts</h3>"
        "<p>The full text of each licence that comes with this copy of OxField. Qt and PySide6 "
        "are used under the GNU LGPL v3, which incorporates the GNU GPL v3: both texts follow.</p>"
        + licence_texts_html(texts)
    )


class AboutDialog(QDialog):
    """The About box (toolbar button, F1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About OxField")
        self.setAccessibleName("About OxField")
        self.resize(640, 560)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Version, data attribution and licences")
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(about_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None = None) -> None:
    AboutDialog(parent).exec()
