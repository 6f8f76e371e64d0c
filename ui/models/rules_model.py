"""The rules table: one row per rule (its current version) with its statistics."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ui.i18n import _
from ui.models.rows_model import Column, RowsModel
from workstation.services.ruleviews import RuleSummary

_GREY = QColor("#757575")
_RED = QColor("#a40000")


def _period(r: RuleSummary) -> str:
    if r.effective_from is None and r.effective_until is None:
        return _("always")
    since = r.effective_from.isoformat() if r.effective_from else "…"
    until = r.effective_until.isoformat() if r.effective_until else "…"
    return f"{since} – {until}"


COLUMNS: tuple[Column[RuleSummary], ...] = (
    Column("Rule", lambda r: r.name, lambda r: r.name.casefold()),
    Column("Version", lambda r: f"v{r.version}", lambda r: r.version, "Edits make new versions"),
    Column(
        "Enabled",
        lambda r: _("yes") if r.enabled else (_("no — not valid") if r.problems else _("no")),
        lambda r: r.enabled,
        "Only enabled rules screen travellers",
    ),
    Column("Weight", lambda r: str(r.weight), lambda r: r.weight, "Added to the risk score"),
    Column("Owner", lambda r: r.owner, lambda r: r.owner.casefold()),
    Column("In force", _period, lambda r: (r.effective_from or "", r.effective_until or "")),
    Column("Hits", lambda r: str(r.statistics.hits), lambda r: r.statistics.hits,
           "Hits put to review, all versions"),
    Column("Open", lambda r: str(r.statistics.open), lambda r: r.statistics.open),
    Column("Confirmed", lambda r: str(r.statistics.confirmed), lambda r: r.statistics.confirmed),
    Column("Dismissed", lambda r: str(r.statistics.dismissed), lambda r: r.statistics.dismissed),
    Column("Held back", lambda r: str(r.statistics.held_back), lambda r: r.statistics.held_back,
           "Hits withheld by the runaway guard: the rule hit too many travellers of a flight"),
    Column("Description", lambda r: r.description, lambda r: r.description.casefold()),
)  # fmt: skip


class RulesModel(RowsModel[RuleSummary]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def style(self, row: RuleSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.problems and column == 2:
                return QBrush(_RED)
            if not row.enabled:
                return QBrush(_GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.problems:
                return "\n".join(row.problems)
            return row.rationale or None
        numeric = column in (1, 3) or 6 <= column <= 10
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
