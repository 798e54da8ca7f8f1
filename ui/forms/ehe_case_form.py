"""The EHE case edit form: the generic record form over the ``ehe_case`` spec.

The spec (``oxfield.services.record_forms.specs.EHE_CASE``) holds the child's names, date of
birth and UPN with the case's status, next review and safeguarding flag; drafts are kept under
the form name ``ehe_case`` and the case's id, which the Today view's unfinished edits open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from oxfield.services.record_forms.specs import EHE_CASE
from ui.forms.record_form import AUTOSAVE_MS, RecordForm
from ui.tasks import TaskRunner

FORM_NAME = EHE_CASE.name


class EheCaseForm(RecordForm):
    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, autosave_ms: int = AUTOSAVE_MS
    ) -> None:
        super().__init__(EHE_CASE, runner, parent, autosave_ms)
        self.setAccessibleName("Edit case")

    @property
    def status_combo(self) -> QComboBox:
        return self.combos["status"]

    @property
    def safeguarding_box(self) -> QCheckBox:
        return self.checks["safeguarding_concern"]
