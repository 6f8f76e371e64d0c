"""The look shared by the data tables: whole-row selection, compact rows, no row numbers."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView


def compact_table(*, stretch_last: bool = True) -> QTableView:
    """A table whose columns fit their contents; the last one takes the free width if asked."""
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    # A scroll bar that comes and goes would steal width from the fitted columns.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    rows = table.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_last)
    header.setHighlightSections(False)
    return table


def add_column_chooser(table: QTableView) -> None:
    """Right-click on the header to show or hide columns (the first one always stays)."""
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(at: QPoint) -> None:
        model = table.model()
        chooser = QMenu(table)
        for column in range(1, model.columnCount()):
            action = chooser.addAction(
                str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            )
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        chooser.exec(header.mapToGlobal(at))

    header.customContextMenuRequested.connect(menu)
