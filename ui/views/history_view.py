"""What was decided and done about a traveller: decisions on the hit, interdictions recorded.

Interdictions show their history: every edit, who made it, when, and the values it replaced.
Double-click (or Enter on) an interdiction to correct it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.i18n import _
from workstation.services.views import DecisionView, InterdictionRevisionView, InterdictionView
from workstation.services.vocabulary import (
    AGENCIES,
    COMMODITIES,
    CONCEALMENTS,
    CONTROL_POINTS,
    OUTCOMES,
)


def _when(at: datetime) -> str:
    return at.strftime("%d.%m.%Y %H:%M UTC")


def _label(code: str | None, labels: dict[str, str]) -> str:
    return _(labels.get(code, code)) if code else ""


def decision_text(d: DecisionView) -> str:
    verdict = {
        "confirmed": _("confirmed, flagged for control"),
        "escalated": _("escalated to a supervisor"),
    }.get(d.decision, _(d.decision))
    parts = [_when(d.decided_at), d.username, verdict]
    if d.control_point:
        parts.append(_label(d.control_point, CONTROL_POINTS))
    if d.reason:
        parts.append(f"“{d.reason}”")
    return " · ".join(parts)


def quantity_text(i: InterdictionView) -> str:
    if i.quantity is None:
        return ""
    return f"{i.quantity.normalize():f} {i.unit or ''}".strip()


def interdiction_text(i: InterdictionView) -> str:
    parts = [_when(i.recorded_at), i.username, _label(i.outcome, OUTCOMES)]
    goods = " ".join(p for p in (_label(i.commodity, COMMODITIES), quantity_text(i)) if p)
    if goods:
        parts.append(goods)
    if i.concealment:
        parts.append(_label(i.concealment, CONCEALMENTS))
    if i.agencies:
        parts.append(", ".join(_label(a, AGENCIES) for a in i.agencies))
    if i.arrest and i.outcome != "arrest":
        parts.append(_("arrest"))
    if i.case_reference:
        parts.append(_("case {ref}").format(ref=i.case_reference))
    if i.notes:
        parts.append(f"“{i.notes}”")
    return " · ".join(parts)


def _list() -> QListWidget:
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    return widget


def revision_text(r: InterdictionRevisionView) -> str:
    return _("   edited {when} by {user}; before: {before}").format(
        when=_when(r.revised_at), user=r.username, before=interdiction_text(r.previous)
    )


class HistoryView(QWidget):
    edit_requested = Signal(int)  # an interdiction's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decisions = _list()
        self.interdictions = _list()
        self.decisions_title = QLabel(_("Decisions on this hit"))
        self.interdictions_title = QLabel(_("Interdictions of this traveller"))
        for title in (self.decisions_title, self.interdictions_title):
            title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.decisions_title)
        layout.addWidget(self.decisions, 1)
        layout.addWidget(self.interdictions_title)
        layout.addWidget(self.interdictions, 1)
        self.interdictions.itemActivated.connect(self._on_interdictions_item_activated)

    def show_history(
        self, decisions: Sequence[DecisionView], interdictions: Sequence[InterdictionView]
    ) -> None:
        self.decisions.clear()
        self.decisions.addItems([decision_text(d) for d in decisions] or [_("None yet.")])
        self.interdictions.clear()
        if not interdictions:
            self.interdictions.addItem(_("None recorded."))
        for i in interdictions:
            item = QListWidgetItem(interdiction_text(i))
            item.setData(Qt.ItemDataRole.UserRole, i.id)
            if i.revisions:
                item.setToolTip(_("Edited {n} time(s)").format(n=len(i.revisions)))
            self.interdictions.addItem(item)
            for r in i.revisions:
                old = QListWidgetItem(revision_text(r))
                old.setData(Qt.ItemDataRole.UserRole, i.id)
                old.setForeground(QColor("#6d6d6d"))
                self.interdictions.addItem(old)

    def selected_interdiction_id(self) -> int | None:
        item = self.interdictions.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    @Slot(QListWidgetItem)
    def _on_interdictions_item_activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value is not None:
            self.edit_requested.emit(int(value))

    def clear(self) -> None:
        self.decisions.clear()
        self.interdictions.clear()
