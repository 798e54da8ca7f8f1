"""The list of a rules check's findings: each finding is a sentence with its regulation, read in
full without scrolling sideways (a narrow form at 1366x768 cut them off mid-citation)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QWidget


def findings_list(parent: QWidget, accessible_name: str) -> QListWidget:
    findings = QListWidget(parent)
    findings.setAccessibleName(accessible_name)
    findings.setWordWrap(True)
    findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    findings.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
    return findings
