"""Licence texts are found from the installed distributions' metadata (ui/licence_files.py).

The real installed packages are the fixture: PySide6 wheels carry no licence file, reportlab and
cryptography declare theirs with License-File, so each path of the collection runs for real.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

import pytest

from oxfield.resources import resource_path
from ui import licence_files
from ui.about import about_html

# The FSF's published texts (gnu.org/licenses/lgpl-3.0.txt and gpl-3.0.txt), byte for byte.
FSF_SHA256 = {
    "LGPL-3.0.txt": "e3a994d82e644b03a792a930f574002658412f62407f5fee083f2555c5f23118",
    "GPL-3.0.txt": "3972dc9744f6499f0f9b2dbf76696f2ae7ad8af9b23dde66d6af86c9dfb36986",
}


def _by_name(found: list[licence_files.PackageLicence]) -> dict[str, licence_files.PackageLicence]:
    return {p.package.lower(): p for p in found}


@pytest.mark.parametrize("name", sorted(FSF_SHA256))
def test_the_full_gnu_texts_are_shipped_verbatim(name: str) -> None:
    data = resource_path("licences", name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == FSF_SHA256[name]


def test_qt_without_licence_files_gets_the_lgpl_and_the_gpl() -> None:
    qt = _by_name(licence_files.collect({"PySide6", "shiboken6"}))
    assert set(qt) == {"pyside6_essentials", "shiboken6"}
    for package in qt.values():
        assert "LGPL-3.0" in package.licence
        assert [f.name for f in package.files] == ["LGPL-3.0.txt", "GPL-3.0.txt"]
        assert all(f.is_file() for f in package.files)


def test_license_file_entries_are_found_in_the_dist_info() -> None:
    found = _by_name(licence_files.collect({"reportlab", "cryptography"}))
    assert set(found) == {"reportlab", "cryptography"}
    crypto = metadata.distribution("cryptography")
    declared = set(crypto.metadata.get_all("License-File") or [])
    assert declared, "the installed cryptography declares its licence files"
    assert {f.name for f in found["cryptography"].files} == declared
    assert found["cryptography"].licence == "Apache-2.0 OR BSD-3-Clause"
    text = found["reportlab"].files[0].read_text(encoding="utf-8", errors="replace")
    assert "ReportLab" in text and ".dist-info" in str(found["reportlab"].files[0])


def test_only_bundled_packages_are_collected_and_oxfield_is_skipped() -> None:
    found = _by_name(licence_files.collect({"reportlab", "ui", "oxfield"}, also=("certifi",)))
    assert set(found) == {"reportlab", "certifi"}
    assert licence_files.collect(set()) == []


def test_bundle_places_and_index_agree() -> None:
    found = licence_files.collect({"PySide6", "sqlalchemy"})
    places = licence_files.bundle_files(found)
    index = licence_files.index(found)
    assert sorted(dest for _, dest in places) == sorted(f for e in index for f in e["files"])
    assert ("licences/PySide6_Essentials/LGPL-3.0.txt") in {dest for _, dest in places}
    for source, _ in places:
        assert Path(source).is_file()
    json.dumps(index)  # what build.spec writes must be plain JSON


def test_from_source_every_runtime_dependency_is_listed_with_its_texts() -> None:
    entries, base = licence_files.shipped()
    assert base is None
    names = {e["package"].lower() for e in entries}
    for needed in ("python", "pyside6_essentials", "sqlalchemy", "reportlab", "sqlcipher3"):
        assert needed in names, needed
    for unwanted in ("pytest", "hypothesis", "mypy", "ruff", "pyinstaller"):
        assert unwanted not in names, unwanted
    assert all(Path(f).is_file() for e in entries for f in e["files"])


def test_the_about_text_links_every_licence_file(tmp_path: Path) -> None:
    (tmp_path / "licences" / "demo").mkdir(parents=True)
    (tmp_path / "licences" / "demo" / "LICENSE").write_text("demo licence", encoding="utf-8")
    entries = [
        {"package": "demo", "version": "1.0", "licence": "MIT", "files": ["licences/demo/LICENSE"]},
        {"package": "gone", "version": "2.0", "licence": "BSD", "files": ["licences/gone/COPYING"]},
        {"package": "bare", "version": "3.0", "licence": "Zlib", "files": []},
    ]
    text = about_html(shipped=(entries, tmp_path))
    assert "<h3>Licence texts</h3>" in text
    uri = (tmp_path / "licences" / "demo" / "LICENSE").as_uri()
    assert f"<a href='{uri}'>LICENSE</a>" in text
    assert "COPYING (missing)" in text
    assert "no licence file in its metadata" in text
    for package in ("demo 1.0", "gone 2.0", "bare 3.0"):
        assert package in text
