"""``oxfield --self-test``: prove that this installation (source tree or bundle) works end to end.

It checks what a missing file or library would break: the rule tables and reference data load,
every shipped font registers, a vault is made in a temporary folder (SQLCipher, key wrapping,
Alembic migrations), a record with an attachment is written, every kind of PDF is rendered and
read back with a text extractor, the vault locks, is unreadable on disk, refuses a wrong
passphrase, unlocks, gives everything back and passes its full integrity check (pages and audit
chain); the folder is then deleted. The desktop adds its own checks (Qt plugins, styles)
through ``extra``, and through ``draw`` draws the first page of each kind of PDF as its preview
does (PDFium), which the core cannot import. The caller prints the results.

The text extractor is pypdf, a runtime dependency for this reason: the PDFs embed subset
TrueType fonts, so their text can only be checked through the fonts' Unicode maps, which is what
an extractor does. It is pure Python and small, and it proves the fonts in the bundle are the
ones the text needs.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from oxfield import __version__
from oxfield.resources import resources_root
from oxfield.selftest.checks import CheckResult, Checks, Reporter, SelfTestFailedError, expect
from oxfield.selftest.documents import document_modules, maker_for
from oxfield.selftest.vault_steps import VaultRun

__all__ = ["CheckResult", "Checks", "PageDrawer", "Reporter", "run_self_test"]

RULE_TABLES = ("performance", "employment", "ehe_cme", "attendance")
MARKING = "OFFICIAL-SENSITIVE"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _rule_tables() -> str:
    from oxfield.rules.tables import load_table

    for name in RULE_TABLES:
        load_table(name)
    return f"{len(RULE_TABLES)} tables load and validate ({', '.join(RULE_TABLES)})"


def _fonts() -> str:
    from oxfield.reports.fonts import FACES, register_fonts

    fonts = register_fonts()
    expect(len(fonts.names) == len(FACES), "not every font face registered")
    return f"{len(FACES)} font families registered from {resources_root().name}/fonts"


def _read_pdf(pdf: bytes, phrases: Sequence[str]) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() or "" for page in reader.pages]
    text = _norm(" ".join(pages))
    expect(bool(pages), "the PDF has no pages")
    expect(MARKING in text, f"{MARKING} is missing")
    expect(f"Page 1 of {len(pages)}" in text, "page numbering is missing")
    missing = [p for p in phrases if _norm(p) not in text]
    expect(not missing, f"{len(missing)} expected phrase(s) not read back: {missing!r}")
    return f"{len(pages)} page(s), {len(pdf):,} bytes, {len(phrases)} phrases read back"


#: draws a PDF's first page and says what it saw, raising if the page came out blank
PageDrawer = Callable[[bytes], str]


def _document_check(module: str, draw: PageDrawer | None) -> Callable[[], str]:
    def check() -> str:
        make = maker_for(module)
        if make is None:
            raise AssertionError(
                f"no self-test example for {module}: add one in oxfield/selftest/documents.py "
                "or a selftest_example() in the module"
            )
        example = make()
        detail = f"{example.title}: {_read_pdf(example.pdf, example.phrases)}"
        return detail if draw is None else f"{detail}; {draw(example.pdf)}"

    return check


def _documents(checks: Checks, draw: PageDrawer | None) -> None:
    modules: list[str] = []

    def find() -> str:
        modules.extend(document_modules())
        expect(bool(modules), "no document modules found in oxfield.reports")
        return ", ".join(m.rsplit(".", 1)[1] for m in modules)

    checks.run("PDF kinds", find, required=True)
    for module in modules:
        checks.run(f"PDF {module.rsplit('.', 1)[1]}", _document_check(module, draw))


def run_self_test(
    report: Reporter,
    *,
    extra: Sequence[tuple[str, Callable[[], str]]] = (),
    draw: PageDrawer | None = None,
    workdir: Path | None = None,
) -> bool:
    """Run every check, reporting each as it finishes; True when all passed.

    ``draw``, when given, is called with each kind of PDF after its text is read back.
    """
    checks = Checks(report)
    folder = Path(tempfile.mkdtemp(prefix="oxfield-selftest-", dir=workdir))
    run = VaultRun(folder)
    try:
        checks.run("version", lambda: f"oxfield {__version__}, resources at {resources_root()}")
        checks.run("rule tables", _rule_tables)
        checks.run("fonts", _fonts)
        for name, check in extra:
            checks.run(name, check)
        _documents(checks, draw)
        checks.run("vault create", run.create, required=True)
        checks.run("write record", run.write_record, required=True)
        checks.run("reference data", run.import_schools)
        checks.run("lock", run.lock, required=True)
        checks.run("encrypted on disk", run.on_disk_encrypted)
        checks.run("wrong passphrase", run.wrong_passphrase)
        checks.run("unlock", run.unlock, required=True)
        checks.run("read back", run.read_back)
        checks.run("integrity", run.integrity)
        checks.run("lock again", run.lock)
    except SelfTestFailedError:
        pass
    finally:
        run.close()
        shutil.rmtree(folder, ignore_errors=True)
    checks.run("clean up", lambda: _gone(folder))
    return checks.passed


def _gone(folder: Path) -> str:
    expect(not folder.exists(), f"{folder} is still there")
    return "temporary folder deleted"
