"""Every keyboard shortcut of the window, read from its actions, so the list is never stale."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import _

# Shortcuts that belong to no action (buttons and fields).
EXTRA = (
    ("Alt+Left", "Previous day on the board"),
    ("Alt+Right", "Next day on the board"),
    ("Alt+Home", "Back to today"),
    ("Ctrl+L", "Filter the flight's travellers"),
    ("Ctrl+F", "Search travellers across flights"),
)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    rows: dict[str, str] = {}
    for action in actions:
        key = action.shortcut()
        if not key.isEmpty():
            text = action.text().replace("&", "").rstrip("…")
            rows[key.toString(QKeySequence.SequenceFormat.NativeText)] = text
    for keys, text in EXTRA:
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        rows.setdefault(native, _(text))
    return sorted(rows.items(), key=lambda kv: (len(kv[0]) > 3, kv[0]))


class ShortcutsDialog(QDialog):
    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([_("Keys"), _("Does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for n, (key, text) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(key))
            self.table.setItem(n, 1, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(480, 520)
