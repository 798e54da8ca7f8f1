""" "Export EHE census..." from the menu: ask the census date and where to save, then build the
CSV on the task runner and write it only where the officer chose."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from oxfield.errors import ValidationError
from oxfield.exports.ehe_census import export_census
from oxfield.services.vaults import Vault
from ui.ehe.dates import parse_day
from ui.messages import message_for
from ui.tasks import TaskRunner


class CensusExporter(QObject):
    sig_exported = Signal(str)
    sig_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        vault: Callable[[], Vault | None],
        officer: str,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._vault, self._officer, self._today = runner, vault, officer, today
        self._parent = parent
        self.action = QAction("Export EHE census...", parent)
        self.action.setToolTip("Write the DfE home-education census counts to a CSV file")
        self.action.triggered.connect(self._on_triggered)

    def _on_triggered(self) -> None:
        text, ok = QInputDialog.getText(
            self._parent,
            "EHE census",
            "Census date (dd/mm/yyyy):",
            text=f"{self._today():%d/%m/%Y}",
        )
        if not ok:
            return
        try:
            day = parse_day(text, "Census date")
        except ValidationError as exc:
            self._on_failed(exc)
            return
        assert day is not None
        path, _f = QFileDialog.getSaveFileName(
            self._parent, "Save census as", f"ehe-census-{day:%Y-%m-%d}.csv", "CSV (*.csv)"
        )
        if path:
            self.export_to(day, path)

    def export_to(self, census_date: date, path: str) -> None:
        vault = self._vault()
        if vault is None:
            self.sig_failed.emit("Unlock the vault first.")
            return
        officer, target = self._officer or "officer", Path(path)

        def work(_p: Any) -> str:
            target.write_bytes(export_census(vault, census_date, officer))
            return str(target)

        self._runner.run(
            "export census", work, on_finished=self.sig_exported.emit, on_failed=self._on_failed
        )

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            self.sig_failed.emit(f"Could not save there: {exc.strerror or 'not writable'}.")
        else:
            self.sig_failed.emit(message_for(exc))
