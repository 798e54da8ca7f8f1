"""The visit record's input widgets and the conversion to and from a :class:`VisitRecord`.

Kept apart from the form's behaviour (validation, drafts, signing) so each file has one job.
Every control carries an accessible name, so a screen reader and the tests find it by label.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from oxfield.reports.ehe_inputs import Judgement, Outcome, SuitabilityPart
from oxfield.services.ehe_visit_details import ProviderIn, VisitRecord


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _provider(row: str) -> ProviderIn:
    """ "name, kind, hours": the first part is the name, the last (of three or more) the hours,
    and everything between the kind, commas and all, so nothing typed is dropped."""
    parts = [p.strip() for p in row.split(",")]
    if len(parts) >= 3:
        return ProviderIn(parts[0], ", ".join(parts[1:-1]), parts[-1])
    return ProviderIn(*parts)


def _provider_line(p: ProviderIn) -> str:
    """The inverse of :func:`_provider` (an empty kind keeps its place before the hours)."""
    if p.hours_per_week:
        return f"{p.name}, {p.kind}, {p.hours_per_week}"
    return f"{p.name}, {p.kind}" if p.kind else p.name


class VisitFields(QWidget):
    """The structured record: who, the child, the education, the judgements, safeguarding."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)

        def line(label: str) -> QLineEdit:
            edit = QLineEdit(self)
            edit.setAccessibleName(label)
            form.addRow(f"{label}:", edit)
            return edit

        def text(label: str) -> QPlainTextEdit:
            edit = QPlainTextEdit(self)
            edit.setAccessibleName(label)
            edit.setTabChangesFocus(True)
            # three lines (the style sheet) up to six, in the officer's text size
            edit.setMaximumHeight(6 * edit.fontMetrics().lineSpacing() + 14)
            form.addRow(f"{label}:", edit)
            return edit

        def box(label: str) -> QCheckBox:
            check = QCheckBox(label, self)
            check.setAccessibleName(label)
            form.addRow("", check)
            return check

        self.present = text("Who was present (one per line)")
        self.child_seen = box("Child seen")
        self.not_seen_reason = line("Reason the child was not seen")
        self.child_views = text("The child's views, in their words")
        self.approach = text("Educational approach")
        self.resources = text("Resources used")
        self.time_spent = line("Time spent on education")
        self.providers = text("Other providers and tutors (name, kind, hours per line)")
        self.judgements: dict[SuitabilityPart, QComboBox] = {}
        for part in SuitabilityPart:
            combo = QComboBox(self)
            combo.setAccessibleName(f"Judgement: {part.value}")
            combo.addItem("Not yet judged", None)
            for judgement in Judgement:
                combo.addItem(judgement.value, judgement.name)
            form.addRow(f"{part.value}:", combo)
            self.judgements[part] = combo
        self.safeguarding = box("Safeguarding concern")
        self.referral_reference = line("Referral reference")
        self.no_referral_reason = line("Reason no referral was made")
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("Outcome")
        self.outcome.addItem("Not yet decided", None)
        for outcome in Outcome:
            self.outcome.addItem(outcome.value, outcome.name)
        form.addRow("Outcome:", self.outcome)
        self.outcome_reasons = text("Reasons for the outcome")
        self.notes = text("Notes")

    def inputs(self) -> list[QWidget]:
        return [
            self.present,
            self.child_seen,
            self.not_seen_reason,
            self.child_views,
            self.approach,
            self.resources,
            self.time_spent,
            self.providers,
            *self.judgements.values(),
            self.safeguarding,
            self.referral_reference,
            self.no_referral_reason,
            self.outcome,
            self.outcome_reasons,
            self.notes,
        ]

    def record(self, next_review_on: date | None = None) -> VisitRecord:
        providers = [_provider(row) for row in _lines(self.providers.toPlainText())]
        outcome = self.outcome.currentData()
        return VisitRecord(
            present=_lines(self.present.toPlainText()),
            child_seen=self.child_seen.isChecked(),
            child_not_seen_reason=self.not_seen_reason.text(),
            child_views=self.child_views.toPlainText(),
            approach=self.approach.toPlainText(),
            resources=self.resources.toPlainText(),
            time_spent=self.time_spent.text(),
            providers=tuple(providers),
            judgements={
                part: Judgement[combo.currentData()]
                for part, combo in self.judgements.items()
                if combo.currentData()
            },
            safeguarding_concern=self.safeguarding.isChecked(),
            referral_reference=self.referral_reference.text(),
            no_referral_reason=self.no_referral_reason.text(),
            outcome=Outcome[outcome] if outcome else None,
            outcome_reasons=self.outcome_reasons.toPlainText(),
            notes=self.notes.toPlainText(),
            next_review_on=next_review_on,
        )

    def set_record(self, record: VisitRecord) -> None:
        for widget in self.inputs():
            widget.blockSignals(True)
        self.present.setPlainText("\n".join(record.present))
        self.child_seen.setChecked(record.child_seen)
        self.not_seen_reason.setText(record.child_not_seen_reason)
        self.child_views.setPlainText(record.child_views)
        self.approach.setPlainText(record.approach)
        self.resources.setPlainText(record.resources)
        self.time_spent.setText(record.time_spent)
        self.providers.setPlainText("\n".join(_provider_line(p) for p in record.providers))
        for part, combo in self.judgements.items():
            judgement = record.judgements.get(part)
            combo.setCurrentIndex(max(combo.findData(judgement.name if judgement else None), 0))
        self.safeguarding.setChecked(record.safeguarding_concern)
        self.referral_reference.setText(record.referral_reference)
        self.no_referral_reason.setText(record.no_referral_reason)
        out = record.outcome
        self.outcome.setCurrentIndex(max(self.outcome.findData(out.name if out else None), 0))
        self.outcome_reasons.setPlainText(record.outcome_reasons)
        self.notes.setPlainText(record.notes)
        for widget in self.inputs():
            widget.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)

    def connect_changed(self, slot: object) -> None:
        for widget in self.inputs():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.textChanged.connect(slot)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(slot)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(slot)
