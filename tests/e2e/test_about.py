"""The About box: version, the OGL attribution and every third-party entry."""

from __future__ import annotations

from typing import Any

from oxfield import __version__
from ui.about import AboutDialog, about_html, load_licences


def test_about_names_version_attribution_and_each_licence() -> None:
    data = load_licences()
    text = about_html(data)
    assert f"OxField {__version__}" in text
    assert "Contains public sector information licensed under the Open Government Licence v3.0" in (
        text
    )
    for group in ("software", "fonts", "data"):
        assert data[group], group
        for item in data[group]:
            assert item["name"].replace("&", "&amp;") in text, item["name"]


def test_font_licence_files_exist() -> None:
    from oxfield.resources import resource_path

    for font in load_licences()["fonts"]:
        assert resource_path(*font["file"].split("/")).is_file(), font["file"]


def test_dialog_shows_it(qtbot: Any) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    plain = dialog.text.toPlainText()
    assert __version__ in plain
    assert "Open Government Licence" in plain
    assert "LGPL-3.0-only" in plain
    assert "Licence texts" in plain
    assert "LGPL-3.0.txt" in plain and "GPL-3.0.txt" in plain
    assert dialog.accessibleName() == "About OxField"
