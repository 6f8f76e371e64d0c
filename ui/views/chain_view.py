"""The auditor's checks: verify the audit chain, and the retention status when there is one.

The verdict is the service's own words (:meth:`ChainCheck.describe`), red when the chain is
broken: an auditor reads the event number where it breaks and why.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.errors import call_service
from ui.i18n import _
from workstation.db.store import Store
from workstation.services.audit import ChainCheck, chain_head, verify_chain
from workstation.services.views import Actor

OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: white; background: #b71c1c; font-weight: bold; padding: 6px;"


def check_chain(store: Store, actor: Actor) -> ChainCheck:
    """Verify against the head kept outside the store when the store keeps one."""
    anchor_file = getattr(store, "anchor", None)
    anchor = anchor_file.read() if anchor_file is not None else None
    return verify_chain(store, actor, anchor=anchor)


def retention_status_function() -> Callable[[Store, Actor], Any] | None:
    """The retention service's status call, when this version has one."""
    try:
        module = importlib.import_module("workstation.services.retention")
    except ImportError:
        return None
    for name in ("retention_status", "status"):
        fn = getattr(module, name, None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


def describe(value: object) -> str:
    """A status's own words: its ``lines()`` or ``describe()``, else its text."""
    lines = getattr(value, "lines", None)
    if callable(lines):
        return "\n".join(str(line) for line in lines())
    text = getattr(value, "describe", None)
    return str(text()) if callable(text) else str(value)


def _label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ChainView(QWidget):
    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.last: ChainCheck | None = None
        self.verify_button = QPushButton(_("Verify chain"))
        self.head = _label()
        self.verdict = _label()
        self.retention = _label()
        chain = QGroupBox(_("Audit chain"))
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.head, 1)
        inner = QVBoxLayout(chain)
        inner.addLayout(row)
        inner.addWidget(self.verdict)
        kept = QGroupBox(_("Retention"))
        QVBoxLayout(kept).addWidget(self.retention)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(chain)
        layout.addWidget(kept)
        self.verify_button.clicked.connect(self.verify)

    @Slot()
    def refresh(self) -> None:
        head = call_service(self, chain_head, self.store)
        self.head.setText(head.describe() if head is not None else "")
        status = retention_status_function()
        if status is None:
            self.retention.setText(_("This version has no retention service yet."))
            return
        value = call_service(self, status, self.store, self.actor)
        self.retention.setText(describe(value) if value is not None else "")

    @Slot()
    def verify(self) -> ChainCheck | None:
        check = call_service(self, check_chain, self.store, self.actor)
        if check is None:
            return None
        self.last = check
        self.verdict.setText(check.describe())
        self.verdict.setStyleSheet(OK_STYLE if check.ok else BROKEN_STYLE)
        self.head.setText(_("Checked: {head}").format(head=check.report.head.describe()))
        return check
